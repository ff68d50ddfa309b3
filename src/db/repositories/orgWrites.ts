import type { Org } from '@/domain/types'
import { validateOrg, type OrgInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { refreshFirmStatuses } from './firmStatus'
import { listSubtreeOrgIds } from './orgs'
import { orThrow } from './validated'

/** Org writes: validated, audited, moved from orgs.ts (which re-exports them). */

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

export async function createOrg(input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const areaPath = await checkLinks(value)
    const org = await createRecord<Org>('orgs', { ...value, areaPath }, value.name)
    await refreshFirmStatuses(org.hostFirmIds)
    return org
  })
}

export async function updateOrg(id: string, input: OrgInput, expectedRev?: string): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const before = await getDb().orgs.get(id)
    if (!before) throw new NotFoundError('orgs', id)
    const areaPath = await checkLinks(value, id)
    const org = await updateRecord<Org>('orgs', id, { ...value, areaPath }, value.name, expectedRev)
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
