import type { AuditEntry, RecycleEntry } from '@/domain/types'
import { getDb } from '../connection'
import { NotFoundError } from '../errors'
import { auditEntry, restoreRecord } from '../records'
import { dropSnapshot, restoreSnapshot, SNAPSHOT_CHUNK_TABLE, SNAPSHOT_TABLE } from './bulk'

/** A record's trail, oldest first: when it was entered and every later change. */
export async function listAuditFor(recordId: string): Promise<AuditEntry[]> {
  return getDb().auditLog.where('recordId').equals(recordId).sortBy('at')
}

/** The newest audit entries, read backwards along the time index. */
export async function listRecentAudit(limit: number): Promise<AuditEntry[]> {
  return getDb().auditLog.orderBy('at').reverse().limit(limit).toArray()
}

/**
 * The entries the bin shows: a snapshot's pieces have deletedAt '' (bulk.ts), so the range
 * above '' holds every deleted record and every snapshot head, and no piece.
 */
function listed() {
  return getDb().recycleBin.where('deletedAt').above('')
}

export async function countRecycleBin(): Promise<number> {
  return listed().count()
}

/** One page of the bin, newest first; the bulky record bodies stay in the database. */
export async function listRecycleBin(offset: number, limit: number): Promise<RecycleEntry[]> {
  const entries = await listed().reverse().offset(offset).limit(limit).toArray()
  // Lists show labels only; a snapshot keeps its size so the bin can say how much it holds.
  return entries.map((entry) => ({
    ...entry,
    record: entry.table === SNAPSHOT_TABLE ? { total: entry.record.total } : {},
  }))
}

export async function restoreFromRecycleBin(recycleId: string): Promise<void> {
  const entry = await getDb().recycleBin.get(recycleId)
  // A piece is restored with its snapshot, never alone.
  if (entry?.table === SNAPSHOT_CHUNK_TABLE) throw new NotFoundError('recycleBin', recycleId)
  if (entry?.table === SNAPSHOT_TABLE) await restoreSnapshot(recycleId)
  else await restoreRecord(recycleId)
}

/** The audit summary of {@link purgeRecycleEntry}: this code, a colon and the entry's label. */
export const PURGE_SUMMARY = 'purge'

/**
 * Delete one bin entry for good, in one transaction: a snapshot goes with all its pieces.
 * The audit log keeps that it happened.
 */
export async function purgeRecycleEntry(recycleId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', [db.recycleBin, db.auditLog], async () => {
    const entry = await db.recycleBin.get(recycleId)
    if (!entry || entry.table === SNAPSHOT_CHUNK_TABLE) {
      throw new NotFoundError('recycleBin', recycleId)
    }
    const snapshot = entry.table === SNAPSHOT_TABLE
    if (snapshot) await dropSnapshot(recycleId)
    else await db.recycleBin.delete(recycleId)
    await db.auditLog.add(
      auditEntry(
        'delete',
        snapshot ? '*' : entry.table,
        entry.recordId,
        `${PURGE_SUMMARY}:${entry.label}`,
      ),
    )
  })
}

/** The audit summary of {@link emptyRecycleBin}: the code and how many listed entries went. */
export const EMPTY_BIN_SUMMARY = 'emptyBin'

/**
 * Delete every bin entry for good, snapshots with their pieces, in one transaction, and
 * audit it once. The whole store is cleared rather than read: at province scale a snapshot
 * is gigabytes, and clearing needs none of it in memory. Returns how many entries the bin
 * listed (0, and nothing audited, when it was already empty).
 */
export async function emptyRecycleBin(): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.recycleBin, db.auditLog], async () => {
    const listedCount = await listed().count()
    // Pieces alone (a head lost by hand) are cleared too, but a bin with none is empty.
    if ((await db.recycleBin.count()) === 0) return 0
    await db.recycleBin.clear()
    await db.auditLog.add(auditEntry('delete', '*', '', `${EMPTY_BIN_SUMMARY}:${listedCount}`))
    return listedCount
  })
}

export async function countAudit(): Promise<number> {
  return getDb().auditLog.count()
}

/** One page of the audit log, newest first, read along the time index. */
export async function listAudit(offset: number, limit: number): Promise<AuditEntry[]> {
  return getDb().auditLog.orderBy('at').reverse().offset(offset).limit(limit).toArray()
}

/** Labels of the snapshots merges took before revisions made them needless. */
const MERGE_SNAPSHOT_LABELS: ReadonlySet<string> = new Set(['exchangeMerge', 'backupMerge'])

/**
 * The whole-database snapshots earlier merges left in the bin (before merges kept only the
 * versions they replace): how many, and how many records they hold. Heads only.
 */
export async function listMergeSnapshots(): Promise<{ count: number; records: number }> {
  const heads = await getDb().recycleBin.where('table').equals(SNAPSHOT_TABLE).toArray()
  const merges = heads.filter((head) => MERGE_SNAPSHOT_LABELS.has(head.label))
  return {
    count: merges.length,
    records: merges.reduce((sum, head) => sum + Number(head.record.total ?? 0), 0),
  }
}

/** Remove those snapshots for good, with their pieces, in one transaction, audited once. */
export async function purgeMergeSnapshots(): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.recycleBin, db.auditLog], async () => {
    const heads = (await db.recycleBin.where('table').equals(SNAPSHOT_TABLE).toArray()).filter(
      (head) => MERGE_SNAPSHOT_LABELS.has(head.label),
    )
    for (const head of heads) await dropSnapshot(head.id)
    if (heads.length > 0) {
      await db.auditLog.add(auditEntry('delete', '*', '', `${PURGE_SUMMARY}:mergeSnapshots`))
    }
    return heads.length
  })
}
