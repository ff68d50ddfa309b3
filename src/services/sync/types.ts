/**
 * What travels in CouchDB's replication protocol, and the two sides a replication runs
 * between. The replicator (replicate.ts) moves revisions from a source to a target that
 * both speak `ReplicationPeer`: the server's database (remote.ts) and this device's store
 * (a `LocalStore`, written against the revision model of the records).
 */

/** A position in a database's changes feed. Opaque: CouchDB 3 sends strings, others numbers. */
export type Seq = string | number

/** CouchDB's `_revisions`: the revision's generation and its hashes, newest first. */
export interface Revisions {
  start: number
  ids: string[]
}

/** A CouchDB attachment inline, as `_bulk_get?attachments=true` gives it and `_bulk_docs` takes it. */
export interface InlineAttachment {
  content_type: string
  /** The bytes in base64. */
  data: string
  digest?: string
  revpos?: number
}

/**
 * One revision of one document as it travels: the body with CouchDB's underscore fields.
 * `_revisions` carries the ancestry, so the receiver can tell a descendant from a conflict.
 */
export interface RevisionDoc {
  _id: string
  _rev: string
  _revisions: Revisions
  _deleted?: boolean
  _attachments?: Record<string, InlineAttachment>
  [field: string]: unknown
}

/** One row of a changes feed with `style=all_docs`: every leaf revision of the document. */
export interface ChangeRow {
  id: string
  seq: Seq
  changes: { rev: string }[]
  /** The winning revision is a tombstone. */
  deleted?: boolean
}

export interface ChangesBatch {
  results: ChangeRow[]
  /** Where the next request starts (the last row's seq, or the feed's end when empty). */
  lastSeq: Seq
  /** Rows left after this batch, when the source knows (CouchDB 2+ sends it). */
  pending?: number
}

/** `_revs_diff`: per document, the asked revisions the target lacks. */
export type RevsDiff = Record<string, { missing: string[]; possible_ancestors?: string[] }>

export interface RevisionRequest {
  id: string
  rev: string
}

/**
 * A revision the target did not take: out of its scope, or refused by its server
 * (`forbidden`, `unauthorized`). A refusal is final for that revision; the rest of the
 * batch is written.
 */
export interface WriteRefusal {
  id: string
  rev: string
  error: string
  reason: string
}

/** One past replication session's position, as CouchDB's replicator keeps them. */
export interface CheckpointEntry {
  session_id: string
  last_seq: Seq
}

/**
 * The body of a `_local/<replication id>` document: where this replication got to, written
 * on both sides after each batch. `history` lets the two sides agree on a common position
 * when one of them lost or rewound its copy (CouchDB's compare_replication_logs).
 */
export interface Checkpoint {
  session_id: string
  last_seq: Seq
  history: CheckpointEntry[]
  replicator: string
  version: number
}

/** One side of a replication: a source when revisions are read from it, a target when written. */
export interface ReplicationPeer {
  /**
   * A stable name of this database (the server database's URL; a device's store id and
   * scope). Both names make the replication id, so a checkpoint is found again next time.
   */
  readonly name: string
  /** Changes after `since` in feed order, at most `limit`, every leaf of each (`all_docs`). */
  changes(since: Seq, limit: number, signal?: AbortSignal): Promise<ChangesBatch>
  /** Of these revisions (by document id), the ones not held here. */
  revsDiff(revs: Record<string, string[]>, signal?: AbortSignal): Promise<RevsDiff>
  /**
   * These revisions with their bodies and `_revisions`. A revision no longer held (compacted,
   * or superseded since the changes were read) may be answered with its newest descendant or
   * left out; the next changes will bring it.
   */
  readRevisions(requests: RevisionRequest[], signal?: AbortSignal): Promise<RevisionDoc[]>
  /**
   * Stores revisions as they are (`new_edits: false`): each is grafted onto the document's
   * revision tree by its ancestry; one already held changes nothing; two leaves that do not
   * descend from one another both stay (a conflict). Resolves once every revision not refused
   * is durable; a store that can write the batch all or nothing should.
   */
  writeRevisions(docs: RevisionDoc[], signal?: AbortSignal): Promise<WriteRefusal[]>
  /** The checkpoint body kept under this replication id here, or null. */
  readCheckpoint(replicationId: string, signal?: AbortSignal): Promise<Checkpoint | null>
  writeCheckpoint(
    replicationId: string,
    checkpoint: Checkpoint,
    signal?: AbortSignal,
  ): Promise<void>
}

/**
 * This device's records as one side of a replication with one server database. The sequence
 * numbers are the store's own: strictly increasing with each write, one row per document at
 * its latest write (as CouchDB's by-sequence index). Revisions outside the database's scope
 * are refused in `writeRevisions` and never stored.
 */
export interface LocalStore extends ReplicationPeer {
  /** Calls `listener` after every local write that a push should carry; returns the unsubscribe. */
  onChange(listener: () => void): () => void
}
