import { parseSheetDateNumber, parseSheetDateText } from '@/domain/sheetDates'
import type { IsoDate } from '@/domain/types'

/**
 * A cell as the parsers see it: exceljs' rich text, formulas and hyperlinks are already
 * reduced to their shown value by workbook.ts, and every CSV cell is text. Dates arrive as
 * Date (exceljs reads them as UTC midnight).
 */
export type CellValue = string | number | boolean | Date | null

export interface SheetRow {
  /** The row number Excel shows (1-based), so errors point at the right line. */
  number: number
  cells: CellValue[]
}

/** Where the rows came from: the preview names a CSV's encoding (GB18030 covers GBK). */
export interface SheetSource {
  format: 'xlsx' | 'csv'
  encoding: string
}

export interface SheetData {
  rows: SheetRow[]
  source?: SheetSource
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

/** A date cell read: '' for a blank cell; a month-only date only where `allowMonth`. */
export type DateCell =
  | { ok: true; date: IsoDate | ''; monthOnly: boolean }
  | { ok: false; code: 'invalidDate' | 'monthOnly'; text: string }

/**
 * A date from an Excel date, a serial number, a number typed as 20170101, or text in the
 * forms of domain/sheetDates.ts. A month-only date (2017年9月) is read as the month's first
 * day where the field allows it, and refused as 'monthOnly' where the day matters.
 */
export function readDate(value: CellValue | undefined, allowMonth = false): DateCell {
  if (value instanceof Date) {
    const date = isoFromDate(value)
    return date === ''
      ? { ok: false, code: 'invalidDate', text: '' }
      : { ok: true, date, monthOnly: false }
  }
  const text = cellText(value)
  if (text === '') return { ok: true, date: '', monthOnly: false }
  const parsed = typeof value === 'number' ? parseSheetDateNumber(value) : parseSheetDateText(text)
  if (!parsed.ok) return { ok: false, code: 'invalidDate', text }
  if (parsed.monthOnly && !allowMonth) return { ok: false, code: 'monthOnly', text }
  return parsed
}

/**
 * A whole number from a number cell or text such as '1,200', '35人' or '３５'; 0 for an empty
 * cell; the text itself when it is not a number, so validation names it 'type'.
 */
export function cellNumber(value: CellValue | undefined): number | string {
  if (typeof value === 'number') return value
  const text = cellText(value)
  if (text === '') return 0
  const cleaned = text
    .normalize('NFKC')
    .replace(/[,，\s]/g, '')
    .replace(/(人|名|年|家|个)$/, '')
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

/** Longest number a spreadsheet keeps digit for digit (IEEE doubles: 15 significant digits). */
const EXACT_DIGITS = 15

/** An identifier cell read: the folded text, or the sign that a spreadsheet made it a number. */
export type CodeCell =
  { ok: true; text: string } | { ok: false; code: 'storedAsNumber'; text: string }

/**
 * An identifier (ID number, credit code, phone) as text: full-width digits and letters folded
 * (NFKC), spaces and invisible characters dropped, the marks spreadsheets use to force text
 * ("'123", ="123") removed, upper case. An 18-digit ID stored as a number has lost its last
 * digits (1.10101E+17): that is 'storedAsNumber', never a wrong check digit.
 */
export function readCode(value: CellValue | undefined): CodeCell {
  if (typeof value === 'number') {
    const digits = Number.isSafeInteger(value) ? String(Math.abs(value)) : ''
    if (digits !== '' && digits.length <= EXACT_DIGITS && value >= 0)
      return { ok: true, text: digits }
    return { ok: false, code: 'storedAsNumber', text: numberAsShown(value) }
  }
  const text = cellText(value)
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]/g, '')
    .replace(/^'/, '')
    .replace(/^="(.*)"$/, '$1')
    .toUpperCase()
  // A CSV written from a sheet whose column was numbers holds the number as Excel showed it.
  if (/^\d(\.\d+)?E\+?\d+$/.test(text)) return { ok: false, code: 'storedAsNumber', text }
  return { ok: true, text }
}

/** A big number the way Excel shows it in a narrow column: 1.10101E+17. */
function numberAsShown(value: number): string {
  return value
    .toExponential(5)
    .replace(/\.?0+e/, 'e')
    .replace('e', 'E')
}

/** A money cell read into 分: blank, an amount, or text that is not one (named 'type'). */
export type MoneyCell =
  { ok: true; fen: number | null } | { ok: false; code: 'type' | 'min'; text: string }

/**
 * An amount in 元 from a number cell or text such as '3,500.00', '¥45', '45元', '４５': 分 as a
 * whole number (rounded to the 分); null for a blank cell; 'min' for a negative amount.
 */
export function readMoney(value: CellValue | undefined): MoneyCell {
  const text = cellText(value)
  if (text === '') return { ok: true, fen: null }
  const amount =
    typeof value === 'number'
      ? value
      : (() => {
          const cleaned = text
            .normalize('NFKC')
            .replace(/[,，\s]/g, '')
            .replace(/^[¥￥]/, '')
            .replace(/(元|rmb|cny)$/i, '')
          return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN
        })()
  if (!Number.isFinite(amount)) return { ok: false, code: 'type', text }
  if (amount < 0) return { ok: false, code: 'min', text }
  return { ok: true, fen: Math.round(amount * 100) }
}
