/**
 * Dates as registers hold them: Excel serial numbers, numbers typed as 20170101, and text in
 * 2017-09-10, 2017/9/10, 2017.09.10, 2017年9月10日 or 20170910 — and month-only forms
 * (2017年9月, 2017.09, 201709), which a caller accepts only for fields where the day does not
 * matter. Pure; the spreadsheet reader turns cells into these calls.
 */
import { isIsoDate } from './dates'
import type { IsoDate } from './types'

export type SheetDate =
  { ok: true; date: IsoDate; monthOnly: boolean } | { ok: false; code: 'invalidDate' }

/** Serials 1 … 2,958,465 are Excel's 1900-01-01 … 9999-12-31. */
const SERIAL_MAX = 2_958_465
// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is folded into that choice).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
/** Years a register's date can have; a compact number outside them is read as a serial. */
const YEAR_MIN = 1900
const YEAR_MAX = 2199

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

function fromParts(year: number, month: number, day: number): IsoDate | '' {
  const iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
  return isIsoDate(iso) ? iso : ''
}

function monthOf(year: number, month: number): SheetDate {
  const date = fromParts(year, month, 1)
  return date === '' ? { ok: false, code: 'invalidDate' } : { ok: true, date, monthOnly: true }
}

function dayOf(year: number, month: number, day: number): SheetDate {
  const date = fromParts(year, month, day)
  return date === '' ? { ok: false, code: 'invalidDate' } : { ok: true, date, monthOnly: false }
}

/** 'YYYY-MM-DD' of an Excel serial (a fraction is the time of day, dropped). */
export function excelSerialDate(serial: number): IsoDate | '' {
  if (!Number.isFinite(serial) || serial < 1 || serial >= SERIAL_MAX + 1) return ''
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS)
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

const DAY_TEXT: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
]

const MONTH_TEXT: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月?$/,
  /^(\d{4})(\d{2})$/,
]

/** A date typed as a number: 20170910, 201709, or Excel's serial. */
export function parseSheetDateNumber(value: number): SheetDate {
  if (Number.isInteger(value)) {
    // A bare year: as a serial it would be a day of 1905, which no register means.
    if (value >= YEAR_MIN && value <= YEAR_MAX) return { ok: false, code: 'invalidDate' }
    const year8 = Math.floor(value / 10_000)
    if (year8 >= YEAR_MIN && year8 <= YEAR_MAX) {
      return dayOf(year8, Math.floor(value / 100) % 100, value % 100)
    }
    const year6 = Math.floor(value / 100)
    if (year6 >= YEAR_MIN && year6 <= YEAR_MAX) return monthOf(year6, value % 100)
  }
  const date = excelSerialDate(value)
  return date === '' ? { ok: false, code: 'invalidDate' } : { ok: true, date, monthOnly: false }
}

/** A date typed as text (full-width digits folded); a time after the date is dropped. */
export function parseSheetDateText(text: string): SheetDate {
  const folded = text.normalize('NFKC').trim()
  const datePart = (folded.split(/[\sT]/)[0] ?? '').replace(/\s/g, '')
  for (const pattern of DAY_TEXT) {
    const match = pattern.exec(datePart)
    if (match) return dayOf(Number(match[1]), Number(match[2]), Number(match[3]))
  }
  for (const pattern of MONTH_TEXT) {
    const match = pattern.exec(datePart)
    if (match) return monthOf(Number(match[1]), Number(match[2]))
  }
  // A serial that arrived as text (a CSV written from Excel's number column).
  if (/^\d{1,7}(\.\d+)?$/.test(datePart)) return parseSheetDateNumber(Number(datePart))
  return { ok: false, code: 'invalidDate' }
}
