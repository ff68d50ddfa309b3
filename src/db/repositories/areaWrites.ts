import type { Area } from '@/domain/types'
import { validateArea, type AreaInput } from '@/domain/validation'
import { getDb, newId, nowIso } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { auditEntry, createRecord, updateRecord } from '../records'
import { orThrow } from './validated'

/** Area writes: validated, audited, moved from areas.ts (which re-exports them). */

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
export async function updateArea(
  id: string,
  input: AreaInput,
  expectedRev?: string,
): Promise<Area> {
  const value = orThrow(validateArea(input))
  const before = await getDb().areas.get(id)
  if (!before) throw new NotFoundError('areas', id)
  return updateRecord<Area>(
    'areas',
    id,
    { ...value, parentId: before.parentId, path: before.path },
    value.name,
    expectedRev,
  )
}

/**
 * Move an area under a new parent. Its path and every path below it change, and so do the
 * copies kept on firms and orgs: all in one transaction, so no list ever sees half a move.
 */
export async function moveArea(id: string, newParentId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.areas, db.firms, db.orgs, db.auditLog], async () => {
    const area = await db.areas.get(id)
    if (!area) throw new NotFoundError('areas', id)
    const parent = newParentId ? await db.areas.get(newParentId) : undefined
    if (newParentId && !parent) throw new ValidationError([{ field: 'parentId', code: 'notFound' }])
    // Under itself or one of its descendants would make a loop.
    if (parent && parent.path.startsWith(area.path))
      throw new ValidationError([{ field: 'parentId', code: 'cycle' }])
    const oldPath = area.path
    const newPath = `${parent?.path ?? '/'}${id}/`
    const rewrite = (path: string) => newPath + path.slice(oldPath.length)
    await db.areas
      .where('path')
      .startsWith(oldPath)
      .modify((a) => {
        a.path = rewrite(a.path)
      })
    await db.areas.update(id, { parentId: newParentId, updatedAt: nowIso() })
    await db.firms
      .where('areaPath')
      .startsWith(oldPath)
      .modify((f) => {
        f.areaPath = rewrite(f.areaPath)
      })
    await db.orgs
      .where('areaPath')
      .startsWith(oldPath)
      .modify((o) => {
        o.areaPath = rewrite(o.areaPath)
      })
    await db.auditLog.add(auditEntry('update', 'areas', id, area.name, ['parentId', 'path']))
  })
}

/** Retire (or bring back) an area: kept for history, no longer offered for new records. */
export async function setAreaRetired(id: string, retired: boolean): Promise<void> {
  const area = await getDb().areas.get(id)
  if (!area) throw new NotFoundError('areas', id)
  const { id: _id, createdAt: _c, updatedAt: _u, path: _p, ...input } = area
  await updateArea(id, { ...input, retired: retired ? 'yes' : 'no' })
}
