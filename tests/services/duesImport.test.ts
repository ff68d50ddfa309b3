import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMember,
  createOrg,
  readMemberYear,
  readRegister,
  savePayment,
  ImportStaleError,
} from '@/db'
import { recountDuesTallies } from '@/domain/duesTallies'
import { birthDateFromIdNumber, genderFromIdNumber } from '@/domain/idNumber'
import { emptyDevelopment } from '@/domain/members'
import type { Dues } from '@/domain/types'
import duesZh from '@/i18n/dues.zh-CN'
import {
  checkImport,
  detectHeader,
  openImportFile,
  SpreadsheetError,
  writeImport,
  type CellValue,
  type ImportFile,
  type ParsedImport,
} from '@/services/spreadsheet'
import { buildDuesRegisterWorkbook } from '@/services/spreadsheet/duesExport'
import { area, member, org, useFreshDb } from '../db/helpers'

const { db } = useFreshDb()

/** The clock is 2026-11-23 (helpers): 2026-11 is this month, 2026-12 the future. */
async function expectKeptEqualsRecount() {
  const members = await db().members.toArray()
  const dues = (await db().dues.toArray()) as Dues[]
  expect(await db().duesTallies.orderBy('key').toArray()).toEqual(recountDuesTallies(members, dues))
}

async function setup(namesakes = true) {
  const a = await createArea(area())
  const branch = await createOrg(org(a.id, { name: '一支部' }))
  const other = await createOrg(org(a.id, { name: '二支部' }))
  const temporary = await createOrg(org(a.id, { name: '临时支部', type: 'temporaryBranch' }))
  const full = (orgId: string, name: string, idNumber: string, fullMemberOn = '2010-07-01') =>
    createMember(
      member(orgId, {
        name,
        idNumber,
        fullMemberOn,
        ...(idNumber === ''
          ? {}
          : { birthDate: birthDateFromIdNumber(idNumber), gender: genderFromIdNumber(idNumber)! }),
      }),
    )
  const wang = await full(branch.id, '王芳', '11010519491231002X')
  const li = await full(branch.id, '李强', '')
  // Two of one name: a sheet tells them apart by the ID number, whole or masked (the export's).
  await full(branch.id, '张伟', '150202200405063046')
  if (namesakes) await full(branch.id, '张伟', '150202198803094059')
  const late = await full(branch.id, '赵敏', '', '2026-06-01')
  const zhou = await createMember(
    member(branch.id, {
      name: '周洁',
      idNumber: '',
      stage: 'probationary',
      development: { ...emptyDevelopment(), branchVoteOn: '2026-05-10' },
    }),
  )
  const visitor = await full(temporary.id, '孙浩', '150202198001011020')
  const outsider = await full(other.id, '钱进', '15020219751203203X')
  return { branch, other, temporary, wang, li, late, zhou, visitor, outsider }
}

const HEADERS = ['姓名', '身份证号', '月份', '交纳基数', '应交', '实交', '交纳日期', '收据号']

function sheetFile(rows: CellValue[][], headers: readonly string[] = HEADERS): ImportFile {
  const sheet = {
    rows: [headers as CellValue[], ...rows].map((cells, index) => ({ number: index + 1, cells })),
  }
  const header = detectHeader('dues', sheet)
  if (!header) throw new Error('no header')
  return { kind: 'dues', sheet, header }
}

async function check(
  file: ImportFile,
  target: { orgId: string; month?: string; scopeOrgId?: string },
): Promise<Extract<ParsedImport, { kind: 'dues' }>> {
  const result = await checkImport(file, file.header.mapping, () => {}, {}, target)
  if (result.kind !== 'dues') throw new Error(result.kind)
  return result
}

const brief = (problems: readonly { row: number; field: string; code: string }[]) =>
  problems.map(({ row, field, code }) => `${row}:${field}:${code}`)

describe('the dues sheet check', () => {
  it('names the file row and field of every problem', async () => {
    const s = await setup()
    const file = sheetFile([
      ['王芳', '11010519491231002X', '2026-10', 6000, '', 90, '2026-10-05', 'R-1'], // 2 ok
      ['无此人', '', '2026-10', 3000, '', 15, '2026-10-05', ''], // 3 unknown
      ['张伟', '', '2026-10', 3000, '', 15, '2026-10-05', ''], // 4 namesake
      ['王芳', '', '2026-12', 6000, '', 90, '2026-11-05', ''], // 5 future month
      ['赵敏', '', '2026-05', 3000, '', 15, '2026-05-05', ''], // 6 before full-member month
      ['周洁', '', '2026年4月', 3000, '', 15, '2026-04-05', ''], // 7 before the branch vote
      ['王芳', '', '2026-09', 'abc', '', 90, '2026-09-05', ''], // 8 base not a number
      ['王芳', '', '2026-08', -5, '', 0, '', ''], // 9 negative base
      ['王芳', '11010519491231002X', '2026-10', 6000, '', 90, '2026-10-06', 'R-2'], // 10 duplicate
      ['孙浩', '150202198001011020', '2026-10', 3000, '', 15, '2026-10-05', ''], // 11 temporary
      ['钱进', '15020219751203203X', '2026-10', 3000, '', 15, '2026-10-05', ''], // 12 out of scope
      ['李强', '', new Date(Date.UTC(2026, 8, 1)), '', '', 15, '2026-09-05', ''], // 13 no base
      ['李强', '', '2026.13', 3000, '', 15, '2026-10-05', ''], // 14 not a month
      ['李强', '', '2026-10', '3,000.00', '', '20', '2026-10-05', ''], // 15 paid ≠ due: warning
    ])
    const result = await check(file, { orgId: s.branch.id, month: '', scopeOrgId: s.branch.id })
    expect(brief(result.parsed.problems)).toEqual([
      '3:name:notFound',
      '4:name:namesake',
      '5:month:futureMonth',
      '6:month:beforeDuesStart',
      '7:month:beforeDuesStart',
      '8:base:notAmount',
      '9:base:negativeAmount',
      '10:month:duplicate',
      '11:orgName:temporaryNoDues',
      '12:idNumber:outOfScope',
      '13:base:noBase',
      '14:month:invalidMonth',
    ])
    expect(result.parsed.problems.find((p) => p.row === 6)?.params).toMatchObject({
      start: '2026-06',
    })
    expect(result.parsed.problems.find((p) => p.row === 7)?.params).toMatchObject({
      start: '2026-05',
    })
    expect(result.parsed.problems.find((p) => p.row === 10)?.params).toMatchObject({ row: 2 })
    // The paid amount other than the bracket's due is a warning; the row is still valid.
    expect(brief(result.parsed.warnings)).toEqual(['15:paid:paidDiffers'])
    expect(result.parsed.warnings[0]?.params).toMatchObject({ value: '20.00', due: '15.00' })
    expect(result.parsed.valid.map((row) => [row.row, row.action])).toEqual([
      [2, 'create'],
      [15, 'create'],
    ])
    // The department has no scope limit: the other branch's member is found.
    const department = await check(sheetFile([file.sheet.rows[11]!.cells]), {
      orgId: s.branch.id,
    })
    expect(department.parsed.problems).toEqual([])
  })

  it('warns only while no approved reduction explains the amount; a sheet due is checked too', async () => {
    const s = await setup()
    await savePayment({
      memberId: s.li.id,
      orgId: s.branch.id,
      month: '2026-09',
      category: 'employed',
      base: 300000,
      reduction: {
        kind: 'reduced',
        due: 500,
        decidedOn: '2026-09-01',
        approvedOn: '2026-09-10',
        until: '2026-12',
        note: '生活困难',
      },
      paid: 500,
      paidOn: '2026-09-15',
      receiptNo: '',
      note: '',
    })
    const result = await check(
      sheetFile([
        ['李强', '', '2026-10', '', '', 5, '2026-10-05', ''],
        ['李强', '', '2026-11', '', 15, 15, '2026-11-05', ''],
      ]),
      { orgId: s.branch.id },
    )
    expect(result.parsed.problems).toEqual([])
    // October pays the reduced 5 元: no warning. November pays the bracket's 15 元 and says so.
    expect(brief(result.parsed.warnings)).toEqual(['3:due:dueDiffers', '3:paid:paidDiffers'])
    expect(result.parsed.warnings[1]?.params).toMatchObject({ due: '5.00' })
    await expect(writeImport(result, 'validRows')).rejects.toMatchObject({
      code: 'unacceptedWarnings',
    })
    expect(await writeImport(result, 'validRows', { acceptWarnings: true })).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    })
    // The reduction runs on into the months the sheet adds; the base carries from September.
    const year = await readMemberYear(s.li.id, 2026)
    expect(year.map((r) => [r.month, r.base, r.due, r.paid, r.reduction?.kind])).toEqual([
      ['2026-09', 300000, 500, 500, 'reduced'],
      ['2026-10', 300000, 500, 500, 'reduced'],
      ['2026-11', 300000, 500, 1500, 'reduced'],
    ])
    await expectKeptEqualsRecount()
  })
})

describe('applying a dues sheet', () => {
  it('adds payments, applies a new base from its month, and shows a paid month it changes', async () => {
    const s = await setup()
    await savePayment({
      memberId: s.wang.id,
      orgId: s.branch.id,
      month: '2026-07',
      category: 'employed',
      base: 600000,
      reduction: null,
      paid: 9000,
      paidOn: '2026-07-05',
      receiptNo: 'R-07',
      note: '',
    })
    const result = await check(
      sheetFile([
        ['王芳', '', '2026-07', '', '', 45, '2026-07-05', 'R-07'],
        ['王芳', '', '2026-08', '', '', 90, '2026-08-05', 'R-08'],
        ['王芳', '', '2026-09', 12000, '', 240, '2026-09-05', 'R-09'],
      ]),
      { orgId: s.branch.id, scopeOrgId: s.branch.id },
    )
    expect(result.parsed.problems).toEqual([])
    expect(result.parsed.valid.map((row) => row.action)).toEqual(['update', 'create', 'create'])
    expect(result.parsed.valid[0]?.changes).toEqual([{ field: 'paid', from: '90.00', to: '45.00' }])
    expect(result.parsed.valid[0]?.label).toBe('王芳 · 2026-07')
    expect(brief(result.parsed.warnings)).toEqual(['2:paid:paidDiffers'])
    const counts = await writeImport(result, 'validRows', {
      acceptWarnings: true,
      reason: '导入 党费.xlsx',
    })
    expect(counts).toEqual({ created: 2, updated: 1, unchanged: 0 })
    const year = await readMemberYear(s.wang.id, 2026)
    expect(year.map((r) => [r.month, r.base, r.due, r.paid])).toEqual([
      ['2026-07', 600000, 9000, 4500],
      ['2026-08', 600000, 9000, 9000],
      ['2026-09', 1200000, 24000, 24000],
    ])
    // The paid month changed keeps what it replaced, with the import as its reason.
    expect(year[0]?.corrections).toEqual([
      expect.objectContaining({ reason: '导入 党费.xlsx', paid: 9000, receiptNo: 'R-07' }),
    ])
    // The new base runs on: October, not in the sheet, owes 2 % of 12,000.
    const october = await readRegister(s.branch.id, '2026-10')
    expect(october.rows.find((row) => row.member.id === s.wang.id)?.due).toBe(24000)
    await expectKeptEqualsRecount()
    const audit = await db().auditLog.where('table').equals('dues').toArray()
    expect(audit.filter((entry) => entry.action === 'import')).toHaveLength(1)
  })

  it('refuses the whole sheet when a previewed record changed meanwhile', async () => {
    const s = await setup()
    const pay = {
      memberId: s.wang.id,
      orgId: s.branch.id,
      month: '2026-10',
      category: 'employed' as const,
      base: 600000,
      reduction: null,
      paid: 0,
      paidOn: '',
      receiptNo: '',
      note: '',
    }
    await savePayment(pay)
    const result = await check(
      sheetFile([
        ['王芳', '', '2026-10', '', '', 90, '2026-10-05', 'R-1'],
        ['李强', '', '2026-10', 3000, '', 15, '2026-10-05', 'R-2'],
      ]),
      { orgId: s.branch.id },
    )
    await savePayment({ ...pay, note: '另一个标签页' })
    await expect(writeImport(result, 'validRows')).rejects.toBeInstanceOf(ImportStaleError)
    expect(await db().dues.count()).toBe(1)
    await expectKeptEqualsRecount()
  })

  it('reads the register its own export wrote, unchanged: nothing new, nothing lost', async () => {
    const s = await setup()
    const base = { orgId: s.branch.id, category: 'employed' as const, reduction: null, note: '' }
    await savePayment({
      ...base,
      memberId: s.wang.id,
      month: '2026-10',
      base: 600000,
      paid: 9000,
      paidOn: '2026-10-05',
      receiptNo: 'R-1',
    })
    await savePayment({
      ...base,
      memberId: s.li.id,
      month: '2026-09',
      base: 300000,
      paid: 1500,
      paidOn: '2026-09-05',
      receiptNo: '',
    })
    const register = await readRegister(s.branch.id, '2026-10')
    for (const includeBase of [false, true]) {
      const data = await buildDuesRegisterWorkbook(
        register,
        {
          headers: (
            ['name', 'idNumber', 'category', 'due', 'paid', 'paidOn', 'receiptNo', 'state'] as const
          )
            .map((c): string => duesZh.col[c])
            .concat(duesZh.dialog.note),
          baseHeader: duesZh.col.base,
          category: (row) => (row.terms ? duesZh.category[row.terms.category] : ''),
          state: () => duesZh.state.paid,
          sheetName: duesZh.sheet.name,
          fileName: duesZh.sheet.file,
        },
        includeBase,
      )
      const file = await openImportFile('dues', new Uint8Array(data).slice().buffer)
      const result = await check(file, { orgId: s.branch.id, month: '2026-10' })
      expect(result.parsed.problems).toEqual([])
      expect(result.parsed.warnings).toEqual([])
      expect(result.parsed.valid).toHaveLength(register.rows.length)
      expect(result.parsed.valid.every((row) => row.action === 'unchanged')).toBe(true)
      expect(result.parsed.valid.map((row) => row.label)).toContain('张伟 · 2026-10')
      expect(await writeImport(result, 'validRows')).toMatchObject({ created: 0, updated: 0 })
    }
    expect(await db().dues.count()).toBe(2)
  })

  it('refuses a sheet without who', async () => {
    const file = sheetFile([['2026-10', 90]], ['月份', '实交'])
    await expect(checkImport(file, file.header.mapping)).rejects.toBeInstanceOf(SpreadsheetError)
  })
})

describe('two members of one name', () => {
  it('are told apart by the masked ID number the export writes', async () => {
    const s = await setup()
    const rows = await db().members.where('name').equals('张伟').toArray()
    const second = rows.find((m) => m.idNumber === '150202198803094059')!
    const result = await check(
      sheetFile(
        [['张伟', '1502**********4059', '2026-10', 3000, 15, '2026-10-05']],
        ['姓名', '身份证号', '月份', '交纳基数', '实交', '交纳日期'],
      ),
      { orgId: s.branch.id },
    )
    expect(result.parsed.problems).toEqual([])
    expect(result.parsed.valid[0]?.value?.memberId).toBe(second.id)
  })
})

describe('the English register', () => {
  it('reads its headers and category words back', async () => {
    const s = await setup()
    const file = sheetFile(
      [['李强', '', 'On basic allowance', '', '0.20', '2026-10-05', 'E-1', 'Paid', '']],
      [
        'Name',
        'ID number',
        'Category',
        'Due (yuan)',
        'Paid (yuan)',
        'Paid on',
        'Receipt',
        'State',
        'Note',
      ],
    )
    expect(Object.entries(file.header.mapping).filter(([, column]) => column !== null)).toEqual([
      ['name', 0],
      ['idNumber', 1],
      ['category', 2],
      ['due', 3],
      ['paid', 4],
      ['paidOn', 5],
      ['receiptNo', 6],
      ['note', 8],
    ])
    const result = await check(file, { orgId: s.branch.id, month: '2026-10' })
    // A flat-rate category needs no base: 0 is recorded as the base, 0.20 元 owed.
    expect(result.parsed.problems).toEqual([])
    expect(result.parsed.warnings).toEqual([])
    expect(result.parsed.valid[0]?.value).toMatchObject({ category: 'hardship', base: 0, paid: 20 })
  })
})
