/**
 * A member's yearly dues sheet (党费交纳年度表): each month of a year with what it owed, what
 * was paid, when, the receipt, and the arrears carried — from the year's records and the
 * latest record before it (whose terms run on until a new base is paid). Pure: the view and
 * the print read the same rows.
 */
import { monthKey } from './dates'
import { isSettled, monthlyDue, owesDuesFor, reductionApplies, termsFor, type Month } from './dues'
import type { Settings } from './settings'
import type { DuesCategory, Dues, IsoDate, Member } from './types'

export type YearRowState =
  | 'paid' // settled
  | 'partial' // something paid, less than owed
  | 'unpaid' // owed, nothing paid
  | 'noBase' // owed, but no base on record yet
  | 'notOwed' // before the member's start month, a status that pays no dues, or waived
  | 'upcoming' // a month still to come

export interface YearRow {
  month: Month
  state: YearRowState
  category: DuesCategory | null
  /** 分; null when not owed or no base yet. */
  due: number | null
  /** 分; null without a record. */
  paid: number | null
  paidOn: IsoDate
  receiptNo: string
  /** 减交 / 免交 in force that month ('' = none). */
  reduction: '' | 'reduced' | 'waived'
  /** What the year's ended months owe and was not paid, up to and including this one (分). */
  arrears: number
}

export interface YearSheet {
  year: number
  rows: YearRow[]
  totals: { due: number; paid: number; arrears: number }
}

type SheetRecord = Pick<
  Dues,
  'month' | 'category' | 'base' | 'reduction' | 'due' | 'paid' | 'paidOn' | 'receiptNo'
>
type SheetMember = Pick<Member, 'stage' | 'status' | 'fullMemberOn' | 'development'>

function reductionOf(source: Pick<Dues, 'reduction'> | null, month: Month): YearRow['reduction'] {
  const reduction = source?.reduction ?? null
  return reductionApplies(reduction, month) ? reduction!.kind : ''
}

/**
 * The twelve months of `year`. A month before the current one that owed more than was paid
 * adds to the arrears (the current month is still payable, later ones have not come); the
 * arrears run on through the year, as the register carries them.
 */
export function yearSheet(
  member: SheetMember,
  year: number,
  records: readonly SheetRecord[],
  before: SheetRecord | null,
  today: IsoDate,
  settings: Settings,
): YearSheet {
  const current = monthKey(today)
  const history = before ? [before, ...records] : [...records]
  const byMonth = new Map(records.map((record) => [record.month, record]))
  let arrears = 0
  const rows: YearRow[] = []
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`
    const record = byMonth.get(month) ?? null
    const terms = termsFor(history, month)
    const owes = record !== null || owesDuesFor(member, month)
    const due = record ? record.due : owes && terms ? monthlyDue(terms, month, settings) : null
    let state: YearRowState
    if (record && isSettled(record)) state = 'paid'
    else if (record && record.paid > 0) state = 'partial'
    // 免交 (an approved waiver) owes nothing: not counted as unpaid.
    else if (!owes || (!record && due === 0)) state = 'notOwed'
    else if (month > current) state = 'upcoming'
    else state = due === null ? 'noBase' : 'unpaid'
    if (month < current && due !== null) arrears += Math.max(0, due - (record?.paid ?? 0))
    rows.push({
      month,
      state,
      category: record?.category ?? (owes ? (terms?.category ?? null) : null),
      due,
      paid: record ? record.paid : null,
      paidOn: record?.paidOn ?? '',
      receiptNo: record?.receiptNo ?? '',
      reduction: reductionOf(record ?? terms, month),
      arrears,
    })
  }
  return {
    year,
    rows,
    totals: {
      due: rows.reduce((sum, row) => sum + (row.due ?? 0), 0),
      paid: rows.reduce((sum, row) => sum + (row.paid ?? 0), 0),
      arrears,
    },
  }
}
