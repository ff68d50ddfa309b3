import Dexie, { type Table } from 'dexie'
import { getDb, nowIso } from '../connection'
import { auditEntry } from '../records'
import { replicatedTransaction } from '../revisions'
import { RECORD_TABLES, REPLICATION_TABLES } from '../schema'
import {
  emptyRestoreResult,
  isDataMeta,
  KEPT_REPLICATION_TABLES,
  MERGED_TABLES,
  mergeRevisions,
  splitByNewer,
  type RestoreMode,
  type RestoreResult,
} from './backup'
import { backupTablesOf } from './backup'
import { keepSnapshot } from './bulk'
import { writeMeta } from './meta'

/**
 * Backup files read and written a chunk at a time (format 2), for a province that fits in
 * no single string or array. Each runs in ONE IndexedDB transaction that stays alive
 * because between its requests only synchronous work runs (gzip, hashing, JSON): the
 * caller's callbacks must not await anything but what they are handed. Where a callback
 * cannot help it (reading a Blob where FileReaderSync does not exist), it returns a
 * promise and Dexie.waitFor keeps the transaction alive meanwhile.
 */

type Row = Record<string, unknown>

/** Rows per read: large enough that requests are few, small enough to hold comfortably. */
export const BACKUP_READ_CHUNK = 2_000
/**
 * The recycle bin's entries include a snapshot's pieces of up to 2,000 records each
 * (bulk.ts SNAPSHOT_CHUNK_ROWS): a few of them per read, not 2,000 pieces at once.
 */
const READ_CHUNK_OF: Readonly<Record<string, number>> = { recycleBin: 8 }

export interface TableVisitor {
  /** Rows per table, counted first in the same transaction (for progress). */
  counts?(counts: Record<string, number>): void
  /** A new table starts (tables come in name order). */
  table(name: string): void
  /** The next rows of that table, in primary-key order. */
  rows(name: string, rows: Row[]): void | Promise<void>
}

/** Every table's rows, one chunk at a time, in one read-only transaction (one moment's data). */
export async function visitAllTables(
  visitor: TableVisitor,
  chunk: number = BACKUP_READ_CHUNK,
): Promise<void> {
  const db = getDb()
  const tables = backupTablesOf(db).sort((a, b) => a.name.localeCompare(b.name))
  await db.transaction('r', tables, async () => {
    if (visitor.counts) {
      const counts: Record<string, number> = {}
      for (const table of tables) counts[table.name] = await table.count()
      visitor.counts(counts)
    }
    for (const table of tables) {
      visitor.table(table.name)
      const key = String(table.schema.primKey.keyPath)
      const size = Math.min(chunk, READ_CHUNK_OF[table.name] ?? chunk)
      let last: string | null = null
      for (;;) {
        const rows = (await (last === null
          ? table.orderBy(':id').limit(size).toArray()
          : table.where(':id').above(last).limit(size).toArray())) as Row[]
        if (rows.length === 0) break
        const pending = visitor.rows(table.name, rows)
        if (pending) await Dexie.waitFor(pending)
        if (rows.length < size) break
        last = rows[rows.length - 1]![key] as string
      }
    }
  })
}

/** Bookkeeping tables: kept whole (union by id) by both modes, never cleared by a restore. */
const HISTORY_TABLES: ReadonlySet<string> = new Set(['auditLog', 'recycleBin'])
/** What a replace makes exactly the file's: records, their replication state, settings. */
const REPLACED_TABLES: ReadonlySet<string> = new Set([
  ...RECORD_TABLES,
  ...REPLICATION_TABLES,
  'settings',
])
const KEPT: ReadonlySet<string> = new Set(KEPT_REPLICATION_TABLES)

/** Hands the rows of a file to the writer, chunk by chunk, awaiting each `put`. */
export type RowSource = (put: (table: string, rows: Row[]) => Promise<void>) => Promise<void>

async function addMissing(table: Table, rows: Row[], key: string): Promise<number> {
  const present = await table.bulkGet(rows.map((row) => row[key] as string))
  const missing = rows.filter((_, i) => present[i] === undefined)
  if (missing.length > 0) await table.bulkAdd(missing)
  return missing.length
}

/**
 * writeBackupTables (repositories/backup.ts) for rows that come a chunk at a time: the same
 * rules, in ONE read-write transaction, all or nothing (a throw anywhere, the source's own
 * included, rolls everything back). The records keep the revisions they carry. A merge
 * merges each chunk by revision ancestry as it comes (the order of revisions does not
 * matter to the result) and takes no snapshot.
 */
export async function writeBackupStream(
  source: RowSource,
  mode: RestoreMode,
): Promise<RestoreResult> {
  const db = getDb()
  const result = emptyRestoreResult(mode)
  await replicatedTransaction(db, db.tables, async () => {
    const label = mode === 'replace' ? 'backupReplace' : 'backupMerge'
    const entry = auditEntry('restore', '*', '', label)
    if (mode === 'replace') {
      if (await keepSnapshot(label)) result.snapshotTaken = true
      for (const name of REPLACED_TABLES) await db.table(name).clear()
    }
    await source(async (name, rows) => {
      if (rows.length === 0) return
      const table = db.table(name)
      const key = String(table.schema.primKey.keyPath)
      if (HISTORY_TABLES.has(name)) {
        await addMissing(table, rows, key)
        return
      }
      if (name === 'meta') {
        if (mode !== 'replace') return
        const meta = rows.filter((row) => isDataMeta(String(row.key)))
        if (meta.length > 0) await table.bulkPut(meta)
        return
      }
      if (mode === 'replace') {
        if (!REPLACED_TABLES.has(name)) return
        await table.bulkAdd(rows)
        if ((RECORD_TABLES as readonly string[]).includes(name)) result.added += rows.length
        return
      }
      if (MERGED_TABLES.has(name)) await mergeRevisions(name, rows, entry.id, result)
      else if (KEPT.has(name)) await addMissing(table, rows, key)
      else if (name === 'settings') {
        const { add, put } = await splitByNewer(table, rows, key)
        if (add.length > 0) await table.bulkAdd(add)
        if (put.length > 0) await table.bulkPut(put)
      }
    })
    if (
      mode === 'replace' ||
      result.added + result.updated + result.deleted + result.conflicts > 0
    ) {
      // Not a first run any more; a date the file brings along stays as it was.
      if (!(await db.meta.get('firstRunDone'))) await writeMeta('firstRunDone', nowIso())
      await db.auditLog.add(entry)
    }
  })
  return result
}
