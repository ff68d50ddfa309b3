import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg, readMemberYear } from '@/db'
import { birthDateFromIdNumber, genderFromIdNumber } from '@/domain/idNumber'
import { checkImport, openImportFile, writeImport } from '@/services/spreadsheet'
import { area, member, org, useFreshDb } from '../db/helpers'

/** Dues sheets written by other tools (tests/fixtures/import/make_fixtures.py: openpyxl, csv/gbk). */
const FIXTURES = join(__dirname, '../fixtures/import')
const fixture = (name: string): ArrayBuffer =>
  new Uint8Array(readFileSync(join(FIXTURES, name))).slice().buffer

useFreshDb()

// make_fixtures.py DUES_IDS
const IDS = [
  '150202198001011020',
  '15020219751203203X',
  '150202200405063046',
  '150202198803094059',
] as const

async function branch() {
  const a = await createArea(area())
  const o = await createOrg(org(a.id, { name: '一支部' }))
  const people = [
    ['王芳', IDS[0], '2010-07-01'],
    ['李强', IDS[1], '2001-07-01'],
    ['乌云', IDS[2], '2024-07-01'],
    ['韦力', IDS[3], '2012-07-01'],
  ] as const
  const members = []
  for (const [name, idNumber, fullMemberOn] of people) {
    members.push(
      await createMember(
        member(o.id, {
          name,
          idNumber,
          fullMemberOn,
          birthDate: birthDateFromIdNumber(idNumber),
          gender: genderFromIdNumber(idNumber),
        }),
      ),
    )
  }
  return { org: o, members }
}

describe('a dues register written by openpyxl', () => {
  it('finds the header under the title by meaning and reads months, dates and amounts in their forms', async () => {
    const { org: o, members } = await branch()
    const file = await openImportFile('dues', fixture('dues-register.xlsx'))
    expect(file.header.rowNumber).toBe(2)
    const column = (field: string) =>
      file.header.cells.find((cell) => cell.index === file.header.mapping[field])?.text
    expect(column('idNumber')).toBe('公民身份号码')
    expect(column('month')).toBe('交纳月份')
    expect(column('category')).toBe('党员类别')
    expect(column('base')).toBe('月工资收入（元）')
    expect(column('due')).toBe('应缴党费（元）')
    expect(column('paid')).toBe('实缴党费（元）')
    expect(column('paidOn')).toBe('缴纳日期')
    expect(column('receiptNo')).toBe('收据编号')
    const result = await checkImport(file, file.header.mapping, () => {}, {}, { orgId: o.id })
    if (result.kind !== 'dues') throw new Error(result.kind)
    // The ID number kept as a number has lost its last digits: named, not "unknown member".
    expect(result.parsed.problems.map(({ row, field, code }) => `${row}:${field}:${code}`)).toEqual(
      ['7:idNumber:storedAsNumber'],
    )
    expect(result.parsed.warnings).toEqual([])
    expect(await writeImport(result, 'validRows')).toEqual({ created: 4, updated: 0, unchanged: 0 })
    const [wang, li, wu] = members
    expect(
      (await readMemberYear(wang!.id, 2026)).map((r) => [
        r.month,
        r.base,
        r.due,
        r.paidOn,
        r.receiptNo,
      ]),
    ).toEqual([
      // September's base runs on into October, which the sheet gives without one.
      ['2026-09', 600000, 9000, '2026-09-08', 'R-0901'],
      ['2026-10', 600000, 9000, '2026-10-09', 'R-1001'],
    ])
    expect(await readMemberYear(li!.id, 2026)).toMatchObject([
      {
        month: '2026-10',
        category: 'retired',
        base: 400000,
        due: 2000,
        paidOn: '2026-10-12',
        note: '离退休费',
      },
    ])
    expect(await readMemberYear(wu!.id, 2026)).toMatchObject([
      { month: '2026-10', category: 'student', due: 20, paid: 20, paidOn: '2026-10-15' },
    ])
  })
})

describe('a dues CSV saved by WPS in GBK', () => {
  it('reads names with their branch, 2026年10月 and amounts written as text', async () => {
    const { members } = await branch()
    const file = await openImportFile('dues', fixture('dues-register-gbk.csv'))
    expect(file.sheet.source).toEqual({ format: 'csv', encoding: 'gb18030' })
    // No page org: the 所在党组织 column names the branch.
    const result = await checkImport(file, file.header.mapping)
    if (result.kind !== 'dues') throw new Error(result.kind)
    expect(result.parsed.problems).toEqual([])
    expect(result.parsed.warnings).toEqual([])
    expect(result.parsed.valid.map((row) => row.label)).toEqual([
      '王芳 · 2026-10',
      '李强 · 2026-10',
    ])
    await writeImport(result, 'validRows')
    expect(await readMemberYear(members[0]!.id, 2026)).toMatchObject([
      { base: 350000, due: 3500, paid: 3500, paidOn: '2026-10-09', receiptNo: '收-01' },
    ])
    expect(await readMemberYear(members[1]!.id, 2026)).toMatchObject([
      { base: 280000, due: 1400, paid: 1400, paidOn: '2026-10-10', receiptNo: '收-02' },
    ])
  })
})
