import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Transaction,
} from 'dexie'
import { studyYearOf, yearRange } from '@/domain/study'
import {
  studyHoursKey,
  studyHoursRows,
  type CountedStudyRecord,
  type StudyHoursRow,
} from '@/domain/studyTallies'
import type { StudyRecord } from '@/domain/types'
import { mutateSeeing, noteTablesChanged, transactionHas, writeLayer } from './observe'

/**
 * Keeps the study hours (domain/studyTallies.ts) in step with every write to studyRecords,
 * inside the same transaction and whatever the path (repositories, imports, the demo,
 * restore, replication): a DBCore middleware like db/duesTallies.ts. After each mutation it
 * recounts the member-years it touched from the '[memberId+studiedOn]' index (a member's
 * year is a few dozen records), so a kept row is always a recount.
 */
const TRACKED = new Set(['studyRecords'])
const WIDEN = ['studyHours', 'studyRecords']

// DBCoreRangeType.Range (a const enum, not importable at runtime).
const RANGE = 2

type Counted = CountedStudyRecord & Pick<StudyRecord, 'id'>

async function recordsOfYear(
  core: DBCore,
  trans: DBCoreTransaction,
  memberId: string,
  year: number,
): Promise<Counted[]> {
  const table = core.table('studyRecords')
  const index = table.schema.getIndexByKeyPath(['memberId', 'studiedOn'])
  if (!index) throw new Error('studyRecords.[memberId+studiedOn] index missing')
  const { from, to } = yearRange(year)
  const result = await table.query({
    trans,
    values: true,
    query: { index, range: { type: RANGE, lower: [memberId, from], upper: [memberId, to] } },
  })
  return result.result as Counted[]
}

async function recountMemberYears(
  core: DBCore,
  trans: DBCoreTransaction,
  pairs: Map<string, { memberId: string; year: number }>,
): Promise<void> {
  const counted = await Promise.all(
    [...pairs.values()].map(async ({ memberId, year }) => ({
      key: studyHoursKey(memberId, year),
      row: studyHoursRows(await recordsOfYear(core, trans, memberId, year))[0],
    })),
  )
  const keep = counted.flatMap(({ row }) => (row ? [row] : []))
  const drop = counted.filter(({ row }) => !row).map(({ key }) => key)
  const table = core.table('studyHours')
  if (keep.length > 0) await table.mutate({ trans, type: 'put', values: keep })
  if (drop.length > 0) await table.mutate({ trans, type: 'delete', keys: drop })
}

async function studyMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if (!transactionHas(request, 'studyHours')) return table.mutate(request)
  const { response, before, after } = await mutateSeeing<Counted>(table, request)
  const pairs = new Map<string, { memberId: string; year: number }>()
  for (const record of [...before, ...after]) {
    const year = studyYearOf(record.studiedOn)
    if (!Number.isFinite(year)) continue
    pairs.set(studyHoursKey(record.memberId, year), { memberId: record.memberId, year })
  }
  if (pairs.size === 0) return response
  await recountMemberYears(core, request.trans, pairs)
  noteTablesChanged(core, request, ['studyHours'])
  return response
}

export const studyTalliesMiddleware = writeLayer({
  name: 'StudyTallies',
  level: -9,
  follows: TRACKED,
  widen: WIDEN,
  needs: 'studyHours',
  mutate: studyMutate,
})

/** Members read per page by the rebuild. */
const REBUILD_PAGE = 2000

/**
 * Recount every kept study row from the records (the v7 upgrade), inside the caller's
 * transaction and page by page: the members in keyset pages of their primary key, and for
 * each page the records whose '[memberId+studiedOn]' falls in that page's key range. The
 * ranges join end to end from the lowest key to the highest, so records whose member is
 * missing are still met, each exactly once — never a whole table in memory.
 */
export async function rebuildStudyHours(
  tx: Transaction,
  pageSize: number = REBUILD_PAGE,
): Promise<void> {
  const kept = tx.table<StudyHoursRow, string>('studyHours')
  await kept.clear()
  const members = tx.table<{ id: string }, string>('members')
  let after: string | null = null
  for (;;) {
    const ids: string[] = await (
      after === null ? members.orderBy(':id') : members.where(':id').above(after)
    )
      .limit(pageSize)
      .primaryKeys()
    const last = ids.length < pageSize ? null : ids[ids.length - 1]!
    const lower = after === null ? [Dexie.minKey] : [after, Dexie.maxKey]
    const upper = last === null ? [Dexie.maxKey] : [last, Dexie.maxKey]
    const records = await tx
      .table<StudyRecord, string>('studyRecords')
      .where('[memberId+studiedOn]')
      .between(lower, upper, false, true)
      .toArray()
    const rows = studyHoursRows(records)
    if (rows.length > 0) await kept.bulkPut(rows)
    if (last === null) return
    after = last
  }
}
