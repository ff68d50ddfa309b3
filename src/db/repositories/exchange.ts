import {
  areaIdsOfPath,
  EXCHANGE_TABLES,
  emptyCounts,
  recordLabel,
  remapFirmIds,
  VERDICTS,
  type ExchangeTable,
  type Row,
  type Verdict,
  type VerdictCounts,
} from '@/domain/exchange'
import { judgeScope, REFERENCE_TABLES, scopeRefOf, type ScopeView } from '@/domain/replicationScope'
import { expandRevision, winnerOf } from '@/domain/revisions'
import type { LeafRecord, Org, Tombstone } from '@/domain/types'
import { getDb, newId, nowIso } from '../connection'
import { auditEntry } from '../records'
import { replicatedTransaction } from '../revisions'
import {
  applyMerges,
  incomingLeafRow,
  incomingRecord,
  incomingTombstone,
  isRecordTable,
  planMerges,
  type IncomingLeaf,
  type RecordMerge,
} from './replication'
import { listSubtreeOrgIds } from './orgs'

/**
 * Exchange packages between devices (format 2: a replication batch for one org's subtree):
 * what a package holds, this device's id, and the merge — decided by revision ancestry
 * alone, limited to what the package's scope may change here — in one transaction.
 */

export type ExchangeTables = Record<ExchangeTable, Row[]>
/** A package's payload: the record tables, then tombstones and leaves. */
export type ExchangePayload = Record<string, Row[]>

const DEVICE_ID_KEY = 'deviceId'
/** Meta keys that are facts about this device: never in a backup, never in a package. */
export const DEVICE_MARK_PREFIX = 'exchangedWith:'
const markKey = (deviceId: string) => `${DEVICE_MARK_PREFIX}${deviceId}`

/** This device's random id, made on first use and kept in meta (a restore never copies it). */
export async function readDeviceId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const found = (await db.meta.get(DEVICE_ID_KEY))?.value
    if (found) return found
    const id = newId()
    await db.meta.put({ key: DEVICE_ID_KEY, value: id })
    return id
  })
}

function emptyTables(): ExchangeTables {
  return Object.fromEntries(EXCHANGE_TABLES.map((name) => [name, []])) as unknown as ExchangeTables
}

async function byIds(table: ExchangeTable, ids: Iterable<string>): Promise<Row[]> {
  const list = [...new Set(ids)].filter((id) => id !== '')
  if (list.length === 0) return []
  const rows = (await getDb().table(table).bulkGet(list)) as (Row | undefined)[]
  return rows.filter((row): row is Row => row !== undefined)
}

async function whereAnyOf(table: ExchangeTable, index: string, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return []
  return (await getDb().table(table).where(index).anyOf(ids).toArray()) as Row[]
}

/** Records that left the subtree (move marks), added to the package's tables when still live. */
async function addMovedOut(tables: ExchangeTables, rootId: string): Promise<string[]> {
  const marks = await getDb().moves.where('orgIds').equals(rootId).toArray()
  const missing: string[] = []
  for (const table of EXCHANGE_TABLES) {
    const have = new Set(tables[table].map((row) => String(row.id)))
    const ids = marks
      .filter((m) => m.table === table && !have.has(m.recordId))
      .map((m) => m.recordId)
    if (ids.length === 0) continue
    const rows = await byIds(table, ids)
    tables[table].push(...rows)
    const found = new Set(rows.map((row) => String(row.id)))
    missing.push(...ids.filter((id) => !found.has(id)).map((id) => `${table}:${id}`))
  }
  return missing
}

/** The leaf rows of these records, as they travel (this device's bookkeeping left out). */
async function leavesFor(tables: ExchangeTables, tombstones: Tombstone[]): Promise<Row[]> {
  const db = getDb()
  if ((await db.leaves.count()) === 0) return []
  const wanted = new Set<string>()
  for (const table of EXCHANGE_TABLES)
    for (const row of tables[table]) wanted.add(`${table}:${String(row.id)}`)
  for (const tombstone of tombstones) wanted.add(tombstone.id)
  const keys = (await db.leaves.toCollection().primaryKeys()).filter((key) =>
    wanted.has(key.slice(0, key.lastIndexOf(':'))),
  )
  const rows = (await db.leaves.bulkGet(keys)).filter((row): row is LeafRecord => !!row)
  return rows.map(({ state: _s, at: _a, ...row }) => row as unknown as Row)
}

/**
 * The payload of one org's package, read in one transaction:
 * - the org and every org under it, their party groups, members, the members' transfers and
 *   dues, meetings with their photos, study records; for each joint committee among them its
 *   constituents, joint meetings and issues;
 * - records that left the subtree since (a member transferred away, an org moved): both the
 *   old scope and the new one receive that revision;
 * - the tombstones of records deleted in the subtree, and the other leaves (conflicts,
 *   closed branches) of everything it carries, each record with its revision ancestry;
 * - for reference, so the records land whole on a device that lacks them: the orgs above
 *   the root, the orgs the constituents name, the firms the orgs are set up in and the
 *   members work at, and every area those orgs and firms lie in with the areas above it.
 */
export async function readExchangePayload(
  rootId: string,
): Promise<{ root: Org; payload: ExchangePayload; revisions: number }> {
  const db = getDb()
  return db.transaction(
    'r',
    [...EXCHANGE_TABLES.map((name) => db.table(name)), db.tombstones, db.leaves, db.moves],
    async () => {
      const root = await db.orgs.get(rootId)
      if (!root) throw new Error(`orgs ${rootId} not found`)
      const tables = emptyTables()
      const subtree = await listSubtreeOrgIds(rootId)
      tables.orgs = await byIds('orgs', subtree)
      tables.members = await whereAnyOf('members', 'orgId', subtree)
      tables.meetings = await whereAnyOf('meetings', 'orgId', subtree)
      tables.partyGroups = await whereAnyOf('partyGroups', 'orgId', subtree)
      tables.studyRecords = await whereAnyOf('studyRecords', 'orgId', subtree)
      const missingMoved = await addMovedOut(tables, rootId)
      const committeeIds = (tables.orgs as unknown as Org[])
        .filter((org) => org.type === 'jointCommittee')
        .map((org) => org.id)
      const memberIds = tables.members.map((row) => String(row.id))
      tables.transfers = await whereAnyOf('transfers', 'memberId', memberIds)
      tables.dues = await whereAnyOf('dues', 'memberId', memberIds)
      tables.photos = await whereAnyOf(
        'photos',
        'meetingId',
        tables.meetings.map((row) => String(row.id)),
      )
      tables.constituents = await whereAnyOf('constituents', 'committeeId', committeeIds)
      tables.jointMeetings = await whereAnyOf('jointMeetings', 'committeeId', committeeIds)
      tables.issues = await whereAnyOf('issues', 'committeeId', committeeIds)

      const referenced = new Set<string>()
      const inTree = new Set(subtree)
      for (const org of tables.orgs) {
        for (let id = String(org.parentId ?? ''), hops = 0; id !== '' && hops < 50; hops++) {
          if (inTree.has(id) || referenced.has(id)) break
          const parent = await db.orgs.get(id)
          if (!parent) break
          referenced.add(parent.id)
          id = parent.parentId
        }
      }
      for (const row of tables.constituents) if (row.orgId) referenced.add(String(row.orgId))
      const have = new Set(tables.orgs.map((row) => String(row.id)))
      tables.orgs.push(
        ...(await byIds(
          'orgs',
          [...referenced].filter((id) => !have.has(id)),
        )),
      )
      const firmIds = new Set<string>()
      for (const org of tables.orgs)
        for (const id of (org.hostFirmIds as string[]) ?? []) firmIds.add(id)
      for (const member of tables.members) if (member.firmId) firmIds.add(String(member.firmId))
      tables.firms = await byIds('firms', firmIds)
      const areaIds = new Set<string>()
      for (const row of [...tables.orgs, ...tables.firms]) {
        for (const id of areaIdsOfPath(row.areaPath)) areaIds.add(id)
        if (row.areaId) areaIds.add(String(row.areaId))
      }
      const areas = await byIds('areas', areaIds)
      for (const area of areas) for (const id of areaIdsOfPath(area.path)) areaIds.add(id)
      tables.areas = await byIds('areas', areaIds)

      const tombstones = await db.tombstones.where('orgIds').equals(rootId).toArray()
      const extra = await db.tombstones.bulkGet(missingMoved)
      const seen = new Set(tombstones.map((row) => row.id))
      for (const row of extra) if (row && !seen.has(row.id)) tombstones.push(row)
      const leaves = await leavesFor(tables, tombstones)
      const payload: ExchangePayload = {}
      let revisions = tombstones.length + leaves.length
      for (const table of EXCHANGE_TABLES) {
        payload[table] = tables[table].map((row) => expandRevision(table, row))
        revisions += payload[table].length
      }
      // CouchDB's shape: a tombstone is a document with `_deleted`.
      payload.tombstones = tombstones.map((row) => ({ ...row, _deleted: true }))
      payload.leaves = leaves
      return { root, payload, revisions }
    },
  )
}

export interface ExchangeRefusal {
  table: string
  id: string
  label: string
}

export interface ExchangePlan {
  counts: Record<string, VerdictCounts>
  totals: VerdictCounts
  /** Records the package may not change here, by table, with their names. */
  refused: ExchangeRefusal[]
  /** Records that are in conflict after the merge (new conflicts). */
  conflicts: ExchangeRefusal[]
}

export interface PreparedMerge {
  plan: ExchangePlan
  /** Firms of the package matched to firms here by credit code. */
  matchedFirms: number
  accepted: RecordMerge[]
}

/** The package's rows as incoming revisions, firms already here under another id remapped. */
async function incomingOf(
  payload: ExchangePayload,
): Promise<{ rows: ExchangePayload; matched: number }> {
  const db = getDb()
  const firmIdMap = new Map<string, string>()
  const firms = payload.firms ?? []
  if (firms.length > 0) {
    const here = await db.firms.bulkGet(firms.map((row) => String(row.id)))
    const codes = firms.filter((_, i) => !here[i]).map((row) => String(row.creditCode ?? ''))
    const byCode = await db.firms.where('creditCode').anyOf(codes.filter(Boolean)).toArray()
    const local = new Map(byCode.map((firm) => [firm.creditCode, firm.id]))
    firms.forEach((row, i) => {
      const match = !here[i] ? local.get(String(row.creditCode ?? '')) : undefined
      if (match && match !== row.id) firmIdMap.set(String(row.id), match)
    })
  }
  return { rows: remapFirmIds(payload, firmIdMap), matched: firmIdMap.size }
}

function leavesOfPayload(rows: ExchangePayload): IncomingLeaf[] {
  const out: IncomingLeaf[] = []
  for (const table of EXCHANGE_TABLES)
    for (const row of rows[table] ?? []) out.push(incomingRecord(table, row))
  for (const row of rows.tombstones ?? [])
    if (isRecordTable(String(row.table))) out.push(incomingTombstone(row))
  for (const row of rows.leaves ?? [])
    if (isRecordTable(String(row.table))) out.push(incomingLeafRow(row))
  return out
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** This device's tree around what the package touches (domain/replicationScope.ts ScopeView). */
async function scopeView(
  root: string,
  rows: ExchangePayload,
  merges: RecordMerge[],
  ownerFallback?: string,
): Promise<ScopeView> {
  const db = getDb()
  const packageParent = new Map<string, string>()
  for (const org of rows.orgs ?? []) packageParent.set(String(org.id), text(org.parentId))
  const ask = new Set<string>([root, ...packageParent.keys(), ...packageParent.values()])
  const owners = { members: new Set<string>(), meetings: new Set<string>() }
  const firmIds: string[] = []
  for (const merge of merges) {
    for (const body of [merge.before.record, ...merge.incoming.map((leaf) => leaf.body)]) {
      if (!body) continue
      const ref = scopeRefOf(merge.table, body)
      if (ref.kind === 'orgs') ref.orgIds.forEach((id) => ask.add(id))
      if (ref.kind === 'via') owners[ref.table].add(ref.id)
    }
    for (const id of merge.before.tombstone?.orgIds ?? []) ask.add(id)
    for (const id of merge.facts?.orgIds ?? []) ask.add(id)
    if (merge.table === 'firms' && merge.before.record) firmIds.push(merge.recordId)
  }
  const ownerHere = { members: new Map<string, string>(), meetings: new Map<string, string>() }
  for (const table of ['members', 'meetings'] as const) {
    const ids = [...owners[table]]
    const found = (await db.table(table).bulkGet(ids)) as (Row | undefined)[]
    found.forEach((row, i) => row && ownerHere[table].set(ids[i]!, text(row.orgId)))
    for (const orgId of ownerHere[table].values()) ask.add(orgId)
  }
  const ownerInPackage = { members: new Map<string, string>(), meetings: new Map<string, string>() }
  for (const table of ['members', 'meetings'] as const) {
    for (const row of rows[table] ?? []) ownerInPackage[table].set(String(row.id), text(row.orgId))
  }
  const hosts = new Map<string, string[]>()
  if (firmIds.length > 0) {
    for (const org of await db.orgs.where('hostFirmIds').anyOf(firmIds).toArray()) {
      ask.add(org.id)
      for (const id of org.hostFirmIds) hosts.set(id, [...(hosts.get(id) ?? []), org.id])
    }
  }
  // This device's parents of every org asked about, up to the top (a few hops).
  const parentHere = new Map<string, string>()
  let frontier = [...ask].filter((id) => id !== '')
  for (let hops = 0; frontier.length > 0 && hops < 64; hops++) {
    const found = await db.orgs.bulkGet(frontier)
    const next: string[] = []
    found.forEach((org) => {
      if (!org) return
      parentHere.set(org.id, org.parentId)
      if (org.parentId !== '' && !parentHere.has(org.parentId)) next.push(org.parentId)
    })
    frontier = [...new Set(next)]
  }
  const referenced = new Set<string>()
  for (
    let id = packageParent.get(root) ?? parentHere.get(root) ?? '';
    id !== '' && !referenced.has(id);
  ) {
    referenced.add(id)
    id = packageParent.get(id) ?? parentHere.get(id) ?? ''
  }
  for (const row of rows.constituents ?? [])
    if (text(row.orgId) !== '') referenced.add(text(row.orgId))
  return {
    root,
    parentHere: (id) => parentHere.get(id),
    parentInPackage: (id) => packageParent.get(id),
    hostsHere: (id) => hosts.get(id) ?? [],
    ownerHere: (table, id) => ownerHere[table].get(id),
    ownerInPackage: (table, id) => ownerInPackage[table].get(id) ?? ownerFallback,
    referencedOrgIds: referenced,
  }
}

function judged(view: ScopeView, merge: RecordMerge): Verdict {
  if (merge.verdict === 'unchanged') return 'unchanged'
  // The department's register (root ''): areas, firms and the org tree. Only the department
  // reads or writes it on the server; it holds no org's own records.
  if (view.root === '') {
    return REFERENCE_TABLES.has(merge.table) || merge.table === 'orgs' ? merge.verdict : 'refused'
  }
  const { before } = merge
  const here = before.record
    ? { record: before.record }
    : before.tombstone
      ? { deletedFrom: before.tombstone.orgIds }
      : null
  const live = merge.incoming.filter((leaf) => !leaf.deleted && leaf.body)
  const incoming =
    live.length > 0 ? { record: winnerOf(live).body! } : { deletedFrom: merge.facts?.orgIds ?? [] }
  return judgeScope(view, merge.table, here, incoming) === 'accept' ? merge.verdict : 'refused'
}

/**
 * Compare a package with what is here: each record's merge by ancestry, then the scope check
 * against this device's own org tree. Reads only (call it inside a transaction to write).
 */
export async function prepareMerge(
  payload: ExchangePayload,
  rootId: string,
  options: { ownerFallback?: string } = {},
): Promise<PreparedMerge> {
  const { rows, matched } = await incomingOf(payload)
  const merges = await planMerges(leavesOfPayload(rows))
  const view = await scopeView(rootId, rows, merges, options.ownerFallback)
  const plan: ExchangePlan = { counts: {}, totals: emptyCounts(), refused: [], conflicts: [] }
  for (const table of EXCHANGE_TABLES) plan.counts[table] = emptyCounts()
  const accepted: RecordMerge[] = []
  for (const merge of merges) {
    const verdict = judged(view, merge)
    plan.counts[merge.table]![verdict] += 1
    plan.totals[verdict] += 1
    const body =
      merge.before.record ??
      merge.incoming.find((leaf) => leaf.body)?.body ??
      merge.beforeLeaves.find((leaf) => leaf.body)?.body
    const item = { table: merge.table, id: merge.recordId, label: recordLabel(body) }
    if (verdict === 'refused') plan.refused.push(item)
    else accepted.push(merge)
    if (verdict === 'conflict') plan.conflicts.push(item)
  }
  return { plan, matchedFirms: matched, accepted }
}

export interface ExchangeResult extends VerdictCounts {
  /** The merge's id (its audit entry): the bodies it replaced are kept under it. */
  mergeId: string
}

/**
 * Merge a checked package in ONE transaction. The comparison is made again inside it, so a
 * record changed here after the preview is judged as it is now; nothing is overwritten that
 * is not kept (the replaced bodies, under this merge's id), and nothing is snapshotted whole.
 */
export async function writeExchange(
  payload: ExchangePayload,
  source: { deviceId: string; rootId: string; orgName: string; checkpointId: string },
): Promise<ExchangeResult> {
  const db = getDb()
  const result: ExchangeResult = { ...emptyCounts(), mergeId: '' }
  await replicatedTransaction(db, db.tables, async () => {
    const prepared = await prepareMerge(payload, source.rootId)
    for (const verdict of VERDICTS) result[verdict] = prepared.plan.totals[verdict]
    const entry = auditEntry('import', '*', '', `exchange:${source.orgName}`)
    result.mergeId = entry.id
    const applied = await applyMerges(prepared.accepted, entry.id)
    await db.meta.put({
      key: markKey(source.deviceId),
      value: JSON.stringify({ checkpoint: source.checkpointId, at: nowIso() }),
    })
    if (applied.written > 0) {
      if (!(await db.meta.get('firstRunDone')))
        await db.meta.put({ key: 'firstRunDone', value: nowIso() })
      await db.auditLog.add(entry)
    }
  })
  return result
}
