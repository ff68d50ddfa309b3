import { recordLabel } from '@/domain/exchange'
import { leafOfRow } from '@/domain/leafRows'
import type { Row } from '@/domain/replicationScope'
import { closingLeaf, openLeaves, revisionOf, revisionsOf, winnerOf } from '@/domain/revisions'
import type { LeafRecord, RevisionBody } from '@/domain/types'
import { getDb, nowIso } from '../connection'
import { StaleRevisionError } from '../errors'
import { auditEntry } from '../records'
import { revisionBodyId } from '../revisions'
import { RECORD_TABLES, type RecordTable } from '../tables'
import { refreshLastAttended } from './attendance'
import { refreshFirmStatuses } from './firmStatus'
import { readLeaves } from './replication'
import { readSettings } from './settings'

/**
 * The conflict screen's reads and writes: open conflicts page by page (the leaves table's
 * `[state+id]` index), one record's versions with their common ancestor, and a resolution,
 * which is a revision like any other and replicates: the chosen content on top of the winner,
 * every other open branch closed by a deleted child (CouchDB's way).
 */

const OPEN_LOWER = ['open', ''] as const
const OPEN_UPPER = ['open', '\uffff'] as const

function openRange() {
  return getDb()
    .leaves.where('[state+id]')
    .between([...OPEN_LOWER], [...OPEN_UPPER])
}

function recordKeyOf(leafId: string): string {
  return leafId.slice(0, leafId.lastIndexOf(':'))
}

/** How many records have open conflicts (the few leaf keys, grouped by record). */
export async function countOpenConflicts(): Promise<number> {
  const keys = (await openRange().primaryKeys()) as string[]
  return new Set(keys.map(recordKeyOf)).size
}

export interface ConflictRow {
  table: RecordTable
  recordId: string
  label: string
  /** Versions waiting beside the one shown. */
  others: number
  /** One of them is a deletion made elsewhere. */
  deletion: boolean
  /** When the newest of them came to this device. */
  at: string
}

/** One page of records in conflict, in key order, after the last leaf id of the page before. */
export async function listOpenConflicts(
  after: string | null,
  limit: number,
): Promise<{ rows: ConflictRow[]; next: string | null }> {
  const db = getDb()
  const range =
    after === null
      ? openRange()
      : db.leaves.where('[state+id]').between(['open', after], [...OPEN_UPPER], false, true)
  // A record's open leaves are next to each other: read a few more than a page, group.
  const leaves = await range.limit(limit * 3 + 3).toArray()
  const groups = new Map<string, LeafRecord[]>()
  for (const leaf of leaves) {
    const key = recordKeyOf(leaf.id)
    if (!groups.has(key) && groups.size === limit) break
    groups.set(key, [...(groups.get(key) ?? []), leaf])
  }
  const entries = [...groups.values()]
  // The last group may continue past what was read: the next page starts after the last read.
  const winners = await Promise.all(
    entries.map(
      (group) => db.table(group[0]!.table).get(group[0]!.recordId) as Promise<Row | undefined>,
    ),
  )
  const rows = entries.map((group, i) => ({
    table: group[0]!.table as RecordTable,
    recordId: group[0]!.recordId,
    label: recordLabel(winners[i] ?? group.find((leaf) => leaf.body)?.body),
    others: group.length,
    deletion: group.some((leaf) => leaf.deleted),
    at:
      group
        .map((leaf) => leaf.at)
        .sort()
        .at(-1) ?? '',
  }))
  const last = entries.at(-1)?.at(-1)
  const more = last
    ? (await db.leaves
        .where('[state+id]')
        .between(['open', last.id], [...OPEN_UPPER], false, true)
        .count()) > 0
    : false
  return { rows, next: more && last ? last.id : null }
}

export interface ConflictVersion {
  rev: string
  deleted: boolean
  body: Row | null
}

export interface ConflictDetail {
  table: RecordTable
  recordId: string
  /** The version shown meanwhile (the deterministic winner). */
  current: ConflictVersion
  /** The versions waiting beside it. */
  others: (ConflictVersion & { ancestor: Row | null })[]
  /** Every leaf's revision as read: a resolution is refused if they changed meanwhile. */
  revisions: string[]
}

/** One record's versions, each waiting one with the common ancestor's body where kept. */
export async function readConflict(
  table: RecordTable,
  recordId: string,
): Promise<ConflictDetail | null> {
  if (!RECORD_TABLES.includes(table)) return null
  const leaves = await readLeaves(table, recordId)
  const open = openLeaves(leaves)
  if (open.length === 0) return null
  const winner = winnerOf(leaves)
  const bodies = getDb().revisionBodies
  const others = await Promise.all(
    open.map(async (leaf) => {
      const common = winner.ancestry.find((rev) => leaf.ancestry.includes(rev))
      const kept = common ? await bodies.get(revisionBodyId(table, recordId, common)) : undefined
      return {
        rev: leaf.rev,
        deleted: leaf.deleted,
        body: leaf.body ?? null,
        ancestor: kept?.body ?? null,
      }
    }),
  )
  return {
    table,
    recordId,
    current: { rev: winner.rev, deleted: winner.deleted, body: winner.body ?? null },
    others,
    revisions: leaves.map((leaf) => leaf.rev).sort(),
  }
}

/**
 * Resolve a conflict with the content a person chose (null: delete the record), in one
 * transaction: a new revision on top of the winner (none when its content is kept), and
 * every other open branch closed. Refused if the record's versions changed since `revisions`
 * were read (another tab, another merge).
 */
export async function resolveConflict(
  table: RecordTable,
  recordId: string,
  chosen: Row | null,
  revisions: readonly string[],
): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.tables, async () => {
    const leaves = await readLeaves(table, recordId)
    const now = leaves.map((leaf) => leaf.rev).sort()
    const winner = leaves.length > 0 ? winnerOf(leaves) : null
    if (!winner || now.join() !== [...revisions].join()) {
      throw new StaleRevisionError(table, recordId, revisions.join(','), winner?.body)
    }
    const { 'data.revsLimit': limit } = await readSettings()
    const store = db.table(table)
    if (chosen === null) {
      // A local delete: the middleware writes the tombstone and closes every open branch.
      await store.delete(recordId)
    } else {
      const { _rev, _revisions, ...content } = chosen
      const stamped = {
        ...content,
        id: recordId,
        createdAt: winner.body?.createdAt ?? content.createdAt,
        updatedAt: nowIso(),
      }
      await store.put(stamped)
      const rows = await db.leaves.where(':id').startsWith(`${table}:${recordId}:`).toArray()
      for (const row of rows.filter(
        (r) => r.table === table && r.recordId === recordId && r.state === 'open',
      )) {
        const closed = closingLeaf(leafOfRow(row), limit)
        await db.leaves.delete(row.id)
        await db.leaves.put({
          ...row,
          id: `${table}:${recordId}:${closed.rev}`,
          _rev: closed.rev,
          _revisions: revisionsOf(closed.ancestry),
          deleted: true,
          closed: true,
          state: 'closed',
          body: null,
          at: nowIso(),
        })
      }
    }
    const before = winner.body
    const after = chosen
    for (const row of [before, after]) {
      if (!row) continue
      if (table === 'firms') await refreshFirmStatuses([recordId])
      if (table === 'orgs') await refreshFirmStatuses((row.hostFirmIds as string[]) ?? [])
      if (table === 'members') await refreshLastAttended([recordId])
      if (table === 'meetings') await refreshLastAttended((row.attendeeIds as string[]) ?? [])
    }
    await db.auditLog.add(
      auditEntry(
        chosen === null ? 'delete' : 'update',
        table,
        recordId,
        `resolve:${recordLabel(before ?? chosen)}`,
      ),
    )
  })
}

export interface ReplacedRow {
  id: string
  table: RecordTable
  recordId: string
  label: string
  rev: string
  keptAt: string
  mergeId: string
}

/** Bodies merges replaced, newest merge first (merge ids are time-ordered), a page at a time. */
export async function listReplacedByMerges(
  after: string | null,
  limit: number,
): Promise<{ rows: ReplacedRow[]; next: string | null }> {
  const db = getDb()
  let collection = db.revisionBodies.where('[mergeId+id]').above(['', '\uffff']).reverse()
  if (after !== null) {
    const [mergeId, id] = after.split('\u0000') as [string, string]
    collection = db.revisionBodies
      .where('[mergeId+id]')
      .between(['', '\uffff'], [mergeId, id], false, false)
      .reverse()
  }
  const found = await collection.limit(limit + 1).toArray()
  const page = found.slice(0, limit)
  const rows = page.map((body) => ({
    id: body.id,
    table: body.table as RecordTable,
    recordId: body.recordId,
    label: recordLabel(body.body),
    rev: body.rev,
    keptAt: body.keptAt,
    mergeId: body.mergeId,
  }))
  const last = page.at(-1)
  return { rows, next: found.length > limit && last ? `${last.mergeId}\u0000${last.id}` : null }
}

export async function countReplacedByMerges(): Promise<number> {
  return getDb().revisionBodies.where('mergeId').above('').count()
}

/**
 * Bring back a version a merge replaced: its content becomes a new revision on top of what
 * is there now (or of the tombstone), which replicates like any edit.
 */
export async function restoreReplacedBody(bodyId: string): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.tables, async () => {
    const kept = (await db.revisionBodies.get(bodyId)) as RevisionBody | undefined
    if (!kept) throw new StaleRevisionError('revisionBodies', bodyId, '', undefined)
    const current = (await db.table(kept.table).get(kept.recordId)) as Row | undefined
    const { _rev, _revisions, ...content } = kept.body
    await db.table(kept.table).put({ ...content, updatedAt: nowIso() })
    if (kept.table === 'firms') await refreshFirmStatuses([kept.recordId])
    if (kept.table === 'members') await refreshLastAttended([kept.recordId])
    await db.auditLog.add(
      auditEntry(
        current ? 'update' : 'restore',
        kept.table,
        kept.recordId,
        `revert:${recordLabel(kept.body)}:${current ? revisionOf(kept.table, current) : ''}`,
      ),
    )
  })
}

/**
 * Names for the ids a comparison shows (an org, a member, a firm, a constituent, a meeting),
 * so a person reads "甲支部", not a UUID. Unknown ids are left out.
 */
export async function readRecordNames(ids: readonly string[]): Promise<Record<string, string>> {
  const db = getDb()
  const wanted = [...new Set(ids)].filter((id) => id !== '')
  const out: Record<string, string> = {}
  for (const table of ['orgs', 'members', 'firms', 'constituents', 'meetings', 'areas'] as const) {
    const missing = wanted.filter((id) => !(id in out))
    if (missing.length === 0) break
    const rows = (await db.table(table).bulkGet(missing)) as (Row | undefined)[]
    rows.forEach((row, i) => {
      if (row) out[missing[i]!] = recordLabel(row)
    })
  }
  return out
}
