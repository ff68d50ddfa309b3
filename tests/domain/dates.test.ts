import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  daysBetween,
  isIsoDate,
  monthKey,
  quarterKey,
  quarterOf,
  todayIso,
  workingDaysBetween,
} from '@/domain/dates'

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-30', true],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00', false],
    ['', false],
  ])('%s → %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid)
  })
})

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-15', 2, '2025-01-15'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-08-31', 6, '2025-02-28'],
    ['2024-05-10', 0, '2024-05-10'],
    ['2024-05-10', 120, '2034-05-10'],
    ['', 1, ''],
    ['2023-02-29', 1, ''],
  ] as const)('%s + %i months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })

  it('refuses a fractional count', () => {
    expect(addMonths('2024-01-01', 1.5)).toBe('')
  })
})

describe('addYears', () => {
  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2023-07-01', 3, '2026-07-01'],
    ['2023-07-01', -5, '2018-07-01'],
    ['', 3, ''],
  ] as const)('%s + %i years → %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected)
  })
})

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
  ] as const)('%s + %i days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
    expect(daysBetween(date, expected)).toBe(days)
  })

  it('is null or empty for unknown dates', () => {
    expect(daysBetween('', '2024-01-01')).toBeNull()
    expect(addDays('2024-02-30', 1)).toBe('')
  })
})

describe('ageOn', () => {
  it.each([
    ['2006-06-15', '2024-06-14', 17],
    ['2006-06-15', '2024-06-15', 18],
    ['2006-06-15', '2024-06-16', 18],
    ['2004-02-29', '2022-02-28', 17],
    ['2004-02-29', '2022-03-01', 18],
    ['2004-02-29', '2024-02-29', 20],
    ['1949-12-31', '2024-12-30', 74],
  ] as const)('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age)
  })

  it('is null for an unknown birth date', () => {
    expect(ageOn('', '2024-01-01')).toBeNull()
  })
})

describe('monthKey, quarterOf and quarterKey', () => {
  it.each([
    ['2024-01-01', '2024-01', 1, '2024-Q1'],
    ['2024-03-31', '2024-03', 1, '2024-Q1'],
    ['2024-04-01', '2024-04', 2, '2024-Q2'],
    ['2024-06-30', '2024-06', 2, '2024-Q2'],
    ['2024-07-01', '2024-07', 3, '2024-Q3'],
    ['2024-09-30', '2024-09', 3, '2024-Q3'],
    ['2024-10-01', '2024-10', 4, '2024-Q4'],
    ['2024-12-31', '2024-12', 4, '2024-Q4'],
  ] as const)('%s → %s, Q%i', (date, month, quarter, key) => {
    expect(monthKey(date)).toBe(month)
    expect(quarterOf(date)).toBe(quarter)
    expect(quarterKey(date)).toBe(key)
  })

  it('has no key for an unknown date', () => {
    expect(monthKey('')).toBe('')
    expect(quarterOf('2024-13-01')).toBeNull()
    expect(quarterKey('')).toBe('')
  })
})

describe('todayIso', () => {
  it.each([
    [new Date(2024, 1, 29, 0, 30), '2024-02-29'],
    [new Date(2024, 11, 31, 23, 59), '2024-12-31'],
    [new Date(999, 0, 5, 12, 0), '0999-01-05'],
  ])('%s → %s on the local calendar', (now, expected) => {
    expect(todayIso(now)).toBe(expected)
  })
})

describe('working days (公示 periods), Monday to Friday', () => {
  it.each([
    ['2026-12-07', '2026-12-11', 5], // Monday–Friday
    ['2026-12-05', '2026-12-06', 0], // a weekend
    ['2026-12-04', '2026-12-07', 2], // Friday–Monday
    ['2026-12-07', '2026-12-07', 1],
    ['2024-02-26', '2024-03-04', 6], // over 29 February
    ['1969-12-29', '1970-01-02', 5], // before day 0 of the count
  ])('%s – %s → %i', (from, to, days) => {
    expect(workingDaysBetween(from, to)).toBe(days)
  })
  it('is unknown for a missing date or the wrong order', () => {
    expect(workingDaysBetween('', '2026-12-07')).toBeNull()
    expect(workingDaysBetween('2026-12-08', '2026-12-07')).toBeNull()
  })
})
