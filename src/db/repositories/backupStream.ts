import { incomingIsNewer } from '@/domain/backupFormat'
import { todayIso } from '@/domain/dates'
import Dexie, { type Table } from 'dexie'
import { getDb, nowIso } from '../connection'
import { auditEntry } from '../records'
import { RECORD_TABLES } from '../schema'
import { splitByNewer, type RestoreMode, type RestoreResult } from './backup'
import { keepSnapshot } from './bulk'
import { refreshFirmStatuses } from './firmStatus'
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
  const tables = [...db.tables].sort((a, b) => a.name.localeCompare(b.name))
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
/** Facts about this device, not about the data: a restore does not carry them over. */
const DEVICE_META_KEYS: ReadonlySet<string> = new Set(['lastBackupAt', 'deviceId'])
const REPLACED_TABLES: ReadonlySet<string> = new Set([...RECORD_TABLES, 'settings'])

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
 * rules, in ONE read-write transaction, all or nothing (a throw anywhere, the source's
 * own included, rolls everything back). A merge reads the source twice: first to know
 * whether anything here will be overwritten (then the data as it is becomes a snapshot in
 * the recycle bin before anything changes), then to write.
 */
export async function writeBackupStream(
  source: RowSource,
  mode: RestoreMode,
  today: string = todayIso(),
): Promise<RestoreResult> {
  const db = getDb()
  const result: RestoreResult = { mode, added: 0, updated: 0, kept: 0, snapshotTaken: false }
  await db.transaction('rw', db.tables, async () => {
    const label = mode === 'replace' ? 'backupReplace' : 'backupMerge'
    let overwrites = mode === 'replace'
    if (mode === 'merge') {
      await source(async (name, rows) => {
        if (overwrites || !REPLACED_TABLES.has(name)) return
        const table = db.table(name)
        const key = String(table.schema.primKey.keyPath)
        const current = (await table.bulkGet(rows.map((row) => row[key] as string))) as (
          Row | undefined
        )[]
        overwrites = rows.some(
          (row, i) => current[i] !== undefined && incomingIsNewer(current[i], row),
        )
      })
    }
    if (overwrites) {
      if (await keepSnapshot(label)) result.snapshotTaken = true
    }
    if (mode === 'replace') {
      for (const name of REPLACED_TABLES) await db.table(name).clear()
    }
    const firmIds = new Set<string>()
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
        const meta = rows.filter((row) => !DEVICE_META_KEYS.has(String(row.key)))
        if (meta.length > 0) await table.bulkPut(meta)
        return
      }
      if (!REPLACED_TABLES.has(name)) return
      if (mode === 'replace') {
        await table.bulkAdd(rows)
        result.added += rows.length
        return
      }
      const { add, put, kept } = await splitByNewer(table, rows, key)
      result.kept += kept
      if (add.length > 0) await table.bulkAdd(add)
      if (put.length > 0) await table.bulkPut(put)
      result.added += add.length
      result.updated += put.length
      if (name === 'firms' || name === 'orgs') {
        for (const row of [...add, ...put]) {
          if (name === 'firms') firmIds.add(String(row.id))
          else for (const id of (row.hostFirmIds as string[] | undefined) ?? []) firmIds.add(id)
        }
      }
    })
    // Records from elsewhere: firm coverage is derived, so recompute it for what moved.
    if (mode === 'merge' && firmIds.size > 0) await refreshFirmStatuses(firmIds, today)
    if (mode === 'replace' || result.added + result.updated > 0) {
      // Not a first run any more; a date the file brings along stays as it was.
      if (!(await db.meta.get('firstRunDone'))) await writeMeta('firstRunDone', nowIso())
      await db.auditLog.add(auditEntry('restore', '*', '', label))
    }
  })
  return result
}
