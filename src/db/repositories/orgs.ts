import type { Org } from '@/domain/types'
import { validateOrg, type OrgInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { orThrow } from './validated'

async function checkLinks(value: OrgInput): Promise<string> {
  const db = getDb()
  const area = await db.areas.get(value.areaId)
  if (!area) throw new ValidationError([{ field: 'areaId', code: 'notFound' }])
  if (value.parentId && !(await db.orgs.get(value.parentId))) {
    throw new ValidationError([{ field: 'parentId', code: 'notFound' }])
  }
  const firms = await db.firms.bulkGet(value.hostFirmIds)
  if (firms.some((firm) => !firm))
    throw new ValidationError([{ field: 'hostFirmIds', code: 'notFound' }])
  return area.path
}

export async function getOrg(id: string): Promise<Org | undefined> {
  return getDb().orgs.get(id)
}

/** Every org for pickers (orgs number in the hundreds per department, not the millions). */
export async function listOrgs(): Promise<Org[]> {
  return getDb().orgs.orderBy('name').toArray()
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

export async function createOrg(input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  const areaPath = await checkLinks(value)
  return createRecord<Org>('orgs', { ...value, areaPath }, value.name)
}

export async function updateOrg(id: string, input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  const areaPath = await checkLinks(value)
  return updateRecord<Org>('orgs', id, { ...value, areaPath }, value.name)
}

export async function removeOrg(id: string): Promise<void> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  await removeRecord('orgs', id, org.name)
}

/** Orgs whose name starts with or contains `text`, for pickers: reads at most `limit` rows. */
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
  return (await getDb().orgs.bulkGet([...orgIds])).filter((org): org is Org => !!org)
}
