import Dexie from 'dexie'
import type {
  DBCore,
  DBCoreAddRequest,
  DBCoreDeleteRequest,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCorePutRequest,
  DBCoreTable,
  DBCoreTransaction,
  Table,
} from 'dexie'
import {
  leafOfRecord,
  leafOfRow,
  recordPrefix,
  storedFormOf,
  tombstoneId,
  type StoredLeaves,
} from '@/domain/leafRows'
import { placementOf, type Row } from '@/domain/replicationScope'
import {
  ancestryFrom,
  ancestryOf,
  closingLeaf,
  compactRevision,
  contentText,
  DELETED_CONTENT,
  generationOf,
  isRev,
  nextRevision,
  openLeaves,
  revisionHash,
  REV_FIELD,
  REVISIONS_FIELD,
  type Leaf,
} from '@/domain/revisions'
import { settingDefinition } from '@/domain/settings'
import type { LeafRecord, MoveMark, RevisionBody, Tombstone } from '@/domain/types'
import { getActor, nowIso } from './clock'
import {
  noteTablesChanged,
  storedBefore,
  trackedWritesIn,
  type StoredBefore,
  writeLayer,
} from './observe'
import { scopeChainOf, type ScopeReader } from './scopeChain'
import { RECORD_TABLES, REPLICATION_TABLES } from './tables'

/**
 * Revisions at Dexie's DBCore level, like the tallies: every write to a replicated table
 * (tables.ts RECORD_TABLES), whatever the path — repositories, imports, demo load, the daily
 * upkeep — gets its next revision in the same transaction, so no path can forget it.
 * - put/add (local): the child of the stored revision (or of the tombstone, for a record
 *   brought back) over the new content; unchanged content keeps the revision, so refreshing
 *   a derived field makes none. The replaced body is kept (data.revisionBodies per record),
 *   and a record that leaves its org gets a move mark so that org's packages still carry it.
 * - delete (local): a tombstone revision, and every open conflict closed with it.
 * - clear (a whole-table delete): nothing. Only a whole-database replace clears a table, and
 *   its records were not deleted by anyone: tombstones would delete them on every device.
 * Writes that carry revisions made elsewhere (a merge, a restore, sync) run inside
 * {@link replicatedTransaction}: their `_rev`/`_revisions` are kept as given.
 */

const REPLICATED: ReadonlySet<string> = new Set(RECORD_TABLES)
const WIDEN: readonly string[] = [...REPLICATION_TABLES, 'settings', 'orgs', 'members', 'meetings']

// DBCoreRangeType values (a const enum, not importable at runtime).
const EQUAL = 1
const RANGE = 2
const ANY = 3

/**
 * Transactions whose record writes carry revisions made elsewhere. Private to this module:
 * the only way in is replicatedTransaction, which db/ repositories call for merges and
 * restores; services and the UI reach neither (db/index.ts does not export them).
 */
const replicatedTransactions = new WeakSet<object>()

/**
 * Run `work` in a read-write transaction whose record writes keep the `_rev`/`_revisions`
 * they carry (still normalised to the compact stored form, and checked: a write that keeps a
 * stored revision must keep its content too, else it throws).
 */
export async function replicatedTransaction<T>(
  db: Dexie,
  tables: readonly (string | Table)[],
  work: () => Promise<T>,
): Promise<T> {
  return db.transaction('rw', tables as (string | Table)[], async (tx) => {
    const trans = tx.idbtrans as unknown as object
    const fresh = !replicatedTransactions.has(trans)
    replicatedTransactions.add(trans)
    try {
      return await work()
    } finally {
      if (fresh) replicatedTransactions.delete(trans)
    }
  })
}

/**
 * Records a merge has just read in this transaction, handed to the write that follows so it
 * is not read again (the merge reads every record it compares; see primeStored).
 */
const primed = new WeakMap<
  object,
  Map<string, { rows: Map<string, Row | undefined>; writes: number }>
>()

/**
 * Tell the middleware what is stored for these ids of `table` in the current transaction
 * (read by the caller in it, nothing written since): its next write of them reads nothing.
 */
export function primeStored(table: string, stored: ReadonlyMap<string, Row | undefined>): void {
  const trans = Dexie.currentTransaction?.idbtrans as unknown as object | undefined
  if (!trans) return
  const byTable =
    primed.get(trans) ?? new Map<string, { rows: Map<string, Row | undefined>; writes: number }>()
  byTable.set(table, { rows: new Map(stored), writes: trackedWritesIn(trans) })
  primed.set(trans, byTable)
}

function takePrimed(
  trans: object,
  table: string,
  keys: readonly string[],
): { records: (Row | undefined)[]; writes: number } | null {
  const known = primed.get(trans)?.get(table)
  if (!known || !keys.every((key) => known.rows.has(key))) return null
  primed.get(trans)!.delete(table)
  return { records: keys.map((key) => known.rows.get(key)), writes: known.writes }
}

function idOf(value: unknown): string {
  return (value as { id: string }).id
}

interface Limits {
  revs: number
  bodies: number
}

async function readLimits(core: DBCore, trans: DBCoreTransaction): Promise<Limits> {
  const keys = ['data.revsLimit', 'data.revisionBodies'] as const
  const rows = (await core.table('settings').getMany({ trans, keys: [...keys] })) as (
    { value?: unknown } | undefined
  )[]
  const value = (i: number) => {
    const stored = rows[i]?.value
    const fallback = settingDefinition(keys[i]!).defaultValue
    return typeof stored === 'number' && Number.isFinite(stored) ? stored : fallback
  }
  return { revs: Math.max(1, Math.floor(value(0))), bodies: Math.max(0, Math.floor(value(1))) }
}

function coreReader(core: DBCore, trans: DBCoreTransaction): ScopeReader {
  return {
    async get(table, id) {
      return (await core.table(table).get({ trans, key: id })) as Row | undefined
    },
    async hostsOf(firmId) {
      const table = core.table('orgs')
      const index = table.schema.getIndexByKeyPath('hostFirmIds')
      if (!index) return []
      const found = await table.query({
        trans,
        values: true,
        query: { index, range: { type: EQUAL, lower: firmId, upper: firmId } },
      })
      return found.result as Row[]
    },
  }
}

async function prefixed<T extends { table: string; recordId: string }>(
  core: DBCore,
  trans: DBCoreTransaction,
  store: 'leaves' | 'revisionBodies',
  table: string,
  recordId: string,
): Promise<T[]> {
  const target = core.table(store)
  const prefix = recordPrefix(table, recordId)
  const found = await target.query({
    trans,
    values: true,
    query: {
      index: target.schema.primaryKey,
      range: {
        type: RANGE,
        lower: prefix,
        upper: `${prefix}\uffff`,
        lowerOpen: false,
        upperOpen: false,
      },
    },
  })
  // An id holding ':' could share the prefix: keep exactly this record's rows.
  return (found.result as T[]).filter((row) => row.table === table && row.recordId === recordId)
}

/**
 * Tombstones of records about to be added or put where none is stored. One range read over
 * the ids' span: new records have new time-ordered ids, beyond every tombstone, so a big
 * import reads nothing.
 */
async function tombstonesOf(
  core: DBCore,
  trans: DBCoreTransaction,
  table: string,
  ids: readonly string[],
): Promise<Map<string, Tombstone>> {
  const out = new Map<string, Tombstone>()
  if (ids.length === 0) return out
  const store = core.table('tombstones')
  const wanted = new Set(ids)
  let rows: Tombstone[]
  if (ids.length <= 16) {
    rows = (await store.getMany({ trans, keys: ids.map((id) => tombstoneId(table, id)) })).filter(
      Boolean,
    ) as Tombstone[]
  } else {
    const sorted = [...ids].sort()
    const found = await store.query({
      trans,
      values: true,
      query: {
        index: store.schema.primaryKey,
        range: {
          type: RANGE,
          lower: tombstoneId(table, sorted[0]!),
          upper: tombstoneId(table, sorted[sorted.length - 1]!),
          lowerOpen: false,
          upperOpen: false,
        },
      },
    })
    rows = found.result as Tombstone[]
  }
  for (const row of rows)
    if (row.table === table && wanted.has(row.recordId)) out.set(row.recordId, row)
  return out
}

/** A stored record's ancestry, its content text already known (a lazy first revision). */
function storedAncestry(record: Row, text: string): string[] {
  const rev = record[REV_FIELD]
  if (isRev(rev)) return ancestryFrom(rev, record[REVISIONS_FIELD])
  return [`1-${revisionHash('', false, text)}`]
}

function setRevision(value: Row, from: Row | null): void {
  delete value[REV_FIELD]
  delete value[REVISIONS_FIELD]
  if (from?.[REV_FIELD] !== undefined) value[REV_FIELD] = from[REV_FIELD]
  if (from?.[REVISIONS_FIELD] !== undefined) value[REVISIONS_FIELD] = from[REVISIONS_FIELD]
}

function pad(generation: number): string {
  return String(generation).padStart(9, '0')
}

export function revisionBodyId(table: string, recordId: string, rev: string): string {
  const [generation, hash] = rev.split('-') as [string, string]
  return `${recordPrefix(table, recordId)}${pad(Number(generation))}-${hash}`
}

/**
 * Keep replaced bodies (one write), then only the newest `keep` bodies of each record: a
 * record whose replaced revision is of generation ≤ keep cannot have more yet, so most
 * writes read nothing back.
 */
async function keepBodies(
  core: DBCore,
  trans: DBCoreTransaction,
  bodies: readonly RevisionBody[],
  keep: number,
): Promise<void> {
  if (bodies.length === 0) return
  const store = core.table('revisionBodies')
  await store.mutate({ trans, type: 'put', values: [...bodies] })
  for (const body of bodies) {
    if (generationOf(body.rev) <= keep) continue
    const rows = await prefixed<RevisionBody>(
      core,
      trans,
      'revisionBodies',
      body.table,
      body.recordId,
    )
    if (rows.length <= keep) continue
    const old = rows
      .map((row) => row.id)
      .sort()
      .slice(0, rows.length - keep)
    await store.mutate({ trans, type: 'delete', keys: old })
  }
}

/** Write a record's leaves back: tombstone and leaf rows (the record table is the caller's). */
async function writeLeafState(
  core: DBCore,
  trans: DBCoreTransaction,
  before: StoredLeaves,
  after: StoredLeaves,
): Promise<void> {
  const leaves = core.table('leaves')
  const keep = new Set(after.rows.map((row) => row.id))
  const gone = before.rows.map((row) => row.id).filter((id) => !keep.has(id))
  if (gone.length > 0) await leaves.mutate({ trans, type: 'delete', keys: gone })
  if (after.rows.length > 0) await leaves.mutate({ trans, type: 'put', values: [...after.rows] })
  const tombstones = core.table('tombstones')
  if (after.tombstone) await tombstones.mutate({ trans, type: 'put', values: [after.tombstone] })
  else if (before.tombstone) {
    await tombstones.mutate({ trans, type: 'delete', keys: [before.tombstone.id] })
  }
}

function succeeded(count: number, response: DBCoreMutateResponse): number[] {
  const out: number[] = []
  for (let i = 0; i < count; i++)
    if (response.numFailures === 0 || !(i in response.failures)) out.push(i)
  return out
}

class Writer {
  readonly touched = new Set<string>()
  private limits: Limits | undefined
  constructor(
    readonly core: DBCore,
    readonly table: DBCoreTable,
    readonly trans: DBCoreTransaction,
  ) {}

  async limitsOf(): Promise<Limits> {
    this.limits ??= await readLimits(this.core, this.trans)
    return this.limits
  }

  get name(): string {
    return this.table.name
  }

  reader(): ScopeReader {
    return coreReader(this.core, this.trans)
  }

  async localPut(request: DBCoreAddRequest | DBCorePutRequest): Promise<DBCoreMutateResponse> {
    const { trans, name } = this
    const values = request.values as Row[]
    const keys = values.map(idOf)
    const writes = trackedWritesIn(trans)
    const stored = (
      request.type === 'put' ? await this.table.getMany({ trans, keys }) : keys.map(() => undefined)
    ) as (Row | undefined)[]
    const tombstones = await tombstonesOf(
      this.core,
      trans,
      name,
      keys.filter((_, i) => !stored[i]),
    )
    const bodies: { index: number; body: RevisionBody }[] = []
    const moved: { index: number; before: Row }[] = []
    const revived: { index: number; tombstone: Tombstone }[] = []
    const at = nowIso()
    for (const [index, value] of values.entries()) {
      const before = stored[index]
      const tombstone = before ? undefined : tombstones.get(keys[index]!)
      if (!before && !tombstone) {
        // A new record: the first revision of its content, which is stored as nothing at all.
        setRevision(value, null)
        continue
      }
      const text = contentText(name, value)
      if (before) {
        const beforeText = contentText(name, before)
        if (text === beforeText) {
          setRevision(value, before)
          continue
        }
        const limits = await this.limitsOf()
        const parent = storedAncestry(before, beforeText)
        const next = nextRevision(parent, false, text, limits.revs)
        setRevision(value, compactRevision(name, value, next.ancestry))
        if (limits.bodies > 0) {
          bodies.push({
            index,
            body: {
              id: revisionBodyId(name, keys[index]!, parent[0]!),
              table: name,
              recordId: keys[index]!,
              rev: parent[0]!,
              body: { ...before },
              mergeId: '',
              keptAt: at,
            },
          })
        }
        if (placementOf(name, before) !== placementOf(name, value)) moved.push({ index, before })
        continue
      }
      const limits = await this.limitsOf()
      const parent = ancestryFrom(tombstone!._rev, tombstone!._revisions)
      const next = nextRevision(parent, false, text, limits.revs)
      setRevision(value, compactRevision(name, value, next.ancestry))
      revived.push({ index, tombstone: tombstone! })
    }
    if (request.type === 'put') storedBefore.set(request, { records: stored, writes })
    const response = await this.table.mutate(request)
    const ok = new Set(succeeded(values.length, response))
    const kept = bodies.filter(({ index }) => ok.has(index)).map(({ body }) => body)
    if (kept.length > 0) {
      await keepBodies(this.core, trans, kept, (await this.limitsOf()).bodies)
      this.touched.add('revisionBodies')
    }
    for (const { index, before } of moved) if (ok.has(index)) await this.markMove(before, at)
    for (const { index, tombstone } of revived) {
      if (ok.has(index)) await this.revive(keys[index]!, values[index]!, tombstone, at)
    }
    return response
  }

  private async markMove(before: Row, at: string): Promise<void> {
    const orgIds = await scopeChainOf(this.reader(), this.name, before)
    if (orgIds.length === 0) return
    const mark: MoveMark = {
      id: `${this.name}:${idOf(before)}:${placementOf(this.name, before) ?? ''}`,
      table: this.name,
      recordId: idOf(before),
      orgIds,
      movedAt: at,
    }
    await this.core.table('moves').mutate({ trans: this.trans, type: 'put', values: [mark] })
    this.touched.add('moves')
  }

  /** A record written over its tombstone: deletions of it that lost are closed too. */
  private async revive(id: string, value: Row, tombstone: Tombstone, at: string): Promise<void> {
    const rows = await prefixed<LeafRecord>(this.core, this.trans, 'leaves', this.name, id)
    const { revs } = await this.limitsOf()
    const others = rows
      .map(leafOfRow)
      .map((leaf) => (leaf.deleted && !leaf.closed ? closingLeaf(leaf, revs) : leaf))
    const before: StoredLeaves = { record: undefined, tombstone, rows }
    const leaves: Leaf[] = [...others, leafOfRecord(this.name, value)]
    const after = storedFormOf(this.name, id, leaves, before, () => noFacts(at), at)
    await writeLeafState(this.core, this.trans, before, { ...after, tombstone: undefined })
    this.touched.add('tombstones').add('leaves')
  }

  async localDelete(request: DBCoreDeleteRequest): Promise<DBCoreMutateResponse> {
    const { trans, name } = this
    const keys = request.keys as string[]
    const writes = trackedWritesIn(trans)
    const stored = (await this.table.getMany({ trans, keys })) as (Row | undefined)[]
    const at = nowIso()
    for (const [index, record] of stored.entries()) {
      if (!record) continue
      const id = keys[index]!
      const { revs } = await this.limitsOf()
      const rows = await prefixed<LeafRecord>(this.core, trans, 'leaves', name, id)
      const winner = leafOfRecord(name, record)
      const current = [...rows.map(leafOfRow), winner]
      const open = new Set(openLeaves(current))
      const next = nextRevision(winner.ancestry, true, DELETED_CONTENT, revs)
      const leaves: Leaf[] = [
        { ...next, deleted: true, closed: false },
        ...current
          .filter((leaf) => leaf !== winner)
          .map((leaf) => (open.has(leaf) ? closingLeaf(leaf, revs) : leaf)),
      ]
      const orgIds = await scopeChainOf(this.reader(), name, record)
      const before: StoredLeaves = { record, tombstone: undefined, rows }
      const after = storedFormOf(
        name,
        id,
        leaves,
        before,
        () => ({
          orgIds,
          deletedAt: at,
          deletedBy: getActor(),
        }),
        at,
      )
      await writeLeafState(this.core, trans, before, after)
      this.touched.add('tombstones').add('leaves')
    }
    storedBefore.set(request, { records: stored, writes })
    return this.table.mutate(request)
  }

  /** Revisions made elsewhere: kept, in the compact stored form, and checked. */
  async replicatedPut(request: DBCoreAddRequest | DBCorePutRequest): Promise<DBCoreMutateResponse> {
    const { trans, name } = this
    const values = request.values as Row[]
    let stored: (Row | undefined)[] = []
    if (request.type === 'put') {
      const keys = values.map(idOf)
      const writes = trackedWritesIn(trans)
      const read: StoredBefore = takePrimed(trans as unknown as object, name, keys) ?? {
        records: (await this.table.getMany({ trans, keys })) as (Row | undefined)[],
        writes,
      }
      stored = read.records as (Row | undefined)[]
      storedBefore.set(request, read)
    }
    for (const [index, value] of values.entries()) {
      if (
        value[REV_FIELD] === undefined &&
        value[REVISIONS_FIELD] === undefined &&
        !stored[index]
      ) {
        continue
      }
      const ancestry = ancestryOf(name, value)
      const before = stored[index]
      // Only a first revision can equal a stored record's lazy one: hash only then.
      const sameRev =
        before &&
        (isRev(before[REV_FIELD])
          ? before[REV_FIELD] === ancestry[0]
          : ancestry[0]!.startsWith('1-') && ancestryOf(name, before)[0] === ancestry[0])
      if (sameRev && contentText(name, before) !== contentText(name, value)) {
        throw new Error(`${name} ${idOf(value)}: content changed without a new revision`)
      }
      setRevision(value, compactRevision(name, value, ancestry))
    }
    return this.table.mutate(request)
  }
}

function noFacts(at: string) {
  return { orgIds: [], deletedAt: at, deletedBy: getActor() }
}

function isWholeRange(request: DBCoreMutateRequest): boolean {
  if (request.type !== 'deleteRange') return false
  const { range } = request
  return range.type === ANY || (range.lower === undefined && range.upper === undefined)
}

async function revisedMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const { trans } = request
  if (replicatedTransactions.has(trans as unknown as object)) {
    const writer = new Writer(core, table, trans)
    if (request.type === 'add' || request.type === 'put') return writer.replicatedPut(request)
    return table.mutate(request)
  }
  if (request.type === 'deleteRange') {
    if (isWholeRange(request)) return table.mutate(request)
    // A range of primary keys (never a clear): each record in it is deleted as one.
    const found = await table.query({
      trans,
      values: false,
      query: { index: table.schema.primaryKey, range: request.range },
    })
    const keys = found.result as string[]
    if (keys.length === 0) return { numFailures: 0, failures: {}, lastResult: undefined }
    return revisedMutate(core, table, {
      type: 'delete',
      trans,
      keys,
      mutatedParts: request.mutatedParts,
    })
  }
  const writer = new Writer(core, table, trans)
  const response =
    request.type === 'delete' ? await writer.localDelete(request) : await writer.localPut(request)
  noteTablesChanged(core, request, writer.touched)
  return response
}

export const revisionsMiddleware = writeLayer({
  name: 'Revisions',
  // Above the tallies (-10), which read the records this layer has read for the same request.
  level: -9,
  follows: REPLICATED,
  widen: WIDEN,
  mutate: revisedMutate,
})
