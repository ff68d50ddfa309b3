import type { Table } from 'dexie'
import type { AuditAction, AuditEntry, RecycleEntry, Stamped } from '@/domain/types'
import { getActor, getDb, newId, nowIso } from './connection'
import { revisionOf, REVISION_FIELDS } from '@/domain/revisions'
import { NotFoundError, StaleRevisionError } from './errors'
import { checkRecycleEntry } from '@/domain/recordShapes'
import { NAME_TOKEN_TABLES, withNameTokens } from '@/domain/search'
import { RECORD_TABLES } from './tables'
import { refreshLastAttended } from './repositories/attendance'
import { refreshFirmStatuses } from './repositories/firmStatus'
import type { RecordTable } from './schema'

/**
 * The generic write path every repository uses: fresh plain objects (IndexedDB cannot
 * store Vue proxies), timestamps, an audit entry in the same transaction, and deletes
 * that move the whole record to the recycle bin.
 */

type Row = Stamped & Record<string, unknown>
const RECORD_TABLE_NAMES: ReadonlySet<string> = new Set(RECORD_TABLES)

function table(name: RecordTable): Table<Row, string> {
  return getDb().table(name)
}

/** A deep plain copy: strips proxies and shares nothing with the caller. Blobs pass through. */
export function plain<T>(value: T): T {
  if (value instanceof Blob) return value
  if (Array.isArray(value)) return value.map((item: unknown) => plain(item)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      out[key] = plain(item)
    return out as T
  }
  return value
}

const TOKENED: ReadonlySet<string> = new Set(NAME_TOKEN_TABLES)

/**
 * The record as it will be stored, name pieces included (db/nameTokens.ts sets them on the
 * write itself too): what a repository hands back equals what a read gives.
 */
function derived(name: RecordTable, record: Record<string, unknown>): Record<string, unknown> {
  return TOKENED.has(name) ? withNameTokens(record) : record
}

/** Input never sets a revision: the database makes it (db/revisions.ts). */
function withoutRevision(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input }
  for (const field of REVISION_FIELDS) delete out[field]
  return out
}

export function auditEntry(
  action: AuditAction,
  tableName: string,
  recordId: string,
  summary: string,
  fields: string[] = [],
): AuditEntry {
  return {
    id: newId(),
    at: nowIso(),
    actor: getActor(),
    action,
    table: tableName,
    recordId,
    fields,
    summary,
  }
}

/** Names of the top-level fields whose values differ (compared as JSON). */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  // nameTokens: a copy of the name in pieces (search.ts), changed exactly when the name is.
  const ignored = new Set(['updatedAt', 'createdAt', 'id', 'nameTokens', ...REVISION_FIELDS])
  return [...keys]
    .filter(
      (key) => !ignored.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    )
    .sort()
}

export async function createRecord<T extends Stamped>(
  name: RecordTable,
  input: Omit<T, keyof Stamped>,
  summary: string,
  id: string = newId(),
): Promise<T> {
  const db = getDb()
  const at = nowIso()
  const record = derived(name, {
    ...plain(input),
    id,
    createdAt: at,
    updatedAt: at,
  }) as unknown as T
  await db.transaction('rw', [table(name), db.auditLog], async () => {
    await table(name).add(record as unknown as Row)
    await db.auditLog.add(auditEntry('create', name, record.id, summary))
  })
  return record
}

/**
 * Check, inside the write's transaction, that the record is still at the revision a form was
 * opened on (`undefined`: a path that read the record in this same transaction, never stale).
 */
export function checkRevision(
  name: RecordTable,
  id: string,
  stored: Record<string, unknown> | undefined,
  expectedRev: string | undefined,
  attempted?: Record<string, unknown>,
): void {
  if (expectedRev === undefined) return
  if (!stored || revisionOf(name, stored) !== expectedRev) {
    throw new StaleRevisionError(name, id, expectedRev, stored, attempted)
  }
}

/**
 * Replace a record's editable fields; the audit entry names the fields that changed. With
 * `expectedRev` (the revision the form was opened on) a record changed meanwhile is refused
 * with a StaleRevisionError instead of being silently overwritten.
 */
export async function updateRecord<T extends Stamped>(
  name: RecordTable,
  id: string,
  input: Omit<T, keyof Stamped>,
  summary: string,
  expectedRev?: string,
): Promise<T> {
  const db = getDb()
  return db.transaction('rw', [table(name), db.auditLog], async () => {
    const before = await table(name).get(id)
    const attempted = { ...withoutRevision(plain(input) as Record<string, unknown>), id }
    if (!before && expectedRev !== undefined) {
      throw new StaleRevisionError(name, id, expectedRev, undefined, attempted)
    }
    if (!before) throw new NotFoundError(name, id)
    checkRevision(name, id, before, expectedRev, attempted)
    const after = derived(name, {
      ...withoutRevision(plain(input) as Record<string, unknown>),
      id,
      createdAt: before.createdAt,
      updatedAt: nowIso(),
    }) as unknown as T
    const fields = changedFields(before, after as unknown as Row)
    if (fields.length === 0) return before as unknown as T
    await table(name).put(after as unknown as Row)
    await db.auditLog.add(auditEntry('update', name, id, summary, fields))
    return after
  })
}

/** Move a record to the recycle bin (restorable), in one transaction with its audit entry. */
export async function removeRecord(name: RecordTable, id: string, label: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [table(name), db.recycleBin, db.auditLog], async () => {
    const record = await table(name).get(id)
    if (!record) throw new NotFoundError(name, id)
    const entry: RecycleEntry = {
      id: newId(),
      table: name,
      recordId: id,
      label,
      deletedAt: nowIso(),
      deletedBy: getActor(),
      record: record as Record<string, unknown>,
    }
    await db.recycleBin.add(entry)
    await table(name).delete(id)
    await db.auditLog.add(auditEntry('delete', name, id, label))
  })
}

/** Put a deleted record back where it was; the bin entry goes away in the same transaction. */
export async function restoreRecord(recycleId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [...db.tables], async () => {
    const entry = await db.recycleBin.get(recycleId)
    if (!entry) throw new NotFoundError('recycleBin', recycleId)
    // Only a record of a record table, as it would be accepted from a file: an entry that
    // names settings, meta (the device's identity) or the bin itself writes nothing.
    if (checkRecycleEntry(entry, RECORD_TABLES) || !RECORD_TABLE_NAMES.has(entry.table)) {
      throw new NotFoundError('recycleBin', recycleId)
    }
    await db.table(entry.table).put(entry.record)
    await db.recycleBin.delete(recycleId)
    // A restored org covers its firms again; a restored firm gets today's status.
    if (entry.table === 'orgs') {
      await refreshFirmStatuses((entry.record as { hostFirmIds: string[] }).hostFirmIds)
    }
    if (entry.table === 'firms') await refreshFirmStatuses([entry.recordId])
    // A restored meeting counts as attendance again; a restored member gets theirs back.
    if (entry.table === 'meetings') {
      await refreshLastAttended((entry.record as { attendeeIds: string[] }).attendeeIds)
    }
    if (entry.table === 'members') await refreshLastAttended([entry.recordId])
    await db.auditLog.add(auditEntry('restore', entry.table, entry.recordId, entry.label))
  })
}
