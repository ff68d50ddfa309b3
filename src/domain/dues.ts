/**
 * 党费 (关于中国共产党党费收缴、使用和管理的规定 2008): each member's monthly dues from their
 * base and category, the month's terms carried from the latest record, reductions, when a
 * member starts paying, and how far their dues are paid. Money is in 分 (integers); the
 * percentages and flat amounts come from the settings (settings.ts `dues.*`).
 */
import { addMonths, daysInMonth, monthKey } from './dates'
import { paysDues } from './memberStatus'
import type { Settings } from './settings'
import type { Dues, DuesCategory, DuesReduction, IsoDate, Member } from './types'

/** 'YYYY-MM' */
export type Month = string

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(value: string): boolean {
  return MONTH.test(value)
}

/** Months later (n < 0: earlier); '' for an unknown month. */
export function addMonthsTo(month: Month, months: number): Month {
  return isMonth(month) ? monthKey(addMonths(`${month}-01`, months)) : ''
}

/** Whole months from `from` to `to` (to − from); null if either is unknown. */
export function monthsBetween(from: Month, to: Month): number | null {
  const a = MONTH.exec(from)
  const b = MONTH.exec(to)
  if (!a || !b) return null
  return Number(b[1]) * 12 + Number(b[2]) - (Number(a[1]) * 12 + Number(a[2]))
}

/** The last day of a month, the day its dues clock stops if it was paid. */
export function lastDayOf(month: Month): IsoDate {
  const match = MONTH.exec(month)
  if (!match) return ''
  return `${month}-${String(daysInMonth(Number(match[1]), Number(match[2])))}`
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100)
}

/** 分 → '12.30' (元, two decimals). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Flat monthly amounts instead of a percentage (a rate, not a minimum). */
const FLAT_CATEGORIES: Partial<Record<DuesCategory, 'dues.flatYuan' | 'dues.farmerYuan'>> = {
  // 学生、下岗失业、依靠最低生活保障金生活的党员: 每月交纳党费 0.2 元 (2008 规定 一、党费的收缴).
  student: 'dues.flatYuan',
  unemployed: 'dues.flatYuan',
  hardship: 'dues.flatYuan',
  // 农民党员每月交纳党费 0.2 元至 1 元, 由各省（区、市）党委组织部确定 (2008 规定 一、党费的收缴).
  farmer: 'dues.farmerYuan',
}

export type DuesRate = { kind: 'percent'; percent: number } | { kind: 'flat'; fen: number }

/**
 * The rate of a base and category (2008 规定 一、党费的收缴), upper bounds inclusive:
 * 在职 ≤ 3000 → 0.5 %, ≤ 5000 → 1 %, ≤ 10000 → 1.5 %, above → 2 %; 离退休 ≤ 5000 → 0.5 %,
 * above → 1 %; students, the unemployed and those on basic allowances a flat amount.
 */
export function duesRate(base: number, category: DuesCategory, settings: Settings): DuesRate {
  const flat = FLAT_CATEGORIES[category]
  if (flat) return { kind: 'flat', fen: yuanToFen(settings[flat]) }
  const yuan = base / 100
  if (category === 'retired') {
    return {
      kind: 'percent',
      percent:
        yuan <= settings['dues.retireeLimit']
          ? settings['dues.retireeLowRate']
          : settings['dues.retireeHighRate'],
    }
  }
  const percent =
    yuan <= settings['dues.bracket1Limit']
      ? settings['dues.bracket1Rate']
      : yuan <= settings['dues.bracket2Limit']
        ? settings['dues.bracket2Rate']
        : yuan <= settings['dues.bracket3Limit']
          ? settings['dues.bracket3Rate']
          : settings['dues.bracket4Rate']
  return { kind: 'percent', percent }
}

/** A reduction holds for a month when approved (upper approval) and the month is in its span. */
export function reductionApplies(reduction: DuesReduction | null, month: Month): boolean {
  if (!reduction || reduction.approvedOn === '') return false
  const from = monthKey(reduction.decidedOn)
  return from !== '' && month >= from && month <= reduction.until
}

export interface DuesTerms {
  category: DuesCategory
  /** 分 */
  base: number
  reduction: DuesReduction | null
}

/**
 * What a month owes, in 分: the rate of the month's base, or the reduced amount while an
 * approved reduction (减免, branch decision with upper approval) holds; waived → 0.
 */
export function monthlyDue(terms: DuesTerms, month: Month, settings: Settings): number {
  if (reductionApplies(terms.reduction, month)) {
    return terms.reduction!.kind === 'waived' ? 0 : terms.reduction!.due
  }
  const rate = duesRate(terms.base, terms.category, settings)
  return rate.kind === 'flat' ? rate.fen : Math.round((terms.base * rate.percent) / 100)
}

type RecordTerms = Pick<Dues, 'month' | 'category' | 'base' | 'reduction'>

/**
 * The terms of a month: those of the member's latest record up to it (a new base applies from
 * the month it is paid with, and holds after); a reduction past its last month is dropped.
 * null when the member has no record yet (the base is still to be set).
 */
export function termsFor(records: readonly RecordTerms[], month: Month): DuesTerms | null {
  let latest: RecordTerms | null = null
  for (const record of records) {
    if (record.month <= month && (!latest || record.month > latest.month)) latest = record
  }
  if (!latest) return null
  const reduction = latest.reduction && month <= latest.reduction.until ? latest.reduction : null
  return { category: latest.category, base: latest.base, reduction }
}

type StartFacts = Pick<Member, 'stage' | 'fullMemberOn' | 'development'>

/**
 * The first month a member owes dues: 预备党员从支部大会通过其为预备党员之日起交纳党费 (2008
 * 规定 一、党费的收缴); older records without the vote from the full-member date. '' when unknown.
 */
export function duesStartMonth(member: StartFacts): Month {
  // A partial body (a merge's update of derived fields) may lack the development steps.
  return monthKey(member.development?.branchVoteOn || member.fullMemberOn || '')
}

type PayerFacts = StartFacts & Pick<Member, 'status'>

/** Whether a member owes dues for a month: paying status (memberStatus.ts) and started. */
export function owesDuesFor(member: PayerFacts, month: Month): boolean {
  if (!paysDues(member)) return false
  const start = duesStartMonth(member)
  return start !== '' && month >= start
}

type PaidFacts = Pick<Dues, 'month' | 'due' | 'paid'>

/** A month is settled when what was paid covers what it owed (a waived month owes 0). */
export function isSettled(record: PaidFacts): boolean {
  return record.paid >= record.due
}

export interface DuesClock {
  /** Every month from the book's first to this one is settled ('' = no record: not judged). */
  paidThrough: Month
  /** The latest settled month ('' = none). */
  lastPaid: Month
}

/**
 * How far a member's dues are paid, from their records: the member's book begins at the later
 * of their start month and their first record (months before the app held any record are not
 * known, so not counted as arrears; a member with no record yet is shown "no base yet" on the
 * register instead). Arrears are carried: a later month paid does not settle an earlier one.
 */
export function duesClock(records: readonly PaidFacts[], startMonth: Month): DuesClock {
  const months = records.map((record) => record.month).filter((month) => month >= startMonth)
  if (months.length === 0) return { paidThrough: '', lastPaid: '' }
  const first = months.reduce((a, b) => (a < b ? a : b))
  const settled = new Set(records.filter(isSettled).map((record) => record.month))
  let lastPaid = ''
  for (const month of settled) if (month >= first && month > lastPaid) lastPaid = month
  let paidThrough = addMonthsTo(first, -1)
  while (settled.has(addMonthsTo(paidThrough, 1))) paidThrough = addMonthsTo(paidThrough, 1)
  return { paidThrough, lastPaid }
}

/**
 * Months in arrears on `today`: due months after `paidThrough` that have ended (the current
 * month is still payable). 0 when the clock is unknown.
 */
export function arrearsMonths(paidThrough: Month, today: IsoDate): number {
  const months = monthsBetween(paidThrough, monthKey(today))
  return months === null ? 0 : Math.max(0, months - 1)
}

/**
 * The dues clock of the six-month rule (党章 第九条) as a date: the last day of the latest
 * settled month, or of the month before the book began when nothing is settled — so six whole
 * months unpaid raise the alarm on the first day of the seventh. '' = not judged.
 */
export function duesClockDate(clock: DuesClock): IsoDate {
  const month = clock.lastPaid || clock.paidThrough
  return month === '' ? '' : lastDayOf(month)
}

export interface OrgMonthTally {
  due: number
  paid: number
  members: number
  settled: number
}

/** 党费收缴: what an org's records for one month add up to. */
export function tallyMonth(records: readonly PaidFacts[]): OrgMonthTally {
  const tally = { due: 0, paid: 0, members: 0, settled: 0 }
  for (const record of records) {
    tally.due += record.due
    tally.paid += record.paid
    tally.members += 1
    if (isSettled(record)) tally.settled += 1
  }
  return tally
}

/** 收缴率: collected ÷ due (1 when nothing is due); null when nothing is recorded. */
export function collectionRate(tally: Pick<OrgMonthTally, 'due' | 'paid'> | null): number | null {
  if (!tally) return null
  if (tally.due === 0) return 1
  return Math.min(1, tally.paid / tally.due)
}
