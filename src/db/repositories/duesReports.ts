import { monthKey } from '@/domain/dates'
import { addMonthsTo, arrearsMonths, duesStartMonth, type Month } from '@/domain/dues'
import {
  MEMBER_DUES_PREFIX,
  ORG_MONTH_PREFIX,
  WORK_FLAG_PREFIX,
  type MemberDuesRow,
  type OrgMonthRow,
  type WorkFlagRow,
} from '@/domain/duesTallies'
import { alarmCutoff } from '@/domain/memberRules'
import { isPartyStage, paysDues } from '@/domain/memberStatus'
import type { Settings } from '@/domain/settings'
import { lastExcusedOn, type ClockInputs, type SixMonthFacts } from '@/domain/sixMonths'
import { orgDuties } from '@/domain/terms'
import type { Id, IsoDate, Member, Org } from '@/domain/types'
import { getDb } from '../connection'
import { listScopeOrgs, type DashboardScope } from './dashboard'

const HIGH = '\uffff'

/**
 * 党费收缴 of one month for the orgs in scope (null = all), from the kept org-month rows:
 * one key range of the month, whatever the number of payments.
 */
export async function readDuesFigures(
  orgIds: readonly Id[] | null,
  month: Month,
): Promise<OrgMonthRow[]> {
  const prefix = `${ORG_MONTH_PREFIX}${month}|`
  const rows = (await getDb()
    .duesTallies.where('key')
    .between(prefix, `${prefix}${HIGH}`)
    .toArray()) as OrgMonthRow[]
  if (orgIds === null) return rows
  const scope = new Set(orgIds)
  return rows.filter((row) => scope.has(row.orgId))
}

export interface ArrearsRow {
  memberId: Id
  name: string
  orgId: Id
  paidThrough: Month
  months: number
}

async function collectingOrgs(orgIds: readonly Id[]): Promise<Map<Id, Org>> {
  const unique = [...new Set(orgIds)]
  const orgs = await getDb().orgs.bulkGet(unique)
  return new Map(
    orgs.flatMap((org) => (org && orgDuties(org).collectsDues ? [[org.id, org] as const] : [])),
  )
}

/**
 * Members in scope at least `minMonths` months in arrears on `today`: one range of the kept
 * `clock` index (paid through before the cut-off), then only those members and their orgs.
 */
export async function readArrears(
  orgIds: readonly Id[] | null,
  today: IsoDate,
  minMonths: number,
): Promise<ArrearsRow[]> {
  const db = getDb()
  const cutoff = addMonthsTo(monthKey(today), -(minMonths + 1))
  return db.transaction('r', [db.duesTallies, db.members, db.orgs], async () => {
    // '' (start unknown) sorts first and is left out: such members are not judged.
    const rows = (await db.duesTallies
      .where('clock')
      .between('0', cutoff, true, true)
      .toArray()) as MemberDuesRow[]
    const members = await db.members.bulkGet(rows.map((row) => row.memberId))
    const scope = orgIds === null ? null : new Set(orgIds)
    const candidates = members.filter(
      (member): member is Member =>
        !!member && paysDues(member) && (!scope || scope.has(member.orgId)),
    )
    const orgs = await collectingOrgs(candidates.map((member) => member.orgId))
    const clockOf = new Map(rows.map((row) => [row.memberId, row.clock]))
    return candidates
      .filter((member) => orgs.has(member.orgId))
      .map((member) => {
        const paidThrough = clockOf.get(member.id) ?? ''
        return {
          memberId: member.id,
          name: member.name,
          orgId: member.orgId,
          paidThrough,
          months: arrearsMonths(paidThrough, today),
        }
      })
      .filter((row) => row.months >= minMonths)
      .sort((a, b) => b.months - a.months || a.name.localeCompare(b.name, 'zh-CN'))
  })
}

export interface SixMonthCandidate {
  member: SixMonthFacts
  inputs: ClockInputs
}

/**
 * Candidates for the six-month rule's three clocks (domain/sixMonths.ts decides): members
 * whose attendance is before the cut-off (lastAttendedOn index), whose dues are unpaid for
 * six months (the kept `clock` index), and those the secretary flagged (the work rows). For
 * each, the excused absences after the cut-off and the dues clock.
 */
export async function readSixMonthCandidates(
  orgIds: readonly Id[] | null,
  settings: Settings,
  today: IsoDate,
): Promise<SixMonthCandidate[]> {
  const db = getDb()
  const cutoff = alarmCutoff(today, settings)
  const duesCutoff = addMonthsTo(monthKey(today), -(settings['member.alarmMonths'] + 1))
  return db.transaction('r', [db.duesTallies, db.members, db.orgs, db.meetings], async () => {
    const [absent, unpaid, flagged] = await Promise.all([
      db.members.where('lastAttendedOn').below(cutoff).primaryKeys(),
      db.duesTallies.where('clock').between('0', duesCutoff, true, true).toArray(),
      db.duesTallies.where('key').between(WORK_FLAG_PREFIX, `${WORK_FLAG_PREFIX}${HIGH}`).toArray(),
    ])
    const ids = [
      ...new Set([
        ...absent,
        ...(unpaid as MemberDuesRow[]).map((row) => row.memberId),
        ...(flagged as WorkFlagRow[]).map((row) => row.memberId),
      ]),
    ]
    const scope = orgIds === null ? null : new Set(orgIds)
    const members = (await db.members.bulkGet(ids)).filter(
      (member): member is Member =>
        !!member && isPartyStage(member.stage) && (!scope || scope.has(member.orgId)),
    )
    const dues = await db.duesTallies.bulkGet(members.map((m) => `${MEMBER_DUES_PREFIX}${m.id}`))
    const orgs = await collectingOrgs(members.map((member) => member.orgId))
    // Excused absences only matter after the cut-off: each org's meetings since then.
    const orgIdsOfAbsent = [
      ...new Set(members.filter((m) => m.lastAttendedOn < cutoff).map((m) => m.orgId)),
    ]
    const meetings = await Promise.all(
      orgIdsOfAbsent.map((orgId) =>
        db.meetings
          .where('[orgId+heldOn]')
          .between([orgId, cutoff], [orgId, today], true, true)
          .toArray(),
      ),
    )
    const meetingsByOrg = new Map(orgIdsOfAbsent.map((orgId, i) => [orgId, meetings[i] ?? []]))
    return members.map((member, index) => {
      const row = dues[index] as MemberDuesRow | undefined
      const collects = orgs.has(member.orgId) && duesStartMonth(member) !== ''
      return {
        member,
        inputs: {
          excusedOn: lastExcusedOn(member.id, meetingsByOrg.get(member.orgId) ?? []),
          ...(collects && row ? { dues: { paidThrough: row.clock, lastPaid: row.lastPaid } } : {}),
        },
      }
    })
  })
}

export interface DuesQualityRecords {
  figures: (OrgMonthRow & { name: string })[]
  arrears3: number
  arrears6: number
}

/**
 * The department's dues figures for a dashboard scope: each org's collection of the month
 * (kept org-month rows) and the members in arrears ≥ 3 and ≥ 6 months (kept clocks).
 */
export async function readDuesQuality(
  scope: DashboardScope,
  month: Month,
  today: IsoDate,
): Promise<DuesQualityRecords> {
  const whole = scope.kind === 'area' && scope.areaPath === ''
  const orgs = await listScopeOrgs(scope)
  const orgIds = whole ? null : orgs.map((org) => org.id)
  const [figures, arrears] = await Promise.all([
    readDuesFigures(orgIds, month),
    readArrears(orgIds, today, 3),
  ])
  const names = new Map(orgs.map((org) => [org.id, org.name]))
  return {
    figures: figures
      .map((row) => ({ ...row, name: names.get(row.orgId) ?? '' }))
      .sort(
        (a, b) => a.paid / (a.due || 1) - b.paid / (b.due || 1) || a.name.localeCompare(b.name),
      ),
    arrears3: arrears.length,
    arrears6: arrears.filter((row) => row.months >= 6).length,
  }
}
