/**
 * A small CouchDB-like store in memory that implements the replicator's `LocalStore`: a
 * revision tree per document, a by-sequence changes feed, `_revs_diff`, reads with
 * `_revisions`, grafting of replicated revisions and the winner rule. The tests use it as
 * the device side, so the replicator is proved before the Dexie store exists.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type {
  ChangeRow,
  ChangesBatch,
  Checkpoint,
  LocalStore,
  RevisionDoc,
  RevisionRequest,
  RevsDiff,
  Seq,
  WriteRefusal,
} from '@/services/sync'

type Body = Record<string, unknown>

interface RevNode {
  parent: string | null
  /** null for an ancestor known only by its id (its body never travelled here). */
  body: Body | null
  deleted: boolean
}

interface DocTree {
  revs: Map<string, RevNode>
  seq: number
}

export interface DocState {
  winner: string
  deleted: boolean
  leaves: string[]
}

const generation = (rev: string) => Number(rev.slice(0, rev.indexOf('-')))
const hashOf = (rev: string) => rev.slice(rev.indexOf('-') + 1)

/** CouchDB's winner: a live leaf before a tombstone, then the higher generation, then the higher hash. */
export function winningRev(leaves: readonly { rev: string; deleted: boolean }[]): string {
  const sorted = [...leaves].sort(
    (a, b) =>
      Number(a.deleted) - Number(b.deleted) ||
      generation(b.rev) - generation(a.rev) ||
      (hashOf(b.rev) > hashOf(a.rev) ? 1 : hashOf(b.rev) < hashOf(a.rev) ? -1 : 0),
  )
  return sorted[0]!.rev
}

function userFields(doc: RevisionDoc): Body {
  const body: Body = {}
  for (const [key, value] of Object.entries(doc)) {
    if (key === '_attachments' || !key.startsWith('_')) body[key] = value
  }
  return body
}

export interface MemoryStoreOptions {
  /** The scope check on arrival: a reason to refuse the revision, or null to take it. */
  refuse?: (doc: RevisionDoc) => string | null
}

export class MemoryStore implements LocalStore {
  readonly name: string
  readonly #docs = new Map<string, DocTree>()
  readonly #checkpoints = new Map<string, Checkpoint>()
  readonly #listeners = new Set<() => void>()
  readonly #refuse: MemoryStoreOptions['refuse']
  #seq = 0

  constructor(name: string, options: MemoryStoreOptions = {}) {
    this.name = name
    this.#refuse = options.refuse
  }

  // ── Local edits, as the app would make them ──────────────────────────────────────────────

  /** A new revision on top of `parentRev` (default: the winner); a stale parent is refused. */
  put(id: string, body: Body, parentRev?: string, deleted = false): string {
    const tree = this.#docs.get(id)
    const parent = parentRev ?? (tree ? this.winner(id) : null)
    if (parent !== null && !this.leaves(id).includes(parent)) {
      throw new Error(`conflict: ${id} ${parent} is not a leaf`)
    }
    const gen = parent ? generation(parent) + 1 : 1
    const rev = `${gen}-${bytesToHex(sha256(new TextEncoder().encode(`${parent}\n${deleted}\n${JSON.stringify(body)}`))).slice(0, 32)}`
    const revs = tree?.revs ?? new Map<string, RevNode>()
    revs.set(rev, { parent, body: { ...body }, deleted })
    this.#docs.set(id, { revs, seq: ++this.#seq })
    for (const listener of this.#listeners) listener()
    return rev
  }

  remove(id: string, parentRev?: string): string {
    return this.put(id, {}, parentRev, true)
  }

  // ── What the tests compare ───────────────────────────────────────────────────────────────

  get size(): number {
    return this.#docs.size
  }

  get updateSeq(): number {
    return this.#seq
  }

  leaves(id: string): string[] {
    const tree = this.#docs.get(id)
    if (!tree) return []
    const parents = new Set([...tree.revs.values()].map((node) => node.parent))
    return [...tree.revs.keys()].filter((rev) => !parents.has(rev)).sort()
  }

  winner(id: string): string {
    const tree = this.#docs.get(id)!
    return winningRev(this.leaves(id).map((rev) => ({ rev, deleted: tree.revs.get(rev)!.deleted })))
  }

  body(id: string, rev?: string): Body | null {
    if (!this.#docs.has(id)) return null
    return this.#docs.get(id)!.revs.get(rev ?? this.winner(id))?.body ?? null
  }

  /** Every document's winner, tombstone flag and leaves. */
  state(): Map<string, DocState> {
    const state = new Map<string, DocState>()
    for (const [id, tree] of this.#docs) {
      const winner = this.winner(id)
      state.set(id, { winner, deleted: tree.revs.get(winner)!.deleted, leaves: this.leaves(id) })
    }
    return state
  }

  // ── LocalStore ───────────────────────────────────────────────────────────────────────────

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async changes(since: Seq, limit: number): Promise<ChangesBatch> {
    const after = Number(since)
    const rows: ChangeRow[] = [...this.#docs.entries()]
      .filter(([, tree]) => tree.seq > after)
      .sort(([, a], [, b]) => a.seq - b.seq)
      .slice(0, limit)
      .map(([id, tree]) => {
        const winner = this.winner(id)
        const row: ChangeRow = {
          id,
          seq: tree.seq,
          changes: this.leaves(id).map((rev) => ({ rev })),
        }
        if (tree.revs.get(winner)!.deleted) row.deleted = true
        return row
      })
    return { results: rows, lastSeq: rows.at(-1)?.seq ?? Math.max(after, this.#seq) }
  }

  async revsDiff(revs: Record<string, string[]>): Promise<RevsDiff> {
    const diff: RevsDiff = {}
    for (const [id, asked] of Object.entries(revs)) {
      const known = this.#docs.get(id)?.revs
      const missing = asked.filter((rev) => !known?.has(rev))
      if (missing.length > 0) diff[id] = { missing }
    }
    return diff
  }

  async readRevisions(requests: RevisionRequest[]): Promise<RevisionDoc[]> {
    const docs: RevisionDoc[] = []
    for (const { id, rev } of requests) {
      const tree = this.#docs.get(id)
      const node = tree?.revs.get(rev)
      if (!tree || !node || node.body === null) continue
      const ids: string[] = []
      for (let at: string | null = rev; at !== null; at = tree.revs.get(at)?.parent ?? null) {
        ids.push(hashOf(at))
      }
      const doc: RevisionDoc = {
        ...node.body,
        _id: id,
        _rev: rev,
        _revisions: { start: generation(rev), ids },
      }
      if (node.deleted) doc._deleted = true
      docs.push(doc)
    }
    return docs
  }

  async writeRevisions(docs: RevisionDoc[]): Promise<WriteRefusal[]> {
    const refusals: WriteRefusal[] = []
    for (const doc of docs) {
      const reason = this.#refuse?.(doc) ?? null
      if (reason !== null) {
        refusals.push({ id: doc._id, rev: doc._rev, error: 'forbidden', reason })
        continue
      }
      this.#graft(doc)
    }
    return refusals
  }

  #graft(doc: RevisionDoc): void {
    const tree = this.#docs.get(doc._id) ?? { revs: new Map<string, RevNode>(), seq: 0 }
    const { start, ids } = doc._revisions
    const chain = ids.map((hash, index) => `${start - index}-${hash}`)
    if (chain[0] !== doc._rev)
      throw new Error(`_revisions of ${doc._id} do not start at ${doc._rev}`)
    const known = tree.revs.get(doc._rev)
    if (known?.body) return
    for (let index = chain.length - 1; index >= 0; index--) {
      const rev = chain[index]!
      if (tree.revs.has(rev) && index > 0) continue
      const parent = chain[index + 1] ?? tree.revs.get(rev)?.parent ?? null
      tree.revs.set(
        rev,
        index === 0
          ? { parent, body: userFields(doc), deleted: doc._deleted === true }
          : { parent, body: null, deleted: false },
      )
    }
    tree.seq = ++this.#seq
    this.#docs.set(doc._id, tree)
  }

  async readCheckpoint(replicationId: string): Promise<Checkpoint | null> {
    const found = this.#checkpoints.get(replicationId)
    return found ? structuredClone(found) : null
  }

  async writeCheckpoint(replicationId: string, checkpoint: Checkpoint): Promise<void> {
    this.#checkpoints.set(replicationId, structuredClone(checkpoint))
  }

  /** Forgets every checkpoint, as a device reset or a restore from an old backup would. */
  dropCheckpoints(): void {
    this.#checkpoints.clear()
  }
}
