/**
 * The payment record's checks and shapes (党费收缴登记): what a secretary types for one
 * member and month, the record it becomes, a correction that keeps what it replaced, and the
 * upgrade of records stored before the record had its full shape. Pure: repositories call it.
 */
import { isIsoDate, monthKey } from './dates'
import { isMonth, monthlyDue, type DuesTerms } from './dues'
import { LIMITS } from './limits'
import type { Settings } from './settings'
import {
  DUES_CATEGORIES,
  type Dues,
  type DuesCategory,
  type DuesCorrection,
  type DuesReduction,
  type Id,
} from './types'
import type { FieldProblem } from './validation'

/** Ten million 元 a month: a base above it is a typing error. */
const MAX_FEN = 1_000_000_000

export interface PaymentInput {
  memberId: Id
  orgId: Id
  month: string
  category: DuesCategory
  base: number
  reduction: DuesReduction | null
  paid: number
  paidOn: string
  receiptNo: string
  note: string
}

export type PaymentValue = Omit<Dues, 'id' | 'createdAt' | 'updatedAt' | '_rev' | '_revisions'>

function money(field: string, value: unknown, problems: FieldProblem[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push({ field, code: 'integer' })
  } else if (value < 0) problems.push({ field, code: 'min', params: { min: 0 } })
  else if (value > MAX_FEN) problems.push({ field, code: 'max', params: { max: MAX_FEN / 100 } })
}

function reductionProblems(reduction: DuesReduction, month: string): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!['reduced', 'waived'].includes(reduction.kind))
    problems.push({ field: 'reduction.kind', code: 'oneOf' })
  if (reduction.kind === 'reduced') money('reduction.due', reduction.due, problems)
  if (!isIsoDate(reduction.decidedOn))
    problems.push({ field: 'reduction.decidedOn', code: 'required' })
  if (reduction.approvedOn !== '' && !isIsoDate(reduction.approvedOn))
    problems.push({ field: 'reduction.approvedOn', code: 'invalidDate' })
  if (reduction.approvedOn !== '' && reduction.approvedOn < reduction.decidedOn)
    problems.push({ field: 'reduction.approvedOn', code: 'dateOrder' })
  if (!isMonth(reduction.until) || reduction.until < monthKey(reduction.decidedOn))
    problems.push({ field: 'reduction.until', code: 'dateOrder' })
  if (isMonth(month) && reduction.until < month)
    problems.push({ field: 'reduction.until', code: 'dateOrder' })
  if (reduction.note.length > LIMITS.duesNote)
    problems.push({ field: 'reduction.note', code: 'tooLong' })
  return problems
}

/** What is wrong with a payment as typed, by field (the UI names each). */
export function paymentProblems(input: PaymentInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.memberId === '') problems.push({ field: 'memberId', code: 'required' })
  if (input.orgId === '') problems.push({ field: 'orgId', code: 'required' })
  if (!isMonth(input.month)) problems.push({ field: 'month', code: 'format' })
  if (!(DUES_CATEGORIES as readonly string[]).includes(input.category))
    problems.push({ field: 'category', code: 'oneOf' })
  money('base', input.base, problems)
  money('paid', input.paid, problems)
  if (input.paidOn !== '' && !isIsoDate(input.paidOn))
    problems.push({ field: 'paidOn', code: 'invalidDate' })
  if (input.paid > 0 && input.paidOn === '') problems.push({ field: 'paidOn', code: 'required' })
  if (input.paid === 0 && input.paidOn !== '' && input.receiptNo === '')
    problems.push({ field: 'paid', code: 'required' })
  if (input.receiptNo.length > LIMITS.receiptNo)
    problems.push({ field: 'receiptNo', code: 'tooLong' })
  if (input.note.length > LIMITS.duesNote) problems.push({ field: 'note', code: 'tooLong' })
  if (input.reduction) problems.push(...reductionProblems(input.reduction, input.month))
  return problems
}

/** The record a valid input becomes: the month's due fixed from its terms (dues.ts). */
export function paymentValue(
  input: PaymentInput,
  settings: Settings,
  corrections: DuesCorrection[] = [],
): PaymentValue {
  const terms: DuesTerms = {
    category: input.category,
    base: input.base,
    reduction: input.reduction,
  }
  return {
    memberId: input.memberId,
    orgId: input.orgId,
    month: input.month,
    category: input.category,
    base: input.base,
    reduction: input.reduction,
    due: monthlyDue(terms, input.month, settings),
    paid: input.paid,
    paidOn: input.paid > 0 ? input.paidOn : '',
    receiptNo: input.receiptNo.trim(),
    note: input.note.trim(),
    corrections,
  }
}

/**
 * A correction of a recorded payment keeps the values it replaced, who, when and why (the
 * audit log also names the fields); a correction without its reason is refused.
 */
export function correctionOf(
  before: Pick<Dues, 'paid' | 'paidOn' | 'receiptNo'>,
  reason: string,
  at: string,
  actor: string,
): DuesCorrection | null {
  const text = reason.trim()
  if (text === '') return null
  return { at, actor, reason: text.slice(0, LIMITS.duesNote), ...pick(before) }
}

function pick(before: Pick<Dues, 'paid' | 'paidOn' | 'receiptNo'>) {
  return { paid: before.paid, paidOn: before.paidOn, receiptNo: before.receiptNo }
}

/**
 * A record stored before schema v5 (month, base, amount, paidOn) in today's shape: the amount
 * was what the month owed and, with a payment date, what was paid.
 */
export function upgradeDuesRecord(record: Record<string, unknown>): Record<string, unknown> {
  if ('due' in record && 'paid' in record) return record
  const amount = typeof record.amount === 'number' ? Math.round(record.amount * 100) : 0
  const base = typeof record.base === 'number' ? Math.round(record.base * 100) : 0
  const paidOn = typeof record.paidOn === 'string' ? record.paidOn : ''
  const { amount: _amount, ...rest } = record
  return {
    ...rest,
    category: 'employed',
    base,
    reduction: null,
    due: amount,
    paid: paidOn === '' ? 0 : amount,
    paidOn,
    receiptNo: '',
    note: '',
    corrections: [],
  }
}
