import { SyncError } from './errors'
import type { CouchClient, Query, RequestOptions } from './http'
import type {
  ChangeRow,
  ChangesBatch,
  Checkpoint,
  ReplicationPeer,
  RevisionDoc,
  RevisionRequest,
  RevsDiff,
  Seq,
  WriteRefusal,
} from './types'

interface ChangesResponse {
  results: ChangeRow[]
  last_seq: Seq
  pending?: number
}

type BulkGetAnswer =
  | { ok: RevisionDoc }
  | { error: { id: string; rev: string; error: string; reason: string } }
  | { missing: string }
  | Record<string, never>

interface BulkDocsRow {
  id: string
  rev?: string
  ok?: boolean
  error?: string
  reason?: string
}

export interface DatabaseInfo {
  name: string
  docCount: number
  updateSeq: Seq
}

export interface RemoteDatabaseOptions {
  /** Start without `_bulk_get` (as after a server answered that it lacks it). */
  bulkGet?: boolean
  /** Parallel `GET ?open_revs` requests when `_bulk_get` is missing. */
  fallbackConcurrency?: number
}

/** Statuses with which a server says it has no `_bulk_get` (CouchDB < 2.0, some proxies). */
const NO_BULK_GET = new Set([400, 404, 405, 501])

/** A document id in a path: `_design/` and `_local/` keep their slash, the rest is encoded. */
export function docPath(id: string): string {
  for (const prefix of ['_design/', '_local/']) {
    if (id.startsWith(prefix)) return prefix + encodeURIComponent(id.slice(prefix.length))
  }
  return encodeURIComponent(id)
}

/**
 * One database on the server, as a side of a replication (CouchDB's HTTP API: `_changes`
 * with `style=all_docs`, `_revs_diff`, `_bulk_get`, `_bulk_docs` with `new_edits:false`,
 * `_local` checkpoints).
 */
export class RemoteDatabase implements ReplicationPeer {
  readonly name: string
  readonly database: string
  readonly client: CouchClient
  #bulkGet: boolean
  readonly #fallbackConcurrency: number
  readonly #checkpointRevs = new Map<string, string>()

  constructor(client: CouchClient, database: string, options: RemoteDatabaseOptions = {}) {
    this.client = client
    this.database = database
    this.name = new URL(`${encodeURIComponent(database)}/`, client.url).toString()
    this.#bulkGet = options.bulkGet ?? true
    this.#fallbackConcurrency = options.fallbackConcurrency ?? 6
  }

  /** Whether reads still use `_bulk_get` (false once the server showed it lacks it). */
  get usesBulkGet(): boolean {
    return this.#bulkGet
  }

  async #call<T>(rest: string, options: RequestOptions = {}): Promise<T> {
    const path = `${encodeURIComponent(this.database)}/${rest}`
    try {
      return (await this.client.request<T>(path, { ...options, database: this.database })).body
    } catch (error) {
      throw await this.#explain(error, options.signal)
    }
  }

  /**
   * pouchdb-server answers 401 where CouchDB answers 403 (signed in, no access): ask who we
   * are, so "sign in again" and "no access to this database" are told apart on both.
   */
  async #explain(error: unknown, signal?: AbortSignal): Promise<unknown> {
    if (!(error instanceof SyncError) || error.status !== 401) return error
    try {
      const session = await this.client.session(signal)
      if (session.name === null) return error
      return new SyncError(
        'forbidden',
        `"${session.name}" (roles ${session.roles.join(', ') || 'none'}) has no access to ${this.database}`,
        403,
        this.database,
      )
    } catch {
      return error
    }
  }

  async info(signal?: AbortSignal): Promise<DatabaseInfo> {
    const body = await this.#call<{ db_name: string; doc_count: number; update_seq: Seq }>('', {
      signal,
    })
    return { name: body.db_name, docCount: body.doc_count, updateSeq: body.update_seq }
  }

  async changes(since: Seq, limit: number, signal?: AbortSignal): Promise<ChangesBatch> {
    const body = await this.#call<ChangesResponse>('_changes', {
      query: { style: 'all_docs', since: String(since), limit },
      signal,
    })
    return toBatch(body, since)
  }

  /**
   * Waits for changes after `since` (`feed=longpoll`) and returns them, or an empty batch
   * after `timeoutMs`. pouchdb-server ignores the server-side timeout, so the client ends the
   * wait itself; heartbeats keep proxies from closing the idle connection meanwhile.
   */
  async waitForChanges(
    since: Seq,
    {
      limit = 100,
      timeoutMs = 25_000,
      signal,
    }: { limit?: number; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<ChangesBatch> {
    const ourTimer = new AbortController()
    const timer = setTimeout(() => ourTimer.abort(), timeoutMs + Math.min(2_000, timeoutMs / 5))
    const combined = signal ? AbortSignal.any([signal, ourTimer.signal]) : ourTimer.signal
    const query: Query = {
      feed: 'longpoll',
      style: 'all_docs',
      since: String(since),
      limit,
      timeout: timeoutMs,
      heartbeat: 10_000,
    }
    try {
      const body = await this.#call<ChangesResponse>('_changes', {
        query,
        signal: combined,
        timeoutMs: timeoutMs + 30_000,
      })
      return toBatch(body, since)
    } catch (error) {
      if (error instanceof SyncError && error.code === 'aborted' && !signal?.aborted) {
        return { results: [], lastSeq: since }
      }
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  async revsDiff(revs: Record<string, string[]>, signal?: AbortSignal): Promise<RevsDiff> {
    if (Object.keys(revs).length === 0) return {}
    return (
      (await this.#call<RevsDiff | null>('_revs_diff', { method: 'POST', body: revs, signal })) ??
      {}
    )
  }

  async readRevisions(requests: RevisionRequest[], signal?: AbortSignal): Promise<RevisionDoc[]> {
    if (requests.length === 0) return []
    if (this.#bulkGet) {
      try {
        return await this.#readBulk(requests, signal)
      } catch (error) {
        if (!(error instanceof SyncError) || !NO_BULK_GET.has(error.status)) throw error
        this.#bulkGet = false
      }
    }
    return this.#readOpenRevs(requests, signal)
  }

  async #readBulk(requests: RevisionRequest[], signal?: AbortSignal): Promise<RevisionDoc[]> {
    const body = await this.#call<{ results: { id: string; docs: BulkGetAnswer[] }[] }>(
      '_bulk_get',
      {
        method: 'POST',
        query: { revs: true, latest: true, attachments: true },
        body: { docs: requests.map(({ id, rev }) => ({ id, rev })) },
        signal,
      },
    )
    return body.results.flatMap((result) => result.docs.flatMap(okDoc))
  }

  /** Without `_bulk_get`: one `GET <id>?revs=true&open_revs=[…]` per document, a few at a time. */
  async #readOpenRevs(requests: RevisionRequest[], signal?: AbortSignal): Promise<RevisionDoc[]> {
    const byId = new Map<string, string[]>()
    for (const { id, rev } of requests) byId.set(id, [...(byId.get(id) ?? []), rev])
    const ids = [...byId.keys()]
    const found: RevisionDoc[][] = []
    let next = 0
    const worker = async () => {
      while (next < ids.length) {
        const index = next++
        const id = ids[index]!
        const answers = await this.#call<BulkGetAnswer[]>(docPath(id), {
          query: {
            revs: true,
            latest: true,
            attachments: true,
            open_revs: JSON.stringify(byId.get(id)),
          },
          signal,
        })
        found[index] = answers.flatMap(okDoc)
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(this.#fallbackConcurrency, ids.length) }, worker),
    )
    return found.flat()
  }

  async writeRevisions(docs: RevisionDoc[], signal?: AbortSignal): Promise<WriteRefusal[]> {
    if (docs.length === 0) return []
    const rows = await this.#call<BulkDocsRow[]>('_bulk_docs', {
      method: 'POST',
      body: { docs, new_edits: false },
      signal,
    })
    // pouchdb-server refuses a non-member per document (CouchDB with one 403): the same answer.
    const refusedAll =
      rows?.length === docs.length && rows.every((row) => row.error === 'unauthorized')
    if (refusedAll) {
      throw await this.#explain(
        new SyncError(
          'unauthorized',
          `HTTP 401 (${this.database}): ${rows[0]!.reason ?? ''}`,
          401,
          this.database,
        ),
      )
    }
    const revOf = new Map(docs.map((doc) => [doc._id, doc._rev]))
    return (rows ?? [])
      .filter((row) => row.error !== undefined)
      .map((row) => ({
        id: row.id,
        rev: row.rev ?? revOf.get(row.id) ?? '',
        error: row.error!,
        reason: row.reason ?? '',
      }))
  }

  async readCheckpoint(replicationId: string, signal?: AbortSignal): Promise<Checkpoint | null> {
    try {
      const { _id, _rev, ...checkpoint } = await this.#call<
        Checkpoint & { _id: string; _rev: string }
      >(docPath(`_local/${replicationId}`), { signal })
      this.#checkpointRevs.set(replicationId, _rev)
      return checkpoint
    } catch (error) {
      if (error instanceof SyncError && error.code === 'notFound') {
        this.#checkpointRevs.delete(replicationId)
        return null
      }
      throw error
    }
  }

  /** Overwrites the checkpoint; a 409 (another writer, a lost revision) reads its revision and tries again. */
  async writeCheckpoint(
    replicationId: string,
    checkpoint: Checkpoint,
    signal?: AbortSignal,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const rev = this.#checkpointRevs.get(replicationId)
      try {
        const body = await this.#call<{ rev: string }>(docPath(`_local/${replicationId}`), {
          method: 'PUT',
          body: rev ? { ...checkpoint, _rev: rev } : checkpoint,
          signal,
        })
        this.#checkpointRevs.set(replicationId, body.rev)
        return
      } catch (error) {
        if (!(error instanceof SyncError) || error.status !== 409 || attempt >= 3) throw error
        await this.readCheckpoint(replicationId, signal)
      }
    }
  }
}

function toBatch(body: ChangesResponse, since: Seq): ChangesBatch {
  const results = body.results ?? []
  const lastSeq = body.last_seq ?? results.at(-1)?.seq ?? since
  return body.pending === undefined
    ? { results, lastSeq }
    : { results, lastSeq, pending: body.pending }
}

function okDoc(answer: BulkGetAnswer): RevisionDoc[] {
  return 'ok' in answer && answer.ok ? [answer.ok] : []
}
