/**
 * Coverage, the organisation department's view of the register (docs/rules.md O11):
 * how many operating firms have a party organisation, of their own or through a joint
 * branch, and how many without one are at least reached by an instructor or liaison.
 * Raw counts and 0–1 rates; formatting is the UI's job.
 */
import { isOnRoll } from './memberStatus'
import {
  INDUSTRIES,
  ORG_TYPES,
  SIZE_CLASSES,
  type Area,
  type Firm,
  type FirmOrgStatus,
  type Id,
  type Industry,
  type IsoDate,
  type Member,
  type Org,
  type OrgType,
  type SizeClass,
} from './types'

export type { FirmOrgStatus } from './types'

export interface CoverageFigures {
  /** Registered on or before the date and not closed by it: the denominator. */
  operatingFirms: number
  /** 单独组建: an org of the firm's own. */
  firmsWithOwnOrg: number
  /** Covered by a joint branch only (a firm with its own org is not counted again here). */
  firmsInJointBranch: number
  /** 组织覆盖: own ∪ joint; a firm covered by two orgs counts once. */
  firmsWithOrg: number
  /** 工作覆盖 without an org: an instructor, a liaison, a 工会 or 共青团 (isWorkCovered). */
  firmsInstructorOnly: number
  firmsUncovered: number
  /** 组织覆盖率 = firmsWithOrg ÷ operatingFirms (0 when there are no firms). */
  orgCoverageRate: number
  /** 单独组建率 = firmsWithOwnOrg ÷ operatingFirms. */
  ownOrgRate: number
  /** (firmsWithOrg + firmsInstructorOnly) ÷ operatingFirms. */
  workCoverageRate: number
  fullMembers: number
  probationaryMembers: number
  /** Members on the roll (memberStatus.ts isOnRoll) of active orgs. */
  members: number
  /** Active orgs by type. */
  orgsByType: Record<OrgType, number>
}

export interface CoverageInput {
  firms: readonly Firm[]
  orgs: readonly Org[]
  members: readonly Member[]
  asOf: IsoDate
}

type FirmDates = Pick<Firm, 'registeredOn' | 'closedOn'>
type OrgDates = Pick<Org, 'foundedOn' | 'dissolvedOn'>

/** ISO dates compare as text; '' (unknown) registration or founding counts as "before". */
export function isFirmOperating(firm: FirmDates, asOf: IsoDate): boolean {
  return firm.registeredOn <= asOf && (firm.closedOn === '' || firm.closedOn > asOf)
}

export function isOrgActive(org: OrgDates, asOf: IsoDate): boolean {
  return org.foundedOn <= asOf && (org.dissolvedOn === '' || org.dissolvedOn > asOf)
}

/**
 * Types that give their host firms an org of their own. Not a joint branch (counted apart),
 * not a joint committee (its constituents are not its host firms), and not a temporary
 * branch: it exists for a project or a training course and ends with it, so it is not the
 * standing organisation that 组织覆盖 counts.
 */
const OWN_ORG_TYPES: ReadonlySet<OrgType> = new Set(['baseCommittee', 'generalBranch', 'branch'])

type CoveringOrg = Pick<Org, 'type' | 'formation'>

/**
 * 单独组建: an org of the firm's own. A 区域性 or 行业性 党委 / 党总支 that lists firms covers them
 * jointly (中办发〔2012〕11号 counts it as 联合组建), like a joint branch.
 */
export function givesOwnOrg(org: CoveringOrg): boolean {
  return OWN_ORG_TYPES.has(org.type) && (org.formation ?? 'unit') === 'unit'
}

/** 联合组建: a joint branch, or a regional / industry committee over the firms it lists. */
export function givesJointOrg(org: CoveringOrg): boolean {
  return org.type === 'jointBranch' || (OWN_ORG_TYPES.has(org.type) && !givesOwnOrg(org))
}

/**
 * 工作覆盖 without an org: a 党建指导员 or 联络员, or a 工会 / 共青团 carrying the party's work
 * where the department records it (中办发〔2012〕11号).
 */
export function isWorkCovered(
  firm: Pick<Firm, 'instructor' | 'liaison' | 'tradeUnion' | 'youthLeague'>,
): boolean {
  return (
    firm.instructor.trim() !== '' ||
    firm.liaison.trim() !== '' ||
    firm.tradeUnion === 'yes' ||
    firm.youthLeague === 'yes'
  )
}

/** How one firm is covered, given the orgs that name it among their host firms. */
export function firmOrgStatus(
  firm: Pick<Firm, 'id' | 'instructor' | 'liaison' | 'tradeUnion' | 'youthLeague'>,
  orgsCoveringIt: readonly Org[],
  asOf: IsoDate,
): FirmOrgStatus {
  const active = orgsCoveringIt.filter(
    (org) => org.hostFirmIds.includes(firm.id) && isOrgActive(org, asOf),
  )
  if (active.some(givesOwnOrg)) return 'ownOrg'
  if (active.some(givesJointOrg)) return 'jointBranch'
  if (isWorkCovered(firm)) return 'instructorOnly'
  return 'none'
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

function zeroByType(): Record<OrgType, number> {
  return Object.fromEntries(ORG_TYPES.map((type) => [type, 0])) as Record<OrgType, number>
}

/** 组织覆盖率 and the figures around it, as of a date. */
export function computeCoverage(
  firms: readonly Firm[],
  orgs: readonly Org[],
  members: readonly Member[],
  asOf: IsoDate,
): CoverageFigures {
  const activeOrgs = orgs.filter((org) => isOrgActive(org, asOf))
  const orgsByFirm = new Map<Id, Org[]>()
  for (const org of activeOrgs) {
    for (const firmId of new Set(org.hostFirmIds)) {
      const list = orgsByFirm.get(firmId)
      if (list) list.push(org)
      else orgsByFirm.set(firmId, [org])
    }
  }

  const counts: Record<FirmOrgStatus, number> = {
    ownOrg: 0,
    jointBranch: 0,
    instructorOnly: 0,
    none: 0,
  }
  // A firm listed twice in the input is still one firm.
  const seenFirms = new Set<Id>()
  for (const firm of firms) {
    if (seenFirms.has(firm.id) || !isFirmOperating(firm, asOf)) continue
    seenFirms.add(firm.id)
    counts[firmOrgStatus(firm, orgsByFirm.get(firm.id) ?? [], asOf)] += 1
  }
  const operatingFirms = seenFirms.size
  const firmsWithOrg = counts.ownOrg + counts.jointBranch

  const activeOrgIds = new Set(activeOrgs.map((org) => org.id))
  let fullMembers = 0
  let probationaryMembers = 0
  for (const member of members) {
    if (!isOnRoll(member) || !activeOrgIds.has(member.orgId)) continue
    if (member.stage === 'full') fullMembers += 1
    else if (member.stage === 'probationary') probationaryMembers += 1
  }

  const orgsByType = zeroByType()
  for (const org of activeOrgs) orgsByType[org.type] += 1

  return {
    operatingFirms,
    firmsWithOwnOrg: counts.ownOrg,
    firmsInJointBranch: counts.jointBranch,
    firmsWithOrg,
    firmsInstructorOnly: counts.instructorOnly,
    firmsUncovered: counts.none,
    orgCoverageRate: rate(firmsWithOrg, operatingFirms),
    ownOrgRate: rate(counts.ownOrg, operatingFirms),
    workCoverageRate: rate(firmsWithOrg + counts.instructorOnly, operatingFirms),
    fullMembers,
    probationaryMembers,
    members: fullMembers + probationaryMembers,
    orgsByType,
  }
}

/** A 0–1 rate as a percentage rounded half up: 121/875 → 13.8, as the reports print it. */
export function roundRate(rate: number, digits = 1): number {
  if (!Number.isFinite(rate)) return 0
  const factor = 10 ** digits
  // EPSILON keeps a true half (0.1385 stored as 0.13849999…) from rounding down.
  return Math.round((rate * 100 + Number.EPSILON * 100) * factor) / factor
}

// ─── Breakdowns ─────────────────────────────────────────────────────────────

export interface AreaCoverage {
  areaId: Id
  figures: CoverageFigures
}

export interface IndustryCoverage {
  industry: Industry
  figures: CoverageFigures
}

export interface SizeClassCoverage {
  sizeClass: SizeClass
  figures: CoverageFigures
}

/**
 * One row per child of `parentAreaId` ('' = the top areas), in display order. A row counts
 * the firms, orgs and members of the child's whole subtree: its path is a prefix of theirs
 * (Area.path includes the area's own id, so a sibling's path never matches). Firms placed
 * directly on the parent belong to no child and appear in no row.
 */
export function coverageByArea(
  input: CoverageInput,
  areas: readonly Area[],
  parentAreaId: Id | '',
): AreaCoverage[] {
  const children = areas
    .filter((area) => area.parentId === parentAreaId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
  return children.map((area) => {
    const orgs = input.orgs.filter((org) => org.areaPath.startsWith(area.path))
    const orgIds = new Set(orgs.map((org) => org.id))
    return {
      areaId: area.id,
      figures: computeCoverage(
        input.firms.filter((firm) => firm.areaPath.startsWith(area.path)),
        orgs,
        input.members.filter((member) => orgIds.has(member.orgId)),
        input.asOf,
      ),
    }
  })
}

/**
 * Figures for the firms that pass a filter. Orgs are those hosted by at least one of those
 * firms; members are those whose firm is one of them, so a joint branch spanning two
 * industries does not put all its members in both rows.
 */
function coverageOfFirms(input: CoverageInput, keep: (firm: Firm) => boolean): CoverageFigures {
  const firms = input.firms.filter(keep)
  const firmIds = new Set(firms.map((firm) => firm.id))
  return computeCoverage(
    firms,
    input.orgs.filter((org) => org.hostFirmIds.some((id) => firmIds.has(id))),
    input.members.filter((member) => member.firmId !== '' && firmIds.has(member.firmId)),
    input.asOf,
  )
}

/** One row per industry of the register (新闻信息, 网络社交, 电子商务, …), all listed. */
export function coverageByIndustry(input: CoverageInput): IndustryCoverage[] {
  return INDUSTRIES.map((industry) => ({
    industry,
    figures: coverageOfFirms(input, (firm) => firm.industry === industry),
  }))
}

/** 规模以上 and below. */
export function coverageBySizeClass(input: CoverageInput): SizeClassCoverage[] {
  return SIZE_CLASSES.map((sizeClass) => ({
    sizeClass,
    figures: coverageOfFirms(input, (firm) => firm.sizeClass === sizeClass),
  }))
}
