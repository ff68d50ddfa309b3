/**
 * The dashboard's reads beyond the tallies (issue 8). Today's coverage comes from
 * readTallies (tallies.ts); these serve the rest and say what they cost:
 * - another date and the trend read an area's firms, orgs and members (whole tables for the
 *   whole register: slow at province scale, acceptable for a chosen date);
 * - the members' structure, work quality and compliance read the scope's members, orgs and
 *   meetings through their indexes, and the UI asks for them only when their tab opens.
 */
import { boardMonths, complianceRates, type ComplianceRate } from '@/domain/meetings'
import { alarmCutoff } from '@/domain/memberRules'
import type { Settings } from '@/domain/settings'
import type { StudyHours } from '@/domain/study'
import type { Area, Firm, Id, IsoDate, Issue, Member, MemberStage, Org } from '@/domain/types'
import { getDb } from '../connection'
import { listJointCommitteeIdsFor } from './joint'
import { listComplianceOrgs, listMeetingFactsOfOrgs, toComplianceOrgs } from './meetings'
import { studyHoursOfOrgs } from './study'

/**
 * What a dashboard looks at: an area's subtree ('' = the whole register), or the orgs of a
 * secretary's scope.
 */
export type DashboardScope = { kind: 'area'; areaPath: string } | { kind: 'orgs'; orgIds: Id[] }

const PARTY: readonly MemberStage[] = ['full', 'probationary']

/** The children of an area ('' = roots) through '[parentId+sortOrder]'. */
export async function listChildAreas(parentId: Id | ''): Promise<Area[]> {
  return getDb()
    .areas.where('[parentId+sortOrder]')
    .between([parentId, -Infinity], [parentId, Infinity])
    .toArray()
}

/** The orgs of a scope; for an area through the areaPath index ('' = every org). */
export async function listScopeOrgs(scope: DashboardScope): Promise<Org[]> {
  const db = getDb()
  if (scope.kind === 'orgs') {
    return (await db.orgs.bulkGet(scope.orgIds)).filter((org): org is Org => !!org)
  }
  if (scope.areaPath === '') return db.orgs.toArray()
  return db.orgs.where('areaPath').startsWith(scope.areaPath).toArray()
}

/** Full and probationary members of some orgs through '[orgId+stage]'; null = everyone. */
async function partyMembersOf(orgIds: readonly Id[] | null): Promise<Member[]> {
  const db = getDb()
  if (orgIds === null)
    return db.members
      .where('stage')
      .anyOf([...PARTY])
      .toArray()
  const keys = orgIds.flatMap((id) => PARTY.map((stage) => [id, stage]))
  return db.members.where('[orgId+stage]').anyOf(keys).toArray()
}

export interface DashboardRecords {
  firms: Firm[]
  orgs: Org[]
  members: Member[]
}

/**
 * The records computeCoverage needs for a scope, for a date other than today and for the
 * trend (one read serves all 12 points). The firms of an area are those placed in it; of an
 * org scope, those its orgs are hosted by.
 */
export async function readDashboardRecords(scope: DashboardScope): Promise<DashboardRecords> {
  const db = getDb()
  return db.transaction('r', db.firms, db.orgs, db.members, async () => {
    const orgs = await listScopeOrgs(scope)
    const whole = scope.kind === 'area' && scope.areaPath === ''
    let firms: Firm[]
    if (scope.kind === 'orgs') {
      const ids = [...new Set(orgs.flatMap((org) => org.hostFirmIds))]
      firms = (await db.firms.bulkGet(ids)).filter((firm): firm is Firm => !!firm)
    } else if (whole) {
      firms = await db.firms.toArray()
    } else {
      firms = await db.firms.where('areaPath').startsWith(scope.areaPath).toArray()
    }
    const members = await partyMembersOf(whole ? null : orgs.map((org) => org.id))
    return { firms, orgs, members }
  })
}

/** The members the structure chart counts: the scope's full and probationary members. */
export async function readStructureMembers(scope: DashboardScope): Promise<Member[]> {
  if (scope.kind === 'area' && scope.areaPath === '') return partyMembersOf(null)
  const orgs = await listScopeOrgs(scope)
  return partyMembersOf(orgs.map((org) => org.id))
}

export interface WorkQualityRecords {
  orgs: Org[]
  alarmCandidates: Member[]
  issues: Issue[]
  memberIds: Id[]
  studyHours: Map<Id, StudyHours>
}

/**
 * What the work-quality panel counts: the scope's orgs, the members before the alarm
 * cut-off ('lastAttendedOn' range), the problems of the joint committees the scope sees
 * ('committeeId' index), its members and their study hours of the year ('[orgId+studiedOn]').
 */
export async function readWorkQuality(
  scope: DashboardScope,
  settings: Settings,
  today: IsoDate,
): Promise<WorkQualityRecords> {
  const db = getDb()
  const orgs = await listScopeOrgs(scope)
  const whole = scope.kind === 'area' && scope.areaPath === ''
  const orgIds = orgs.map((org) => org.id)
  const inScope = new Set(orgIds)
  const [alarmCandidates, committeeIds, members, studyHours] = await Promise.all([
    db.members
      .where('lastAttendedOn')
      .below(alarmCutoff(today, settings))
      .filter((m) => PARTY.includes(m.stage) && (whole || inScope.has(m.orgId)))
      .toArray(),
    listJointCommitteeIdsFor(whole ? null : orgIds),
    partyMembersOf(whole ? null : orgIds),
    studyHoursOfOrgs(orgIds, Number(today.slice(0, 4))),
  ])
  const issues = await db.issues.where('committeeId').anyOf(committeeIds).toArray()
  return {
    orgs,
    alarmCandidates,
    issues,
    memberIds: members.filter((m) => m.status !== 'transferredOut').map((m) => m.id),
    studyHours,
  }
}

export interface ComplianceRecords {
  orgs: Org[]
  rates: Map<Id, ComplianceRate>
  months: string[]
}

/**
 * Meeting compliance of the scope's orgs asked for organisational life over the 12 months
 * up to `today` (meetings.ts complianceRates), read org by org through '[orgId+heldOn]'.
 */
export async function readCompliance(
  scope: DashboardScope,
  settings: Settings,
  today: IsoDate,
): Promise<ComplianceRecords> {
  const scoped = await listScopeOrgs(scope)
  const asked = await listComplianceOrgs(scoped.map((org) => org.id))
  const months = boardMonths(today, 12)
  const first = months[0] ?? today.slice(0, 7)
  const [complianceOrgs, facts] = await Promise.all([
    toComplianceOrgs(asked),
    listMeetingFactsOfOrgs(
      asked.map((org) => org.id),
      `${first.slice(0, 4)}-01-01`,
      today,
    ),
  ])
  return {
    orgs: asked,
    rates: complianceRates(complianceOrgs, facts, months, settings, today),
    months,
  }
}
