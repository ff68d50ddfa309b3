import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import RecycleBinCard from '@/components/data/RecycleBinCard.vue'
import { useHistoryLabels, useRecycleBinActions } from '@/composables/useHistory'
import {
  countRecycleBin,
  createArea,
  listRecentAudit,
  replaceAllRecords,
  setSnapshotChunkRows,
} from '@/db'
import { getDb } from '@/db/connection'
import { removeRecord } from '@/db/records'
import type { RecycleEntry } from '@/domain/types'
import { area, useFreshDb } from '../db/helpers'
import { mountWithApp } from './mount'

const box = vi.hoisted(() => ({ confirms: [] as string[], answer: true }))
const shown = vi.hoisted(() => ({ success: [] as unknown[], error: [] as unknown[] }))
vi.mock('element-plus', async (original) => ({
  ...(await original<typeof import('element-plus')>()),
  ElMessageBox: {
    confirm: (message: string) => {
      box.confirms.push(message)
      return box.answer ? Promise.resolve('confirm') : Promise.reject('cancel')
    },
  },
  ElMessage: {
    success: (message: unknown) => shown.success.push(message),
    error: (message: unknown) => shown.error.push(message),
  },
}))

useFreshDb()
beforeEach(() => {
  setSnapshotChunkRows(2)
  box.confirms = []
  box.answer = true
  shown.success = []
  shown.error = []
})
afterEach(() => setSnapshotChunkRows())

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A snapshot of 3 areas (in two pieces) and one deleted area: the bin lists 2 entries. */
async function fillBin(): Promise<void> {
  for (const name of ['甲市', '乙市', '丙市']) await createArea(area({ name, code: '' }))
  await replaceAllRecords({}, 'clear', 'clear', 'clear')
  const doomed = await createArea(area({ name: '待删地区', code: '' }))
  await removeRecord('areas', doomed.id, doomed.name)
}

async function mountCard() {
  const wrapper = mountWithApp(RecycleBinCard)
  const rows = () => wrapper.findAll('[data-testid="recycle-bin"] .el-table__body tr')
  await until(() => rows().length === 2)
  return { wrapper, rows, count: () => wrapper.get('[data-testid="recycle-count"]').text() }
}

describe('RecycleBinCard', () => {
  it('purges a snapshot after a confirmation naming its size; the row and the count go', async () => {
    await fillBin()
    const { wrapper, rows, count } = await mountCard()
    expect(count()).toBe('共 2 项')
    const snapshotRow = rows().findIndex((row) => row.text().includes('清空前的全部数据'))
    await wrapper.findAll('[data-testid="purge"]')[snapshotRow]!.trigger('click')
    await until(() => rows().length === 1)

    expect(box.confirms).toEqual(['彻底删除“清空前的全部数据”（共 3 条记录）？删除后无法恢复。'])
    expect(rows()[0]!.text()).toContain('待删地区')
    expect(count()).toBe('共 1 项')
    expect(shown.success).toEqual(['已彻底删除'])
    // The snapshot's pieces went with it: only the deleted record is left in the store.
    expect(await getDb().recycleBin.count()).toBe(1)
    wrapper.unmount()
  })

  it('keeps the entry when the confirmation is cancelled', async () => {
    await fillBin()
    const { wrapper, rows } = await mountCard()
    box.answer = false
    const recordRow = rows().findIndex((row) => row.text().includes('待删地区'))
    await wrapper.findAll('[data-testid="purge"]')[recordRow]!.trigger('click')
    await flushPromises()
    expect(box.confirms).toEqual(['彻底删除“待删地区”？删除后无法恢复。'])
    expect(await countRecycleBin()).toBe(2)
    expect(shown.success).toEqual([])
    wrapper.unmount()
  })

  it('empties the whole bin after a confirmation naming the count', async () => {
    await fillBin()
    const { wrapper, rows, count } = await mountCard()
    await wrapper.get('[data-testid="recycle-empty"]').trigger('click')
    await until(() => rows().length === 0)

    expect(box.confirms[0]).toContain('全部 2 项')
    expect(box.confirms[0]).toContain('无法恢复')
    expect(count()).toBe('共 0 项')
    expect(wrapper.get('[data-testid="recycle-empty"]').attributes('disabled')).toBeDefined()
    expect(shown.success).toEqual(['回收站已清空，彻底删除了 2 项'])
    expect(await getDb().recycleBin.count()).toBe(0)
    wrapper.unmount()
  })
})

/** Run a composable inside a mounted component (it needs i18n). */
function inSetup<T>(use: () => T): T {
  let result!: T
  mountWithApp(
    defineComponent({
      setup() {
        result = use()
        return () => null
      },
    }),
  )
  return result
}

describe('useRecycleBinActions and useHistoryLabels', () => {
  it('says in words that an entry is no longer in the bin', async () => {
    const writes = inSetup(useRecycleBinActions)
    const gone = { id: 'already-purged', table: 'areas', label: '某地区' } as RecycleEntry
    expect(await writes.purge(gone)).toBe(false)
    expect(shown.error).toEqual(['这一项已不在回收站中（可能已在另一个窗口恢复或删除）。'])
    expect(shown.success).toEqual([])
  })

  it('shows purge and empty audit entries in words', async () => {
    await fillBin()
    const writes = inSetup(useRecycleBinActions)
    const labels = inSetup(useHistoryLabels)
    const [head] = await getDb().recycleBin.where('table').equals('*snapshot').toArray()
    await writes.purge(head!)
    expect(labels.auditSummary((await listRecentAudit(1))[0]!)).toBe('彻底删除：清空前的全部数据')
    await writes.empty()
    expect(labels.auditSummary((await listRecentAudit(1))[0]!)).toBe('清空回收站（1 项）')
    // Other whole-database actions still read as their action.
    const clear = (await getDb().auditLog.toArray()).find((entry) => entry.action === 'clear')
    expect(labels.auditSummary(clear!)).toBe('清空数据')
  })
})
