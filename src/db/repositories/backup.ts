import type { TableSpec } from '@/domain/backupFormat'
import { incomingIsNewer } from '@/domain/backupFormat'
import Dexie, { type Table } from 'dexie'
import { getDb, newId, nowIso } from '../connection'
import { auditEntry } from '../records'
import { replicatedTransaction } from '../revisions'
import {
  DEVICE_TABLES,
  RECORD_TABLES,
  RELEASED_VERSIONS,
  REPLICATION_TABLES,
  storesAt,
  ZhibuDb,
} from '../schema'
import { keepSnapshot } from './bulk'
import { DEVICE_MARK_PREFIX } from './exchange'
import { readMeta, writeMeta } from './meta'
import {
  applyMerges,
  incomingLeafRow,
  incomingRecord,
  incomingTombstone,
  isRecordTable,
  planMerges,
  type IncomingLeaf,
} from './replication'

/**
 * Reading and writing every table at once, for backup files. The list of tables is the
 * open database's own (db.tables), so a table added by a later schema version is in the
 * backup without anyone remembering to add it here.
 */

type Row = Record<string, unknown>
export type AllTables = Record<string, Row[]>
export type RestoreMode = 'replace' | 'merge'

/** Bookkeeping tables: kept whole (union by id) by both modes, never cleared by a restore. */
const HISTORY_TABLES = ['auditLog', 'recycleBin'] as const
/**
 * Kept old bodies and move marks: a replace brings the file's; a merge adds the file's to
 * this device's (union by id), like the history.
 */
export const KEPT_REPLICATION_TABLES: readonly string[] = ['revisionBodies', 'moves']
/** Facts about this device, not about the data: a restore does not carry them over. */
const DEVICE_META_KEYS: ReadonlySet<string> = new Set([
  'lastBackupAt',
  'deviceId',
  'storagePersistence',
])
const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)

/** Meta rows a restore may bring: not this device's id, last backup or exchange marks. */
export function isDataMeta(key: string): boolean {
  return !DEVICE_META_KEYS.has(key) && !key.startsWith(DEVICE_MARK_PREFIX)
}

/** A file's rows of one table as incoming revisions (records, tombstones, other leaves). */
export function incomingOfTable(name: string, rows: readonly Row[]): IncomingLeaf[] {
  if (isRecordTable(name)) return rows.map((row) => incomingRecord(name, row))
  if (name === 'tombstones') {
    return rows.filter((row) => isRecordTable(String(row.table))).map(incomingTombstone)
  }
  if (name === 'leaves') {
    return rows.filter((row) => isRecordTable(String(row.table))).map(incomingLeafRow)
  }
  return []
}

/** Tables whose rows a merge-mode restore merges as revisions. */
export const MERGED_TABLES: ReadonlySet<string> = new Set([
  ...RECORD_TABLES,
  'tombstones',
  'leaves',
])

/**
 * A merge's rows against what is stored: new ones to add, newer ones to put (updatedAt, as
 * incomingIsNewer judges), and how many are kept because the stored one is as new or newer.
 */
export async function splitByNewer(
  table: Table,
  rows: readonly Row[],
  key: string,
): Promise<{ add: Row[]; put: Row[]; kept: number }> {
  const current = (await table.bulkGet(rows.map((row) => row[key] as string))) as (
    Row | undefined
  )[]
  const add: Row[] = []
  const put: Row[] = []
  let kept = 0
  rows.forEach((row, i) => {
    const here = current[i]
    if (!here) add.push(row)
    else if (incomingIsNewer(here, row)) put.push(row)
    else kept += 1
  })
  return { add, put, kept }
}

/**
 * The full store list of every released version before the current one, so a backup made
 * by an older app can be upgraded: derived from the schema registry (schema.ts
 * SCHEMA_VERSIONS), so a new version brings its predecessor here by itself.
 */
export const RELEASED_STORES: Readonly<Record<number, Readonly<Record<string, string>>>> =
  Object.fromEntries(RELEASED_VERSIONS.map((version) => [version, storesAt(version)]))

const DEVICE_TABLE_SET: ReadonlySet<string> = new Set(DEVICE_TABLES)

/** The tables a backup holds: all but this device's sync bookkeeping (tables.ts DEVICE_TABLES). */
export function backupTablesOf(db: Dexie): Table[] {
  return db.tables.filter((table) => !DEVICE_TABLE_SET.has(table.name))
}

/**
 * Rows of an older schema version brought to the current one by the app's own upgrade
 * functions: written to a scratch database at that version, opened with the current schema
 * (Dexie runs every upgrade() in between), read back, deleted. Null when the version is
 * unknown. Throws what IndexedDB throws for rows it cannot store.
 */
export async function upgradeBackupTables(
  tables: AllTables,
  fromVersion: number,
): Promise<AllTables | null> {
  const stores = RELEASED_STORES[fromVersion]
  if (!stores) return null
  const name = `zhibu-upgrade-${newId()}`
  const old = new Dexie(name)
  old.version(fromVersion).stores(stores)
  try {
    await old.open()
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) {
        const rows = tables[table.name] ?? []
        if (rows.length > 0) await table.bulkAdd(rows)
      }
    })
    old.close()
    const current = new ZhibuDb(name)
    try {
      await current.open()
      const out: AllTables = {}
      await current.transaction('r', backupTablesOf(current), async () => {
        for (const table of backupTablesOf(current))
          out[table.name] = (await table.toArray()) as Row[]
      })
      return out
    } finally {
      current.close()
    }
  } finally {
    old.close()
    await Dexie.delete(name)
  }
}

/** The table names of a released version, or of the open database for the current one. */
export function backupTableNamesOf(version: number): string[] | null {
  const stores = RELEASED_STORES[version]
  return stores ? Object.keys(stores).sort() : null
}

export function backupTableNames(): string[] {
  return backupTablesOf(getDb())
    .map((table) => table.name)
    .sort()
}

/** Each table's primary key and indexes, for the pure shape checks of domain/backupFormat. */
export function backupTableSpecs(): TableSpec[] {
  return backupTablesOf(getDb())
    .map((table) => ({
      name: table.name,
      primaryKey: String(table.schema.primKey.keyPath),
      stamped: RECORD_TABLE_SET.has(table.name),
      indexes: table.schema.indexes
        .filter((index) => typeof index.keyPath === 'string')
        .map((index) => ({
          path: index.keyPath as string,
          multi: index.multi ?? false,
          unique: index.unique ?? false,
        })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Every row of every table, read in one transaction so the backup is one moment's data. */
export async function readAllTables(): Promise<AllTables> {
  const db = getDb()
  const out: AllTables = {}
  await db.transaction('r', backupTablesOf(db), async () => {
    for (const table of backupTablesOf(db)) out[table.name] = (await table.toArray()) as Row[]
  })
  return out
}

export async function markBackupDone(at: string = nowIso()): Promise<void> {
  await writeMeta('lastBackupAt', at)
}

export async function readLastBackupAt(): Promise<string> {
  return readMeta('lastBackupAt')
}

export interface RestoreResult {
  mode: RestoreMode
  /** Records written that were not here. */
  added: number
  /** Records here that a later revision from the file replaced (merge). */
  updated: number
  /** Records here the file had deleted since (merge). */
  deleted: number
  /** Records changed both here and in the file: both kept, waiting on the conflict screen. */
  conflicts: number
  /** Records of the file this device already had (the same revision, or an older one). */
  kept: number
  /** Whether the data as it was is now a snapshot in the recycle bin (replace only). */
  snapshotTaken: boolean
}

export function emptyRestoreResult(mode: RestoreMode): RestoreResult {
  return { mode, added: 0, updated: 0, deleted: 0, conflicts: 0, kept: 0, snapshotTaken: false }
}

/**
 * Merge a file's revisions (one table's rows, or a chunk of them) into this device: CouchDB's
 * merge per record (repositories/replication.ts), nothing snapshotted, each replaced body kept
 * under `mergeId`. Inside the caller's replicatedTransaction.
 */
export async function mergeRevisions(
  name: string,
  rows: readonly Row[],
  mergeId: string,
  result: RestoreResult,
): Promise<void> {
  const incoming = incomingOfTable(name, rows)
  if (incoming.length === 0) return
  const merges = await planMerges(incoming)
  for (const merge of merges) {
    if (merge.verdict === 'new') result.added += 1
    else if (merge.verdict === 'updated') result.updated += 1
    else if (merge.verdict === 'deleted') result.deleted += 1
    else if (merge.verdict === 'conflict') result.conflicts += 1
    else result.kept += 1
  }
  await applyMerges(merges, mergeId)
}

async function addMissing(table: Table, rows: Row[], key: string): Promise<void> {
  if (rows.length === 0) return
  const present = await table.bulkGet(rows.map((row) => row[key] as string))
  const missing = rows.filter((_, i) => present[i] === undefined)
  if (missing.length > 0) await table.bulkAdd(missing)
}

/**
 * Write a checked backup in ONE transaction: all or nothing; the records keep the revisions
 * they carry (replicatedTransaction). Both modes keep the audit log and recycle bin (union by
 * id) and write one audit entry.
 * - replace: record tables, their replication state and settings become exactly the file's;
 *   the records as they were become one snapshot in the recycle bin first.
 * - merge: by revision ancestry, as a package merges (no scope: the file is this user's own),
 *   with conflicts kept on both sides; no snapshot, each replaced body is kept instead.
 *   Settings: the newer updatedAt wins (a setting is this device's rule, not a record).
 */
export async function writeBackupTables(
  tables: AllTables,
  mode: RestoreMode,
): Promise<RestoreResult> {
  const db = getDb()
  const result = emptyRestoreResult(mode)
  await replicatedTransaction(db, db.tables, async () => {
    const label = mode === 'replace' ? 'backupReplace' : 'backupMerge'
    const entry = auditEntry('restore', '*', '', label)
    if (mode === 'replace') {
      if (await keepSnapshot(label)) result.snapshotTaken = true
      for (const name of [...RECORD_TABLES, ...REPLICATION_TABLES, 'settings']) {
        const rows = tables[name] ?? []
        await db.table(name).clear()
        if (rows.length > 0) await db.table(name).bulkAdd(rows)
        if (RECORD_TABLE_SET.has(name)) result.added += rows.length
      }
      const meta = (tables.meta ?? []).filter((row) => isDataMeta(String(row.key)))
      if (meta.length > 0) await db.meta.bulkPut(meta as { key: string; value: string }[])
    } else {
      for (const name of MERGED_TABLES)
        await mergeRevisions(name, tables[name] ?? [], entry.id, result)
      for (const name of KEPT_REPLICATION_TABLES)
        await addMissing(db.table(name), tables[name] ?? [], 'id')
      const { add, put } = await splitByNewer(db.settings, tables.settings ?? [], 'key')
      if (add.length > 0) await db.settings.bulkAdd(add as never[])
      if (put.length > 0) await db.settings.bulkPut(put as never[])
    }
    for (const name of HISTORY_TABLES) await addMissing(db.table(name), tables[name] ?? [], 'id')
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
