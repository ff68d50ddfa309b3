import Dexie from 'dexie'
import { assertNoHostileKeys } from '@/domain/backupFormat'
import { checkRecordShape } from '@/domain/recordShapes'
import { NAME_TOKEN_TABLES } from '@/domain/search'
import { leavesOf, tombstoneId, type StoredLeaves } from '@/domain/leafRows'
import type { Row } from '@/domain/replicationScope'
import { isRev, REVISION_FIELDS, revisionsOf, winnerOf, type Leaf } from '@/domain/revisions'
import { getDb } from '../connection'
import { auditEntry } from '../records'
import { replicatedTransaction } from '../revisions'
import { CHECKPOINT_PREFIX } from '../syncFeed'
import { RECORD_TABLES, type RecordTable } from '../tables'
import { prepareMerge, type ExchangePayload } from './exchange'
import { applyMerges, isRecordTable, readStoredLeaves } from './replication'

/**
 * This device's records as one side of CouchDB replication with one server database (the
 * services' LocalStore calls these): the database's feed from `syncChanges`, revs_diff
 * against the records' leaves, revisions read with their ancestry, and incoming revisions
 * merged through the same code as exchange packages (ancestry, then the scope check against
 * this device's own org tree, in one transaction). A document's id is `<table>:<record id>`;
 * a photo's image travels as its attachment `image`.
 */

/** A revision as it travels (services/sync/types.ts RevisionDoc, structurally). */
export interface FeedDoc {
  _id: string
  _rev: string
  _revisions: { start: number; ids: string[] }
  _deleted?: boolean
  _attachments?: Record<string, { content_type: string; data: string }>
  [field: string]: unknown
}

export interface FeedRow {
  id: string
  seq: number
  changes: { rev: string }[]
  deleted?: boolean
}

export interface FeedRefusal {
  id: string
  rev: string
  error: string
  reason: string
}

const FEED_TABLES = ['syncChanges', 'tombstones', 'leaves', ...RECORD_TABLES]

function splitDocId(docId: string): { table: RecordTable; recordId: string } | null {
  const at = docId.indexOf(':')
  const table = docId.slice(0, at)
  const recordId = docId.slice(at + 1)
  if (at <= 0 || recordId === '' || !isRecordTable(table)) return null
  return { table, recordId }
}

/** Stored leaves of these documents, per table (one read per table). */
async function leavesByDoc(docIds: readonly string[]): Promise<Map<string, StoredLeaves>> {
  const byTable = new Map<RecordTable, string[]>()
  for (const docId of docIds) {
    const parts = splitDocId(docId)
    if (parts) byTable.set(parts.table, [...(byTable.get(parts.table) ?? []), parts.recordId])
  }
  const out = new Map<string, StoredLeaves>()
  for (const [table, ids] of byTable) {
    for (const [id, stored] of await readStoredLeaves(table, ids)) out.set(`${table}:${id}`, stored)
  }
  return out
}

function hasAny(stored: StoredLeaves | undefined): stored is StoredLeaves {
  return !!stored && (!!stored.record || !!stored.tombstone || stored.rows.length > 0)
}

/**
 * Rows of one database's feed after `since`: the local changes not yet pushed, when `since`
 * is the push's checkpoint.
 */
export async function countFeedAfter(dbOrg: string, since: number): Promise<number> {
  return getDb()
    .syncChanges.where('[db+seq]')
    .between([dbOrg, since], [dbOrg, Dexie.maxKey], false, true)
    .count()
}

/**
 * One database's feed after `since`, by keyset on `[db+seq]`: one row per record at its
 * latest write, with every leaf. A row whose record is no longer here (a replace cleared it)
 * is passed over; the position still moves on.
 */
export async function readFeed(
  dbOrg: string,
  since: number,
  limit: number,
): Promise<{ results: FeedRow[]; lastSeq: number; pending: number }> {
  const db = getDb()
  return db.transaction('r', FEED_TABLES, async () => {
    const after = (seq: number) =>
      db.syncChanges.where('[db+seq]').between([dbOrg, seq], [dbOrg, Dexie.maxKey], false, true)
    const rows = await after(since).limit(limit).toArray()
    // Rows left after this batch (a count on the index: the first sync's progress bar).
    const pending = rows.length < limit ? 0 : await after(rows.at(-1)!.seq).count()
    const stored = await leavesByDoc(rows.map((row) => row.doc))
    const results: FeedRow[] = []
    for (const row of rows) {
      const here = stored.get(row.doc)
      if (!hasAny(here)) continue
      const leaves = leavesOf(splitDocId(row.doc)!.table, here)
      const result: FeedRow = {
        id: row.doc,
        seq: row.seq,
        changes: leaves.map((leaf) => ({ rev: leaf.rev })),
      }
      if (winnerOf(leaves).deleted) result.deleted = true
      results.push(result)
    }
    return { results, lastSeq: rows.at(-1)?.seq ?? since, pending }
  })
}

/** Of the asked revisions, those in no leaf's ancestry here. */
export async function feedRevsDiff(
  revs: Record<string, string[]>,
): Promise<Record<string, { missing: string[] }>> {
  const db = getDb()
  const stored = await db.transaction('r', FEED_TABLES, () => leavesByDoc(Object.keys(revs)))
  const diff: Record<string, { missing: string[] }> = {}
  for (const [docId, asked] of Object.entries(revs)) {
    const here = stored.get(docId)
    const parts = splitDocId(docId)
    const known = new Set<string>()
    if (parts && hasAny(here)) {
      for (const leaf of leavesOf(parts.table, here))
        for (const rev of leaf.ancestry) known.add(rev)
    }
    const missing = asked.filter((rev) => !known.has(rev))
    if (missing.length > 0) diff[docId] = { missing }
  }
  return diff
}

/** A Blob of any realm (a test's Node Blob in a DOM-like environment too). */
function isBlob(value: unknown): value is Blob {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Blob).arrayBuffer === 'function' &&
    typeof (value as Blob).type === 'string'
  )
}

function toBase64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(text)
}

function fromBase64(data: string): Uint8Array {
  const text = atob(data)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

const TOKENED: ReadonlySet<string> = new Set(NAME_TOKEN_TABLES)

function docOf(docId: string, leaf: Leaf, stored: StoredLeaves): FeedDoc {
  const base = { _id: docId, _rev: leaf.rev, _revisions: revisionsOf(leaf.ancestry) }
  if (leaf.deleted) {
    const facts =
      stored.tombstone?._rev === leaf.rev
        ? {
            orgIds: stored.tombstone.orgIds,
            deletedAt: stored.tombstone.deletedAt,
            deletedBy: stored.tombstone.deletedBy,
          }
        : {}
    return { ...facts, closed: leaf.closed, ...base, _deleted: true }
  }
  const body: Row = { ...leaf.body }
  for (const field of REVISION_FIELDS) delete body[field]
  // The name pieces are this device's own (db/nameTokens.ts): the receiver derives its own,
  // and a peer of a version before 6 would refuse a field it does not know.
  if (TOKENED.has(splitDocId(docId)?.table ?? '')) delete body.nameTokens
  return { ...body, ...base }
}

/** These revisions with their bodies and ancestry; one no longer a leaf here is left out. */
export async function readFeedDocs(requests: { id: string; rev: string }[]): Promise<FeedDoc[]> {
  const db = getDb()
  const docs = await db.transaction('r', FEED_TABLES, async () => {
    const stored = await leavesByDoc(requests.map((request) => request.id))
    const out: FeedDoc[] = []
    for (const { id, rev } of requests) {
      const here = stored.get(id)
      if (!hasAny(here)) continue
      const leaf = leavesOf(splitDocId(id)!.table, here).find((each) => each.rev === rev)
      if (leaf) out.push(docOf(id, leaf, here))
    }
    return out
  })
  // Images to base64 after the transaction: reading a Blob is not a Dexie operation.
  for (const doc of docs) {
    const blob = doc.blob
    if (!isBlob(blob)) continue
    delete doc.blob
    const data = toBase64(new Uint8Array(await blob.arrayBuffer()))
    doc._attachments = { image: { content_type: blob.type, data } }
  }
  return docs
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function shapeProblemOf(table: string, doc: FeedDoc, record: Row): string | null {
  if (!isRecordTable(table)) return `${table}: not a record table`
  // On the document as parsed: copying it into a record would turn a `__proto__` key into
  // the copy's prototype, out of sight of any later check.
  try {
    assertNoHostileKeys(doc, { table })
  } catch {
    return `${table}: a hostile key`
  }
  const problem = checkRecordShape(table, record)
  return problem ? `${problem.table}.${problem.field}: ${problem.code}` : null
}

/** Revisions as a package's payload: live ones as table rows, deletions as tombstones. */
function payloadOf(docs: readonly FeedDoc[]): { payload: ExchangePayload; bad: FeedRefusal[] } {
  const payload: ExchangePayload = { tombstones: [] }
  const bad: FeedRefusal[] = []
  for (const doc of docs) {
    const parts = splitDocId(text(doc._id))
    if (!parts || !isRev(doc._rev)) {
      bad.push({
        id: text(doc._id),
        rev: text(doc._rev),
        error: 'forbidden',
        reason: 'not a record',
      })
      continue
    }
    const { table, recordId } = parts
    const ancestry = { _rev: doc._rev, _revisions: doc._revisions }
    if (doc._deleted === true) {
      payload.tombstones!.push({
        id: tombstoneId(table, recordId),
        table,
        recordId,
        ...ancestry,
        closed: doc.closed === true,
        orgIds: strings(doc.orgIds),
        deletedAt: text(doc.deletedAt),
        deletedBy: text(doc.deletedBy),
      })
      continue
    }
    const row: Row = {}
    for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) row[key] = value
    const image = doc._attachments?.image
    if (table === 'photos' && image) {
      row.blob = new Blob([fromBase64(image.data) as BlobPart], { type: image.content_type })
    }
    const record = { ...row, id: recordId, ...ancestry }
    // The same strict shape a restore or package merge asks (recordShapes.ts): a document
    // that fails is refused alone, named by its field, and the rest of the batch goes on.
    const problem = shapeProblemOf(table, doc, record)
    if (problem) {
      bad.push({ id: text(doc._id), rev: doc._rev, error: 'forbidden', reason: problem })
      continue
    }
    const rows = (payload[table] ??= [])
    rows.push(record)
  }
  return { payload, bad }
}

/**
 * Merge revisions from the database of `dbOrg` ('' = the register) in ONE transaction, as
 * a package merges: by ancestry, conflicts kept on both sides, and what lies outside the
 * database's subtree by this device's own tree refused (returned, never stored).
 */
export async function writeFeedDocs(
  dbOrg: string,
  label: string,
  docs: readonly FeedDoc[],
): Promise<FeedRefusal[]> {
  const { payload, bad } = payloadOf(docs)
  const db = getDb()
  const refused = await replicatedTransaction(db, db.tables, async () => {
    // A photo or transfer may arrive before its meeting or member (another batch, or a read
    // group of the same one): its owner is then placed where the database is, and the
    // owner itself is judged when it arrives.
    const prepared = await prepareMerge(payload, dbOrg, { ownerFallback: dbOrg || undefined })
    const entry = auditEntry('import', '*', '', `sync:${label}`)
    const applied = await applyMerges(prepared.accepted, entry.id)
    if (applied.written > 0) await db.auditLog.add(entry)
    return prepared.plan.refused
  })
  const out = [...bad]
  if (refused.length === 0) return out
  const keys = new Set(refused.map((item) => `${item.table}:${item.id}`))
  for (const doc of docs) {
    if (keys.has(doc._id)) {
      out.push({ id: doc._id, rev: doc._rev, error: 'forbidden', reason: `outside ${label}` })
    }
  }
  return out
}

export async function readSyncCheckpoint(replicationId: string): Promise<unknown> {
  return (await getDb().syncState.get(CHECKPOINT_PREFIX + replicationId))?.value ?? null
}

export async function writeSyncCheckpoint(replicationId: string, value: unknown): Promise<void> {
  await getDb().syncState.put({ key: CHECKPOINT_PREFIX + replicationId, value })
}

/** Calls `listener` after each committed write that reached the feed (in any tab). */
export function onFeedChange(listener: () => void): () => void {
  const name = getDb().name
  const handler = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((key) => key.startsWith(`idb://${name}/syncChanges/`))) listener()
  }
  Dexie.on('storagemutated', handler)
  return () => Dexie.on('storagemutated').unsubscribe(handler)
}

/** Every org id here (the department syncs each org's database). Keys only. */
export async function listAllOrgIds(): Promise<string[]> {
  return (await getDb().orgs.toCollection().primaryKeys()) as string[]
}
