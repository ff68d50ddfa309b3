import type { AuditEntry, RecycleEntry } from '@/domain/types'
import { getDb } from '../connection'
import { restoreRecord } from '../records'
import { restoreSnapshot, SNAPSHOT_TABLE } from './bulk'

/** A record's trail, oldest first: when it was entered and every later change. */
export async function listAuditFor(recordId: string): Promise<AuditEntry[]> {
  return getDb().auditLog.where('recordId').equals(recordId).sortBy('at')
}

/** The newest audit entries, read backwards along the time index. */
export async function listRecentAudit(limit: number): Promise<AuditEntry[]> {
  return getDb().auditLog.orderBy('at').reverse().limit(limit).toArray()
}

export async function countRecycleBin(): Promise<number> {
  return getDb().recycleBin.count()
}

/** One page of the bin, newest first; the bulky record bodies stay in the database. */
export async function listRecycleBin(offset: number, limit: number): Promise<RecycleEntry[]> {
  const entries = await getDb()
    .recycleBin.orderBy('deletedAt')
    .reverse()
    .offset(offset)
    .limit(limit)
    .toArray()
  // Lists show labels only; a snapshot keeps its size so the bin can say how much it holds.
  return entries.map((entry) => ({
    ...entry,
    record: entry.table === SNAPSHOT_TABLE ? { total: entry.record.total } : {},
  }))
}

export async function restoreFromRecycleBin(recycleId: string): Promise<void> {
  const entry = await getDb().recycleBin.get(recycleId)
  if (entry?.table === SNAPSHOT_TABLE) await restoreSnapshot(recycleId)
  else await restoreRecord(recycleId)
}

export async function countAudit(): Promise<number> {
  return getDb().auditLog.count()
}

/** One page of the audit log, newest first, read along the time index. */
export async function listAudit(offset: number, limit: number): Promise<AuditEntry[]> {
  return getDb().auditLog.orderBy('at').reverse().offset(offset).limit(limit).toArray()
}
