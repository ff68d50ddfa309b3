import type { Area } from '@/domain/types'
import { validateArea, type AreaInput } from '@/domain/validation'
import { getDb, newId } from '../connection'
import { NotFoundError } from '../errors'
import { createRecord, updateRecord } from '../records'
import { orThrow } from './validated'

export async function listAreas(): Promise<Area[]> {
  return getDb().areas.orderBy('path').toArray()
}

export async function getArea(id: string): Promise<Area | undefined> {
  return getDb().areas.get(id)
}

/** Children of an area in their display order ('' = the roots). */
export async function listChildAreas(parentId: string): Promise<Area[]> {
  return getDb()
    .areas.where('[parentId+sortOrder]')
    .between([parentId, -Infinity], [parentId, Infinity])
    .toArray()
}

/** The area and everything under it: one range over the materialised path. */
export async function listSubtreeAreaIds(areaId: string): Promise<string[]> {
  const area = await getDb().areas.get(areaId)
  if (!area) return []
  return getDb().areas.where('path').startsWith(area.path).primaryKeys()
}

export async function createArea(input: AreaInput): Promise<Area> {
  const value = orThrow(validateArea(input))
  const id = newId()
  let parentPath = '/'
  if (value.parentId) {
    const parent = await getDb().areas.get(value.parentId)
    if (!parent) throw new NotFoundError('areas', value.parentId)
    parentPath = parent.path
  }
  return createRecord<Area>('areas', { ...value, path: `${parentPath}${id}/` }, value.name, id)
}

/** Rename or re-code an area; moving (a new parent) is the register issue's work. */
export async function updateArea(id: string, input: AreaInput): Promise<Area> {
  const value = orThrow(validateArea(input))
  const before = await getDb().areas.get(id)
  if (!before) throw new NotFoundError('areas', id)
  return updateRecord<Area>(
    'areas',
    id,
    { ...value, parentId: before.parentId, path: before.path },
    value.name,
  )
}
