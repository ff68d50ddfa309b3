import type { Transaction } from 'dexie'
import { noteAttendance } from '@/domain/attendance'
import { upgradeDuesRecord } from '@/domain/duesRecords'
import type { Row } from '@/domain/replicationScope'
import { NAME_TOKEN_TABLES, withNameTokens } from '@/domain/search'
import {
  addTally,
  firmTally,
  isEmptyTally,
  memberWeight,
  orgTally,
  type Tally,
} from '@/domain/tallies'
import type { Dues, Firm, Meeting, Member, MoveMark, Org, Tombstone } from '@/domain/types'
import { rebuildDuesTallies } from './duesTallies'
import { rebuildStudyHours } from './studyTallies'
import {
  changeKey,
  homeOfMove,
  homeOfTombstone,
  homeRefOf,
  REGISTER_DB,
  SEQ_KEY,
  withRegister,
  type FeedEntry,
  type SyncChange,
} from './syncFeed'
import { RECORD_TABLES } from './tables'

/**
 * The upgrade() bodies of the schema versions (schema.ts SCHEMA_VERSIONS names each one at
 * its version). Each runs inside Dexie's upgrade transaction, walks a table with a cursor or
 * by keyset pages (never one whole-table array, whatever the size of the register) and
 * leaves the rules to pure, tested functions in domain/.
 */

/** Rows per page of a keyset walk: bounded memory at province scale. */
const PAGE = 2000

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

function idText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Recount the tallies from the records (domain/tallies.ts), walking each table once. */
export async function rebuildTallies(tx: Transaction): Promise<void> {
  const rows = new Map<string, Tally>()
  const weights = new Map<string, { full: number; probationary: number }>()
  await tx.table<Member, string>('members').each((member) => {
    const weight = memberWeight(member)
    const sum = weights.get(member.orgId) ?? { full: 0, probationary: 0 }
    weights.set(member.orgId, {
      full: sum.full + weight.full,
      probationary: sum.probationary + weight.probationary,
    })
  })
  await tx
    .table<Org, string>('orgs')
    .each((org) => addTally(rows, orgTally(org, weights.get(org.id))))
  await tx.table<Firm, string>('firms').each((firm) => addTally(rows, firmTally(firm)))
  await tx.table('tallies').clear()
  await tx.table('tallies').bulkPut([...rows.values()].filter((row) => !isEmptyTally(row)))
}

/**
 * v1 → v2: every member gets `lastAttendedOn` from the meetings on record. The meetings are
 * walked with a cursor (no whole-table array), the rule is the pure attendance.ts one.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const last = new Map<string, string>()
  await tx.table<Meeting, string>('meetings').each((meeting) => noteAttendance(last, meeting))
  await tx
    .table<Member, string>('members')
    .toCollection()
    .modify((member) => {
      member.lastAttendedOn = last.get(member.id) ?? ''
    })
  await rebuildTallies(tx)
}

/**
 * v3 → v4: every stored record, tombstone and move mark gets its feed row, a page of keys at
 * a time (no whole-table array); the photos' and transfers' owners are read per page.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  let seq = 0
  const changes = tx.table<SyncChange, string>('syncChanges')
  const add = async (entries: FeedEntry[]) => {
    await changes.bulkPut(
      entries.map((entry) => ({
        key: changeKey(entry.db, entry.doc),
        db: entry.db,
        doc: entry.doc,
        seq: ++seq,
      })),
    )
  }
  for (const name of RECORD_TABLES) {
    for (let last: string | null = null; ;) {
      const base = tx.table<Row, string>(name)
      const page: Row[] = await (
        last === null ? base.orderBy(':id') : base.where(':id').above(last)
      )
        .limit(PAGE)
        .toArray()
      if (page.length === 0) break
      last = idText(page.at(-1)!.id)
      const refs = page.map((row) => homeRefOf(name, row))
      const owners = new Map<string, string>()
      for (const via of ['members', 'meetings'] as const) {
        const ids = [...new Set(refs.flatMap((r) => ('via' in r && r.via === via ? [r.id] : [])))]
        const found = ids.length > 0 ? await tx.table<Row, string>(via).bulkGet(ids) : []
        found.forEach((row, i) => owners.set(`${via}:${ids[i]}`, idText(row?.orgId)))
      }
      await add(
        page.flatMap((row, i) => {
          const ref = refs[i]!
          const db = 'db' in ref ? ref.db : (owners.get(`${ref.via}:${ref.id}`) ?? REGISTER_DB)
          return withRegister(name, { db, doc: `${name}:${idText(row.id)}` })
        }),
      )
    }
  }
  const tombstones = await tx.table<Tombstone, string>('tombstones').toArray()
  await add(
    tombstones.flatMap((row) => withRegister(row.table, { db: homeOfTombstone(row), doc: row.id })),
  )
  const moves = await tx.table<MoveMark, string>('moves').toArray()
  await add(moves.map((mark) => ({ db: homeOfMove(mark), doc: `${mark.table}:${mark.recordId}` })))
  await tx.table('syncState').put({ key: SEQ_KEY, value: seq })
}

/** v4 → v5: old dues records get their full shape; the dues tallies are counted. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  await tx
    .table<Dues, string>('dues')
    .toCollection()
    .modify((record, ref) => {
      ref.value = upgradeDuesRecord(record as unknown as Record<string, unknown>) as unknown as Dues
    })
  await rebuildDuesTallies(tx)
}

/**
 * v5 → v6: every org and member gets its name pieces, walking each table by keyset pages
 * through the primary key. A derived field only, so the rows go straight to the object
 * stores: no content changes, hence no revision, tally or feed change for the layers above
 * to make (and no recount of every member for each page of orgs in the tallies).
 */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  for (const name of NAME_TOKEN_TABLES) {
    const store = tx.idbtrans.objectStore(name)
    for (let last: IDBValidKey | null = null; ;) {
      const range: IDBKeyRange | null = last === null ? null : IDBKeyRange.lowerBound(last, true)
      const page = (await settled(store.getAll(range, PAGE))) as { id: string; name?: unknown }[]
      if (page.length === 0) break
      let put: Promise<IDBValidKey> | null = null
      for (const row of page) put = settled(store.put(withNameTokens(row)))
      await put
      last = page.at(-1)!.id
    }
  }
}

/** v7: the kept study hours, counted from the records page by page (db/studyTallies.ts). */
export async function upgradeToV7(tx: Transaction): Promise<void> {
  await rebuildStudyHours(tx)
}
