import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
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
import { noteTablesChanged, storedBefore } from './observe'

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

/** What some records of one table contribute (sign −1 to take them away). */
async function contribute(
  core: DBCore,
  trans: DBCoreTransaction,
  tableName: string,
  records: readonly unknown[],
  sign: 1 | -1,
  rows: Rows,
): Promise<void> {
  if (records.length === 0) return
  if (tableName === 'firms') {
    for (const firm of records as Firm[]) addTally(rows, firmTally(firm), sign)
    return
  }
  if (tableName === 'orgs') {
    const orgs = records as Org[]
    // Many orgs at once (an import, a demo load, a restore): one pass over the members
    // beats one index query per org.
    const weights =
      orgs.length > BULK
        ? await allMemberWeights(core, trans)
        : new Map(
            await Promise.all(
              orgs.map(async (org) => [org.id, await membersOf(core, trans, org.id)] as const),
            ),
          )
    for (const org of orgs) {
      addTally(rows, orgTally(org, weights.get(org.id) ?? { full: 0, probationary: 0 }), sign)
    }
    return
  }
  const members = records as Member[]
  const orgIds = [...new Set(members.map((member) => member.orgId))]
  const orgs = (await core.table('orgs').getMany({ trans, keys: orgIds })) as (Org | undefined)[]
  const orgById = new Map(orgIds.map((id, index) => [id, orgs[index]]))
  for (const member of members) {
    const org = orgById.get(member.orgId)
    if (org) addTally(rows, orgTally(org, memberWeight(member), 0), sign)
  }
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

function succeeded<T>(values: readonly T[], response: DBCoreMutateResponse): T[] {
  if (response.numFailures === 0) return [...values]
  return values.filter((_, index) => !(index in response.failures))
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
  const deltas: Rows = new Map()
  let before: unknown[] = []
  if (request.type === 'deleteRange') {
    const all = await table.query({
      trans,
      values: true,
      query: { index: table.schema.primaryKey, range: request.range },
    })
    before = all.result
  } else if (request.type === 'delete' || request.type === 'put') {
    const keys = request.type === 'delete' ? request.keys : request.values.map(idOf)
    // The revisions middleware above has read them already for this very request.
    const shared = storedBefore.get(request)
    before = (shared ?? (await table.getMany({ trans, keys }))).filter(
      (record) => record !== undefined,
    )
  }
  // Orgs: take away what they contributed with their members before those members move.
  await contribute(core, trans, table.name, before, -1, deltas)
  const response = await table.mutate(request)
  if (request.type === 'add' || request.type === 'put') {
    await contribute(core, trans, table.name, succeeded(request.values, response), 1, deltas)
  }
  if (await writeDeltas(core, trans, deltas)) noteTablesChanged(core, request, ['tallies'])
  return response
}

export const talliesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'Tallies',
  // Right above IndexedDB itself (Dexie's own layers are at -1 … 2).
  level: -10,
  create(core) {
    return {
      ...core,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.some((name) => TRACKED.has(name))
            ? [...new Set([...stores, ...WIDEN])]
            : stores
        return core.transaction(widened, mode, options)
      },
      table(name) {
        const table = core.table(name)
        if (!TRACKED.has(name)) return table
        return { ...table, mutate: (request) => trackedMutate(core, table, request) }
      },
    }
  },
}
