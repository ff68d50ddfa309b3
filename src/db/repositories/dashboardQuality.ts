import { boardMonths, complianceRates, type ComplianceRate } from '@/domain/meetings'
import { alarmCutoff } from '@/domain/memberRules'
import type { Settings } from '@/domain/settings'
import { isOnRoll, isPartyStage } from '@/domain/memberStatus'
import { committeeMemberIds, type StudyHours } from '@/domain/study'
import type { Id, IsoDate, Issue, Member, Org } from '@/domain/types'
import { getDb } from '../connection'
import { listScopeOrgs, partyMembersOf, type DashboardScope } from './dashboard'
import { listJointCommitteeIdsFor } from './joint'
import { listComplianceOrgs, listMeetingFactsOfOrgs, toComplianceOrgs } from './meetings'
import { studyHoursOfOrgs } from './study'

/** The work-quality tab's reads, moved from dashboard.ts (which re-exports them). */

export interface WorkQualityRecords {
  orgs: Org[]
  alarmCandidates: Member[]
  issues: Issue[]
  memberIds: Id[]
  studyHours: Map<Id, StudyHours>
  onCommittee: Set<Id>
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
      .filter((m) => isPartyStage(m.stage) && (whole || inScope.has(m.orgId)))
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
    memberIds: members.filter(isOnRoll).map((m) => m.id),
    studyHours,
    onCommittee: committeeMemberIds(orgs.filter((org) => org.dissolvedOn === '')),
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
