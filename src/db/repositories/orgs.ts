import { isOnRoll } from '@/domain/memberStatus'
import { pickerNameMatches } from '@/domain/search'
import { STAGE, type Org } from '@/domain/types'
import { getDb } from '../connection'
import {
  boundedWalk,
  CANDIDATE_CAP,
  fullTokenIds,
  intersect,
  prefixStarts,
  readSorted,
  tokenIds,
} from '../nameSearch'

// Writes (and with them valibot's schemas) live in orgWrites.ts, exported beside these by the `@/db` barrel: the reads
// the first route needs (getOrg) stay out of the write path's chunk (the first-route budget).

export async function getOrg(id: string): Promise<Org | undefined> {
  return getDb().orgs.get(id)
}

export async function getOrgs(ids: readonly string[]): Promise<Org[]> {
  return (await getDb().orgs.bulkGet([...ids])).filter((org): org is Org => !!org)
}

/** Every org for pickers (orgs number in the hundreds per department, not the millions). */
export async function listOrgs(): Promise<Org[]> {
  return getDb().orgs.orderBy('name').toArray()
}

/** The orgs that name a firm among their hosts. */
export async function listOrgsCoveringFirm(firmId: string): Promise<Org[]> {
  return getDb().orgs.where('hostFirmIds').equals(firmId).toArray()
}

/** The org and every org under it, walking the parent index level by level. */
export async function listSubtreeOrgIds(rootId: string): Promise<string[]> {
  const db = getDb()
  const ids = [rootId]
  let frontier = [rootId]
  while (frontier.length > 0) {
    const children = await db.orgs.where('parentId').anyOf(frontier).primaryKeys()
    frontier = children.filter((id) => !ids.includes(id))
    ids.push(...frontier)
  }
  return ids
}

export interface OrgNodeCounts {
  full: number
  probationary: number
  children: number
}

/** Counts shown on tree nodes, read through indexes (no member is loaded). */
export async function countOrgNodes(
  orgIds: readonly string[],
): Promise<Record<string, OrgNodeCounts>> {
  const db = getDb()
  const entries = await Promise.all(
    orgIds.map(async (id) => {
      const [full, probationary, children] = await Promise.all([
        // On the roll only (memberStatus.ts): 停止党籍, 转出 … are records, not members.
        db.members.where('[orgId+stage]').equals([id, 'full']).filter(isOnRoll).count(),
        db.members.where('[orgId+stage]').equals([id, STAGE.probationary]).filter(isOnRoll).count(),
        db.orgs.where('parentId').equals(id).count(),
      ])
      return [id, { full, probationary, children }] as const
    }),
  )
  return Object.fromEntries(entries)
}

/** Up to this many orgs, a scope's first page is read by key rather than walked. */
const SCOPE_READ_MAX = 500

/**
 * Orgs for pickers (domain/search.ts pickerNameMatches: one character starts the name, more
 * are contained in it), in name order, at most `limit`, found through indexes: the name
 * pieces (`*nameTokens`) or the name range, never a walk of the table. `scope`: the org ids
 * the role sees (useScope), null for all; a small scope is read by key.
 */
export async function searchOrgs(
  text: string,
  limit = 20,
  scope: readonly string[] | null = null,
): Promise<Org[]> {
  const needle = text.trim()
  const orgs = getDb().orgs
  const inScope = scope ? new Set(scope) : null
  const matches = (org: Org): boolean => pickerNameMatches(org.name, needle)
  const small = inScope !== null && inScope.size <= SCOPE_READ_MAX
  if (needle.length < 2) {
    if (small) return readSorted(orgs, inScope, matches, limit)
    const walk =
      needle === ''
        ? orgs.orderBy('name')
        : orgs.where('name').startsWithAnyOf(prefixStarts(needle))
    return walk
      .filter((org) => !inScope || inScope.has(org.id))
      .limit(limit)
      .toArray()
  }
  const keep = (org: Org): boolean => (!inScope || inScope.has(org.id)) && matches(org)
  let ids = await tokenIds(orgs, needle)
  if (ids === null && !small) {
    const dense = await boundedWalk(orgs.orderBy('name'), keep, limit)
    if (dense) return dense
  }
  ids ??= small ? inScope : await fullTokenIds(orgs, needle)
  if (inScope) ids = intersect([ids, inScope])
  if (ids.size <= CANDIDATE_CAP) return readSorted(orgs, ids, matches, limit)
  return orgs
    .orderBy('name')
    .filter((org) => ids.has(org.id) && matches(org))
    .limit(limit)
    .toArray()
}

/** The orgs of a scope (null = all). */
export async function listScopedOrgs(orgIds: readonly string[] | null): Promise<Org[]> {
  if (!orgIds) return getDb().orgs.toArray()
  return getOrgs(orgIds)
}
