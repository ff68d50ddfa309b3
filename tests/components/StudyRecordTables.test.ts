import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import StudyRecordTable from '@/components/study/StudyRecordTable.vue'
import StudyPendingList from '@/components/study/StudyPendingList.vue'
import type { StudyRecord } from '@/domain/types'
import { mountWithApp } from './mount'

const record = (partial: Partial<StudyRecord>): StudyRecord => ({
  id: 'r1',
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  memberId: 'm1',
  orgId: 'o1',
  studiedOn: '2026-03-01',
  kind: 'self',
  topic: '学习党章',
  hours: 2,
  place: '活动室',
  note: '读书笔记',
  confirmed: 'no',
  meetingId: '',
  ...partial,
})
const names = new Map([['m1', '王芳']])

afterEach(() => {
  document.body.innerHTML = ''
})

/** Header cells and the first row's cells, as the user reads them. */
function read(wrapper: { findAll(selector: string): { text(): string }[] }) {
  const headers = wrapper.findAll('.el-table__header th').map((th) => th.text())
  const cells = wrapper.findAll('.el-table__body tr:first-child td').map((td) => td.text())
  return { headers, cells }
}

describe('study record tables', () => {
  it('the records table: the shared columns in order, then place, status and actions', async () => {
    const wrapper = mountWithApp(StudyRecordTable, {
      props: { rows: [record({ confirmed: 'yes' })], loading: false, names },
      attachTo: document.body,
    })
    await flushPromises()
    const { headers, cells } = read(wrapper)
    expect(headers.slice(0, 5)).toEqual(['学习日期', '党员', '学习形式', '学习内容', '学时'])
    expect(headers).toHaveLength(8)
    expect(cells.slice(0, 6)).toEqual(['2026-03-01', '王芳', '自学', '学习党章', '2', '活动室'])
    expect(cells[6]).toBe('已确认')
  })

  it('the pending list: the same leading columns, then the note and 确认', async () => {
    const wrapper = mountWithApp(StudyPendingList, {
      props: { rows: [record({})], loading: false, saving: false, names },
      attachTo: document.body,
    })
    await flushPromises()
    const { headers, cells } = read(wrapper)
    expect(headers.slice(0, 5)).toEqual(['学习日期', '党员', '学习形式', '学习内容', '学时'])
    expect(cells[1]).toBe('王芳')
    expect(cells[5]).toBe('读书笔记')
  })
})
