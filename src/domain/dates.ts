/**
 * Calendar dates as 'YYYY-MM-DD' strings (types.ts: they sort and index as text).
 * Arithmetic works on the calendar fields, never on Date objects, so no time zone or
 * daylight-saving shift can move a date by a day. '' means "unknown" throughout: a helper
 * given an unknown or malformed date answers '' (or null) rather than guessing.
 */
import type { IsoDate } from './types'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

interface DateParts {
  year: number
  month: number
  day: number
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function parse(date: string): DateParts | null {
  const match = ISO_DATE.exec(date)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function format({ year, month, day }: DateParts): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** A real calendar date in 'YYYY-MM-DD' form (2023-02-29 is not). */
export function isIsoDate(value: string): boolean {
  return parse(value) !== null
}

/**
 * Calendar months later (or earlier for n < 0). A day the target month lacks is clamped to
 * its last day, the way a "within 3 months" deadline is read: 2024-01-31 + 1 → 2024-02-29.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parts = parse(date)
  if (!parts || !Number.isInteger(months)) return ''
  const index = parts.year * 12 + (parts.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  if (year < 1 || year > 9999) return ''
  return format({ year, month, day: Math.min(parts.day, daysInMonth(year, month)) })
}

/** Whole years later; a 29 February lands on 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  return Number.isInteger(years) ? addMonths(date, years * 12) : ''
}

const MS_PER_DAY = 86_400_000

/** A running day count, taken in UTC so no time zone or DST change can shift it. */
function dayNumber({ year, month, day }: DateParts): number {
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  return Math.round(utc.getTime() / MS_PER_DAY)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const parts = parse(date)
  if (!parts || !Number.isInteger(days)) return ''
  const utc = new Date(0)
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day + days)
  const result = { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() }
  return result.year < 1 || result.year > 9999 ? '' : format(result)
}

/** Days from `from` to `to` (negative when `to` is earlier); null when either is unknown. */
export function daysBetween(from: IsoDate, to: IsoDate): number | null {
  const start = parse(from)
  const end = parse(to)
  if (!start || !end) return null
  return dayNumber(end) - dayNumber(start)
}

/** Completed years of age on a date (a birthday counts on the day itself); null if unknown. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number | null {
  const birth = parse(birthDate)
  const day = parse(on)
  if (!birth || !day) return null
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day)
  return day.year - birth.year - (hadBirthday ? 0 : 1)
}

/** 'YYYY-MM', the key of monthly duties (支委会, 主题党日, dues); '' if unknown. */
export function monthKey(date: IsoDate): string {
  return parse(date) ? date.slice(0, 7) : ''
}

/** Quarter 1–4 of the calendar year (支部党员大会 and 党课 are quarterly); null if unknown. */
export function quarterOf(date: IsoDate): 1 | 2 | 3 | 4 | null {
  const parts = parse(date)
  if (!parts) return null
  return (Math.floor((parts.month - 1) / 3) + 1) as 1 | 2 | 3 | 4
}

/** 'YYYY-Qn', the key of quarterly duties; '' if unknown. */
export function quarterKey(date: IsoDate): string {
  const quarter = quarterOf(date)
  return quarter === null ? '' : `${date.slice(0, 4)}-Q${quarter}`
}

/** Today on the device's own calendar: a record entered at 00:30 in Beijing is dated that day. */
export function todayIso(now: Date = new Date()): IsoDate {
  return format({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() })
}

/**
 * Working days from `from` to `to`, both included, counted Monday to Friday: 公示 periods are
 * set in working days. Public holidays and the make-up working days are a local calendar this
 * app does not hold, so a period over a holiday is counted generously. null if unknown or the
 * dates are in the wrong order.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number | null {
  const start = parse(from)
  const span = daysBetween(from, to)
  if (!start || span === null || span < 0) return null
  // 1970-01-01 (day 0) was a Thursday: weekday 0 = Monday … 6 = Sunday.
  const first = (((dayNumber(start) + 3) % 7) + 7) % 7
  let count = 0
  for (let offset = 0; offset <= span; offset++) if ((first + offset) % 7 < 5) count++
  return count
}
