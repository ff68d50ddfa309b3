import { todayIso } from '@/domain/dates'
import {
  isMonth,
  isSettled,
  monthlyDue,
  owesDuesFor,
  termsFor,
  type DuesTerms,
  type Month,
} from '@/domain/dues'
import {
  correctionOf,
  paymentProblems,
  paymentValue,
  type PaymentInput,
} from '@/domain/duesRecords'
import { revisionOf } from '@/domain/revisions'
import { orgDuties } from '@/domain/terms'
import type { Dues, Member, Org } from '@/domain/types'
import { getActor, getDb, newId, nowIso } from '../connection'
import { NotFoundError, StaleRevisionError, ValidationError } from '../errors'
import { auditEntry, changedFields, checkRevision } from '../records'
import { readSettings } from './settings'

/** One line of a branch's monthly register (党费收缴登记). */
export interface RegisterRow {
  member: Pick<Member, 'id' | 'name' | 'idNumber' | 'stage' | 'status'>
  /** The month's record, if any. */
  record: Dues | null
  /** The month's terms: the record's, or carried from the latest earlier one (null: no base yet). */
  terms: DuesTerms | null
  /** What the month owes in 分 (null: no base yet). */
  due: number | null
}

export interface Register {
  org: Org
  month: Month
  collects: boolean
  rows: RegisterRow[]
}

const HIGH = '\uffff'

async function latestBefore(memberId: string, month: Month): Promise<Dues | undefined> {
  return getDb()
    .dues.where('[memberId+month]')
    .between([memberId, ''], [memberId, month], true, true)
    .last()
}

/**
 * The month's register of one branch: its members who owe dues that month (paying status,
 * started: dues.ts owesDuesFor) and anyone with a record there, each with the month's record
 * or the terms carried from their latest one. Index reads only: the org's members, the
 * org-month's records, one key for each member's latest earlier record.
 */
export async function readRegister(orgId: string, month: Month): Promise<Register> {
  const db = getDb()
  if (!isMonth(month)) throw new ValidationError([{ field: 'month', code: 'format' }])
  const settings = await readSettings()
  return db.transaction('r', [db.orgs, db.members, db.dues], async () => {
    const org = await db.orgs.get(orgId)
    if (!org) throw new NotFoundError('orgs', orgId)
    const collects = orgDuties(org).collectsDues
    const [members, records] = await Promise.all([
      db.members.where('[orgId+name+id]').between([orgId, '', ''], [orgId, HIGH, HIGH]).toArray(),
      db.dues.where('[orgId+month]').equals([orgId, month]).toArray(),
    ])
    const byMember = new Map(records.map((record) => [record.memberId, record]))
    const owing = collects ? members.filter((member) => owesDuesFor(member, month)) : []
    const extra = records.filter((record) => !owing.some((m) => m.id === record.memberId))
    const others = await db.members.bulkGet(extra.map((record) => record.memberId))
    const people = [...owing, ...others.filter((member): member is Member => !!member)]
    const rows = await Promise.all(
      people.map(async (member): Promise<RegisterRow> => {
        const record = byMember.get(member.id) ?? null
        const source = record ?? (await latestBefore(member.id, month)) ?? null
        const terms = source ? termsFor([source], month) : null
        return {
          member: {
            id: member.id,
            name: member.name,
            idNumber: member.idNumber,
            stage: member.stage,
            status: member.status,
          },
          record,
          terms,
          due: record ? record.due : terms ? monthlyDue(terms, month, settings) : null,
        }
      }),
    )
    return { org, month, collects, rows }
  })
}

/** A member's records of one year, month by month (the yearly sheet). */
export async function readMemberYear(memberId: string, year: number): Promise<Dues[]> {
  return getDb()
    .dues.where('[memberId+month]')
    .between([memberId, `${year}-01`], [memberId, `${year}-12`], true, true)
    .toArray()
}

function refuseTemporary(org: Org | undefined, orgId: string): void {
  if (!org) throw new NotFoundError('orgs', orgId)
  // 临时党支部 collect no dues: their members pay in their own branch.
  if (!orgDuties(org).collectsDues) {
    throw new ValidationError([{ field: 'orgId', code: 'temporaryBranch' }])
  }
}

export interface BulkResult {
  recorded: number
  /** Members left out: no base on record yet. */
  withoutBase: string[]
}

/**
 * 全部按应交已交: every member of the register still unpaid for the month is recorded as having
 * paid what the month owes, on `paidOn`, in one transaction — all or nothing. Members with
 * no base yet are left out and named; paid months are not touched.
 */
export async function recordMonthAsDue(
  orgId: string,
  month: Month,
  paidOn: string = todayIso(),
): Promise<BulkResult> {
  const settings = await readSettings()
  const register = await readRegister(orgId, month)
  refuseTemporary(register.org, orgId)
  const db = getDb()
  return db.transaction('rw', [db.dues, db.auditLog, db.orgs, db.members], async () => {
    const withoutBase: string[] = []
    const rows: Dues[] = []
    const at = nowIso()
    for (const row of register.rows) {
      if (row.record && isSettled(row.record)) continue
      if (!row.terms) {
        withoutBase.push(row.member.name)
        continue
      }
      // Read again inside the write: a record another tab added meanwhile is left alone.
      const stored = await db.dues.where('[memberId+month]').equals([row.member.id, month]).first()
      if (stored && isSettled(stored)) continue
      const value = paymentValue(
        {
          memberId: row.member.id,
          orgId,
          month,
          ...row.terms,
          paid: 0,
          paidOn: '',
          receiptNo: stored?.receiptNo ?? '',
          note: stored?.note ?? '',
        },
        settings,
        stored?.corrections ?? [],
      )
      rows.push({
        ...value,
        paid: value.due,
        paidOn: value.due > 0 ? paidOn : '',
        id: stored?.id ?? newId(),
        createdAt: stored?.createdAt ?? at,
        updatedAt: at,
      })
    }
    if (rows.length > 0) {
      await db.dues.bulkPut(rows)
      await db.auditLog.bulkAdd(
        rows.map((row) =>
          auditEntry('update', 'dues', row.id, `${month} 全部按应交已交`, ['paid']),
        ),
      )
    }
    return { recorded: rows.length, withoutBase }
  })
}

/**
 * One member's month: a first entry, or a change. A change to a month already paid is a
 * correction and needs its reason, kept with the values it replaced; a save from a form
 * opened on an older revision is refused (StaleRevisionError).
 */
export async function savePayment(
  input: PaymentInput,
  options: { expectedRev?: string; reason?: string } = {},
): Promise<Dues> {
  const problems = paymentProblems(input)
  if (problems.length > 0) throw new ValidationError(problems)
  const settings = await readSettings()
  const db = getDb()
  return db.transaction('rw', [db.dues, db.auditLog, db.orgs, db.members], async () => {
    refuseTemporary(await db.orgs.get(input.orgId), input.orgId)
    if (!(await db.members.get(input.memberId))) {
      throw new ValidationError([{ field: 'memberId', code: 'notFound' }])
    }
    const stored = await db.dues
      .where('[memberId+month]')
      .equals([input.memberId, input.month])
      .first()
    if (!stored && options.expectedRev !== undefined) {
      throw new StaleRevisionError('dues', '', options.expectedRev, undefined)
    }
    if (stored) {
      checkRevision(
        'dues',
        stored.id,
        stored as unknown as Record<string, unknown>,
        options.expectedRev,
      )
    }
    const wasPaid = !!stored && (stored.paid > 0 || stored.receiptNo !== '')
    const changesPayment =
      !!stored &&
      (stored.paid !== input.paid ||
        stored.paidOn !== input.paidOn ||
        stored.receiptNo !== input.receiptNo.trim())
    const corrections = [...(stored?.corrections ?? [])]
    if (wasPaid && changesPayment) {
      const correction = correctionOf(stored, options.reason ?? '', nowIso(), getActor())
      if (!correction) throw new ValidationError([{ field: 'reason', code: 'required' }])
      corrections.push(correction)
    }
    const at = nowIso()
    const value = paymentValue(input, settings, corrections)
    const record: Dues = {
      ...value,
      id: stored?.id ?? newId(),
      createdAt: stored?.createdAt ?? at,
      updatedAt: at,
    }
    if (stored && changedFields(stored as never, record as never).length === 0) return stored
    await db.dues.put(record)
    await db.auditLog.add(
      auditEntry(
        stored ? 'update' : 'create',
        'dues',
        record.id,
        `${input.month} ${options.reason?.trim() ?? ''}`.trim(),
        stored ? changedFields(stored as never, record as never) : [],
      ),
    )
    return record
  })
}

/** The revision a form on this record was opened on. */
export function duesRevision(record: Dues): string {
  return revisionOf('dues', record)
}

/** What the yearly sheet of one member is made from: index reads only. */
export interface MemberYearRecords {
  member: Member
  orgName: string
  /** The year's records, month order. */
  records: Dues[]
  /** The latest record before the year (its terms run on), null when none. */
  before: Dues | null
}

/** One member's year of dues: the member, their org's name, the year's records and the one before. */
export async function readMemberYearRecords(
  memberId: string,
  year: number,
): Promise<MemberYearRecords> {
  const db = getDb()
  const read = await db.transaction('r', [db.members, db.orgs, db.dues], async () => {
    const member = await db.members.get(memberId)
    if (!member) return null
    const [org, records, before] = await Promise.all([
      db.orgs.get(member.orgId),
      readMemberYear(memberId, year),
      db.dues
        .where('[memberId+month]')
        .between([memberId, ''], [memberId, `${year}-01`], true, false)
        .last(),
    ])
    return { member, orgName: org?.name ?? '', records, before: before ?? null }
  })
  // Thrown outside the transaction: Dexie would wrap it under its own error of that name.
  if (!read) throw new NotFoundError('members', memberId)
  return read
}
