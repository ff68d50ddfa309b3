import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { createArea, createFirm, type FirmFilter } from '@/db'
import type { Firm } from '@/domain/types'
import type { FirmInput } from '@/domain/validation'
import {
  buildFirmsWorkbook,
  buildOrgsWorkbook,
  checkImport,
  detectHeader,
  FIRM_COLUMNS,
  MAX_ROWS,
  openImportFile,
  SpreadsheetError,
  writeImport,
  type ImportKind,
  type ParsedImport,
} from '@/services/spreadsheet'
import { areaLookup } from '@/services/spreadsheet/areas'
import { cellNumber, readDate } from '@/services/spreadsheet/cells'
import { computeCreditCheckChar } from '@/domain/creditCode'
import { buildFirmWorkbook, checkCharFor, creditCodeFor, HEADER_ROW } from '../e2e/xlsx'
import { area, firm, useFreshDb } from '../db/helpers'

const { db } = useFreshDb()

const ALL: FirmFilter = { areaPath: '', industry: '', sizeClass: '', orgStatus: '', text: '' }
const AREA_NAMES = ['昆都仑区', '稀土高新区', '包头市/九原区']

async function seedAreas(): Promise<Record<string, string>> {
  const city = await createArea(area())
  const ids: Record<string, string> = { 包头市: city.id }
  for (const [index, name] of ['昆都仑区', '稀土高新区', '九原区'].entries()) {
    const child = await createArea(
      area({ name, parentId: city.id, level: 'banner', code: '', sortOrder: index }),
    )
    ids[name] = child.id
  }
  return ids
}

function toArrayBuffer(buffer: Buffer | ArrayBuffer): ArrayBuffer {
  if (buffer instanceof ArrayBuffer) return buffer
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer
}

async function check(kind: ImportKind, data: Buffer | ArrayBuffer): Promise<ParsedImport> {
  const file = await openImportFile(kind, toArrayBuffer(data))
  return checkImport(file, file.header.mapping)
}

async function sheetOf(rows: unknown[][]): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('s')
  for (const row of rows) sheet.addRow(row)
  return toArrayBuffer(Buffer.from(await workbook.xlsx.writeBuffer()))
}

const EDITABLE: (keyof FirmInput)[] = [
  'name',
  'creditCode',
  'areaId',
  'industry',
  'sizeClass',
  'employees',
  'registeredOn',
  'closedOn',
  'instructor',
  'liaison',
  'address',
  'note',
]
const fieldsOf = (firm: FirmInput | Firm) =>
  Object.fromEntries(EDITABLE.map((key) => [key, firm[key]]))
const byCode = (a: { creditCode: string }, b: { creditCode: string }) =>
  a.creditCode.localeCompare(b.creditCode)

describe('test workbook', () => {
  it('makes check characters as the domain does', () => {
    for (const first17 of ['91150200MA0000001', '12100000400000624', '91350100M00010000']) {
      expect(checkCharFor(first17)).toBe(computeCreditCheckChar(first17))
    }
  })
})

describe('cells', () => {
  it.each([
    [new Date(Date.UTC(2016, 4, 1)), '2016-05-01'],
    ['2016-05-01', '2016-05-01'],
    ['2016/5/1', '2016-05-01'],
    ['2016年5月1日', '2016-05-01'],
    ['2016-05-01 00:00:00', '2016-05-01'],
    [42491, '2016-05-01'],
    ['', ''],
    [null, ''],
  ])('readDate(%s) = %s', (value, date) => {
    expect(readDate(value)).toEqual({ ok: true, date, monthOnly: false })
  })

  it.each(['2023/2/29', '明年'])('readDate(%s) names the cell it cannot read', (text) => {
    expect(readDate(text)).toEqual({ ok: false, code: 'invalidDate', text })
  })

  it.each([
    [35, 35],
    ['35', 35],
    ['1,200', 1200],
    ['35人', 35],
    ['', 0],
    ['三十', '三十'],
  ])('cellNumber(%s) = %s', (value, expected) => {
    expect(cellNumber(value)).toBe(expected)
  })
})

describe('header detection', () => {
  const sheet = (rows: string[][]) => ({
    rows: rows.map((cells, index) => ({ number: index + 1, cells })),
  })

  it('skips a title row and maps synonyms', () => {
    const header = detectHeader(
      'firms',
      sheet([['企业名录'], ['序号', '单位名称', '信用代码', '旗县区', '职工人数（人）']]),
    )
    expect(header?.rowNumber).toBe(2)
    expect(header?.mapping).toMatchObject({
      name: 1,
      creditCode: 2,
      areaId: 3,
      employees: 4,
      industry: null,
    })
  })

  it('needs two known headers within the first ten rows', () => {
    expect(detectHeader('firms', sheet([['企业名称', '随便']]))).toBeNull()
    const late = [...Array.from({ length: 10 }, () => ['说明']), ['企业名称', '信用代码']]
    expect(detectHeader('firms', sheet(late))).toBeNull()
  })

  it('ignores __proto__ and other keys that are not columns', () => {
    const header = detectHeader(
      'firms',
      sheet([['__proto__', 'constructor', '企业名称', '统一社会信用代码']]),
    )
    expect(Object.keys(header?.mapping ?? {})).not.toContain('__proto__')
    expect(header?.mapping).toMatchObject({ name: 2, creditCode: 3 })
    expect(({} as Record<string, unknown>).name).toBeUndefined()
  })
})

describe('areas by name or path', () => {
  it('finds unique names, paths for repeated names, and says which is which', async () => {
    const ids = await seedAreas()
    const hohhot = await createArea(area({ name: '呼和浩特市', code: '150100', sortOrder: 2 }))
    const other = await createArea(
      area({ name: '稀土高新区', parentId: hohhot.id, level: 'banner', code: '' }),
    )
    const lookup = areaLookup(await db().areas.toArray())
    expect(lookup.find('昆都仑区')).toEqual({ ok: true, id: ids['昆都仑区'] })
    expect(lookup.find('稀土高新区')).toEqual({ ok: false, code: 'ambiguous' })
    expect(lookup.find('包头市/稀土高新区')).toEqual({ ok: true, id: ids['稀土高新区'] })
    expect(lookup.find('呼和浩特市 / 稀土高新区')).toEqual({ ok: true, id: other.id })
    expect(lookup.find('东河区')).toEqual({ ok: false, code: 'notFound' })
    expect(lookup.label(other.id)).toBe('呼和浩特市/稀土高新区')
    expect(lookup.label(ids['昆都仑区'] ?? '')).toBe('昆都仑区')
  })
})

describe('firm import', () => {
  it('lists exactly the three bad rows by Excel row number and 197 valid', async () => {
    await seedAreas()
    const book = await buildFirmWorkbook({ areaNames: AREA_NAMES })
    const file = await openImportFile('firms', toArrayBuffer(book.buffer))
    expect(file.header.rowNumber).toBe(HEADER_ROW)
    // Every column of the sheet is found; the area is one column, not split over several.
    expect(FIRM_COLUMNS.every(({ field }) => file.header.mapping[field] !== null)).toBe(true)
    expect(file.header.mapping.areaCity).toBeNull()
    const result = await checkImport(file, file.header.mapping)
    const problems = result.parsed.problems.map(({ row, field, code }) => ({ row, field, code }))
    expect(problems).toEqual(book.badRows)
    expect(result.parsed.valid).toHaveLength(197)
    expect(result.parsed.invalidCount).toBe(3)
  })

  it('writes the valid rows in one transaction with one audit entry, and re-import updates', async () => {
    const ids = await seedAreas()
    const book = await buildFirmWorkbook({ areaNames: AREA_NAMES })
    const first = await writeImport(await check('firms', book.buffer), 'validRows')
    expect(first).toEqual({ created: 197, updated: 0, unchanged: 0 })
    expect(await db().firms.count()).toBe(197)
    const audit = await db()
      .auditLog.filter((entry) => entry.action === 'import')
      .toArray()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ table: 'firms', recordId: '' })
    const sample = await db().firms.where('creditCode').equals(creditCodeFor(0)).first()
    expect(sample).toMatchObject({
      areaId: ids['昆都仑区'],
      industry: 'ecommerce',
      sizeClass: 'above',
      employees: 10,
      registeredOn: '2000-01-01',
      instructor: '李明',
      orgStatus: 'instructorOnly',
    })
    expect(sample?.areaPath).toMatch(new RegExp(`${ids['昆都仑区']}/$`))
    const before = await db().firms.toArray()

    const again = await writeImport(await check('firms', book.buffer), 'validRows')
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 197 })
    const after = await db().firms.toArray()
    expect(after).toHaveLength(197)
    expect(after.sort(byCode)).toEqual(before.sort(byCode))
    expect(
      (await db().auditLog.toArray()).filter((entry) => entry.action === 'import'),
    ).toHaveLength(2)
  })

  it('updates a firm already in the register, keeping its id and createdAt', async () => {
    const ids = await seedAreas()
    const existing = await createFirm(
      firm(ids['九原区'] ?? '', { name: '旧名称', creditCode: creditCodeFor(3) }),
    )
    const counts = await writeImport(
      await check('firms', (await buildFirmWorkbook({ areaNames: AREA_NAMES })).buffer),
      'validRows',
    )
    expect(counts).toEqual({ created: 196, updated: 1, unchanged: 0 })
    const updated = await db().firms.get(existing.id)
    expect(updated?.name).toBe('测试网络科技有限公司003')
    expect(updated?.createdAt).toBe(existing.createdAt)
  })

  it('export and re-import give the same firms', async () => {
    await seedAreas()
    await writeImport(
      await check('firms', (await buildFirmWorkbook({ areaNames: AREA_NAMES })).buffer),
      'validRows',
    )
    const stored = (await db().firms.toArray()).sort(byCode)
    const exported = await buildFirmsWorkbook(ALL)
    expect(exported.rows).toBe(197)
    const result = await check('firms', exported.data)
    expect(result.parsed.problems).toEqual([])
    const parsed = result.parsed.valid.map((row) => row.value as FirmInput).sort(byCode)
    expect(parsed.map(fieldsOf)).toEqual(stored.map(fieldsOf))
    expect(await writeImport(result, 'validRows')).toEqual({
      created: 0,
      updated: 0,
      unchanged: 197,
    })
    expect((await db().firms.toArray()).sort(byCode)).toEqual(stored)
  })

  it('exports only what the filter shows', async () => {
    await seedAreas()
    await writeImport(
      await check('firms', (await buildFirmWorkbook({ areaNames: AREA_NAMES })).buffer),
      'validRows',
    )
    const expected = await db()
      .firms.where('[industry+name+id]')
      .between(['ecommerce', '', ''], ['ecommerce', '\uffff', '\uffff'])
      .count()
    const exported = await buildFirmsWorkbook({ ...ALL, industry: 'ecommerce' })
    expect(exported.rows).toBe(expected)
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(197)
  })

  it('writes nothing in all-or-nothing mode when a row has a problem', async () => {
    await seedAreas()
    const result = await check('firms', (await buildFirmWorkbook({ areaNames: AREA_NAMES })).buffer)
    const error = await writeImport(result, 'allOrNothing').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpreadsheetError)
    expect((error as SpreadsheetError).code).toBe('hasErrors')
    expect(await db().firms.count()).toBe(0)
    expect(
      await db()
        .auditLog.filter((entry) => entry.action === 'import')
        .count(),
    ).toBe(0)
  })

  it('rolls the whole import back when a write fails half way', async () => {
    const ids = await seedAreas()
    const existing = await createFirm(
      firm(ids['九原区'] ?? '', { name: '旧名称', creditCode: creditCodeFor(3) }),
    )
    const result = await check('firms', (await buildFirmWorkbook({ areaNames: AREA_NAMES })).buffer)
    let creates = 0
    const failHalfWay = () => {
      creates++
      if (creates === 100) throw new Error('disk full')
    }
    db().firms.hook('creating', failHalfWay)
    await expect(writeImport(result, 'validRows')).rejects.toThrow()
    db().firms.hook('creating').unsubscribe(failHalfWay)
    expect(creates).toBeGreaterThanOrEqual(100)
    expect(await db().firms.count()).toBe(1)
    expect((await db().firms.get(existing.id))?.name).toBe('旧名称')
    expect(
      await db()
        .auditLog.filter((entry) => entry.action === 'import')
        .count(),
    ).toBe(0)
  })
})

describe('hostile files', () => {
  it('refuses a file over 20 MB before reading it', async () => {
    const error = await openImportFile('firms', new ArrayBuffer(20 * 1024 * 1024 + 1)).catch(
      (e: unknown) => e,
    )
    expect((error as SpreadsheetError).code).toBe('tooLarge')
  })

  it('refuses a sheet over 50,000 rows', async () => {
    const rows: unknown[][] = [['企业名称', '信用代码']]
    for (let index = 0; index < MAX_ROWS; index++) rows.push([`企业${index}`])
    const error = await openImportFile('firms', await sheetOf(rows)).catch((e: unknown) => e)
    expect((error as SpreadsheetError).code).toBe('tooManyRows')
  }, 60_000)

  it('says unreadable for a file that is neither a workbook nor text, noHeader for a sheet without one', async () => {
    const junk = Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0x13, 0x37, 0x00, 0x42]).buffer
    expect(
      ((await openImportFile('firms', junk).catch((e: unknown) => e)) as SpreadsheetError).code,
    ).toBe('unreadable')
    // Text is read as CSV: a page of HTML has no header a register would have.
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>').buffer
    expect(
      ((await openImportFile('firms', html).catch((e: unknown) => e)) as SpreadsheetError).code,
    ).toBe('noHeader')
    const noHeader = await sheetOf([
      ['甲', '乙'],
      ['1', '2'],
    ])
    expect(
      ((await openImportFile('firms', noHeader).catch((e: unknown) => e)) as SpreadsheetError).code,
    ).toBe('noHeader')
  })

  it('keeps markup in cells as text', async () => {
    const ids = await seedAreas()
    const code = creditCodeFor(1)
    const data = await sheetOf([
      ['企业名称', '统一社会信用代码', '所属地区'],
      ['<img src=x onerror=alert(1)>', code, '昆都仑区'],
    ])
    const result = await check('firms', data)
    expect(result.parsed.valid[0]?.value).toMatchObject({
      name: '<img src=x onerror=alert(1)>',
      areaId: ids['昆都仑区'],
    })
  })
})

describe('org import', () => {
  async function seedFirms(ids: Record<string, string>) {
    const a = await createFirm(
      firm(ids['昆都仑区'] ?? '', { name: '甲公司', creditCode: creditCodeFor(1) }),
    )
    const b = await createFirm(
      firm(ids['昆都仑区'] ?? '', { name: '乙公司', creditCode: creditCodeFor(2) }),
    )
    return { a, b }
  }

  it('links parents within the file and host firms by credit code, and derives firm status', async () => {
    const ids = await seedAreas()
    const { a, b } = await seedFirms(ids)
    const data = await sheetOf([
      ['党组织名册'],
      ['党组织名称', '组织类型', '上级党组织', '所属地区', '所在企业信用代码', '成立日期'],
      [
        '甲公司党支部',
        '党支部',
        '昆都仑区非公企业党委',
        '昆都仑区',
        creditCodeFor(1),
        '2018-06-01',
      ],
      ['昆都仑区非公企业党委', '基层党委', '', '包头市/昆都仑区', '', '2015/1/1'],
      [
        '联合支部',
        '联合党支部',
        '昆都仑区非公企业党委',
        '昆都仑区',
        `${creditCodeFor(2)}、${creditCodeFor(9)}`,
        '',
      ],
      ['自己', '党支部', '自己', '昆都仑区', '', ''],
    ])
    const result = await check('orgs', data)
    expect(result.parsed.problems.map(({ row, field, code }) => ({ row, field, code }))).toEqual([
      { row: 5, field: 'hostFirmIds', code: 'notFound' },
      { row: 6, field: 'parentName', code: 'cycle' },
    ])
    expect(await writeImport(result, 'validRows')).toEqual({ created: 2, updated: 0, unchanged: 0 })
    const orgs = await db().orgs.toArray()
    const committee = orgs.find((org) => org.name === '昆都仑区非公企业党委')
    const branch = orgs.find((org) => org.name === '甲公司党支部')
    expect(branch).toMatchObject({
      parentId: committee?.id,
      hostFirmIds: [a.id],
      type: 'branch',
      foundedOn: '2018-06-01',
    })
    expect(committee?.type).toBe('baseCommittee')
    expect((await db().firms.get(a.id))?.orgStatus).toBe('ownOrg')
    expect((await db().firms.get(b.id))?.orgStatus).toBe('none')
  })

  it('export and re-import of orgs update rather than duplicate', async () => {
    const ids = await seedAreas()
    await seedFirms(ids)
    const data = await sheetOf([
      ['党组织名称', '组织类型', '上级党组织', '所属地区', '所在企业信用代码'],
      ['昆都仑区非公企业党委', '基层党委', '', '昆都仑区', ''],
      [
        '联合党支部一',
        '联合党支部',
        '昆都仑区非公企业党委',
        '昆都仑区',
        `${creditCodeFor(1)},${creditCodeFor(2)}`,
      ],
    ])
    await writeImport(await check('orgs', data), 'validRows')
    const before = (await db().orgs.toArray()).sort((x, y) => x.name.localeCompare(y.name))
    const exported = await buildOrgsWorkbook()
    const result = await check('orgs', exported.data)
    expect(result.parsed.problems).toEqual([])
    expect(await writeImport(result, 'validRows')).toEqual({ created: 0, updated: 0, unchanged: 2 })
    expect((await db().orgs.toArray()).sort((x, y) => x.name.localeCompare(y.name))).toEqual(before)
    expect((await db().firms.toArray()).every((f) => f.orgStatus === 'jointBranch')).toBe(true)
  })
})
