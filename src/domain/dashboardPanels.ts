/**
 * The dashboard's tabs beyond the figures: the members' structure, meeting
 * compliance by area and the work-quality counts. Moved from dashboard.ts (which re-exports
 * them). Pure: records in, counts out.
 */
import { isOnRoll } from './memberStatus'
import { isOrgActive } from './coverage'
import { countIssues, type IssueCounts } from './joint'
import type { ComplianceRate } from './meetings'
import { AGE_BANDS, ageBandOf, attendanceAlarm, type AgeBand, type AlarmFacts } from './memberRules'
import type { Settings } from './settings'
import { progressByShortfall, roundHours, type StudyHours } from './study'
import { findTermAlerts, lacksSecretary } from './terms'
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  type Area,
  type Education,
  type Ethnicity,
  type Gender,
  type Id,
  type IsoDate,
  type Issue,
  type Member,
  type Org,
} from './types'

// ─── Members' structure ─────────────────────────────────────────────────────

export interface MemberStructure {
  total: number
  ageBands: Record<AgeBand | 'unknown', number>
  gender: Record<Gender, number>
  ethnicity: Record<Ethnicity, number>
  education: Record<Education, number>
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

type StructureFacts = Pick<
  Member,
  'stage' | 'status' | 'birthDate' | 'gender' | 'ethnicity' | 'education'
>

/**
 * Full and probationary members not transferred out (the members computeCoverage counts)
 * by age band on `today`, gender, ethnicity and education. Unknown birth dates have a band.
 */
export function memberStructure(
  members: readonly StructureFacts[],
  today: IsoDate,
): MemberStructure {
  const structure: MemberStructure = {
    total: 0,
    ageBands: zeros([...AGE_BANDS, 'unknown'] as const),
    gender: zeros(GENDERS),
    ethnicity: zeros(ETHNICITIES),
    education: zeros(EDUCATIONS),
  }
  for (const member of members) {
    if (!isOnRoll(member)) continue
    structure.total += 1
    structure.ageBands[ageBandOf(member.birthDate, today) ?? 'unknown'] += 1
    if (member.gender in structure.gender) structure.gender[member.gender] += 1
    if (member.ethnicity in structure.ethnicity) structure.ethnicity[member.ethnicity] += 1
    if (member.education in structure.education) structure.education[member.education] += 1
  }
  return structure
}

// ─── Meeting compliance by area ─────────────────────────────────────────────

export interface AreaCompliance {
  areaId: Id
  orgs: number
  due: number
  met: number
  /** met ÷ due; null when nothing was due (no row to judge). */
  rate: number | null
}

/**
 * The per-org compliance (meetings.ts complianceRates) summed over each child area's orgs:
 * periods due and met add up, so a big org weighs by its periods, not by one vote.
 */
export function complianceByArea(
  orgs: readonly Pick<Org, 'id' | 'areaPath'>[],
  rates: ReadonlyMap<Id, ComplianceRate>,
  children: readonly Pick<Area, 'id' | 'path'>[],
): AreaCompliance[] {
  return children.map((area) => {
    let count = 0
    let due = 0
    let met = 0
    for (const org of orgs) {
      const orgRate = rates.get(org.id)
      if (!orgRate || !org.areaPath.startsWith(area.path)) continue
      count += 1
      due += orgRate.due
      met += orgRate.met
    }
    return { areaId: area.id, orgs: count, due, met, rate: due === 0 ? null : met / due }
  })
}

// ─── Work quality ───────────────────────────────────────────────────────────

export interface StudyStanding {
  members: number
  /** Members whose confirmed hours reached the target. */
  reached: number
  /** Mean confirmed hours per member (members without records count as 0). */
  averageHours: number
  target: number
}

export interface WorkQuality {
  termsDueSoon: number
  termsOverdue: number
  orgsWithoutSecretary: number
  /** Members on the six-month alarm (党章 第九条). */
  alarms: number
  issues: IssueCounts
  study: StudyStanding
}

export interface WorkQualityInput {
  orgs: readonly Org[]
  /** Members the lastAttendedOn index found before the cut-off; the rule decides. */
  alarmCandidates: readonly AlarmFacts[]
  issues: readonly Issue[]
  /** The scope's full and probationary members, for the study standing. */
  memberIds: readonly Id[]
  studyHours: ReadonlyMap<Id, StudyHours>
  /** Committee members: their target is 56 学时. */
  onCommittee?: ReadonlySet<Id>
  settings: Settings
  today: IsoDate
}

export function workQuality(input: WorkQualityInput): WorkQuality {
  const { settings, today } = input
  const active = input.orgs.filter((org) => isOrgActive(org, today))
  const alerts = findTermAlerts(active, settings, today)
  // orgRules.ts: a joint committee's posts are its own, so it is not asked for a secretary.
  const withoutSecretary = active.filter(
    (org) => org.type !== 'jointCommittee' && lacksSecretary(org, today),
  )
  const alarms = input.alarmCandidates.filter(
    (member) => attendanceAlarm(member, settings, today) !== null,
  )
  const progress = progressByShortfall(
    input.memberIds,
    input.studyHours,
    settings,
    input.onCommittee,
  )
  const totalHours = progress.reduce((sum, row) => sum + row.confirmedHours, 0)
  return {
    termsDueSoon: alerts.filter((alert) => alert.status === 'dueSoon').length,
    termsOverdue: alerts.filter((alert) => alert.status === 'overdue').length,
    orgsWithoutSecretary: withoutSecretary.length,
    alarms: alarms.length,
    issues: countIssues(input.issues, today),
    study: {
      members: progress.length,
      reached: progress.filter((row) => row.reached).length,
      averageHours: progress.length === 0 ? 0 : roundHours(totalHours / progress.length),
      target: settings['study.hoursPerYear'],
    },
  }
}
