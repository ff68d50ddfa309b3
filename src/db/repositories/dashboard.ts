/**
 * The dashboard's reads beyond the tallies. Today's coverage comes from
 * readTallies (tallies.ts); these serve the rest and say what they cost:
 * - another date and the trend read an area's firms, orgs and members (whole tables for the
 *   whole register: slow at province scale, acceptable for a chosen date);
 * - the members' structure, work quality and compliance read the scope's members, orgs and
 *   meetings through their indexes, and the UI asks for them only when their tab opens.
 */
import { PARTY_STAGES, type Area, type Firm, type Id, type Member, type Org } from '@/domain/types'
import { getDb } from '../connection'

// The work-quality tab's reads (meetings, joint problems, study hours) live in
// dashboardQuality.ts, re-exported here: the figures on the first route read none of them.

/**
 * What a dashboard looks at: an area's subtree ('' = the whole register), or the orgs of a
 * secretary's scope.
 */
export type DashboardScope = { kind: 'area'; areaPath: string } | { kind: 'orgs'; orgIds: Id[] }

/** The stages the dashboard counts as party members. */

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
export async function partyMembersOf(orgIds: readonly Id[] | null): Promise<Member[]> {
  const db = getDb()
  if (orgIds === null)
    return db.members
      .where('stage')
      .anyOf([...PARTY_STAGES])
      .toArray()
  const keys = orgIds.flatMap((id) => PARTY_STAGES.map((stage) => [id, stage]))
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
