import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { createArea, createMember, createOrg, studyHoursOfMember } from '@/db'
import { getDb } from '@/db/connection'
import { matchSheetValue } from '@/domain/sheetValues'
import { checkImport, detectHeader, openImportFile, writeImport } from '@/services/spreadsheet'
import type { SheetData } from '@/services/spreadsheet/cells'
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
    const header = detectHeader('study', data)
    expect(header?.rowIndex).toBe(1)
    expect(header?.mapping).toMatchObject({ name: 1, studiedOn: 2, hours: 3, topic: 4, kind: 5 })
  })

  it.each([
    ['党课', 'lesson'],
    ['self', 'self'],
    ['学习强国', 'online'],
    ['积分', null],
  ])('kind %s → %s', (text, kind) => {
    expect(matchSheetValue('studyKind', text)?.code ?? null).toBe(kind)
  })
})

describe('study sheet import', () => {
  useFreshDb()

  async function workbook(
    rows: (string | number | Date)[][],
    headers?: string[],
  ): Promise<ArrayBuffer> {
    const book = new ExcelJS.Workbook()
    const ws = book.addWorksheet('学习')
    ws.addRow(headers ?? ['姓名', '身份证号', '日期', '学时', '内容'])
    for (const row of rows) ws.addRow(row)
    return new Uint8Array(await book.xlsx.writeBuffer()).slice().buffer
  }

  async function check(orgId: string, data: ArrayBuffer) {
    const file = await openImportFile('study', data)
    return checkImport(file, file.header.mapping, () => {}, {}, { orgId })
  }

  it('lists bad rows by Excel row, writes the good ones, and a second import doubles nothing', async () => {
    const city = await createArea(area())
    const o = await createOrg(org(city.id))
    const m = await createMember(member(o.id, { name: '王芳' }))
    const bad = await check(
      o.id,
      await workbook([
        ['王芳', '', '2026-03-01', 2, '学习党章'],
        ['张三', '', '2026-03-01', 2, '学习党章'],
        ['王芳', '', '2026年3月', 2, '学习条例'],
        ['王芳', '', '2026-03-03', '两', '学习条例'],
      ]),
    )
    expect(bad.parsed.problems.map((p) => `${p.row}:${p.field}:${p.code}`)).toEqual([
      '3:name:notFound',
      '4:studiedOn:monthOnly',
      '5:hours:type',
    ])
    expect(bad.parsed.valid).toHaveLength(1)
    await writeImport(bad, 'validRows')
    expect((await studyHoursOfMember(m.id, 2026)).confirmedHours).toBe(2)

    const data = await workbook([
      ['', member(o.id).idNumber, new Date(Date.UTC(2026, 2, 1)), 2, '学习党章'],
      ['王芳', '', '2026/3/2', 1.5, '学习条例'],
    ])
    const good = await check(o.id, data)
    expect(good.parsed.valid.map((row) => row.action)).toEqual(['unchanged', 'create'])
    expect(await writeImport(good, 'validRows')).toEqual({ created: 1, updated: 0, unchanged: 1 })
    expect((await studyHoursOfMember(m.id, 2026)).confirmedHours).toBe(3.5)
    const again = await check(o.id, data)
    expect(again.parsed.valid.map((row) => row.action)).toEqual(['unchanged', 'unchanged'])
    expect(await getDb().studyRecords.count()).toBe(2)
  })

  it('changes only the mapped columns of a record already there, and names the unknown kind', async () => {
    const city = await createArea(area())
    const o = await createOrg(org(city.id))
    const m = await createMember(member(o.id, { name: '王芳' }))
    const first = await check(
      o.id,
      await workbook(
        [['王芳', '2026-03-01', 2, '学习党章', '党课', '党员活动室']],
        ['姓名', '日期', '学时', '内容', '形式', '地点'],
      ),
    )
    await writeImport(first, 'validRows')
    // A sheet of hours only: the kind and place stay.
    const second = await check(
      o.id,
      await workbook([['王芳', '2026-03-01', 3, '学习党章']], ['姓名', '日期', '学时', '内容']),
    )
    expect(second.parsed.valid[0]?.changes).toEqual([{ field: 'hours', from: '2', to: '3' }])
    await writeImport(second, 'validRows')
    const [record] = await getDb().studyRecords.where('memberId').equals(m.id).toArray()
    expect(record).toMatchObject({ hours: 3, kind: 'lesson', place: '党员活动室' })
    const unknown = await check(
      o.id,
      await workbook(
        [['王芳', '2026-03-05', 1, '学习条例', '打卡']],
        ['姓名', '日期', '学时', '内容', '形式'],
      ),
    )
    expect(unknown.parsed.problems[0]).toMatchObject({
      row: 2,
      field: 'kind',
      code: 'unknownValue',
      params: { value: '打卡', allowed: '集中学习、党课、专题培训、自学、线上学习、其他' },
    })
  })
})
