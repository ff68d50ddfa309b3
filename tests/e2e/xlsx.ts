import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'

/**
 * The import test file: a title row, a header row written with synonyms
 * (单位名称, 信用代码, 旗县区 …), then `count` firms of which three are bad: a wrong
 * credit-code check character, an empty name, an unknown area. Node side (exceljs), for
 * the unit tests and for Playwright's setInputFiles.
 */
export interface FirmWorkbookOptions {
  /** Area names that exist in the register; rows cycle through them. */
  areaNames: readonly string[]
  count?: number
  /** Seeds names and codes, so two workbooks can hold different firms. */
  prefix?: string
}

export interface BadRow {
  /** The row number Excel shows. */
  row: number
  field: 'creditCode' | 'name' | 'areaId'
  code: 'checkDigit' | 'required' | 'notFound'
}

export interface FirmWorkbook {
  buffer: Buffer
  badRows: BadRow[]
  validCount: number
}

export const TITLE_ROW = 1
export const HEADER_ROW = 2
const FIRST_DATA_ROW = HEADER_ROW + 1
export const UNKNOWN_AREA = '不存在旗'

const HEADERS = [
  '单位名称',
  '信用代码',
  '旗县区',
  '所属行业',
  '是否规模以上',
  '职工人数',
  '注册日期',
  '注销日期',
  '指导员',
  '联络员',
  '地址',
  '备注',
]
const INDUSTRIES = ['电子商务', '软件和信息技术服务', 'newsInfo', '网络游戏', '']
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/**
 * GB 32100-2015 check character (as src/domain/creditCode.ts computeCreditCheckChar; copied
 * because the Node tsconfig of e2e does not reach src/; the unit tests prove they agree).
 */
export function checkCharFor(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17.charAt(i)) * (3 ** i % 31)
  return ALPHABET.charAt((31 - (sum % 31)) % 31)
}

/**
 * GB 11714 organisation-code check character of an 8-character body (as src/domain/creditCode.ts
 * computeOrgCodeCheckChar, copied for the same reason).
 */
export function orgCheckCharFor(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body.charAt(i), 36) * (weights[i] ?? 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** A valid 统一社会信用代码 for firm `index` (GB 11714 and GB 32100-2015 check characters). */
export function creditCodeFor(index: number, prefix = '9115'): string {
  const body = `MA${String(index).padStart(6, '0')}`
  const first17 = `${prefix}0200${body}${orgCheckCharFor(body)}`
  return first17 + checkCharFor(first17)
}

function wrongCheckChar(code: string): string {
  const right = code.charAt(17)
  const wrong = ALPHABET.charAt((ALPHABET.indexOf(right) + 1) % ALPHABET.length)
  return code.slice(0, 17) + wrong
}

/** The registration date of firm `index`, written three ways to exercise the parser. */
function registeredCell(index: number): string | Date {
  const year = 2000 + (index % 20)
  const month = (index % 12) + 1
  const day = (index % 28) + 1
  if (index % 3 === 0) return new Date(Date.UTC(year, month - 1, day))
  if (index % 3 === 1) return `${year}/${month}/${day}`
  return `${year}年${month}月${day}日`
}

export async function buildFirmWorkbook(options: FirmWorkbookOptions): Promise<FirmWorkbook> {
  const count = options.count ?? 200
  const prefix = options.prefix ?? '测试'
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('企业')
  sheet.addRow(['2026年非公企业名录（导入测试）'])
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, HEADERS.length)
  sheet.addRow(HEADERS)
  const bad = { checkDigit: 17, required: 88, notFound: 150 }
  const badRows: BadRow[] = []
  for (let index = 0; index < count; index++) {
    const row = FIRST_DATA_ROW + index
    let name = `${prefix}网络科技有限公司${String(index).padStart(3, '0')}`
    let code = creditCodeFor(index)
    let area = options.areaNames[index % options.areaNames.length] ?? ''
    if (index === bad.checkDigit) {
      code = wrongCheckChar(code)
      badRows.push({ row, field: 'creditCode', code: 'checkDigit' })
    } else if (index === bad.required) {
      name = ''
      badRows.push({ row, field: 'name', code: 'required' })
    } else if (index === bad.notFound) {
      area = UNKNOWN_AREA
      badRows.push({ row, field: 'areaId', code: 'notFound' })
    }
    sheet.addRow([
      name,
      index % 5 === 0 ? code.toLowerCase() : code,
      area,
      INDUSTRIES[index % INDUSTRIES.length] ?? '',
      index % 4 === 0 ? '是' : '否',
      index % 2 === 0 ? 10 + index : `${10 + index}人`,
      registeredCell(index),
      '',
      index % 7 === 0 ? '李明' : '',
      '',
      `包头市昆都仑区${index}号`,
      index % 10 === 0 ? '备注<b>不是HTML</b>' : '',
    ])
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { buffer, badRows, validCount: count - badRows.length }
}

/** Write the workbook to a fresh temp folder; returns the .xlsx path. */
export async function saveFirmWorkbook(options: FirmWorkbookOptions): Promise<string> {
  const { buffer } = await buildFirmWorkbook(options)
  const path = join(mkdtempSync(join(tmpdir(), 'zhibu-import-')), '企业导入测试.xlsx')
  writeFileSync(path, buffer)
  return path
}
