import Dexie from 'dexie'
import type { Firm } from '@/domain/types'
import { validateFirm, type FirmInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { orThrow } from './validated'

async function areaPathOf(areaId: string): Promise<string> {
  const area = await getDb().areas.get(areaId)
  if (!area) throw new ValidationError([{ field: 'areaId', code: 'notFound' }])
  return area.path
}

/** The credit code is unique in the register: a second firm with it is a field error. */
function duplicateAsFieldError(error: unknown): never {
  if (error instanceof Dexie.ConstraintError) {
    throw new ValidationError([{ field: 'creditCode', code: 'duplicate' }])
  }
  throw error
}

export async function getFirm(id: string): Promise<Firm | undefined> {
  return getDb().firms.get(id)
}

export async function findFirmByCreditCode(creditCode: string): Promise<Firm | undefined> {
  return getDb().firms.where('creditCode').equals(creditCode).first()
}

export async function countFirms(): Promise<number> {
  return getDb().firms.count()
}

export async function createFirm(input: FirmInput): Promise<Firm> {
  const value = orThrow(validateFirm(input))
  const areaPath = await areaPathOf(value.areaId)
  return createRecord<Firm>('firms', { ...value, areaPath }, value.name).catch(
    duplicateAsFieldError,
  )
}

export async function updateFirm(id: string, input: FirmInput): Promise<Firm> {
  const value = orThrow(validateFirm(input))
  const areaPath = await areaPathOf(value.areaId)
  return updateRecord<Firm>('firms', id, { ...value, areaPath }, value.name).catch(
    duplicateAsFieldError,
  )
}

export async function removeFirm(id: string): Promise<void> {
  const firm = await getDb().firms.get(id)
  if (!firm) throw new NotFoundError('firms', id)
  await removeRecord('firms', id, firm.name)
}
