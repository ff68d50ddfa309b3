import {
  eraseFromHistoryRow,
  eraseFromRecord,
  ERASED_WITH_MEMBER,
  snapshotsOverLimit,
  type Erasure,
} from '@/domain/erasure'
import { tombstoneId } from '@/domain/leafRows'
import type { Member, RecycleEntry, Tombstone } from '@/domain/types'
import type { Table } from 'dexie'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { auditEntry } from '../records'
import { RECORD_TABLES } from '../tables'
import { dropSnapshot, SNAPSHOT_CHUNK_TABLE, SNAPSHOT_TABLE } from './bulk'
import { PURGE_SUMMARY } from './history'
import { readSettings } from './settings'

/**
 * 彻底删除个人信息 (个人信息保护法 第四十七条): a member's personal data goes from every table of
 * this device's database — the live records, the recycle bin, the snapshots in it, the kept
 * history (other leaves, old bodies) and the audit trail's labels — in one transaction.
 * What each record becomes is domain/erasure.ts. The member's deletion stays as a tombstone
 * (table, id, revision, orgs, when and by whom: no personal field), so it replicates through
 * sync and packages; the snapshots get the same tombstone, so bringing one back does not
 * bring the person back either.
 */

type Row = Record<string, unknown>

/** Audit summaries: the erase itself, and the entries whose label named what was erased. */
export const ERASE_SUMMARY = 'erase:'
export const ERASED_SUMMARY = 'erased:'

export interface ErasureResult {
  /** Live records deleted (the member and the records that were theirs). */
  records: number
  /** Live records that kept an anonymous reference but lost a copy of the name. */
  scrubbed: number
  /** Recycle-bin entries deleted or scrubbed (snapshot pieces not counted). */
  binEntries: number
  /** Snapshots that held some of it. */
  snapshots: number
}

/** Test hook: throws inside the transaction after every write, to prove nothing stays. */
let failAfterWrites: (() => void) | null = null
export function setEraseFailure(hook: (() => void) | null): void {
  failAfterWrites = hook
}

const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)
/**
 * Where the kept history may hold the member: their own rows (one prefix), and every row of
 * the tables whose records are theirs or name them (an old body outlives an emptied bin).
 */
const historyRanges = (memberId: string): string[] => [
  `members:${memberId}:`,
  ...ERASED_WITH_MEMBER.map((table) => `${table}:`),
  'orgs:',
]
const PAGE = 200

interface SnapshotChunk {
  table: string
  rows: Row[]
}

/** Apply an erasure to a list of rows: the rows kept (changed or not) and what was dropped. */
function applyAll(
  rows: readonly Row[],
  erase: (row: Row) => Erasure,
): { rows: Row[]; dropped: Row[]; changed: boolean } {
  const out: Row[] = []
  const dropped: Row[] = []
  let changed = false
  for (const row of rows) {
    const result = erase(row)
    if (result.kind === 'drop') {
      dropped.push(row)
      changed = true
    } else if (result.kind === 'change') {
      out.push(result.row)
      changed = true
    } else out.push(row)
  }
  return { rows: out, dropped, changed }
}

/** Walk a key range of a store in pages by primary key; `visit` may write. */
async function walkRange(
  table: Table,
  lower: string,
  upper: string,
  visit: (rows: Row[]) => Promise<void>,
): Promise<void> {
  let from = lower
  let open = false
  for (;;) {
    const rows = (await table
      .where(':id')
      .between(from, upper, !open, true)
      .limit(PAGE)
      .toArray()) as Row[]
    if (rows.length === 0) return
    await visit(rows)
    if (rows.length < PAGE) return
    from = String(rows[rows.length - 1]!.id)
    open = true
  }
}

/** Old bodies and other leaves of the tables that may hold the member. */
async function eraseHistory(memberId: string): Promise<void> {
  const db = getDb()
  for (const store of ['revisionBodies', 'leaves'] as const) {
    const table = db.table(store)
    for (const prefix of historyRanges(memberId)) {
      await walkRange(table, prefix, `${prefix}\uffff`, async (rows) => {
        const gone: string[] = []
        const changed: Row[] = []
        for (const row of rows) {
          const result = eraseFromHistoryRow(store, row, memberId)
          if (result.kind === 'drop') gone.push(String(row.id))
          else if (result.kind === 'change') changed.push(result.row)
        }
        if (gone.length > 0) await table.bulkDelete(gone)
        if (changed.length > 0) await table.bulkPut(changed)
      })
    }
  }
}

/**
 * One snapshot: every piece scrubbed; the tombstones of what it lost (when this device has
 * one) replace or join its own, so restoring it keeps the deletion. The head's counts follow;
 * its measured size is dropped (measured again when asked).
 */
async function eraseFromSnapshot(head: RecycleEntry, memberId: string): Promise<boolean> {
  const db = getDb()
  const summary = head.record as {
    total?: number
    counts?: Record<string, number>
    chunks?: number
    tables?: Record<string, Row[]>
    bytes?: number
  }
  if (summary.tables) {
    // Format 1: every record in the head itself (no replication state).
    let changed = false
    let total = 0
    const tables: Record<string, Row[]> = {}
    for (const [name, rows] of Object.entries(summary.tables)) {
      const result = applyAll(rows, (row) => eraseFromRecord(name, row, memberId))
      tables[name] = result.rows
      total += result.rows.length
      changed ||= result.changed
    }
    if (changed) await db.recycleBin.put({ ...head, record: { ...summary, tables, total } })
    return changed
  }
  const prefix = `${head.id}.`
  const keys = (await db.recycleBin.where('recordId').equals(head.id).primaryKeys())
    .filter((key) => key.startsWith(prefix))
    .sort()
  const counts = { ...(summary.counts ?? {}) }
  const lost: string[] = []
  const tombstoneChunks: string[] = []
  let changed = false
  for (const key of keys) {
    const entry = await db.recycleBin.get(key)
    const piece = entry?.record as SnapshotChunk | undefined
    if (!entry || !piece || !Array.isArray(piece.rows)) continue
    if (piece.table === 'tombstones') tombstoneChunks.push(key)
    let result: ReturnType<typeof applyAll> | null = null
    if (RECORD_TABLE_SET.has(piece.table)) {
      result = applyAll(piece.rows, (row) => eraseFromRecord(piece.table, row, memberId))
      for (const row of result.dropped) lost.push(tombstoneId(piece.table, String(row.id)))
    } else if (piece.table === 'leaves' || piece.table === 'revisionBodies') {
      const store = piece.table
      result = applyAll(piece.rows, (row) => eraseFromHistoryRow(store, row, memberId))
    }
    if (!result?.changed) continue
    changed = true
    counts[piece.table] = (counts[piece.table] ?? 0) - result.dropped.length
    await db.recycleBin.put({ ...entry, record: { table: piece.table, rows: result.rows } })
  }
  if (!changed) return false
  const tombstones = (await db.tombstones.bulkGet(lost)).filter(Boolean) as Tombstone[]
  const missing = new Map(tombstones.map((row) => [row.id, row]))
  for (const key of tombstoneChunks) {
    const entry = (await db.recycleBin.get(key))!
    const piece = entry.record as unknown as SnapshotChunk
    let replaced = false
    const rows = piece.rows.map((row) => {
      const mine = missing.get(String(row.id))
      if (!mine) return row
      missing.delete(mine.id)
      replaced = true
      return { ...mine }
    })
    if (replaced) await db.recycleBin.put({ ...entry, record: { table: 'tombstones', rows } })
  }
  let chunks = summary.chunks ?? keys.length
  if (missing.size > 0) {
    const rows = [...missing.values()].map((row) => ({ ...row }))
    await db.recycleBin.add({
      id: `${prefix}${String(chunks).padStart(6, '0')}`,
      table: SNAPSHOT_CHUNK_TABLE,
      recordId: head.id,
      label: head.label,
      deletedAt: '',
      deletedBy: head.deletedBy,
      record: { table: 'tombstones', rows },
    })
    chunks += 1
    counts.tombstones = (counts.tombstones ?? 0) + rows.length
  }
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  const record: Row = { total, counts, chunks }
  await db.recycleBin.put({ ...head, record })
  return true
}

async function findMember(memberId: string): Promise<{ name: string; live: boolean }> {
  const db = getDb()
  const live = await db.members.get(memberId)
  if (live) return { name: live.name, live: true }
  const binned = (await db.recycleBin.where('recordId').equals(memberId).toArray()).find(
    (entry) => entry.table === 'members',
  )
  if (binned) return { name: String((binned.record as Partial<Member>).name ?? ''), live: false }
  throw new NotFoundError('members', memberId)
}

/**
 * Erase a member's personal data for good. `typedName` is what the person typed to confirm:
 * it must be the member's name (field 'confirmName', code 'nameMismatch'), else nothing happens.
 * The member may be live or in the recycle bin.
 */
export async function eraseMember(memberId: string, typedName: string): Promise<ErasureResult> {
  const db = getDb()
  return db.transaction('rw', db.tables, async () => {
    const { name, live } = await findMember(memberId)
    if (typedName.trim() !== name.trim()) {
      throw new ValidationError([{ field: 'confirmName', code: 'nameMismatch' }])
    }
    const result: ErasureResult = { records: 0, scrubbed: 0, binEntries: 0, snapshots: 0 }
    const erasedIds = new Set<string>([memberId])
    // Live records that are the member's own: deleted, so each leaves its tombstone.
    for (const table of ERASED_WITH_MEMBER) {
      const keys = (await db
        .table(table)
        .where('memberId')
        .equals(memberId)
        .primaryKeys()) as string[]
      for (const key of keys) erasedIds.add(key)
      if (keys.length > 0) await db.table(table).bulkDelete(keys)
      result.records += keys.length
    }
    if (live) {
      await db.members.delete(memberId)
      result.records += 1
    }
    // Committee seats keep the member's id (an anonymous reference) but not the name.
    const orgs: Row[] = []
    await db.orgs.each((org) => {
      const change = eraseFromRecord('orgs', org as unknown as Row, memberId)
      if (change.kind === 'change') orgs.push(change.row)
    })
    if (orgs.length > 0) await db.table('orgs').bulkPut(orgs)
    result.scrubbed += orgs.length
    // The recycle bin's records, table by table (its snapshots below).
    for (const table of RECORD_TABLES) {
      const keys = await db.recycleBin.where('table').equals(table).primaryKeys()
      for (let i = 0; i < keys.length; i += PAGE) {
        const entries = (await db.recycleBin.bulkGet(keys.slice(i, i + PAGE))) as RecycleEntry[]
        for (const entry of entries) {
          const change = eraseFromRecord(table, entry.record, memberId)
          if (change.kind === 'keep') continue
          result.binEntries += 1
          if (change.kind === 'drop') {
            erasedIds.add(entry.recordId)
            await db.recycleBin.delete(entry.id)
          } else await db.recycleBin.put({ ...entry, record: change.row })
        }
      }
    }
    const heads = await db.recycleBin.where('table').equals(SNAPSHOT_TABLE).toArray()
    for (const head of heads) if (await eraseFromSnapshot(head, memberId)) result.snapshots += 1
    await eraseHistory(memberId)
    // The trail keeps what happened, when and by whom, without the labels that named them.
    await db.auditLog
      .where('recordId')
      .anyOf([...erasedIds])
      .modify((entry) => {
        entry.summary = ERASED_SUMMARY
      })
    await db.auditLog.add(auditEntry('delete', 'members', memberId, ERASE_SUMMARY))
    failAfterWrites?.()
    return result
  })
}

// ─── Snapshot retention ─────────────────────────────────────────────────────

export interface SnapshotUsage {
  id: string
  label: string
  takenAt: string
  records: number
  bytes: number
}

export interface RetentionReport {
  snapshots: SnapshotUsage[]
  count: number
  bytes: number
  maxCount: number
  maxBytes: number
  /** The oldest snapshots to prune to be within both limits, oldest first. */
  overLimit: SnapshotUsage[]
}

/** Bytes a value takes as JSON, a Blob by its size. */
function sizeOf(value: unknown): number {
  let blobs = 0
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Blob) {
      blobs += item.size
      return null
    }
    return item
  })
  return (text?.length ?? 0) + blobs
}

/** A snapshot's size: its pieces read one at a time (keys first, never all at once). */
async function measure(head: RecycleEntry): Promise<number> {
  const db = getDb()
  let bytes = sizeOf(head.record)
  const prefix = `${head.id}.`
  const keys = await db.recycleBin.where('recordId').equals(head.id).primaryKeys()
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue
    bytes += sizeOf((await db.recycleBin.get(key))?.record)
  }
  return bytes
}

/**
 * The snapshots in the bin, their sizes, and those over the retention settings
 * (data.snapshotMaxCount, data.snapshotMaxMegabytes). A snapshot not measured yet is
 * measured once and its size kept on its head.
 */
export async function snapshotRetention(): Promise<RetentionReport> {
  const db = getDb()
  const settings = await readSettings()
  const snapshots = await db.transaction('rw', db.recycleBin, async () => {
    const heads = await db.recycleBin.where('table').equals(SNAPSHOT_TABLE).toArray()
    const out: SnapshotUsage[] = []
    for (const head of heads) {
      let bytes = Number(head.record.bytes)
      if (!Number.isFinite(bytes) || head.record.tables !== undefined) {
        bytes = await measure(head)
        if (head.record.tables === undefined) {
          await db.recycleBin.put({ ...head, record: { ...head.record, bytes } })
        }
      }
      out.push({
        id: head.id,
        label: head.label,
        takenAt: head.deletedAt,
        records: Number(head.record.total ?? 0),
        bytes,
      })
    }
    return out
  })
  const maxCount = Math.max(0, Math.floor(settings['data.snapshotMaxCount']))
  const maxBytes = Math.max(0, settings['data.snapshotMaxMegabytes']) * 1024 * 1024
  return {
    snapshots,
    count: snapshots.length,
    bytes: snapshots.reduce((sum, snapshot) => sum + snapshot.bytes, 0),
    maxCount,
    maxBytes,
    overLimit: snapshotsOverLimit(snapshots, maxCount, maxBytes),
  }
}

/**
 * Prune the snapshots the person confirmed (the ids the retention report offered), in one
 * transaction, audited one by one. Only those still over the limit now are pruned: a
 * snapshot that another tab removed, or that is within the limit again, stays or is skipped.
 */
export async function pruneSnapshots(ids: readonly string[]): Promise<number> {
  const db = getDb()
  const report = await snapshotRetention()
  const over = new Set(report.overLimit.map((snapshot) => snapshot.id))
  return db.transaction('rw', [db.recycleBin, db.auditLog], async () => {
    let pruned = 0
    for (const id of ids) {
      if (!over.has(id)) continue
      const head = await db.recycleBin.get(id)
      if (!head || head.table !== SNAPSHOT_TABLE) continue
      await dropSnapshot(id)
      await db.auditLog.add(auditEntry('delete', '*', '', `${PURGE_SUMMARY}:${head.label}`))
      pruned += 1
    }
    return pruned
  })
}
