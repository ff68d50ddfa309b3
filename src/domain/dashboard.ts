/**
 * The dashboard's figures beyond computeCoverage (issue 8): the area trail of a drill-down,
 * firm figures by industry and size class from the tallies, the 12-month trend, the members'
 * structure, meeting compliance by area and the work-quality counts. Pure: records in,
 * counts out; the repositories read, the UI formats.
 */
import { computeCoverage, firmOrgStatus, isFirmOperating, isOrgActive } from './coverage'
import type { CoverageFigures } from './coverage'
import { addDays, addMonths, daysInMonth } from './dates'
import { countIssues, type IssueCounts } from './joint'
import type { ComplianceRate } from './meetings'
import { AGE_BANDS, ageBandOf, attendanceAlarm, type AgeBand, type AlarmFacts } from './memberRules'
import type { Settings } from './settings'
import { progressByShortfall, roundHours, type StudyHours } from './study'
import { figuresFromTallies, type NotYetStarted, type Tally } from './tallies'
import { findTermAlerts, lacksSecretary } from './terms'
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  INDUSTRIES,
  SIZE_CLASSES,
  type Area,
  type Education,
  type Ethnicity,
  type Firm,
  type FirmOrgStatus,
  type Gender,
  type Id,
  type Industry,
  type IsoDate,
  type Issue,
  type Member,
  type Org,
  type SizeClass,
} from './types'

// ─── Areas: the drill-down ──────────────────────────────────────────────────

/** Children of an area ('' = the roots), in the order the area tree shows them. */
export function childAreas(areas: readonly Area[], parentId: Id | ''): Area[] {
  return areas
    .filter((area) => area.parentId === parentId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
}

/** Where the dashboard opens: a register with one root (the region) shows its children. */
export function topAreaId(areas: readonly Area[]): Id | '' {
  const roots = areas.filter((area) => area.parentId === '')
  return roots.length === 1 ? (roots[0]?.id ?? '') : ''
}

/**
 * The areas from the top down to `areaId` (the breadcrumb), the top itself excluded; empty
 * for the top or an unknown id. Uses the materialised path, so one lookup per level.
 */
export function areaTrail(areas: readonly Area[], areaId: Id | ''): Area[] {
  const byId = new Map(areas.map((area) => [area.id, area]))
  const area = byId.get(areaId)
  if (!area) return []
  const top = topAreaId(areas)
  return area.path
    .split('/')
    .filter((id) => id !== '' && id !== top)
    .map((id) => byId.get(id))
    .filter((step): step is Area => step !== undefined)
}

// ─── Firm figures by industry and size class ───────────────────────────────

/** The firm half of CoverageFigures: what industry and size rows can honestly show. */
export type FirmFigures = Pick<
  CoverageFigures,
  | 'operatingFirms'
  | 'firmsWithOwnOrg'
  | 'firmsInJointBranch'
  | 'firmsWithOrg'
  | 'firmsInstructorOnly'
  | 'firmsUncovered'
  | 'orgCoverageRate'
  | 'ownOrgRate'
  | 'workCoverageRate'
>

export function firmFiguresOf(figures: CoverageFigures): FirmFigures {
  return {
    operatingFirms: figures.operatingFirms,
    firmsWithOwnOrg: figures.firmsWithOwnOrg,
    firmsInJointBranch: figures.firmsInJointBranch,
    firmsWithOrg: figures.firmsWithOrg,
    firmsInstructorOnly: figures.firmsInstructorOnly,
    firmsUncovered: figures.firmsUncovered,
    orgCoverageRate: figures.orgCoverageRate,
    ownOrgRate: figures.ownOrgRate,
    workCoverageRate: figures.workCoverageRate,
  }
}

export interface IndustryFigures {
  industry: Industry
  figures: FirmFigures
}

export interface SizeClassFigures {
  sizeClass: SizeClass
  figures: FirmFigures
}

type FirmFacts = Pick<Firm, 'industry' | 'sizeClass'>

/**
 * Today's firm figures per value of a firm field, from tally rows (the tallies do not split
 * members by industry or size, so these rows carry firm figures only).
 */
function firmFiguresByField<K extends 'industry' | 'sizeClass'>(
  rows: readonly Tally[],
  asOf: IsoDate,
  notYet: NotYetStarted,
  field: K,
  values: readonly FirmFacts[K][],
): { value: FirmFacts[K]; figures: FirmFigures }[] {
  return values.map((value) => {
    const part = rows.filter((row) => row.kind === 'firm' && row[field] === value)
    const firms = notYet.firms.filter((firm) => (firm as FirmFacts)[field] === value)
    return { value, figures: firmFiguresOf(figuresFromTallies(part, asOf, { firms, orgs: [] })) }
  })
}

export function industryFiguresFromTallies(
  rows: readonly Tally[],
  asOf: IsoDate,
  notYet: NotYetStarted,
): IndustryFigures[] {
  return firmFiguresByField(rows, asOf, notYet, 'industry', INDUSTRIES).map((row) => ({
    industry: row.value,
    figures: row.figures,
  }))
}

export function sizeClassFiguresFromTallies(
  rows: readonly Tally[],
  asOf: IsoDate,
  notYet: NotYetStarted,
): SizeClassFigures[] {
  return firmFiguresByField(rows, asOf, notYet, 'sizeClass', SIZE_CLASSES).map((row) => ({
    sizeClass: row.value,
    figures: row.figures,
  }))
}

/**
 * The same firm figures for any date from the records: each firm's status on that date
 * (firmOrgStatus), once, then grouped. Equal to the tallies' answer for today.
 */
export function firmFiguresByFieldAsOf(
  firms: readonly Firm[],
  orgs: readonly Org[],
  asOf: IsoDate,
): { byIndustry: IndustryFigures[]; bySizeClass: SizeClassFigures[] } {
  const orgsByFirm = new Map<Id, Org[]>()
  for (const org of orgs) {
    if (!isOrgActive(org, asOf)) continue
    for (const firmId of new Set(org.hostFirmIds)) {
      const list = orgsByFirm.get(firmId)
      if (list) list.push(org)
      else orgsByFirm.set(firmId, [org])
    }
  }
  const counts = new Map<string, Record<FirmOrgStatus, number>>()
  const bump = (key: string, status: FirmOrgStatus) => {
    const entry = counts.get(key) ?? { ownOrg: 0, jointBranch: 0, instructorOnly: 0, none: 0 }
    entry[status] += 1
    counts.set(key, entry)
  }
  const seen = new Set<Id>()
  for (const firm of firms) {
    if (seen.has(firm.id) || !isFirmOperating(firm, asOf)) continue
    seen.add(firm.id)
    const status = firmOrgStatus(firm, orgsByFirm.get(firm.id) ?? [], asOf)
    bump(`i:${firm.industry}`, status)
    bump(`s:${firm.sizeClass}`, status)
  }
  const figuresOf = (key: string) => statusFigures(counts.get(key))
  return {
    byIndustry: INDUSTRIES.map((industry) => ({ industry, figures: figuresOf(`i:${industry}`) })),
    bySizeClass: SIZE_CLASSES.map((sizeClass) => ({
      sizeClass,
      figures: figuresOf(`s:${sizeClass}`),
    })),
  }
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

function statusFigures(counts: Record<FirmOrgStatus, number> | undefined): FirmFigures {
  const c = counts ?? { ownOrg: 0, jointBranch: 0, instructorOnly: 0, none: 0 }
  const operatingFirms = c.ownOrg + c.jointBranch + c.instructorOnly + c.none
  const firmsWithOrg = c.ownOrg + c.jointBranch
  return {
    operatingFirms,
    firmsWithOwnOrg: c.ownOrg,
    firmsInJointBranch: c.jointBranch,
    firmsWithOrg,
    firmsInstructorOnly: c.instructorOnly,
    firmsUncovered: c.none,
    orgCoverageRate: rate(firmsWithOrg, operatingFirms),
    ownOrgRate: rate(c.ownOrg, operatingFirms),
    workCoverageRate: rate(firmsWithOrg + c.instructorOnly, operatingFirms),
  }
}

// ─── The trend ──────────────────────────────────────────────────────────────

/**
 * The month ends of the `count` months ending with `asOf`'s month, oldest first; the last
 * point is `asOf` itself (a month end in the future would be a forecast, not a figure).
 */
export function monthEndPoints(asOf: IsoDate, count = 12): IsoDate[] {
  const firstOfMonth = `${asOf.slice(0, 7)}-01`
  const points: IsoDate[] = []
  for (let back = count - 1; back >= 1; back--) {
    const first = addMonths(firstOfMonth, -back)
    const year = Number(first.slice(0, 4))
    const month = Number(first.slice(5, 7))
    points.push(addDays(first, daysInMonth(year, month) - 1))
  }
  if (count > 0) points.push(asOf)
  return points
}

export interface TrendPoint {
  date: IsoDate
  operatingFirms: number
  firmsWithOrg: number
  firmsWithOwnOrg: number
  orgCoverageRate: number
  ownOrgRate: number
  members: number
}

/** computeCoverage at each date, over one read of the records. */
export function coverageTrend(
  firms: readonly Firm[],
  orgs: readonly Org[],
  members: readonly Member[],
  points: readonly IsoDate[],
): TrendPoint[] {
  return points.map((date) => {
    const figures = computeCoverage(firms, orgs, members, date)
    return {
      date,
      operatingFirms: figures.operatingFirms,
      firmsWithOrg: figures.firmsWithOrg,
      firmsWithOwnOrg: figures.firmsWithOwnOrg,
      orgCoverageRate: figures.orgCoverageRate,
      ownOrgRate: figures.ownOrgRate,
      members: figures.members,
    }
  })
}

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
    if (member.stage !== 'full' && member.stage !== 'probationary') continue
    if (member.status === 'transferredOut') continue
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
  const progress = progressByShortfall(input.memberIds, input.studyHours, settings)
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
