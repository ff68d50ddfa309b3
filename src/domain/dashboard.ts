/**
 * The dashboard's figures beyond computeCoverage: the area trail of a drill-down,
 * firm figures by industry and size class from the tallies, the 12-month trend; the members'
 * structure, meeting compliance by area and the work-quality counts are in dashboardPanels.ts
 * (re-exported), apart so the first route's figures do not bring the joint, study and term
 * rules. Pure: records in, counts out; the repositories read, the UI formats.
 */
import { computeCoverage, firmOrgStatus, isFirmOperating, isOrgActive } from './coverage'
import type { CoverageFigures } from './coverage'
import { addDays, addMonths, daysInMonth } from './dates'
import { figuresFromTallies, type NotYetStarted, type Tally } from './tallies'
import {
  INDUSTRIES,
  SIZE_CLASSES,
  type Area,
  type Firm,
  type FirmOrgStatus,
  type Id,
  type Industry,
  type IsoDate,
  type Member,
  type Org,
  type SizeClass,
} from './types'

export * from './dashboardPanels'

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
