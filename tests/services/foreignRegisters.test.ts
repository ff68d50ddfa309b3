import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createArea, createOrg } from '@/db'
import { getDb } from '@/db/connection'
import {
  checkImport,
  openImportFile,
  reviewImportValues,
  SKIP_ROWS,
  SpreadsheetError,
  writeImport,
} from '@/services/spreadsheet'
import { decodeText } from '@/services/spreadsheet/csv'
import { area, org, useFreshDb } from '../db/helpers'

/** Registers written by other tools (tests/fixtures/import/make_fixtures.py: openpyxl, csv/gbk). */
const FIXTURES = join(__dirname, '../fixtures/import')
const fixture = (name: string): ArrayBuffer =>
  new Uint8Array(readFileSync(join(FIXTURES, name))).slice().buffer

useFreshDb()

async function seedAreas(): Promise<void> {
  const city = await createArea(area())
  for (const name of ['昆都仑区', '青山区', '稀土高新区']) {
    await createArea(area({ name, parentId: city.id, level: 'banner', code: '' }))
  }
}

describe('a firm register written by another tool', () => {
  it('finds the header under the merged title, the area and employees columns by their meaning', async () => {
    const file = await openImportFile('firms', fixture('firm-register.xlsx'))
    expect(file.header.rowNumber).toBe(2)
    const column = (field: string) =>
      file.header.cells.find((cell) => cell.index === file.header.mapping[field])?.text
    expect(column('name')).toBe('企业名称')
    expect(column('creditCode')).toBe('统一社会信用代码')
    expect(column('areaId')).toBe('所在旗县（市、区）')
    expect(column('employees')).toBe('从业人员数（人）')
    expect(column('industry')).toBe('所属行业')
    expect(column('registeredOn')).toBe('成立日期')
    expect(column('instructor')).toBe('党建指导员')
    expect(file.header.matchedBy).toMatchObject({ areaId: 'contains', employees: 'contains' })
  })

  it('lists the unknown and national industries, then imports every good row once they are mapped', async () => {
    await seedAreas()
    const file = await openImportFile('firms', fixture('firm-register.xlsx'))
    const review = reviewImportValues(file, file.header.mapping, {})
    expect(review.map((item) => [item.text, item.count, item.match?.code ?? null])).toEqual([
      ['网络直播', 2, null],
      ['网络安全', 1, null],
      ['互联网和相关服务', 1, 'other'],
      ['互联网信息服务', 1, 'newsInfo'],
    ])
    expect(review[0]?.rows).toEqual([4, 10])
    // Unmapped, the unknown words are refused with the accepted words named.
    const refused = await checkImport(file, file.header.mapping)
    expect(
      refused.parsed.problems.filter((p) => p.code === 'unknownValue').map((p) => p.row),
    ).toEqual([4, 5, 10])
    expect(refused.parsed.problems.find((p) => p.row === 4)?.params?.allowed).toBe(
      '新闻信息、网络社交、电子商务、网络游戏、生活服务、软件和信息技术服务、互联网金融、其他',
    )
    const choices = { industry: { 网络直播: 'lifeService', 网络安全: 'software' } }
    const checked = await checkImport(file, file.header.mapping, () => {}, choices)
    // The one bad row: the wrong check character, named with its Excel row.
    expect(checked.parsed.problems.map(({ row, field, code }) => ({ row, field, code }))).toEqual([
      { row: 11, field: 'creditCode', code: 'checkDigit' },
    ])
    expect(checked.parsed.valid).toHaveLength(8)
    expect(await writeImport(checked, 'validRows')).toEqual({
      created: 8,
      updated: 0,
      unchanged: 0,
    })
    const firms = await getDb().firms.orderBy('name').toArray()
    const byName = new Map(firms.map((firm) => [firm.name, firm]))
    expect(byName.get('草原直播文化传媒有限公司')).toMatchObject({
      industry: 'lifeService',
      employees: 35,
      registeredOn: '2017-09-10',
      creditCode: '91150200MA0Q01011M',
    })
    // Full-width characters in the code are folded before the check.
    expect(byName.get('鹿城网安信息技术有限公司')).toMatchObject({
      industry: 'software',
      creditCode: '91150200MA0Q0102XD',
      registeredOn: '2017-09-10',
    })
    expect(byName.get('北方云数科技有限公司')).toMatchObject({
      registeredOn: '2017-01-01',
      instructor: '李明',
    })
    expect(byName.get('包头数联网络有限公司')?.registeredOn).toBe('2017-09-10')
    expect(byName.get('钢城快讯信息服务有限公司')).toMatchObject({
      industry: 'newsInfo',
      registeredOn: '2019-05-20',
    })
    // 成立日期 to the month is read as its first day.
    expect(byName.get('稀土软件园科技有限公司')).toMatchObject({
      industry: 'software',
      registeredOn: '2018-03-01',
    })
  })

  it('skips the rows of a word the person chose to leave out, apart from the problems', async () => {
    await seedAreas()
    const file = await openImportFile('firms', fixture('firm-register.xlsx'))
    const choices = { industry: { 网络直播: SKIP_ROWS, 网络安全: 'software' } }
    const checked = await checkImport(file, file.header.mapping, () => {}, choices)
    expect(checked.parsed.skipped.map((p) => p.row)).toEqual([4, 10])
    expect(checked.parsed.invalidCount).toBe(1)
    expect(checked.parsed.valid).toHaveLength(6)
  })
})

describe('CSV and old formats', () => {
  it('detects GBK, reads the CSV through the same steps, and says so', async () => {
    await seedAreas()
    const data = fixture('firm-register-gbk.csv')
    expect(decodeText(data).encoding).toBe('gb18030')
    const file = await openImportFile('firms', data)
    expect(file.sheet.source).toEqual({ format: 'csv', encoding: 'gb18030' })
    expect(file.header.rowNumber).toBe(1)
    const checked = await checkImport(file, file.header.mapping, () => {}, {
      industry: { 网络直播: 'lifeService', 网络安全: 'software' },
    })
    expect(checked.parsed.problems).toEqual([])
    expect(checked.parsed.valid.map((row) => row.label)).toContain('钢城快讯信息服务有限公司')
    expect(checked.parsed.valid.find((row) => row.row === 3)?.value).toMatchObject({
      creditCode: '91150200MA0Q01011M',
      employees: 35,
      registeredOn: '2017-09-10',
    })
  })

  it('reads UTF-8 with and without a BOM, and UTF-16', () => {
    const text = '企业名称,统一社会信用代码\n甲,1\n'
    const utf8 = new TextEncoder().encode(text)
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ])
    expect(decodeText(utf8.buffer)).toEqual({ text, encoding: 'utf-8' })
    expect(decodeText(bom.buffer)).toEqual({ text, encoding: 'utf-8' })
    expect(decodeText(utf16.buffer)).toEqual({ text, encoding: 'utf-16le' })
  })

  it('recognises an old .xls by its first bytes and says to save it as .xlsx', async () => {
    const error = await openImportFile('firms', fixture('old-register.xls')).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(SpreadsheetError)
    expect((error as SpreadsheetError).code).toBe('saveAsXlsx')
    expect((error as SpreadsheetError).params.format).toBe('.xls / .et')
  })
})

describe('a roster with ID numbers stored as numbers and in full width', () => {
  it('names the number that lost its digits, folds full-width digits, and reads national names', async () => {
    const city = await createArea(area())
    await createOrg(org(city.id, { name: '测试党支部' }))
    const file = await openImportFile('members', fixture('roster-numbers.xlsx'))
    const review = reviewImportValues(file, file.header.mapping, {})
    // 壮族 is a national name the app counts as 其他: shown before it is written.
    // (大学本科毕业 → 本科 goes without saying, and is not listed.)
    expect(review.map((item) => `${item.field}:${item.text}:${item.match?.code}`)).toEqual([
      'ethnicity:壮族:other',
    ])
    const checked = await checkImport(file, file.header.mapping)
    expect(
      checked.parsed.problems.map(({ row, field, code }) => `${row}:${field}:${code}`),
    ).toEqual(['2:idNumber:storedAsNumber'])
    expect(checked.parsed.problems[0]?.params?.value).toBe('1.50203E+17')
    expect(checked.parsed.valid.map((row) => row.value)).toMatchObject([
      {
        name: '李强',
        idNumber: expect.stringMatching(/^15020319851203013[\dX]$/),
        stage: 'probationary',
        education: 'master',
        phone: '13912345678',
        birthDate: '1985-12-03',
        gender: 'male',
      },
      {
        name: '乌云',
        ethnicity: 'daur',
        education: 'associate',
        stage: 'full',
        birthDate: '1992-07-15',
      },
      { name: '韦力', ethnicity: 'other', education: 'seniorHigh', birthDate: '1988-03-09' },
    ])
  })
})
