/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings in UTC, for the demo generator only
 * (src/domain has its own date rules; this folder must not wait for them).
 */
import type { IsoDate } from '@/domain/types'

const DAY_MS = 86_400_000
// The generator converts the same few thousand days millions of times at large scales;
// both directions are pure, so a module-level cache is safe.
const dayNumbers = new Map<IsoDate, number>()
const isoDates = new Map<number, IsoDate>()

function parse(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number)
  if (year === undefined || month === undefined || day === undefined || Number.isNaN(day)) {
    throw new Error(`not a YYYY-MM-DD date: ${date}`)
  }
  return { year, month, day }
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const cached = dayNumbers.get(date)
  if (cached !== undefined) return cached
  const { year, month, day } = parse(date)
  const dayNumber = Math.round(Date.UTC(year, month - 1, day) / DAY_MS)
  dayNumbers.set(date, dayNumber)
  return dayNumber
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const cached = isoDates.get(dayNumber)
  if (cached !== undefined) return cached
  const date = format(dayNumber * DAY_MS)
  isoDates.set(dayNumber, date)
  return date
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return days === 0 ? date : fromDayNumber(toDayNumber(date) + days)
}

/** Adds calendar months, clamping the day to the target month's length. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(date)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0))
  return format(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay.getUTCDate())),
  )
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12)
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/** First day of the date's month. */
export function monthStart(date: IsoDate): IsoDate {
  return date.slice(0, 8) + '01'
}

export function yearOf(date: IsoDate): number {
  return parse(date).year
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b
}
