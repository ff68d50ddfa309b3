import { isIsoDate } from '@/domain/dates'

/**
 * A cell as the parsers see it: exceljs' rich text, formulas and hyperlinks are already
 * reduced to their shown value by workbook.ts. Dates arrive as Date (exceljs reads them
 * as UTC midnight).
 */
export type CellValue = string | number | boolean | Date | null

export interface SheetRow {
  /** The row number Excel shows (1-based), so errors point at the right line. */
  number: number
  cells: CellValue[]
}

export interface SheetData {
  rows: SheetRow[]
}

/** Trimmed text of a cell; a date as 'YYYY-MM-DD'. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return isoFromDate(value)
  return String(value).trim()
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

function isoFromDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is folded into that choice).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
/** Serials for 1900-01-01 … 9999-12-31: a bare number in a date column is one of these. */
const SERIAL_MIN = 1
const SERIAL_MAX = 2_958_465

const DATE_TEXT = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
]

/**
 * 'YYYY-MM-DD' from an Excel date, a serial number, or text in 'YYYY-MM-DD',
 * 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日' or 'YYYYMMDD'; '' for an empty cell. Anything
 * else comes back as its text, so validation names it 'invalidDate'.
 */
export function cellDate(value: CellValue | undefined): string {
  if (value instanceof Date) return isoFromDate(value)
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < SERIAL_MIN || value > SERIAL_MAX) return String(value)
    return isoFromDate(new Date(EXCEL_EPOCH_MS + value * DAY_MS))
  }
  const text = cellText(value)
  if (text === '') return ''
  // A date and time ('2020-01-02 00:00:00') keeps only the date.
  const datePart = text.split(/[\sT]/)[0] ?? ''
  for (const pattern of DATE_TEXT) {
    const match = pattern.exec(datePart)
    if (!match) continue
    const iso = `${match[1]}-${pad(Number(match[2]))}-${pad(Number(match[3]))}`
    return isIsoDate(iso) ? iso : text
  }
  return text
}

/**
 * A whole number from a number cell or text such as '1,200' or '35人'; 0 for an empty
 * cell; the text itself when it is not a number, so validation names it 'type'.
 */
export function cellNumber(value: CellValue | undefined): number | string {
  if (typeof value === 'number') return value
  const text = cellText(value)
  if (text === '') return 0
  const cleaned = text.replace(/[,，\s]/g, '').replace(/(人|名|年)$/, '')
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text
}

/** A cell listing several values ('a、b,c；d'), empty parts dropped. */
export function cellList(value: CellValue | undefined): string[] {
  return cellText(value)
    .split(/[、,，;；\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

export function isEmptyRow(row: SheetRow): boolean {
  return row.cells.every((cell) => cellText(cell) === '')
}
