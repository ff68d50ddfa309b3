/**
 * Kept figures of the dues (党费), updated inside every write transaction (db/duesTallies.ts)
 * so the department's collection and arrears lists read a key range or an index, not every
 * payment. Two kinds of row, each a pure function of the records; a recount
 * (recountDuesTallies) must always equal what the writes kept.
 * - an org-month row: what an org's records of one month add up to (dues.ts tallyMonth);
 * - a member row: how far the member's dues are paid (dues.ts duesClock), indexed by `clock`
 *   so "paid through before month X" is one index range.
 */
import { duesClock, duesStartMonth, tallyMonth, type Month, type OrgMonthTally } from './dues'
import type { Dues, Id, Member } from './types'

export interface OrgMonthRow extends OrgMonthTally {
  key: string
  kind: 'orgMonth'
  orgId: Id
  month: Month
}

export interface MemberDuesRow {
  key: string
  kind: 'member'
  memberId: Id
  /** Paid through this month ('' = start unknown): the index of the arrears list. */
  clock: Month
  lastPaid: Month
}

/** A member the secretary flagged as not doing the assigned work (the third clock). */
export interface WorkFlagRow {
  key: string
  kind: 'work'
  memberId: Id
  since: string
}

export type DuesTally = OrgMonthRow | MemberDuesRow | WorkFlagRow

/** Org-month keys start with the month, so one month of every org is one key range. */
export const ORG_MONTH_PREFIX = 'o|'
export const MEMBER_DUES_PREFIX = 'm|'
export const WORK_FLAG_PREFIX = 'w|'

export function workFlagKey(memberId: Id): string {
  return `${WORK_FLAG_PREFIX}${memberId}`
}

export function workFlagRow(member: Pick<Member, 'id' | 'workNotDone'>): WorkFlagRow | null {
  if (!member.workNotDone) return null
  return {
    key: workFlagKey(member.id),
    kind: 'work',
    memberId: member.id,
    since: member.workNotDone.since,
  }
}

export function orgMonthKey(month: Month, orgId: Id): string {
  return `${ORG_MONTH_PREFIX}${month}|${orgId}`
}

export function memberDuesKey(memberId: Id): string {
  return `${MEMBER_DUES_PREFIX}${memberId}`
}

type PaymentFacts = Pick<Dues, 'orgId' | 'month' | 'due' | 'paid'>

/** The row of one org and month from its records; null when there are none. */
export function orgMonthRow(
  orgId: Id,
  month: Month,
  records: readonly PaymentFacts[],
): OrgMonthRow | null {
  if (records.length === 0) return null
  return { key: orgMonthKey(month, orgId), kind: 'orgMonth', orgId, month, ...tallyMonth(records) }
}

type StartFacts = Pick<Member, 'id' | 'stage' | 'fullMemberOn' | 'development' | 'workNotDone'>

/** A member's row from their records ('' start when the member is not (yet) stored). */
export function memberDuesRow(
  memberId: Id,
  member: StartFacts | undefined,
  records: readonly Pick<Dues, 'month' | 'due' | 'paid'>[],
): MemberDuesRow {
  const clock = duesClock(records, member ? duesStartMonth(member) : '')
  return {
    key: memberDuesKey(memberId),
    kind: 'member',
    memberId,
    clock: clock.paidThrough,
    lastPaid: clock.lastPaid,
  }
}

/** Every row from the records: what the kept figures must equal. */
export function recountDuesTallies(
  members: readonly StartFacts[],
  payments: readonly (PaymentFacts & Pick<Dues, 'memberId'>)[],
): DuesTally[] {
  const byOrgMonth = new Map<string, PaymentFacts[]>()
  const byMember = new Map<Id, PaymentFacts[]>()
  for (const payment of payments) {
    const key = orgMonthKey(payment.month, payment.orgId)
    byOrgMonth.set(key, [...(byOrgMonth.get(key) ?? []), payment])
    byMember.set(payment.memberId, [...(byMember.get(payment.memberId) ?? []), payment])
  }
  const rows: DuesTally[] = []
  for (const records of byOrgMonth.values()) {
    const row = orgMonthRow(records[0]!.orgId, records[0]!.month, records)
    if (row) rows.push(row)
  }
  const memberById = new Map(members.map((member) => [member.id, member]))
  const ids = new Set([...memberById.keys(), ...byMember.keys()])
  for (const id of ids) rows.push(memberDuesRow(id, memberById.get(id), byMember.get(id) ?? []))
  for (const member of members) {
    const flag = workFlagRow(member)
    if (flag) rows.push(flag)
  }
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
