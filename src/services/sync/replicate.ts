/**
 * One direction of a replication, as CouchDB's and PouchDB's replicators do it: read the
 * source's changes after the checkpoint (every leaf, `all_docs`), ask the target which
 * revisions it lacks (`_revs_diff`), read those with their ancestry, write them as they are
 * (`new_edits: false`), then move the checkpoint on both sides. A batch is idempotent, so a
 * batch cut short by a dropped connection or a server restart is simply done again.
 */
import { nextCheckpoint, replicationId, startingSeq } from './checkpoint'
import type {
  ChangesBatch,
  Checkpoint,
  ReplicationPeer,
  RevisionDoc,
  RevisionRequest,
  Seq,
  WriteRefusal,
} from './types'

export interface ReplicationProgress {
  /** Changes rows read from the source in this replication's lifetime. */
  changesRead: number
  docsRead: number
  docsWritten: number
  /** Revisions the target refused (out of its scope, or forbidden by its server). */
  denied: number
  /** Revisions the target lacked that the source no longer gave (superseded meanwhile). */
  notRead: number
  lastSeq: Seq
  /** Changes left on the source, when it says (CouchDB 2+). */
  pending?: number
}

export interface ReplicationOptions {
  /** Changes per batch (PouchDB takes 100, CouchDB's replicator 500). */
  batchSize?: number
  /** Reads and writes within a batch are grouped to stay near this many bytes (photos). */
  maxGroupBytes?: number
  onProgress?: (progress: ReplicationProgress) => void
  onDenied?: (refusals: WriteRefusal[]) => void
}

const DEFAULT_BATCH = 500
const DEFAULT_GROUP_BYTES = 4 * 1024 * 1024

/** A rough size of a revision on the wire, without serialising it: its strings and attachments. */
export function approximateBytes(doc: RevisionDoc): number {
  let bytes = 64
  for (const value of Object.values(doc)) {
    if (typeof value === 'string') bytes += value.length
    else if (typeof value === 'object' && value !== null) bytes += 32 * Object.keys(value).length
  }
  for (const attachment of Object.values(doc._attachments ?? {}))
    bytes += attachment.data?.length ?? 0
  return bytes
}

function randomSession(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('')
}

export class Replication {
  readonly source: ReplicationPeer
  readonly target: ReplicationPeer
  readonly #batchSize: number
  readonly #maxGroupBytes: number
  readonly #options: ReplicationOptions
  readonly #session = randomSession()
  #id = ''
  #since: Seq = 0
  #ready = false
  #sourceCheckpoint: Checkpoint | null = null
  #targetCheckpoint: Checkpoint | null = null
  /** Revisions per read: grows to the batch for small records, shrinks for photos. */
  #groupSize: number
  #running: Promise<ReplicationProgress> | null = null
  readonly #progress: ReplicationProgress = {
    changesRead: 0,
    docsRead: 0,
    docsWritten: 0,
    denied: 0,
    notRead: 0,
    lastSeq: 0,
  }

  constructor(source: ReplicationPeer, target: ReplicationPeer, options: ReplicationOptions = {}) {
    this.source = source
    this.target = target
    this.#options = options
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH
    this.#maxGroupBytes = options.maxGroupBytes ?? DEFAULT_GROUP_BYTES
    this.#groupSize = Math.min(this.#batchSize, 50)
  }

  get progress(): Readonly<ReplicationProgress> {
    return this.#progress
  }

  /** The source seq both sides have checkpointed (after `run` has started once). */
  get lastSeq(): Seq {
    return this.#since
  }

  /**
   * Replicates every change after the checkpoint until the source has no more. One pass at a
   * time: a call while a pass runs returns that pass. After an error, the next call resumes
   * from the last checkpoint written (re-reading both, in case a side was reset meanwhile).
   */
  run(signal?: AbortSignal): Promise<ReplicationProgress> {
    this.#running ??= this.#pass(signal).finally(() => {
      this.#running = null
    })
    return this.#running
  }

  /**
   * Replicates a batch already read from the source after `since` (a longpoll's answer),
   * then the rest. A batch from an older position than the checkpoint is left to `run`.
   */
  async runFrom(
    since: Seq,
    batch: ChangesBatch,
    signal?: AbortSignal,
  ): Promise<ReplicationProgress> {
    await this.#running?.catch(() => undefined)
    if (this.#ready && since === this.#since && batch.results.length > 0) {
      await this.#apply(batch, signal).catch((error: unknown) => {
        this.#ready = false
        throw error
      })
    }
    return this.run(signal)
  }

  async #start(signal?: AbortSignal): Promise<void> {
    this.#id ||= await replicationId(this.source.name, this.target.name)
    const [source, target] = await Promise.all([
      this.source.readCheckpoint(this.#id, signal),
      this.target.readCheckpoint(this.#id, signal),
    ])
    this.#sourceCheckpoint = source
    this.#targetCheckpoint = target
    this.#since = startingSeq(source, target)
    this.#progress.lastSeq = this.#since
    this.#ready = true
  }

  async #pass(signal?: AbortSignal): Promise<ReplicationProgress> {
    try {
      if (!this.#ready) await this.#start(signal)
      let batch = await this.source.changes(this.#since, this.#batchSize, signal)
      let missing = this.#missing(batch, signal)
      while (batch.results.length > 0) {
        // The next batch and what the target lacks of it are read while this one is written
        // (safe: a revision asked twice is written once, and a checkpoint follows its batch).
        const next =
          batch.results.length < this.#batchSize
            ? null
            : this.source.changes(batch.lastSeq, this.#batchSize, signal).then((b) => ({
                batch: b,
                missing: this.#missing(b, signal),
              }))
        next?.catch(() => undefined)
        await this.#write(batch, await missing, signal)
        if (!next) return { ...this.#progress }
        ;({ batch, missing } = await next)
      }
      if (batch.lastSeq !== this.#since) await this.#checkpoint(batch.lastSeq, signal)
      return { ...this.#progress }
    } catch (error) {
      // Resume from what both sides hold: a side may have been reset while we were away.
      this.#ready = false
      throw error
    }
  }

  /** The revisions of a batch the target lacks (`_revs_diff`); a rejection is handled by its reader. */
  #missing(batch: ChangesBatch, signal?: AbortSignal): Promise<RevisionRequest[]> {
    if (batch.results.length === 0) return Promise.resolve([])
    const revs: Record<string, string[]> = {}
    for (const row of batch.results) {
      revs[row.id] = [
        ...new Set([...(revs[row.id] ?? []), ...row.changes.map((change) => change.rev)]),
      ]
    }
    const missing = this.target
      .revsDiff(revs, signal)
      .then((diff) =>
        Object.entries(diff).flatMap(([id, { missing }]) => missing.map((rev) => ({ id, rev }))),
      )
    missing.catch(() => undefined)
    return missing
  }

  async #apply(batch: ChangesBatch, signal?: AbortSignal): Promise<void> {
    await this.#write(batch, await this.#missing(batch, signal), signal)
  }

  /**
   * Reads the missing revisions from the source a group at a time and writes them in as few
   * writes as fit (up to the batch, or `maxGroupBytes`): a database of a few hundred small
   * records is one write, not one per read; then the checkpoint.
   */
  async #write(
    batch: ChangesBatch,
    requests: RevisionRequest[],
    signal?: AbortSignal,
  ): Promise<void> {
    let pending: RevisionDoc[] = []
    let pendingBytes = 0
    const flush = async () => {
      if (pending.length === 0) return
      const docs = pending
      pending = []
      pendingBytes = 0
      const refusals = await this.target.writeRevisions(docs, signal)
      this.#progress.docsWritten += docs.length - refusals.length
      if (refusals.length > 0) {
        this.#progress.denied += refusals.length
        this.#options.onDenied?.(refusals)
      }
    }
    for (let start = 0; start < requests.length;) {
      const group = requests.slice(start, start + this.#groupSize)
      start += group.length
      const docs = await this.source.readRevisions(group, signal)
      this.#resize(docs)
      this.#progress.docsRead += docs.length
      this.#progress.notRead += Math.max(0, group.length - docs.length)
      const bytes = docs.reduce((sum, doc) => sum + approximateBytes(doc), 0)
      if (pending.length > 0 && pendingBytes + bytes > this.#maxGroupBytes) await flush()
      pending.push(...docs)
      pendingBytes += bytes
      if (pending.length >= this.#batchSize || pendingBytes >= this.#maxGroupBytes) await flush()
    }
    await flush()
    this.#progress.changesRead += batch.results.length
    if (batch.pending === undefined) delete this.#progress.pending
    else this.#progress.pending = batch.pending
    await this.#checkpoint(batch.lastSeq, signal)
  }

  /** Fewer revisions per read when they are large (photos), up to the batch when small. */
  #resize(docs: RevisionDoc[]): void {
    if (docs.length === 0) return
    const average = docs.reduce((sum, doc) => sum + approximateBytes(doc), 0) / docs.length
    const fits = Math.floor(this.#maxGroupBytes / Math.max(average, 1))
    this.#groupSize = Math.max(1, Math.min(this.#batchSize, fits))
  }

  /** The target first: a source checkpoint ahead of its target would skip revisions. */
  async #checkpoint(seq: Seq, signal?: AbortSignal): Promise<void> {
    const target = nextCheckpoint(this.#targetCheckpoint, this.#session, seq)
    await this.target.writeCheckpoint(this.#id, target, signal)
    this.#targetCheckpoint = target
    const source = nextCheckpoint(this.#sourceCheckpoint, this.#session, seq)
    await this.source.writeCheckpoint(this.#id, source, signal)
    this.#sourceCheckpoint = source
    this.#since = seq
    this.#progress.lastSeq = seq
    this.#options.onProgress?.({ ...this.#progress })
  }
}
