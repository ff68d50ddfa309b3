import { RangeSet } from 'dexie'
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  Middleware,
} from 'dexie'

/**
 * The middlewares sit below Dexie's live-query layers (they need Dexie's async context,
 * which plain awaits here would lose), so their own writes are invisible to them: tell
 * them, through the request's observed parts, that these tables changed, and every
 * liveQuery that reads one of them runs again when the transaction commits.
 */
export function noteTablesChanged(
  core: DBCore,
  request: DBCoreMutateRequest,
  tables: Iterable<string>,
): void {
  const parts = request.mutatedParts
  if (!parts) return
  for (const table of tables) {
    for (const index of ['', ':dels']) {
      const part = `idb://${core.schema.name}/${table}/${index}`
      parts[part] = ((parts[part] as RangeSet | undefined) ?? new RangeSet()).add({
        from: core.MIN_KEY,
        to: core.MAX_KEY,
      })
    }
  }
}

/**
 * The stored records a mutation replaces, read once by the revisions middleware and handed
 * to the tallies middleware below it (same request object), aligned with the request's
 * values (put) or keys (delete); `writes` is trackedWritesIn(trans) when they were read.
 */
export interface StoredBefore {
  records: readonly unknown[]
  writes: number
}
export const storedBefore = new WeakMap<DBCoreMutateRequest, StoredBefore>()

/**
 * How many writes to the tallied tables (firms, orgs, members) have finished in a
 * transaction: a read made when the count was lower may be out of date.
 */
const trackedWrites = new WeakMap<object, number>()

export function trackedWritesIn(trans: object): number {
  return trackedWrites.get(trans) ?? 0
}

export function noteTrackedWrite(trans: object): void {
  trackedWrites.set(trans, trackedWritesIn(trans) + 1)
}

/** One of the app's write layers: a DBCore middleware that keeps rows in step with writes. */
export interface WriteLayer {
  name: string
  /** Its place in Dexie's stack (the layers' comments say why each sits where it does). */
  level: number
  /** The tables whose writes it follows. */
  follows: ReadonlySet<string>
  /**
   * The tables it reads or writes besides, opened with any readwrite transaction on a table it
   * follows, so what it keeps is written in the same transaction (those this schema has).
   */
  widen: readonly string[]
  /** A table the layer cannot work without: where the schema lacks it, the layer stands aside. */
  needs?: string
  /** A write to one of `follows`, to pass down with the layer's own writes. */
  mutate(
    core: DBCore,
    table: DBCoreTable,
    request: DBCoreMutateRequest,
  ): Promise<DBCoreMutateResponse>
}

/** The middleware of a write layer: widened transactions, its mutate on the tables it follows. */
export function writeLayer(layer: WriteLayer): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: layer.name,
    level: layer.level,
    create(core) {
      const present = new Set(core.schema.tables.map((table) => table.name))
      if (layer.needs && !present.has(layer.needs)) return core
      const widen = layer.widen.filter((name) => present.has(name))
      return {
        ...core,
        transaction(stores, mode, options) {
          const widened =
            mode === 'readwrite' && stores.some((name) => layer.follows.has(name))
              ? [...new Set([...stores, ...widen])]
              : stores
          return core.transaction(widened, mode, options)
        },
        table(name) {
          const table = core.table(name)
          if (!layer.follows.has(name)) return table
          return { ...table, mutate: (request) => layer.mutate(core, table, request) }
        },
      }
    },
  }
}

/**
 * The stored rows a write is about to change (a put's or delete's keys, a deleteRange's
 * range), read in its own transaction before it runs: a kept figure subtracts them.
 */
async function storedRowsOf(table: DBCoreTable, request: DBCoreMutateRequest): Promise<unknown[]> {
  const { trans } = request
  if (request.type === 'deleteRange') {
    const all = await table.query({
      trans,
      values: true,
      query: { index: table.schema.primaryKey, range: request.range },
    })
    return all.result
  }
  const keys =
    request.type === 'delete'
      ? request.keys
      : request.values.map((value) => (value as { id: string }).id)
  return (await table.getMany({ trans, keys })).filter((record) => record !== undefined)
}

/**
 * Run a write, with the stored rows it replaces (`before`) and the rows it writes (`after`;
 * none for a delete): what a kept figure subtracts and adds.
 */
export async function mutateSeeing<T>(
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<{ response: DBCoreMutateResponse; before: T[]; after: T[] }> {
  const before = (await storedRowsOf(table, request)) as T[]
  const response = await table.mutate(request)
  const after = request.type === 'put' || request.type === 'add' ? (request.values as T[]) : []
  return { response, before, after }
}

/**
 * Whether the write's transaction holds `store`. A schema upgrade's transaction, at a
 * version before the store existed, does not (it is never widened): its writes go through
 * untouched, and the upgrade that adds the store counts it afterwards.
 */
export function transactionHas(request: DBCoreMutateRequest, store: string): boolean {
  const stores = (request.trans as unknown as IDBTransaction).objectStoreNames
  return !stores || stores.contains(store)
}
