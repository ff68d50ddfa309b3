import { isOnRoll } from '@/domain/memberStatus'
import { STAGE, type Org } from '@/domain/types'
import { getDb } from '../connection'

// Writes (and with them valibot's schemas) live in orgWrites.ts, re-exported here: the reads
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

/** Orgs whose name contains `text`, for pickers: reads at most `limit` rows. */
export async function searchOrgs(text: string, limit = 20): Promise<Org[]> {
  const needle = text.trim()
  const orgs = getDb().orgs.orderBy('name')
  if (!needle) return orgs.limit(limit).toArray()
  return orgs
    .filter((org) => org.name.includes(needle))
    .limit(limit)
    .toArray()
}

/** The orgs of a scope (null = all). */
export async function listScopedOrgs(orgIds: readonly string[] | null): Promise<Org[]> {
  if (!orgIds) return getDb().orgs.toArray()
  return getOrgs(orgIds)
}
