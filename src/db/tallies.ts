import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
} from 'dexie'
import {
  addTally,
  firmTally,
  isEmptyTally,
  memberWeight,
  orgTally,
  type Tally,
} from '@/domain/tallies'
import type { Firm, Member, Org } from '@/domain/types'
import {
  noteTablesChanged,
  noteTrackedWrite,
  storedBefore,
  trackedWritesIn,
  writeLayer,
} from './observe'

/**
 * Keeps the tallies table (domain/tallies.ts) in step with every write to firms, orgs and
 * members, inside the same transaction, whatever the path: repositories, imports, demo
 * load, restore, the daily status refresh. Working at Dexie's DBCore level means no write
 * path can forget it: any read-write transaction that touches one of those tables is
 * widened to the tallies (and the orgs and members it looks up), and each mutation adds
 * what the new records contribute and subtracts what the old ones did.
 */
const TRACKED = new Set(['firms', 'orgs', 'members'])
const WIDEN = ['tallies', 'orgs', 'members']

type Weight = { full: number; probationary: number }
type Rows = Map<string, Tally>

// DBCoreRangeType values (a const enum, not importable at runtime).
const EQUAL = 1
const ANY = 3

function idOf(value: unknown): string {
  return (value as { id: string }).id
}

async function membersOf(core: DBCore, trans: DBCoreTransaction, orgId: string): Promise<Weight> {
  const table = core.table('members')
  const index = table.schema.getIndexByKeyPath('orgId')
  if (!index) throw new Error('members.orgId index missing')
  const result = await table.query({
    trans,
    values: true,
    query: { index, range: { type: EQUAL, lower: orgId, upper: orgId } },
  })
  const sum = { full: 0, probationary: 0 }
  for (const member of result.result as Member[]) {
    const weight = memberWeight(member)
    sum.full += weight.full
    sum.probationary += weight.probationary
  }
  return sum
}

/**
 * Above this many orgs in one mutation (a demo load, a restore) one pass over all members
 * beats an index query per org; up to it (an import writes orgs IMPORT_CHUNK = 100 at a
 * time) the per-org queries run at once and read only those orgs' members.
 */
const BULK = 100

async function allMemberWeights(
  core: DBCore,
  trans: DBCoreTransaction,
): Promise<Map<string, Weight>> {
  const table = core.table('members')
  const all = await table.query({
    trans,
    values: true,
    query: {
      index: table.schema.primaryKey,
      range: { type: ANY, lower: undefined, upper: undefined },
    },
  })
  const weights = new Map<string, Weight>()
  for (const member of all.result as Member[]) {
    const weight = memberWeight(member)
    const sum = weights.get(member.orgId) ?? { full: 0, probationary: 0 }
    weights.set(member.orgId, {
      full: sum.full + weight.full,
      probationary: sum.probationary + weight.probationary,
    })
  }
  return weights
}

/**
 * What each record contributes, aligned with `records` (undefined where there is no record,
 * or a member's org is missing).
 */
async function contributions(
  core: DBCore,
  trans: DBCoreTransaction,
  tableName: string,
  records: readonly unknown[],
): Promise<(Tally | undefined)[]> {
  const present = records.filter((record) => record !== undefined)
  if (present.length === 0) return records.map(() => undefined)
  if (tableName === 'firms') {
    return (records as (Firm | undefined)[]).map((firm) => firm && firmTally(firm))
  }
  if (tableName === 'orgs') {
    const ids = [...new Set((present as Org[]).map(idOf))]
    // Many orgs at once (an import, a demo load, a restore): one pass over the members
    // beats one index query per org.
    const weights =
      ids.length > BULK
        ? await allMemberWeights(core, trans)
        : new Map(
            await Promise.all(
              ids.map(async (id) => [id, await membersOf(core, trans, id)] as const),
            ),
          )
    return (records as (Org | undefined)[]).map(
      (org) => org && orgTally(org, weights.get(org.id) ?? { full: 0, probationary: 0 }),
    )
  }
  const orgIds = [...new Set((present as Member[]).map((member) => member.orgId))]
  const orgs = (await core.table('orgs').getMany({ trans, keys: orgIds })) as (Org | undefined)[]
  const orgById = new Map(orgIds.map((id, index) => [id, orgs[index]]))
  return (records as (Member | undefined)[]).map((member) => {
    const org = member && orgById.get(member.orgId)
    return org && orgTally(org, memberWeight(member), 0)
  })
}

/** Adds the deltas to the stored rows; false when nothing changed. */
async function writeDeltas(core: DBCore, trans: DBCoreTransaction, deltas: Rows): Promise<boolean> {
  const changed = [...deltas.values()].filter((delta) => !isEmptyTally(delta))
  if (changed.length === 0) return false
  const table = core.table('tallies')
  const keys = changed.map((delta) => delta.key)
  const current = (await table.getMany({ trans, keys })) as (Tally | undefined)[]
  const rows: Rows = new Map()
  current.forEach((row) => row && rows.set(row.key, row))
  for (const delta of changed) addTally(rows, delta)
  const keep = [...rows.values()].filter((row) => !isEmptyTally(row))
  const drop = [...rows.values()].filter(isEmptyTally).map((row) => row.key)
  if (keep.length > 0) await table.mutate({ trans, type: 'put', values: keep })
  if (drop.length > 0) await table.mutate({ trans, type: 'delete', keys: drop })
  return true
}

/**
 * One tracked mutation at a time in a transaction: two writes of the same record in flight
 * at once would each read the same old record and take it away twice. The next one starts
 * when the last one has written its records and its tallies.
 */
const running = new WeakMap<object, Promise<unknown>>()

function oneAtATime<T>(trans: DBCoreTransaction, work: () => Promise<T>): Promise<T> {
  const previous = running.get(trans) ?? Promise.resolve()
  const next = previous.then(work)
  running.set(
    trans,
    next.catch(() => undefined),
  )
  return next
}

/**
 * A write whose tallies cannot be kept must not stay either: the whole transaction goes,
 * even if the caller catches the error (the tallies and the records never part).
 */
function abortQuietly(trans: DBCoreTransaction): void {
  try {
    ;(trans as unknown as IDBTransaction).abort()
  } catch {
    // Already finished or aborting: nothing of it is kept anyway.
  }
}

/** Each key once, with what is stored for it when the request has run (undefined: gone). */
function landed(
  request: DBCoreMutateRequest,
  keys: readonly string[],
  response: DBCoreMutateResponse,
): Map<string, unknown> {
  const failed = (index: number) => response.numFailures > 0 && index in response.failures
  const after = new Map<string, unknown>()
  if (request.type === 'add' || request.type === 'put') {
    // Later values of the same key overwrite earlier ones, as IndexedDB runs them in order.
    request.values.forEach((value, index) => failed(index) || after.set(keys[index]!, value))
  } else if (request.type === 'delete') {
    keys.forEach((key, index) => failed(index) || after.set(key, undefined))
  } else if (response.numFailures === 0) {
    keys.forEach((key) => after.set(key, undefined))
  }
  return after
}

async function trackedMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const { trans } = request
  const stores = (trans as unknown as IDBTransaction).objectStoreNames
  if (stores && !stores.contains('tallies')) {
    throw new Error(`${table.name} written in a transaction without the tallies`)
  }
  return oneAtATime(trans, async () => {
    let keys: string[]
    let before: unknown[]
    if (request.type === 'deleteRange') {
      const all = await table.query({
        trans,
        values: true,
        query: { index: table.schema.primaryKey, range: request.range },
      })
      before = all.result
      keys = before.map(idOf)
    } else {
      keys = request.type === 'delete' ? (request.keys as string[]) : request.values.map(idOf)
      // The revisions middleware above has read them already for this very request; good
      // only if no tracked write of this transaction has finished since.
      const shared = storedBefore.get(request)
      before =
        request.type === 'add'
          ? keys.map(() => undefined)
          : shared && shared.writes === trackedWritesIn(trans)
            ? [...shared.records]
            : await table.getMany({ trans, keys })
    }
    // What the old records contributed, reckoned before they change (an org's, with its
    // members as they are now).
    const taken = await contributions(core, trans, table.name, before)
    const firstIndex = new Map<string, number>()
    keys.forEach((key, index) => firstIndex.has(key) || firstIndex.set(key, index))

    const settle = async (after: Map<string, unknown>): Promise<void> => {
      const deltas: Rows = new Map()
      for (const key of after.keys()) {
        const old = taken[firstIndex.get(key)!]
        if (old) addTally(deltas, old, -1)
      }
      const added = await contributions(core, trans, table.name, [...after.values()])
      for (const tally of added) if (tally) addTally(deltas, tally)
      if (await writeDeltas(core, trans, deltas)) noteTablesChanged(core, request, ['tallies'])
    }

    let response: DBCoreMutateResponse
    try {
      response = await table.mutate(request)
    } catch (error) {
      noteTrackedWrite(trans)
      // Thrown part way (a value the database cannot clone): the values sent before it are
      // written all the same if the caller catches the error, so count what is stored now.
      try {
        const unique = [...firstIndex.keys()]
        const now = await table.getMany({ trans, keys: unique })
        await settle(new Map(unique.map((key, index) => [key, now[index]])))
      } catch {
        abortQuietly(trans)
      }
      throw error
    }
    noteTrackedWrite(trans)
    try {
      await settle(landed(request, keys, response))
    } catch (error) {
      abortQuietly(trans)
      throw error
    }
    return response
  })
}

export const talliesMiddleware = writeLayer({
  name: 'Tallies',
  // Right above IndexedDB itself (Dexie's own layers are at -1 … 2).
  level: -10,
  follows: TRACKED,
  widen: WIDEN,
  mutate: trackedMutate,
})
