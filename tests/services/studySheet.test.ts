import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { createArea, createMember, createOrg, studyHoursOfMember } from '@/db'
import type { SheetData } from '@/services/spreadsheet/cells'
import { importStudyFile } from '@/services/spreadsheet/studyFlow'
import { detectStudyHeader, parseStudyKind, parseStudyRows } from '@/services/spreadsheet/studyRows'
import { area, member, org, useFreshDb } from '../db/helpers'

const sheet = (rows: (string | number | Date | null)[][]): SheetData => ({
  rows: rows.map((cells, index) => ({ number: index + 1, cells })),
})

describe('study sheet header', () => {
  it('finds a header under a title row, by synonyms', () => {
    const data = sheet([
      ['2026年党员学习台账'],
      ['序号', '党员姓名', '学习时间', '学时数', '学习内容', '学习形式'],
      [1, '王芳', '2026/3/5', 2, '学习党章', '自学'],
    ])
    expect(detectStudyHeader(data)).toEqual({
      rowIndex: 1,
      columns: { name: 1, studiedOn: 2, hours: 3, topic: 4, kind: 5 },
    })
  })

  it('needs a person column, a date, hours and a topic', () => {
    expect(detectStudyHeader(sheet([['姓名', '日期', '学时']]))).toBeNull()
    expect(detectStudyHeader(sheet([['身份证号', '日期', '学时', '内容']]))?.rowIndex).toBe(0)
  })
})

describe('study sheet rows', () => {
  it('reads dates, numbers and kinds, with the Excel row number', () => {
    const data = sheet([
      ['姓名', '日期', '学时', '内容', '形式'],
      ['王芳', '2026年3月5日', '2.5', '学习党章', '线上学习'],
      [null, null, null, null, null],
      ['李强', new Date(Date.UTC(2026, 2, 6)), '两', '学习条例', '打卡'],
    ])
    const header = detectStudyHeader(data)!
    const { rows, problems } = parseStudyRows(data, header)
    expect(rows.map((r) => [r.row, r.name, r.studiedOn, r.hours, r.kind])).toEqual([
      [2, '王芳', '2026-03-05', 2.5, 'online'],
      [4, '李强', '2026-03-06', Number.NaN, 'other'],
    ])
    expect(problems).toEqual([
      { row: 4, field: 'hours', code: 'type' },
      { row: 4, field: 'kind', code: 'oneOf' },
    ])
  })

  it.each([
    ['', 'collective'],
    ['党课', 'lesson'],
    ['self', 'self'],
    ['积分', null],
  ])('kind %s → %s', (text, kind) => {
    expect(parseStudyKind(text)).toBe(kind)
  })
})

describe('study sheet import', () => {
  useFreshDb()

  async function workbook(rows: (string | number)[][]): Promise<Blob> {
    const book = new ExcelJS.Workbook()
    const ws = book.addWorksheet('学习')
    ws.addRow(['姓名', '身份证号', '日期', '学时', '内容'])
    for (const row of rows) ws.addRow(row)
    return new Blob([await book.xlsx.writeBuffer()])
  }

  it('writes all rows, or reports the bad ones by Excel row and writes none', async () => {
    const city = await createArea(area())
    const o = await createOrg(org(city.id))
    const m = await createMember(member(o.id, { name: '王芳' }))
    const bad = await importStudyFile(
      o.id,
      await workbook([
        ['王芳', '', '2026-03-01', 2, '学习党章'],
        ['张三', '', '2026-03-01', 2, '学习党章'],
      ]),
    )
    expect(bad).toMatchObject({
      ok: false,
      problems: [{ row: 3, field: 'name', code: 'notFound' }],
    })
    expect((await studyHoursOfMember(m.id, 2026)).confirmedHours).toBe(0)
    const good = await importStudyFile(
      o.id,
      await workbook([
        ['', '11010519491231002X', '2026-03-01', 2, '学习党章'],
        ['王芳', '', '2026-03-02', 1.5, '学习条例'],
      ]),
    )
    expect(good).toMatchObject({ ok: true, counts: { created: 2, updated: 0 } })
    expect((await studyHoursOfMember(m.id, 2026)).confirmedHours).toBe(3.5)
  })
})
