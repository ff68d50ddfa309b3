import type { TableSpec } from '@/domain/backupFormat'
import { incomingIsNewer } from '@/domain/backupFormat'
import { todayIso } from '@/domain/dates'
import Dexie, { type Table } from 'dexie'
import { getDb, newId, nowIso } from '../connection'
import { auditEntry } from '../records'
import { RECORD_TABLES, SCHEMA_V1, ZhibuDb } from '../schema'
import { keepSnapshot } from './bulk'
import { refreshFirmStatuses } from './firmStatus'
import { readMeta, writeMeta } from './meta'

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
/** Facts about this device, not about the data: a restore does not carry them over. */
const DEVICE_META_KEYS: ReadonlySet<string> = new Set(['lastBackupAt', 'deviceId'])
const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)

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
 * by an older app can be upgraded. Add the previous version here with each new schema
 * version (tests/services/backup.test.ts fails until it is).
 */
export const RELEASED_STORES: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: SCHEMA_V1,
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
      await current.transaction('r', current.tables, async () => {
        for (const table of current.tables) out[table.name] = (await table.toArray()) as Row[]
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
  return getDb()
    .tables.map((table) => table.name)
    .sort()
}

/** Each table's primary key and indexes, for the pure shape checks of domain/backupFormat. */
export function backupTableSpecs(): TableSpec[] {
  return getDb()
    .tables.map((table) => ({
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
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) out[table.name] = (await table.toArray()) as Row[]
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
  /** Records here that a newer version from the file replaced (merge). */
  updated: number
  /** Records of the file that lost to a version here that is as new or newer (merge). */
  kept: number
  /** Whether the data as it was is now a snapshot in the recycle bin. */
  snapshotTaken: boolean
}

async function addMissing(table: Table, rows: Row[], key: string): Promise<void> {
  if (rows.length === 0) return
  const present = await table.bulkGet(rows.map((row) => row[key] as string))
  const missing = rows.filter((_, i) => present[i] === undefined)
  if (missing.length > 0) await table.bulkAdd(missing)
}

/**
 * Write a checked backup in ONE transaction: all or nothing. Both modes first keep the
 * records as they are as one snapshot in the recycle bin (merge only when it will overwrite
 * something), keep the audit log and recycle bin (union by id) and write one audit entry.
 * - replace: record tables and settings become exactly the file's.
 * - merge: by id, the newer updatedAt wins, a tie keeps what is here; settings likewise.
 */
export async function writeBackupTables(
  tables: AllTables,
  mode: RestoreMode,
  today: string = todayIso(),
): Promise<RestoreResult> {
  const db = getDb()
  const result: RestoreResult = { mode, added: 0, updated: 0, kept: 0, snapshotTaken: false }
  await db.transaction('rw', db.tables, async () => {
    const label = mode === 'replace' ? 'backupReplace' : 'backupMerge'
    const plan = new Map<string, { add: Row[]; put: Row[] }>()
    for (const table of db.tables) {
      if (!RECORD_TABLE_SET.has(table.name) && table.name !== 'settings') continue
      const key = String(table.schema.primKey.keyPath)
      const rows = tables[table.name] ?? []
      if (mode === 'replace') {
        plan.set(table.name, { add: rows, put: [] })
        result.added += rows.length
        continue
      }
      const { add, put, kept } = await splitByNewer(table, rows, key)
      result.kept += kept
      plan.set(table.name, { add, put })
      result.added += add.length
      result.updated += put.length
    }
    if (mode === 'replace' || result.updated > 0) {
      if (await keepSnapshot(label)) result.snapshotTaken = true
    }
    for (const [name, { add, put }] of plan) {
      const table = db.table(name)
      if (mode === 'replace') await table.clear()
      if (add.length > 0) await table.bulkAdd(add)
      if (put.length > 0) await table.bulkPut(put)
    }
    for (const name of HISTORY_TABLES) await addMissing(db.table(name), tables[name] ?? [], 'id')
    if (mode === 'replace') {
      const meta = (tables.meta ?? []).filter((row) => !DEVICE_META_KEYS.has(String(row.key)))
      if (meta.length > 0) await db.meta.bulkPut(meta as { key: string; value: string }[])
    } else if (result.added + result.updated > 0) {
      // Records from elsewhere: firm coverage is derived, so recompute it for what moved.
      const firmIds = new Set<string>()
      for (const name of ['firms', 'orgs'] as const) {
        const { add, put } = plan.get(name) ?? { add: [], put: [] }
        for (const row of [...add, ...put]) {
          if (name === 'firms') firmIds.add(String(row.id))
          else for (const id of (row.hostFirmIds as string[] | undefined) ?? []) firmIds.add(id)
        }
      }
      await refreshFirmStatuses(firmIds, today)
    }
    if (mode === 'replace' || result.added + result.updated > 0) {
      // Not a first run any more; a date the file brings along stays as it was.
      if (!(await db.meta.get('firstRunDone'))) await writeMeta('firstRunDone', nowIso())
      await db.auditLog.add(auditEntry('restore', '*', '', label))
    }
  })
  return result
}
