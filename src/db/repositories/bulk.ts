import type { RecycleEntry } from '@/domain/types'
import type { Table } from 'dexie'
import { getActor, getDb, newId, nowIso } from '../connection'
import { NotFoundError } from '../errors'
import { auditEntry } from '../records'
import { replicatedTransaction } from '../revisions'
import { RECORD_TABLES, REPLICATION_TABLES, type RecordTable } from '../schema'
import { writeMeta } from './meta'

export type TableRows = { [K in RecordTable]: Record<string, unknown>[] }
type Row = Record<string, unknown>

/**
 * A whole-database snapshot (taken before a replace) as the recycle bin lists it: the head.
 * Since format 2 its record is a {@link SnapshotSummary} and the records themselves are in
 * pieces; a format-1 head (still in users' databases) holds `{ tables, total }` itself.
 */
export const SNAPSHOT_TABLE = '*snapshot'
/**
 * One piece of a snapshot: `recordId` is its head's id and its own id that id, a dot and a
 * sequence number, so the pieces read back in the order they were written. Its `deletedAt`
 * is '' so the bin's list and count (history.ts: deletedAt above '') never show it.
 */
export const SNAPSHOT_CHUNK_TABLE = '*snapshot-chunk'
/**
 * What a snapshot holds: the records and their replication state (tombstones, other leaves,
 * kept bodies, move marks), so bringing it back brings back the revisions too.
 */
const SNAPSHOT_TABLES: readonly string[] = [...RECORD_TABLES, ...REPLICATION_TABLES]
type SnapshotTable = RecordTable | (typeof REPLICATION_TABLES)[number]
const SNAPSHOT_TABLE_SET: ReadonlySet<string> = new Set(SNAPSHOT_TABLES)

/** Records per piece: a snapshot holds one piece in memory at a time, whatever the size. */
export const SNAPSHOT_CHUNK_ROWS = 2_000
/** Photos carry their image (a 1600 px JPEG, a few hundred kB): fewer of them per piece. */
const CHUNK_CAP: Partial<Record<SnapshotTable, number>> = { photos: 32 }

let chunkRows = SNAPSHOT_CHUNK_ROWS

/** Tests make the pieces small so that a few records span many; no argument resets it. */
export function setSnapshotChunkRows(rows: number = SNAPSHOT_CHUNK_ROWS): void {
  chunkRows = Math.max(1, Math.floor(rows))
}

/** A format-2 head's record. */
export interface SnapshotSummary {
  total: number
  /** Records per table (tables without any are left out). */
  counts: Partial<Record<SnapshotTable, number>>
  /** How many pieces hold them. */
  chunks: number
}

interface SnapshotChunk {
  table: SnapshotTable
  rows: Row[]
}

function recordTables(): Table[] {
  const db = getDb()
  return SNAPSHOT_TABLES.map((name) => db.table(name))
}

function chunkPrefix(headId: string): string {
  return `${headId}.`
}

export async function countRecords(): Promise<Record<RecordTable, number>> {
  const counts = await Promise.all(RECORD_TABLES.map((name) => getDb().table(name).count()))
  return Object.fromEntries(RECORD_TABLES.map((name, i) => [name, counts[i] ?? 0])) as Record<
    RecordTable,
    number
  >
}

/**
 * Keep every record as it is now as a snapshot in the recycle bin: the pieces, each table
 * read a piece at a time along its primary key (never a whole table), then the head the
 * bin lists. Call it inside a read-write transaction over the record tables and the recycle
 * bin, so that a replace which fails leaves no snapshot behind either. Null (and nothing
 * written) when there are no records.
 */
export async function keepSnapshot(label: string): Promise<RecycleEntry | null> {
  const db = getDb()
  const head: RecycleEntry = {
    id: newId(),
    table: SNAPSHOT_TABLE,
    recordId: '',
    label,
    deletedAt: nowIso(),
    deletedBy: getActor(),
    record: {},
  }
  const counts: Partial<Record<SnapshotTable, number>> = {}
  let total = 0
  let chunks = 0
  for (const name of SNAPSHOT_TABLES as readonly SnapshotTable[]) {
    const table = db.table(name)
    const key = String(table.schema.primKey.keyPath)
    const size = Math.min(chunkRows, CHUNK_CAP[name] ?? chunkRows)
    let last: unknown = null
    for (;;) {
      const rows = (await (last === null
        ? table.orderBy(':id').limit(size).toArray()
        : table.where(':id').above(last).limit(size).toArray())) as Row[]
      if (rows.length === 0) break
      const piece: SnapshotChunk = { table: name, rows }
      await db.recycleBin.add({
        id: `${chunkPrefix(head.id)}${String(chunks).padStart(6, '0')}`,
        table: SNAPSHOT_CHUNK_TABLE,
        recordId: head.id,
        label,
        deletedAt: '',
        deletedBy: head.deletedBy,
        record: piece as unknown as Record<string, unknown>,
      })
      chunks += 1
      counts[name] = (counts[name] ?? 0) + rows.length
      total += rows.length
      if (rows.length < size) break
      last = rows[rows.length - 1]![key]
    }
  }
  if (total === 0) return null
  const summary: SnapshotSummary = { total, counts, chunks }
  head.record = { ...summary }
  await db.recycleBin.add(head)
  return head
}

/** The ids of a snapshot's pieces, in the order they were written (keys only, no records). */
async function chunkKeys(headId: string): Promise<string[]> {
  const prefix = chunkPrefix(headId)
  const keys = await getDb().recycleBin.where('recordId').equals(headId).primaryKeys()
  return keys.filter((key) => key.startsWith(prefix)).sort()
}

/** Remove a snapshot's head and every piece of it (inside a transaction over the bin). */
export async function dropSnapshot(headId: string): Promise<void> {
  await getDb().recycleBin.bulkDelete([...(await chunkKeys(headId)), headId])
}

/**
 * Write a format-2 snapshot's pieces back, one piece in memory at a time, into tables
 * already cleared. A piece missing or counts that differ from the head's (a bin damaged by
 * hand) throw, so the transaction rolls back rather than bring half the data back.
 */
async function writeChunksBack(head: RecycleEntry): Promise<void> {
  const db = getDb()
  const summary = head.record as unknown as SnapshotSummary
  const keys = await chunkKeys(head.id)
  if (keys.length !== summary.chunks) throw new NotFoundError(SNAPSHOT_CHUNK_TABLE, head.id)
  const counts: Partial<Record<SnapshotTable, number>> = {}
  for (const key of keys) {
    const entry = await db.recycleBin.get(key)
    const piece = entry?.record as SnapshotChunk | undefined
    if (!piece || entry?.table !== SNAPSHOT_CHUNK_TABLE || !SNAPSHOT_TABLE_SET.has(piece.table)) {
      throw new NotFoundError(SNAPSHOT_CHUNK_TABLE, key)
    }
    if (piece.rows.length > 0) await db.table(piece.table).bulkAdd(piece.rows)
    counts[piece.table] = (counts[piece.table] ?? 0) + piece.rows.length
  }
  for (const name of SNAPSHOT_TABLES as readonly SnapshotTable[]) {
    if ((counts[name] ?? 0) !== (summary.counts[name] ?? 0)) {
      throw new NotFoundError(SNAPSHOT_CHUNK_TABLE, `${head.id}:${name}`)
    }
  }
}

/**
 * Replace every record table by `rows` in one transaction. What was there before is kept
 * as one snapshot in the recycle bin, so "load the demo" or "start empty" loses nothing.
 * One audit entry for the whole write, not one per record.
 * No tombstones: the old records were not deleted by anyone, this device starts over, and
 * tombstones would delete them on every other device at the next exchange. The replication
 * state of the old records goes with them (into the snapshot).
 */
export async function replaceAllRecords(
  rows: Partial<TableRows>,
  action: 'demo' | 'clear',
  summary: string,
  snapshotLabel: string,
  demoGaps = '',
): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [...recordTables(), db.recycleBin, db.auditLog, db.meta], async () => {
    await keepSnapshot(snapshotLabel)
    for (const name of REPLICATION_TABLES) await db.table(name).clear()
    for (const name of RECORD_TABLES) {
      await db.table(name).clear()
      const list = rows[name]
      if (list && list.length > 0) await db.table(name).bulkAdd(list)
    }
    await db.auditLog.add(auditEntry(action, '*', '', summary))
    await writeMeta('firstRunDone', nowIso())
    if (action === 'demo') await writeMeta('demoLoadedAt', nowIso())
    // The description of the data in place: the demo's gaps, or nothing once replaced.
    await writeMeta('demoGaps', demoGaps)
  })
}

/**
 * Bring a snapshot back, in one transaction; the current records become a snapshot in
 * turn. A format-1 snapshot (every record in its one entry) is still read as it was.
 */
export async function restoreSnapshot(recycleId: string): Promise<void> {
  const db = getDb()
  // The records come back with the revisions they had: kept as they are (revisions.ts).
  const tables = [...recordTables(), db.recycleBin, db.auditLog, db.meta]
  await replicatedTransaction(db, tables, async () => {
    const entry = await db.recycleBin.get(recycleId)
    if (!entry || entry.table !== SNAPSHOT_TABLE) throw new NotFoundError('recycleBin', recycleId)
    await keepSnapshot('restore')
    for (const name of SNAPSHOT_TABLES) await db.table(name).clear()
    const old = entry.record.tables as Partial<TableRows> | undefined
    if (old) {
      for (const name of RECORD_TABLES) {
        const list = old[name]
        if (list && list.length > 0) await db.table(name).bulkAdd(list)
      }
    } else {
      await writeChunksBack(entry)
    }
    await dropSnapshot(recycleId)
    await db.auditLog.add(auditEntry('restore', '*', '', entry.label))
  })
}
