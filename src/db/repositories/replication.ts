import type { Verdict } from '@/domain/exchange'
import {
  leafOfRecord,
  leafOfRow,
  leafOfTombstone,
  leavesOf,
  recordPrefix,
  storedFormOf,
  tombstoneId,
  type StoredLeaves,
  type TombstoneFacts,
} from '@/domain/leafRows'
import type { Row } from '@/domain/replicationScope'
import {
  DERIVED_FIELDS,
  generationOf,
  mergeLeaf,
  openLeaves,
  revisionOf,
  winnerOf,
  type Leaf,
} from '@/domain/revisions'
import type { LeafRecord, RevisionBody, Tombstone } from '@/domain/types'
import { getActor, nowIso } from '../clock'
import { getDb } from '../connection'
import { primeStored, revisionBodyId } from '../revisions'
import { scopeChainOf, type ScopeReader } from '../scopeChain'
import { RECORD_TABLES, type RecordTable } from '../tables'
import { refreshLastAttended } from './attendance'
import { refreshFirmStatuses } from './firmStatus'
import { readSettings } from './settings'

/**
 * Merging revisions made elsewhere into this device (a package, a backup in merge mode, and
 * sync after it): CouchDB's merge per record, flattened to leaves (revisions.ts mergeLeaf).
 * The winner among a record's leaves is the stored record, or its tombstone when deleted;
 * the other leaves wait in the leaves table. What a merge replaces is kept (revisionBodies,
 * with the merge's id) so it can be undone record by record; nothing is snapshotted whole.
 */

const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)

/** One revision arriving for one record. */
export interface IncomingLeaf {
  table: RecordTable
  recordId: string
  leaf: Leaf
  /** A tombstone's facts as they arrived (who deleted it there, its org chain there). */
  facts?: TombstoneFacts
}

/** A record table row of a package or backup as a live leaf (no `_rev` = first revision). */
export function incomingRecord(table: RecordTable, row: Row): IncomingLeaf {
  return { table, recordId: String(row.id), leaf: leafOfRecord(table, row) }
}

export function incomingTombstone(row: Row): IncomingLeaf {
  const tombstone = row as unknown as Tombstone
  return {
    table: tombstone.table as RecordTable,
    recordId: tombstone.recordId,
    leaf: leafOfTombstone(tombstone),
    facts: {
      orgIds: Array.isArray(tombstone.orgIds) ? tombstone.orgIds.map(String) : [],
      deletedAt: String(tombstone.deletedAt ?? ''),
      deletedBy: String(tombstone.deletedBy ?? ''),
    },
  }
}

export function incomingLeafRow(row: Row): IncomingLeaf {
  const leaf = row as unknown as LeafRecord
  return {
    table: leaf.table as RecordTable,
    recordId: leaf.recordId,
    leaf: leafOfRow({ ...leaf, deleted: leaf.deleted === true, closed: leaf.closed === true }),
  }
}

export function isRecordTable(name: string): name is RecordTable {
  return RECORD_TABLE_SET.has(name)
}

/** One record's merge: its leaves here before and after, and what that is to a person. */
export interface RecordMerge {
  table: RecordTable
  recordId: string
  before: StoredLeaves
  /** `before` as leaves, made once: a stored record without a `_rev` costs a hash to read. */
  beforeLeaves: Leaf[]
  after: Leaf[]
  /** The stored record's revision (computed once: a lazy one costs a hash). */
  beforeRev: string | null
  verdict: Exclude<Verdict, 'refused'>
  /** The revisions that arrived for it. */
  incoming: Leaf[]
  facts: TombstoneFacts | undefined
}

function keyOf(table: string, recordId: string): string {
  return `${table}\u0000${recordId}`
}

/** Each record's stored leaves, read per table: records, tombstones, and leaf rows. */
export async function readStoredLeaves(
  table: RecordTable,
  ids: readonly string[],
): Promise<Map<string, StoredLeaves>> {
  const db = getDb()
  const unique = [...new Set(ids)]
  const [records, tombstones] = await Promise.all([
    db.table(table).bulkGet(unique) as Promise<(Row | undefined)[]>,
    db.tombstones.bulkGet(unique.map((id) => tombstoneId(table, id))),
  ])
  // Keys first: the leaves table holds few rows, and only this table's are read.
  const prefix = `${table}:`
  const wanted = new Set(unique)
  const keys = (await db.leaves.where(':id').startsWith(prefix).primaryKeys()).filter((key) =>
    wanted.has(key.slice(prefix.length, key.lastIndexOf(':'))),
  )
  const rows = (await db.leaves.bulkGet(keys)).filter((row): row is LeafRecord => !!row)
  const byRecord = new Map<string, LeafRecord[]>()
  for (const row of rows) {
    if (row.table !== table) continue
    push(byRecord, row.recordId, row)
  }
  return new Map(
    unique.map((id, i) => [
      id,
      { record: records[i], tombstone: tombstones[i], rows: byRecord.get(id) ?? [] },
    ]),
  )
}

function sameLeaves(a: readonly Leaf[], b: readonly Leaf[]): boolean {
  if (a.length !== b.length) return false
  const revs = new Set(a.map((leaf) => leaf.rev))
  return b.every((leaf) => revs.has(leaf.rev))
}

/** What a merge did to one record, in the preview's words (exchange.ts VERDICTS). */
export function verdictOf(before: readonly Leaf[], after: readonly Leaf[]): RecordMerge['verdict'] {
  if (sameLeaves(before, after)) return 'unchanged'
  const openBefore = new Set(openLeaves(before).map((leaf) => leaf.rev))
  if (openLeaves(after).some((leaf) => !openBefore.has(leaf.rev))) return 'conflict'
  const was = before.length > 0 ? winnerOf(before) : null
  const now = winnerOf(after)
  if ((!was || was.deleted) && !now.deleted) return 'new'
  if (was && !was.deleted && now.deleted) return 'deleted'
  if (!was) return 'unchanged'
  return 'updated'
}

/** Merge every incoming revision into the records' leaves (reads only). */
export async function planMerges(incoming: readonly IncomingLeaf[]): Promise<RecordMerge[]> {
  const { 'data.revsLimit': limit } = await readSettings()
  const groups = new Map<string, IncomingLeaf[]>()
  const byTable = new Map<RecordTable, string[]>()
  for (const item of incoming) {
    push(groups, keyOf(item.table, item.recordId), item)
    push(byTable, item.table, item.recordId)
  }
  const out: RecordMerge[] = []
  for (const [table, ids] of byTable) {
    const stored = await readStoredLeaves(table, ids)
    for (const [id, before] of stored) {
      const items = groups.get(keyOf(table, id)) ?? []
      const beforeLeaves = leavesOf(table, before)
      let leaves = beforeLeaves
      for (const item of items) leaves = mergeLeaf(leaves, item.leaf, limit).leaves
      const facts = items.find((item) => item.facts)?.facts
      out.push({
        table,
        recordId: id,
        before,
        beforeLeaves,
        beforeRev: before.record ? winnerOf(beforeLeaves).rev : null,
        after: leaves,
        verdict: verdictOf(beforeLeaves, leaves),
        incoming: items.map((item) => item.leaf),
        facts,
      })
    }
  }
  return out
}

function dexieReader(): ScopeReader {
  const db = getDb()
  return {
    get: (table, id) => db.table(table).get(id) as Promise<Row | undefined>,
    hostsOf: async (firmId) =>
      (await db.orgs.where('hostFirmIds').equals(firmId).toArray()) as unknown as Row[],
  }
}

export interface AppliedMerges {
  firmIds: Set<string>
  memberIds: Set<string>
  written: number
}

interface Batch {
  puts: Map<string, Row[]>
  deletes: Map<string, string[]>
  leafPuts: LeafRecord[]
  leafDeletes: string[]
  tombstonePuts: Tombstone[]
  tombstoneDeletes: string[]
  bodies: RevisionBody[]
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * Write the merges that change something, inside the caller's replicatedTransaction: the
 * winner to its table (or its tombstone), the other leaves, and the body each replaced
 * winner had (with `mergeId`, so the merge can be undone record by record). Written in bulk
 * per table. Derived fields follow for what moved (firm coverage, last attendance); the
 * tallies follow by themselves.
 */
export async function applyMerges(
  merges: readonly RecordMerge[],
  mergeId: string,
): Promise<AppliedMerges> {
  const db = getDb()
  const { 'data.revisionBodies': keep } = await readSettings()
  const at = nowIso()
  const applied: AppliedMerges = { firmIds: new Set(), memberIds: new Set(), written: 0 }
  const batch: Batch = {
    puts: new Map(),
    deletes: new Map(),
    leafPuts: [],
    leafDeletes: [],
    tombstonePuts: [],
    tombstoneDeletes: [],
    bodies: [],
  }
  for (const merge of merges) {
    if (sameLeaves(merge.beforeLeaves, merge.after)) continue
    const { table, recordId, before } = merge
    let orgIds: string[] | null = null
    if (!merge.after.some((leaf) => !leaf.deleted) && before.record) {
      orgIds = await scopeChainOf(dexieReader(), table, before.record)
    }
    const after = storedFormOf(
      table,
      recordId,
      merge.after,
      before,
      () => ({
        orgIds: orgIds ?? merge.facts?.orgIds ?? [],
        deletedAt: merge.facts?.deletedAt || at,
        deletedBy: merge.facts?.deletedBy || getActor(),
      }),
      at,
    )
    const beforeRev = merge.beforeRev
    const afterRev = after.record ? revisionOf(table, after.record) : null
    if (after.record && before.record) {
      // Derived fields are this device's own: what the sender derived does not come along.
      for (const field of DERIVED_FIELDS[table] ?? []) after.record[field] = before.record[field]
    }
    if (after.record && afterRev !== beforeRev) push(batch.puts, table, after.record)
    if (!after.record && before.record) push(batch.deletes, table, recordId)
    // The body the merge replaces, unless it stays on as a leaf beside the new winner.
    const stays = after.rows.some((row) => row._rev === beforeRev && !row.deleted)
    if (before.record && beforeRev !== null && afterRev !== beforeRev && keep > 0 && !stays) {
      const { _rev, _revisions, ...body } = before.record
      batch.bodies.push({
        id: revisionBodyId(table, recordId, beforeRev),
        table,
        recordId,
        rev: beforeRev,
        body,
        mergeId,
        keptAt: at,
      })
    }
    const kept = new Set(after.rows.map((row) => row.id))
    batch.leafDeletes.push(...before.rows.map((row) => row.id).filter((id) => !kept.has(id)))
    batch.leafPuts.push(...after.rows)
    if (after.tombstone) batch.tombstonePuts.push(after.tombstone)
    else if (before.tombstone) batch.tombstoneDeletes.push(before.tombstone.id)
    applied.written += 1
    noteDerived(applied, table, before.record, after.record)
  }
  for (const [table, rows] of batch.puts) {
    // The records were read for the comparison in this transaction: the write reads none.
    const stored = new Map(
      merges.filter((m) => m.table === table).map((m) => [m.recordId, m.before.record] as const),
    )
    primeStored(table, stored)
    await db.table(table).bulkPut(rows)
  }
  for (const [table, ids] of batch.deletes) await db.table(table).bulkDelete(ids)
  if (batch.leafDeletes.length > 0) await db.leaves.bulkDelete(batch.leafDeletes)
  if (batch.leafPuts.length > 0) await db.leaves.bulkPut(batch.leafPuts)
  if (batch.tombstoneDeletes.length > 0) await db.tombstones.bulkDelete(batch.tombstoneDeletes)
  if (batch.tombstonePuts.length > 0) await db.tombstones.bulkPut(batch.tombstonePuts)
  if (batch.bodies.length > 0) {
    await db.revisionBodies.bulkPut(batch.bodies)
    // A record whose replaced revision is of generation ≤ keep cannot have more bodies yet.
    await pruneBodies(
      batch.bodies.filter((body) => generationOf(body.rev) > keep),
      keep,
    )
  }
  await refreshFirmStatuses(applied.firmIds)
  await refreshLastAttended(applied.memberIds)
  return applied
}

/** Only the newest `keep` bodies of each record: one read of those records' keys. */
async function pruneBodies(bodies: readonly RevisionBody[], keep: number): Promise<void> {
  if (bodies.length === 0) return
  const db = getDb()
  const prefixes = [...new Set(bodies.map((body) => recordPrefix(body.table, body.recordId)))]
  const ranges = prefixes.map((prefix) => [prefix, `${prefix}\uffff`] as [string, string])
  const keys = (await db.revisionBodies.where(':id').inAnyRange(ranges).primaryKeys()) as string[]
  const byPrefix = new Map<string, string[]>()
  for (const key of keys) push(byPrefix, key.slice(0, key.lastIndexOf(':') + 1), key)
  const old: string[] = []
  for (const list of byPrefix.values()) {
    if (list.length > keep) old.push(...list.sort().slice(0, list.length - keep))
  }
  if (old.length > 0) await db.revisionBodies.bulkDelete(old)
}

function same(a: Row | undefined, b: Row | undefined, fields: readonly string[]): boolean {
  return (
    !!a && !!b && fields.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]))
  )
}

/**
 * What the derived fields need refreshed after a record changed: a new member its own (one
 * that was here keeps its derived value, see applyMerges); a firm whose instructor or liaison
 * changed, or that is new; the firms of an org whose firms, type or dates changed; the attendees of a meeting whose attendance could count differently.
 */
function noteDerived(
  applied: AppliedMerges,
  table: string,
  before: Row | undefined,
  after: Row | undefined,
): void {
  if (table === 'firms' && after && !same(before, after, ['instructor', 'liaison'])) {
    applied.firmIds.add(String(after.id))
  }
  if (table === 'members' && after && !before) applied.memberIds.add(String(after.id))
  if (
    table === 'orgs' &&
    !same(before, after, ['hostFirmIds', 'type', 'foundedOn', 'dissolvedOn'])
  ) {
    for (const row of [before, after]) {
      for (const id of (row?.hostFirmIds as string[] | undefined) ?? []) applied.firmIds.add(id)
    }
  }
  if (table === 'meetings' && !same(before, after, ['attendeeIds', 'heldOn', 'status'])) {
    for (const row of [before, after]) {
      for (const id of (row?.attendeeIds as string[] | undefined) ?? []) applied.memberIds.add(id)
    }
  }
}

/** The revisions of one stored record as leaves (for the conflict screen and resolutions). */
export async function readLeaves(table: RecordTable, recordId: string): Promise<Leaf[]> {
  const stored = (await readStoredLeaves(table, [recordId])).get(recordId)!
  return leavesOf(table, stored)
}
