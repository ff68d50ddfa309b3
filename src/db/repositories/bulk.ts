import type { RecycleEntry } from '@/domain/types'
import type { Table } from 'dexie'
import { getActor, getDb, newId, nowIso } from '../connection'
import { NotFoundError } from '../errors'
import { auditEntry } from '../records'
import { RECORD_TABLES, type RecordTable } from '../schema'
import { writeMeta } from './meta'

export type TableRows = { [K in RecordTable]: Record<string, unknown>[] }

/** A recycle-bin entry holding every record at once (taken before a whole-database replace). */
export const SNAPSHOT_TABLE = '*snapshot'

function recordTables(): Table[] {
  const db = getDb()
  return RECORD_TABLES.map((name) => db.table(name))
}

export async function countRecords(): Promise<Record<RecordTable, number>> {
  const counts = await Promise.all(RECORD_TABLES.map((name) => getDb().table(name).count()))
  return Object.fromEntries(RECORD_TABLES.map((name, i) => [name, counts[i] ?? 0])) as Record<
    RecordTable,
    number
  >
}

export async function takeSnapshot(label: string): Promise<RecycleEntry | null> {
  const db = getDb()
  const tables: Partial<TableRows> = {}
  let total = 0
  for (const name of RECORD_TABLES) {
    const rows = (await db.table(name).toArray()) as Record<string, unknown>[]
    tables[name] = rows
    total += rows.length
  }
  if (total === 0) return null
  return {
    id: newId(),
    table: SNAPSHOT_TABLE,
    recordId: '',
    label,
    deletedAt: nowIso(),
    deletedBy: getActor(),
    record: { tables, total },
  }
}

/**
 * Replace every record table by `rows` in one transaction. What was there before is kept
 * as one snapshot in the recycle bin, so "load the demo" or "start empty" loses nothing.
 * One audit entry for the whole write, not one per record.
 */
export async function replaceAllRecords(
  rows: Partial<TableRows>,
  action: 'demo' | 'clear',
  summary: string,
  snapshotLabel: string,
): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [...recordTables(), db.recycleBin, db.auditLog, db.meta], async () => {
    const snapshot = await takeSnapshot(snapshotLabel)
    if (snapshot) await db.recycleBin.add(snapshot)
    for (const name of RECORD_TABLES) {
      await db.table(name).clear()
      const list = rows[name]
      if (list && list.length > 0) await db.table(name).bulkAdd(list)
    }
    await db.auditLog.add(auditEntry(action, '*', '', summary))
    await writeMeta('firstRunDone', nowIso())
    if (action === 'demo') await writeMeta('demoLoadedAt', nowIso())
  })
}

/** Bring a snapshot back; the current records become a snapshot in turn. */
export async function restoreSnapshot(recycleId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [...recordTables(), db.recycleBin, db.auditLog, db.meta], async () => {
    const entry = await db.recycleBin.get(recycleId)
    if (!entry || entry.table !== SNAPSHOT_TABLE) throw new NotFoundError('recycleBin', recycleId)
    const current = await takeSnapshot('restore')
    if (current) await db.recycleBin.add(current)
    const tables = entry.record.tables as Partial<TableRows>
    for (const name of RECORD_TABLES) {
      await db.table(name).clear()
      const list = tables[name]
      if (list && list.length > 0) await db.table(name).bulkAdd(list)
    }
    await db.recycleBin.delete(recycleId)
    await db.auditLog.add(auditEntry('restore', '*', '', entry.label))
  })
}
