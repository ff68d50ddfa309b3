import type { Org } from '@/domain/types'
import { validateOrg, type OrgInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { refreshFirmStatuses } from './firmStatus'
import { orThrow } from './validated'

async function checkLinks(value: OrgInput, id = ''): Promise<string> {
  const db = getDb()
  const area = await db.areas.get(value.areaId)
  if (!area) throw new ValidationError([{ field: 'areaId', code: 'notFound' }])
  if (value.parentId) {
    if (!(await db.orgs.get(value.parentId)))
      throw new ValidationError([{ field: 'parentId', code: 'notFound' }])
    if (id && (await listSubtreeOrgIds(id)).includes(value.parentId)) {
      throw new ValidationError([{ field: 'parentId', code: 'cycle' }])
    }
  }
  const firms = await db.firms.bulkGet(value.hostFirmIds)
  if (firms.some((firm) => !firm))
    throw new ValidationError([{ field: 'hostFirmIds', code: 'notFound' }])
  return area.path
}

/** Org writes change their host firms' coverage: both happen in one transaction. */
function inOrgTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction('rw', [db.orgs, db.firms, db.areas, db.auditLog, db.recycleBin], work)
}

function toInput(org: Org): OrgInput {
  const { id: _id, createdAt: _c, updatedAt: _u, areaPath: _a, ...input } = org
  return input
}

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
        db.members.where('[orgId+stage]').equals([id, 'full']).count(),
        db.members.where('[orgId+stage]').equals([id, 'probationary']).count(),
        db.orgs.where('parentId').equals(id).count(),
      ])
      return [id, { full, probationary, children }] as const
    }),
  )
  return Object.fromEntries(entries)
}

export async function createOrg(input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const areaPath = await checkLinks(value)
    const org = await createRecord<Org>('orgs', { ...value, areaPath }, value.name)
    await refreshFirmStatuses(org.hostFirmIds)
    return org
  })
}

export async function updateOrg(id: string, input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const before = await getDb().orgs.get(id)
    if (!before) throw new NotFoundError('orgs', id)
    const areaPath = await checkLinks(value, id)
    const org = await updateRecord<Org>('orgs', id, { ...value, areaPath }, value.name)
    await refreshFirmStatuses([...before.hostFirmIds, ...org.hostFirmIds])
    return org
  })
}

/** 撤销: the org stays in the register with its dissolution date; its firms lose coverage from then. */
export async function dissolveOrg(id: string, on: string): Promise<Org> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  return updateOrg(id, { ...toInput(org), dissolvedOn: on })
}

/** Put an org under another (or at the top); refused when that would make a loop. */
export async function moveOrg(id: string, parentId: string): Promise<Org> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  return updateOrg(id, { ...toInput(org), parentId })
}

export async function removeOrg(id: string): Promise<void> {
  await inOrgTransaction(async () => {
    const org = await getDb().orgs.get(id)
    if (!org) throw new NotFoundError('orgs', id)
    await removeRecord('orgs', id, org.name)
    await refreshFirmStatuses(org.hostFirmIds)
  })
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
