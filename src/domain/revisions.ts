/**
 * Revisions of replicated records, as CouchDB makes them (its document model is the one the
 * app follows, so that exchange files and a CouchDB server are one mechanism):
 * - `_rev` = `<generation>-<32 lowercase hex>`; the hash is the first 32 hex of SHA-256 over
 *   the canonical JSON of `{ parent, deleted, content }`, so the same edit made twice on two
 *   devices is the same revision;
 * - `_revisions` = `{ start, ids }`, the ancestry newest first, capped (data.revsLimit);
 * - a record's leaves (revisions with no child) decide what is shown: the winner is the
 *   live leaf with the highest generation, then the highest hash; deleted leaves lose to
 *   live ones. Every device that has seen the same revisions picks the same winner.
 * Pure: no database, no clock. The history is flattened to leaves, each with its ancestry.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { canonicalJson } from './backupFormat'

export type Row = Record<string, unknown>

/** CouchDB's `_revisions`: generation of the newest, then the hashes newest first. */
export interface Revisions {
  start: number
  ids: string[]
}

export const REV_FIELD = '_rev'
export const REVISIONS_FIELD = '_revisions'
/** Fields that describe a revision, never part of its content. */
export const REVISION_FIELDS: readonly string[] = [REV_FIELD, REVISIONS_FIELD]

/**
 * Fields recomputed on each device (members.lastAttendedOn from the meetings, firms.orgStatus
 * from the orgs, the name pieces of orgs and members from their names, search.ts): a
 * difference in them is no edit, so refreshing one makes no revision, and they are
 * recomputed after a merge. The one list of them.
 */
export const DERIVED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  members: ['lastAttendedOn', 'nameTokens'],
  firms: ['orgStatus'],
  orgs: ['nameTokens'],
}

/** Information for people, never content: a revision does not depend on a clock. */
const STAMP_FIELDS: readonly string[] = ['updatedAt']

const REV_PATTERN = /^([1-9]\d{0,8})-([0-9a-f]{32})$/

export function isRev(value: unknown): value is string {
  return typeof value === 'string' && REV_PATTERN.test(value)
}

export function parseRev(rev: string): { generation: number; hash: string } {
  const match = REV_PATTERN.exec(rev)
  if (!match) throw new RangeError(`not a revision: ${rev}`)
  return { generation: Number(match[1]), hash: match[2]! }
}

export function generationOf(rev: string): number {
  return parseRev(rev).generation
}

/** A Blob (a photo) hashes as its size and type: photos are immutable once written. */
function isBlobLike(value: unknown): value is { size: number; type: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { size?: unknown }).size === 'number' &&
    typeof (value as { type?: unknown }).type === 'string' &&
    typeof (value as { arrayBuffer?: unknown }).arrayBuffer === 'function'
  )
}

/** The record as its revision sees it: no revision fields, timestamps or derived fields. */
export function contentOf(table: string, record: object): Row {
  const derived = DERIVED_FIELDS[table] ?? []
  const content: Row = {}
  for (const [key, value] of Object.entries(record as Row)) {
    if (REVISION_FIELDS.includes(key) || STAMP_FIELDS.includes(key) || derived.includes(key)) {
      continue
    }
    content[key] = isBlobLike(value) ? { $blobSize: value.size, type: value.type } : value
  }
  return content
}

/** The canonical text of a record's content: equal text, equal content. */
export function contentText(table: string, record: object): string {
  return canonicalJson(contentOf(table, record))
}

export function sameContent(table: string, a: object, b: object): boolean {
  return contentText(table, a) === contentText(table, b)
}

const encoder = new TextEncoder()

function hex(bytes: Uint8Array, length: number): string {
  let out = ''
  for (let i = 0; i < length / 2; i++) out += bytes[i]!.toString(16).padStart(2, '0')
  return out
}

/**
 * First 32 hex of SHA-256 over `{ content, deleted, parent }` (canonical JSON, keys sorted).
 * `contentJson` is the canonical text of the content, passed through as is.
 */
export function revisionHash(parent: string, deleted: boolean, contentJson: string): string {
  const text = `{"content":${contentJson},"deleted":${deleted},"parent":${JSON.stringify(parent)}}`
  return hex(sha256(encoder.encode(text)), 32)
}

/**
 * The deterministic first revision of a record's content. A record stored before revisions
 * existed (or added here and never edited since) has no `_rev`: it counts as this one.
 */
export function firstRevision(table: string, record: object): string {
  return `1-${revisionHash('', false, contentText(table, record))}`
}

/** The record's revision: its `_rev`, or its first revision when it has none yet. */
export function revisionOf(table: string, record: object): string {
  const rev = (record as Row)[REV_FIELD]
  return isRev(rev) ? rev : firstRevision(table, record)
}

function isRevisions(value: unknown): value is Revisions {
  if (typeof value !== 'object' || value === null) return false
  const { start, ids } = value as Partial<Revisions>
  return (
    typeof start === 'number' &&
    Number.isInteger(start) &&
    start >= 1 &&
    Array.isArray(ids) &&
    ids.length >= 1 &&
    ids.length <= start &&
    ids.every((id) => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))
  )
}

/** Revisions newest first, from `_revisions` (absent: the revision alone). */
export function ancestryFrom(rev: string, revisions: unknown): string[] {
  const { generation, hash } = parseRev(rev)
  if (!isRevisions(revisions) || revisions.start !== generation || revisions.ids[0] !== hash) {
    return [rev]
  }
  return revisions.ids.map((id, i) => `${generation - i}-${id}`)
}

/** A record's ancestry, newest first, its own revision included. */
export function ancestryOf(table: string, record: object): string[] {
  return ancestryFrom(revisionOf(table, record), (record as Row)[REVISIONS_FIELD])
}

/** CouchDB's `_revisions` for an ancestry given newest first. */
export function revisionsOf(ancestry: readonly string[]): Revisions {
  const { generation } = parseRev(ancestry[0]!)
  return { start: generation, ids: ancestry.map((rev) => parseRev(rev).hash) }
}

/** Ancestries are contiguous generations newest first, each at most `limit` long. */
export function capAncestry(ancestry: readonly string[], limit: number): string[] {
  return ancestry.slice(0, Math.max(1, Math.floor(limit)))
}

export interface NextRevision {
  rev: string
  ancestry: string[]
}

/** The child of `parent` (null for a first revision) with this content. */
export function nextRevision(
  parentAncestry: readonly string[] | null,
  deleted: boolean,
  contentJson: string,
  limit: number,
): NextRevision {
  const parent = parentAncestry?.[0] ?? ''
  const generation = parent === '' ? 1 : generationOf(parent) + 1
  const rev = `${generation}-${revisionHash(parent, deleted, contentJson)}`
  return { rev, ancestry: capAncestry([rev, ...(parentAncestry ?? [])], limit) }
}

/** A deletion's content: a tombstone carries no body, so two devices deleting agree. */
export const DELETED_CONTENT = '{}'
/** A branch closed by a resolution: deleted too, but not a person's deletion. */
export const CLOSED_CONTENT = '{"closed":true}'

/**
 * Records are stored compact: `_revisions` only when it holds more than the revision
 * itself, `_rev` only when it is not the first revision of the content. Both are lossless
 * (ancestryOf reads them back); most records of a province are never edited and carry
 * nothing. Returns a copy.
 */
export function compactRevision(table: string, record: Row, ancestry: readonly string[]): Row {
  const out: Row = { ...record }
  delete out[REV_FIELD]
  delete out[REVISIONS_FIELD]
  const rev = ancestry[0]!
  if (ancestry.length > 1) out[REVISIONS_FIELD] = revisionsOf(ancestry)
  if (ancestry.length > 1 || rev !== firstRevision(table, record)) out[REV_FIELD] = rev
  return out
}

/** The record with explicit `_rev` and `_revisions`, as packages and CouchDB carry it. */
export function expandRevision(table: string, record: object): Row {
  const ancestry = ancestryOf(table, record)
  return { ...record, [REV_FIELD]: ancestry[0], [REVISIONS_FIELD]: revisionsOf(ancestry) }
}

// ─── Leaves ─────────────────────────────────────────────────────────────────

/** One leaf of a record's history: a revision nothing here descends from. */
export interface Leaf {
  rev: string
  /** Newest first, `rev` itself first. */
  ancestry: readonly string[]
  deleted: boolean
  /** A deleted leaf made by a resolution (the branch a person chose against), not a deletion. */
  closed: boolean
  /** The record as of this revision (live leaves only). */
  body?: Row
}

/** CouchDB's winner: live before deleted, then the higher generation, then the higher hash. */
export function compareLeaves(a: Pick<Leaf, 'rev' | 'deleted'>, b: Pick<Leaf, 'rev' | 'deleted'>) {
  if (a.deleted !== b.deleted) return a.deleted ? -1 : 1
  const ga = generationOf(a.rev)
  const gb = generationOf(b.rev)
  if (ga !== gb) return ga - gb
  return a.rev < b.rev ? -1 : a.rev > b.rev ? 1 : 0
}

export function winnerOf<T extends Pick<Leaf, 'rev' | 'deleted'>>(leaves: readonly T[]): T {
  if (leaves.length === 0) throw new RangeError('a record has at least one leaf')
  return leaves.reduce((best, leaf) => (compareLeaves(leaf, best) > 0 ? leaf : best))
}

export type LeafOutcome = 'have' | 'extends' | 'branch'

/**
 * One incoming revision against a record's leaves (CouchDB's merge, flattened):
 * - it is one of our leaves or an ancestor of one → 'have', nothing changes;
 * - a leaf of ours is in its ancestry → 'extends': it replaces that leaf, and keeps the
 *   longer of the two ancestries below the join;
 * - otherwise → 'branch': a new leaf beside ours (a conflict).
 */
export function mergeLeaf(
  leaves: readonly Leaf[],
  incoming: Leaf,
  limit: number,
): { leaves: Leaf[]; outcome: LeafOutcome } {
  if (leaves.some((leaf) => leaf.ancestry.includes(incoming.rev))) {
    return { leaves: [...leaves], outcome: 'have' }
  }
  const position = new Map(incoming.ancestry.map((rev, i) => [rev, i]))
  let ancestry = [...incoming.ancestry]
  const kept: Leaf[] = []
  for (const leaf of leaves) {
    const at = position.get(leaf.rev)
    if (at === undefined) {
      kept.push(leaf)
      continue
    }
    // Ours may know more of the history below the join than the incoming one carries.
    if (at + leaf.ancestry.length > ancestry.length) {
      ancestry = [...ancestry.slice(0, at), ...leaf.ancestry]
    }
  }
  const merged: Leaf = { ...incoming, ancestry: capAncestry(ancestry, limit) }
  return {
    leaves: [...kept, merged],
    outcome: kept.length < leaves.length ? 'extends' : 'branch',
  }
}

/**
 * The leaves of a record that wait for a person: every live leaf but the winner, and, while
 * the winner is live, every deletion it won against (a deletion against an edit is a
 * conflict, never a silent resurrection). Branches a resolution closed are not.
 */
export function openLeaves<T extends Pick<Leaf, 'rev' | 'deleted' | 'closed'>>(
  leaves: readonly T[],
): T[] {
  if (leaves.length < 2) return []
  const winner = winnerOf(leaves)
  return leaves.filter(
    (leaf) => leaf !== winner && (!leaf.deleted || (!winner.deleted && !leaf.closed)),
  )
}

/** The deleted child that closes a branch a person chose against. */
export function closingLeaf(leaf: Leaf, limit: number): Leaf {
  const next = nextRevision(leaf.ancestry, true, CLOSED_CONTENT, limit)
  return { rev: next.rev, ancestry: next.ancestry, deleted: true, closed: true }
}

/**
 * A resolution, as CouchDB resolves: a new revision on top of the winner with the chosen
 * content (`null` = delete the record), and every other open branch closed by a deleted
 * child, so the conflict ends on every device that receives these revisions.
 */
export function resolveLeaves(
  table: string,
  leaves: readonly Leaf[],
  chosen: Row | null,
  limit: number,
): { leaves: Leaf[]; winner: Leaf } {
  const winner = winnerOf(leaves)
  const open = new Set(openLeaves(leaves))
  const rest = leaves
    .filter((leaf) => leaf !== winner)
    .map((leaf) => (open.has(leaf) ? closingLeaf(leaf, limit) : leaf))
  let next: Leaf
  if (chosen !== null && !winner.deleted && winner.body) {
    // Keeping the winner's content needs no revision of its own: closing the rest ends it.
    if (contentText(table, chosen) === contentText(table, winner.body)) {
      const all = [winner, ...rest]
      return { leaves: all, winner }
    }
  }
  if (chosen === null) {
    const revision = nextRevision(winner.ancestry, true, DELETED_CONTENT, limit)
    next = { ...revision, deleted: true, closed: false }
  } else {
    const revision = nextRevision(winner.ancestry, false, contentText(table, chosen), limit)
    next = { ...revision, deleted: false, closed: false, body: chosen }
  }
  const all = [next, ...rest]
  return { leaves: all, winner: winnerOf(all) }
}
