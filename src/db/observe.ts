import { RangeSet } from 'dexie'
import type { DBCore, DBCoreMutateRequest } from 'dexie'

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
