/**
 * Tallies: the coverage counts of today kept up to date inside every write transaction
 * (db/tallies.ts), so the dashboard of a province (100,000 firms) sums a few thousand rows
 * instead of scanning the register. Each record contributes to exactly one row, decided by
 * the pure functions here; a recount (tallyRows) must always equal what the writes kept.
 *
 * - A firm row counts firms by area, industry, size class, coverage status and closing date.
 * - An org row counts orgs by area, type and dissolving date, with the full and
 *   probationary members on the roll (memberStatus.ts isOnRoll) of those orgs.
 * Dates that pass are handled when reading (figuresFromTallies): a firm closed or an org
 * dissolved by the day drops out; the few firms registered or orgs founded after the day
 * are subtracted by the reader, found through their date indexes.
 */
import type { CoverageFigures } from './coverage'
import { isOnRoll } from './memberStatus'
import {
  ORG_TYPES,
  type Firm,
  type FirmOrgStatus,
  type Industry,
  type IsoDate,
  type Member,
  type Org,
  type OrgType,
  type SizeClass,
} from './types'

export interface FirmTally {
  key: string
  kind: 'firm'
  areaPath: string
  industry: Industry
  sizeClass: SizeClass
  orgStatus: FirmOrgStatus
  closedOn: IsoDate
  firms: number
}

export interface OrgTally {
  key: string
  kind: 'org'
  areaPath: string
  type: OrgType
  dissolvedOn: IsoDate
  orgs: number
  full: number
  probationary: number
}

export type Tally = FirmTally | OrgTally

/** Keys start with the kind and the area path, so an area's subtree is one key range. */
export const FIRM_TALLY_PREFIX = 'f|'
export const ORG_TALLY_PREFIX = 'o|'

type FirmFacts = Pick<Firm, 'areaPath' | 'industry' | 'sizeClass' | 'orgStatus' | 'closedOn'>
type OrgFacts = Pick<Org, 'areaPath' | 'type' | 'dissolvedOn'>
type MemberFacts = Pick<Member, 'stage' | 'status'>

export function firmTally(firm: FirmFacts, firms = 1): FirmTally {
  const { areaPath, industry, sizeClass, orgStatus, closedOn } = firm
  return {
    key: `${FIRM_TALLY_PREFIX}${areaPath}|${industry}|${sizeClass}|${orgStatus}|${closedOn}`,
    kind: 'firm',
    areaPath,
    industry,
    sizeClass,
    orgStatus,
    closedOn,
    firms,
  }
}

/** Which member count a member adds to its org's row (computeCoverage's rule), if any. */
export function memberWeight(member: MemberFacts): { full: number; probationary: number } {
  if (!isOnRoll(member)) return { full: 0, probationary: 0 }
  return {
    full: member.stage === 'full' ? 1 : 0,
    probationary: member.stage === 'probationary' ? 1 : 0,
  }
}

export function orgTally(
  org: OrgFacts,
  members: { full: number; probationary: number } = { full: 0, probationary: 0 },
  orgs = 1,
): OrgTally {
  const { areaPath, type, dissolvedOn } = org
  return {
    key: `${ORG_TALLY_PREFIX}${areaPath}|${type}|${dissolvedOn}`,
    kind: 'org',
    areaPath,
    type,
    dissolvedOn,
    orgs,
    full: members.full,
    probationary: members.probationary,
  }
}

/** Adds `delta` into the map of rows by key (rows may go to zero; callers drop them). */
export function addTally(rows: Map<string, Tally>, delta: Tally, sign: 1 | -1 = 1): void {
  const current = rows.get(delta.key)
  if (delta.kind === 'firm') {
    const base = current?.kind === 'firm' ? current : { ...delta, firms: 0 }
    rows.set(delta.key, { ...base, firms: base.firms + sign * delta.firms })
    return
  }
  const base = current?.kind === 'org' ? current : { ...delta, orgs: 0, full: 0, probationary: 0 }
  rows.set(delta.key, {
    ...base,
    orgs: base.orgs + sign * delta.orgs,
    full: base.full + sign * delta.full,
    probationary: base.probationary + sign * delta.probationary,
  })
}

export function isEmptyTally(row: Tally): boolean {
  return row.kind === 'firm'
    ? row.firms === 0
    : row.orgs === 0 && row.full === 0 && row.probationary === 0
}

/** The full recount: what the tallies table must hold for these records. */
export function tallyRows(
  firms: readonly Firm[],
  orgs: readonly Org[],
  members: readonly Member[],
): Tally[] {
  const rows = new Map<string, Tally>()
  for (const firm of firms) addTally(rows, firmTally(firm))
  const orgById = new Map(orgs.map((org) => [org.id, org]))
  const weights = new Map<string, { full: number; probationary: number }>()
  for (const member of members) {
    if (!orgById.has(member.orgId)) continue
    const weight = memberWeight(member)
    const sum = weights.get(member.orgId) ?? { full: 0, probationary: 0 }
    weights.set(member.orgId, {
      full: sum.full + weight.full,
      probationary: sum.probationary + weight.probationary,
    })
  }
  for (const org of orgs) addTally(rows, orgTally(org, weights.get(org.id)))
  return [...rows.values()]
    .filter((row) => !isEmptyTally(row))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) // IndexedDB's key order
}

/** Records that exist but have not started yet on the day (registered or founded later). */
export interface NotYetStarted {
  firms: readonly FirmFacts[]
  orgs: readonly { org: OrgFacts; members: { full: number; probationary: number } }[]
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole)

/**
 * computeCoverage's figures for `asOf` (today: the stored statuses are today's) from tally
 * rows, minus what has not started by then. Equal to computeCoverage on the same records.
 */
export function figuresFromTallies(
  rows: readonly Tally[],
  asOf: IsoDate,
  notYet: NotYetStarted = { firms: [], orgs: [] },
): CoverageFigures {
  const byStatus: Record<FirmOrgStatus, number> = {
    ownOrg: 0,
    jointBranch: 0,
    instructorOnly: 0,
    none: 0,
  }
  const orgsByType = Object.fromEntries(ORG_TYPES.map((type) => [type, 0])) as Record<
    OrgType,
    number
  >
  let full = 0
  let probationary = 0
  const open = (closedOn: IsoDate) => closedOn === '' || closedOn > asOf
  for (const row of rows) {
    if (row.kind === 'firm') {
      if (open(row.closedOn)) byStatus[row.orgStatus] += row.firms
    } else if (open(row.dissolvedOn)) {
      orgsByType[row.type] += row.orgs
      full += row.full
      probationary += row.probationary
    }
  }
  for (const firm of notYet.firms) if (open(firm.closedOn)) byStatus[firm.orgStatus] -= 1
  for (const { org, members } of notYet.orgs) {
    if (!open(org.dissolvedOn)) continue
    orgsByType[org.type] -= 1
    full -= members.full
    probationary -= members.probationary
  }
  const operatingFirms =
    byStatus.ownOrg + byStatus.jointBranch + byStatus.instructorOnly + byStatus.none
  const firmsWithOrg = byStatus.ownOrg + byStatus.jointBranch
  return {
    operatingFirms,
    firmsWithOwnOrg: byStatus.ownOrg,
    firmsInJointBranch: byStatus.jointBranch,
    firmsWithOrg,
    firmsInstructorOnly: byStatus.instructorOnly,
    firmsUncovered: byStatus.none,
    orgCoverageRate: rate(firmsWithOrg, operatingFirms),
    ownOrgRate: rate(byStatus.ownOrg, operatingFirms),
    workCoverageRate: rate(firmsWithOrg + byStatus.instructorOnly, operatingFirms),
    fullMembers: full,
    probationaryMembers: probationary,
    members: full + probationary,
    orgsByType,
  }
}

/** Only the rows and late records under one area path. */
export function talliesUnder(
  rows: readonly Tally[],
  notYet: NotYetStarted,
  areaPath: string,
): { rows: Tally[]; notYet: NotYetStarted } {
  const under = (path: string) => path.startsWith(areaPath)
  return {
    rows: rows.filter((row) => under(row.areaPath)),
    notYet: {
      firms: notYet.firms.filter((firm) => under(firm.areaPath)),
      orgs: notYet.orgs.filter((entry) => under(entry.org.areaPath)),
    },
  }
}
