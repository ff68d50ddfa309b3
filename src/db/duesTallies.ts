import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Transaction,
} from 'dexie'
import { duesStartMonth } from '@/domain/dues'
import {
  memberDuesKey,
  memberDuesRow,
  orgMonthKey,
  orgMonthRow,
  recountDuesTallies,
  workFlagKey,
  workFlagRow,
} from '@/domain/duesTallies'
import type { Dues, Member } from '@/domain/types'
import { mutateSeeing, noteTablesChanged, transactionHas, writeLayer } from './observe'

/**
 * Keeps the dues tallies (domain/duesTallies.ts) in step with every write to dues and
 * members, inside the same transaction and whatever the path (repositories, imports, the
 * demo, restore, replication): a DBCore middleware like db/tallies.ts. After each mutation it
 * recounts the org-months and members it touched from their indexes (a branch's month is a
 * few dozen records, a member's history a few per year), so a kept row is always a recount.
 */
const TRACKED = new Set(['dues', 'members'])
const WIDEN = ['duesTallies', 'dues', 'members']

// DBCoreRangeType values (a const enum, not importable at runtime).
const EQUAL = 1
const RANGE = 2

type Payment = Pick<Dues, 'id' | 'memberId' | 'orgId' | 'month' | 'due' | 'paid'>

async function paymentsOf(
  core: DBCore,
  trans: DBCoreTransaction,
  keyPath: string[],
  lower: string[],
  upper: string[],
): Promise<Payment[]> {
  const table = core.table('dues')
  const index = table.schema.getIndexByKeyPath(keyPath)
  if (!index) throw new Error(`dues.[${keyPath.join('+')}] index missing`)
  const result = await table.query({
    trans,
    values: true,
    query: {
      index,
      range: { type: lower.join() === upper.join() ? EQUAL : RANGE, lower, upper },
    },
  })
  return result.result as Payment[]
}

async function recountOrgMonths(
  core: DBCore,
  trans: DBCoreTransaction,
  pairs: Map<string, { orgId: string; month: string }>,
): Promise<void> {
  const table = core.table('duesTallies')
  const rows = await Promise.all(
    [...pairs.values()].map(async ({ orgId, month }) => {
      const records = await paymentsOf(
        core,
        trans,
        ['orgId', 'month'],
        [orgId, month],
        [orgId, month],
      )
      return { key: orgMonthKey(month, orgId), row: orgMonthRow(orgId, month, records) }
    }),
  )
  const keep = rows.flatMap(({ row }) => (row ? [row] : []))
  const drop = rows.filter(({ row }) => !row).map(({ key }) => key)
  if (keep.length > 0) await table.mutate({ trans, type: 'put', values: keep })
  if (drop.length > 0) await table.mutate({ trans, type: 'delete', keys: drop })
}

async function recountMembers(
  core: DBCore,
  trans: DBCoreTransaction,
  memberIds: readonly string[],
): Promise<void> {
  if (memberIds.length === 0) return
  const members = (await core.table('members').getMany({ trans, keys: [...memberIds] })) as (
    Member | undefined
  )[]
  const rows = await Promise.all(
    memberIds.map(async (id, index) => {
      const records = await paymentsOf(core, trans, ['memberId', 'month'], [id, ''], [id, '\uffff'])
      return { id, member: members[index], records }
    }),
  )
  const table = core.table('duesTallies')
  const keep = rows
    .filter(({ member, records }) => member || records.length > 0)
    .map(({ id, member, records }) => memberDuesRow(id, member, records))
  const drop = rows
    .filter(({ member, records }) => !member && records.length === 0)
    .map(({ id }) => memberDuesKey(id))
  if (keep.length > 0) await table.mutate({ trans, type: 'put', values: keep })
  if (drop.length > 0) await table.mutate({ trans, type: 'delete', keys: drop })
}

function idOf(value: unknown): string {
  return (value as { id: string }).id
}

async function duesMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if (!transactionHas(request, 'duesTallies')) return table.mutate(request)
  const { response, before, after } = await mutateSeeing<Payment>(table, request)
  const pairs = new Map<string, { orgId: string; month: string }>()
  const memberIds = new Set<string>()
  for (const record of [...before, ...after]) {
    pairs.set(orgMonthKey(record.month, record.orgId), { orgId: record.orgId, month: record.month })
    memberIds.add(record.memberId)
  }
  await recountOrgMonths(core, request.trans, pairs)
  await recountMembers(core, request.trans, [...memberIds])
  noteTablesChanged(core, request, ['duesTallies'])
  return response
}

/** The work flags of written members (the third six-month clock): put, moved or dropped. */
async function keepWorkFlags(
  tallies: DBCoreTable,
  request: DBCoreMutateRequest,
  before: readonly Member[],
  written: readonly Member[],
  deleted: readonly string[],
): Promise<boolean> {
  const { trans } = request
  const flagBefore = new Map(
    before.map((member) => [member.id, JSON.stringify(member.workNotDone ?? null)]),
  )
  const moved = written.filter(
    (member) =>
      (flagBefore.get(member.id) ?? 'null') !== JSON.stringify(member.workNotDone ?? null),
  )
  const put = moved.flatMap((member) => {
    const row = workFlagRow(member)
    return row ? [row] : []
  })
  const drop = [
    ...moved.filter((member) => !member.workNotDone).map((member) => workFlagKey(member.id)),
    ...deleted.map(workFlagKey),
  ]
  if (put.length > 0) await tallies.mutate({ trans, type: 'put', values: put })
  if (drop.length > 0) await tallies.mutate({ trans, type: 'delete', keys: drop })
  return put.length > 0 || drop.length > 0
}

/**
 * Members: a row for each new member (none when they have no payments yet: no query), a
 * recount when the start month changes (a probationary member's branch vote recorded), and
 * the row dropped with a deleted member who has no payments.
 */
async function membersMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if (!transactionHas(request, 'duesTallies')) return table.mutate(request)
  const { response, before, after: written } = await mutateSeeing<Member>(table, request)
  const { trans } = request
  const startBefore = new Map(before.map((member) => [member.id, duesStartMonth(member)]))
  const changed = written.filter((member) => startBefore.get(member.id) !== duesStartMonth(member))
  const deleted = request.type === 'put' || request.type === 'add' ? [] : before.map(idOf)
  const tallies = core.table('duesTallies')
  const flagged = await keepWorkFlags(tallies, request, before, written, deleted)
  const ids = [...changed.map(idOf), ...deleted]
  if (ids.length === 0) {
    if (flagged) noteTablesChanged(core, request, ['duesTallies'])
    return response
  }
  const existing = (await tallies.getMany({ trans, keys: ids.map(memberDuesKey) })) as unknown[]
  // A new member with no row has no payments (every payment write keeps its member's row).
  const fresh = changed.filter(
    (member, index) => !startBefore.has(member.id) && existing[index] === undefined,
  )
  const recount = ids.filter((id) => !fresh.some((member) => member.id === id))
  if (fresh.length > 0) {
    await tallies.mutate({
      trans,
      type: 'put',
      values: fresh.map((member) => memberDuesRow(member.id, member, [])),
    })
  }
  await recountMembers(core, trans, recount)
  noteTablesChanged(core, request, ['duesTallies'])
  return response
}

export const duesTalliesMiddleware = writeLayer({
  name: 'DuesTallies',
  level: -9,
  follows: TRACKED,
  widen: WIDEN,
  mutate: (core, table, request) =>
    table.name === 'dues' ? duesMutate(core, table, request) : membersMutate(core, table, request),
})

/** Rows of the parent table (members, orgs) read per page by the rebuild. */
export const REBUILD_PAGE = 2000

/**
 * Walk `parent` in keyset pages of its primary key and, for each page, the dues records
 * whose `index` ([memberId+month] or [orgId+month]) falls in that page's key range. The
 * ranges join end to end from the lowest key to the highest, so records whose member or org
 * is missing are still met, each exactly once.
 */
async function eachPage(
  tx: Transaction,
  parent: 'members' | 'orgs',
  index: '[memberId+month]' | '[orgId+month]',
  pageSize: number,
  visit: (rows: { id: string }[], payments: Dues[]) => Promise<void>,
): Promise<void> {
  const table = tx.table<{ id: string }, string>(parent)
  let after: string | null = null
  for (;;) {
    const rows: { id: string }[] = await (
      after === null ? table.orderBy(':id') : table.where(':id').above(after)
    )
      .limit(pageSize)
      .toArray()
    const last = rows.length < pageSize ? null : rows[rows.length - 1]!.id
    const lower = after === null ? [Dexie.minKey] : [after, Dexie.maxKey]
    const upper = last === null ? [Dexie.maxKey] : [last, Dexie.maxKey]
    const payments = await tx
      .table<Dues, string>('dues')
      .where(index)
      .between(lower, upper, false, true)
      .toArray()
    await visit(rows, payments)
    if (last === null) return
    after = last
  }
}

/**
 * Recount every dues tally from the records (schema upgrades, the integrity check), inside
 * the caller's transaction and page by page: members with their payments (member rows and
 * work flags), then orgs with theirs (org-month rows) — never a whole table in memory.
 */
export async function rebuildDuesTallies(
  tx: Transaction,
  pageSize: number = REBUILD_PAGE,
): Promise<void> {
  const tallies = tx.table('duesTallies')
  await tallies.clear()
  await eachPage(tx, 'members', '[memberId+month]', pageSize, async (members, payments) => {
    // The org-month rows come from the org pages: only this page's member-side rows here.
    const rows = recountDuesTallies(members as Member[], payments).filter(
      (row) => row.kind !== 'orgMonth',
    )
    if (rows.length > 0) await tallies.bulkPut(rows)
  })
  await eachPage(tx, 'orgs', '[orgId+month]', pageSize, async (_orgs, payments) => {
    const rows = recountDuesTallies([], payments).filter((row) => row.kind === 'orgMonth')
    if (rows.length > 0) await tallies.bulkPut(rows)
  })
}
