/**
 * A record's leaves (revisions.ts) as the database keeps them: the winner in its own table
 * when live (compact revision fields) or as a tombstone when deleted, every other leaf as a
 * row of the leaves table, marked open while it waits for a person. Pure.
 */
import {
  ancestryFrom,
  compactRevision,
  openLeaves,
  REVISION_FIELDS,
  revisionsOf,
  winnerOf,
  ancestryOf,
  type Leaf,
  type Row,
} from './revisions'
import type { LeafRecord, Tombstone } from './types'

function withoutRevision(body: Row): Row {
  const out = { ...body }
  for (const field of REVISION_FIELDS) delete out[field]
  return out
}

export function tombstoneId(table: string, recordId: string): string {
  return `${table}:${recordId}`
}

export function leafId(table: string, recordId: string, rev: string): string {
  return `${table}:${recordId}:${rev}`
}

/** The first key of a record's rows in a table keyed `<table>:<id>:…` (leaves, bodies). */
export function recordPrefix(table: string, recordId: string): string {
  return `${table}:${recordId}:`
}

export function leafOfRecord(table: string, record: Row): Leaf {
  const ancestry = ancestryOf(table, record)
  return { rev: ancestry[0]!, ancestry, deleted: false, closed: false, body: record }
}

export function leafOfTombstone(
  tombstone: Pick<Tombstone, '_rev' | '_revisions' | 'closed'>,
): Leaf {
  return {
    rev: tombstone._rev,
    ancestry: ancestryFrom(tombstone._rev, tombstone._revisions),
    deleted: true,
    closed: tombstone.closed === true,
  }
}

export function leafOfRow(row: LeafRecord): Leaf {
  const leaf: Leaf = {
    rev: row._rev,
    ancestry: ancestryFrom(row._rev, row._revisions),
    deleted: row.deleted,
    closed: row.closed,
  }
  if (!row.deleted && row.body) leaf.body = row.body
  return leaf
}

/** Everything a record has here: its live winner or tombstone, and its other leaves. */
export interface StoredLeaves {
  record: Row | undefined
  tombstone: Tombstone | undefined
  rows: readonly LeafRecord[]
}

export function leavesOf(table: string, stored: StoredLeaves): Leaf[] {
  const leaves = stored.rows.map(leafOfRow)
  if (stored.record) leaves.push(leafOfRecord(table, stored.record))
  else if (stored.tombstone) leaves.push(leafOfTombstone(stored.tombstone))
  return leaves
}

export interface TombstoneFacts {
  orgIds: string[]
  deletedAt: string
  deletedBy: string
}

/** The rows a record's leaves become; `at` stamps leaves new here, older rows keep theirs. */
export function storedFormOf(
  table: string,
  recordId: string,
  leaves: readonly Leaf[],
  before: StoredLeaves,
  facts: () => TombstoneFacts,
  at: string,
): StoredLeaves {
  const winner = winnerOf(leaves)
  const open = new Set(openLeaves(leaves))
  const previous = new Map(before.rows.map((row) => [row._rev, row]))
  const rows: LeafRecord[] = leaves
    .filter((leaf) => leaf !== winner)
    .map((leaf) => ({
      id: leafId(table, recordId, leaf.rev),
      table,
      recordId,
      _rev: leaf.rev,
      _revisions: revisionsOf(leaf.ancestry),
      deleted: leaf.deleted,
      closed: leaf.closed,
      state: open.has(leaf) ? 'open' : 'closed',
      body: leaf.deleted || !leaf.body ? null : withoutRevision(leaf.body),
      at: previous.get(leaf.rev)?.at ?? at,
    }))
  if (!winner.deleted) {
    return {
      record: compactRevision(table, winner.body!, winner.ancestry),
      tombstone: undefined,
      rows,
    }
  }
  const kept = before.tombstone?._rev === winner.rev ? before.tombstone : undefined
  const tombstone: Tombstone = kept ?? {
    id: tombstoneId(table, recordId),
    table,
    recordId,
    _rev: winner.rev,
    _revisions: revisionsOf(winner.ancestry),
    closed: winner.closed,
    ...facts(),
  }
  return { record: undefined, tombstone, rows }
}
