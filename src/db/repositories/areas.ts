import type { Area } from '@/domain/types'
import { getDb } from '../connection'

// Writes (and with them valibot's schemas) live in areaWrites.ts, re-exported here: the
// dashboard's first route reads the areas (listAreas) without the write path (the first-route budget).
export * from './areaWrites'

export async function listAreas(): Promise<Area[]> {
  return getDb().areas.orderBy('path').toArray()
}

export async function getArea(id: string): Promise<Area | undefined> {
  return getDb().areas.get(id)
}

/** The area and everything under it: one range over the materialised path. */
export async function listSubtreeAreaIds(areaId: string): Promise<string[]> {
  const area = await getDb().areas.get(areaId)
  if (!area) return []
  return getDb().areas.where('path').startsWith(area.path).primaryKeys()
}
