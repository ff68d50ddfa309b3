import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
} from 'dexie'
import { scopeRefOf, type Row } from '@/domain/replicationScope'
import { contentText } from '@/domain/revisions'
import type { LeafRecord, MoveMark, Tombstone } from '@/domain/types'
import { noteTablesChanged, storedBefore, writeLayer } from './observe'
import { RECORD_TABLES } from './tables'

/**
 * This device's changes feed for live sync, kept at Dexie's DBCore level below the
 * revisions and tallies middlewares, so it sees every write they make: a record's put, the
 * tombstone of a delete, a leaf of a conflict or a resolution, a move mark. Each gives the
 * record a row in `syncChanges` for the server database it belongs to, with the next local
 * sequence, in the same transaction as the write: no write is missed, and a record is in a
 * database's feed once, at its latest write.
 *
 * Which database a record belongs to (docs/sync.md): its org's (`zhibu-org-<id>`): an org is
 * its own, a member, meeting, dues … their org's, a photo its meeting's, a transfer its
 * member's, joint committee records their committee's; areas and firms the department's
 * register (REGISTER_DB). An org is in the register too, so the department's device finds
 * every org's database from the register alone (a new device knows no org yet). A record that moves to another org gets a row in the old one's
 * feed too (its move mark), so both the old and the new scope receive that revision.
 */

/** The department's register database (areas, firms) in `syncChanges.db`. */
export const REGISTER_DB = ''
export const SEQ_KEY = 'seq'
export const CHECKPOINT_PREFIX = 'checkpoint:'

export interface SyncChange {
  /** `<db>|<doc>` */
  key: string
  /** The org whose database the record goes to, or REGISTER_DB. */
  db: string
  /** The record's document id, `<table>:<id>` (its tombstone's id). */
  doc: string
  seq: number
}

export interface SyncStateRow {
  key: string
  value: unknown
}

const RECORDS: ReadonlySet<string> = new Set(RECORD_TABLES)
const SOURCES: ReadonlySet<string> = new Set([...RECORD_TABLES, 'tombstones', 'leaves', 'moves'])
const WIDEN = ['syncChanges', 'syncState', 'orgs', 'members', 'meetings']
const EQUAL = 1
const RANGE = 2
const ANY = 3

export function changeKey(db: string, doc: string): string {
  return `${db}|${doc}`
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** The database of a record, or the table and id of the record that decides it. */
export function homeRefOf(
  table: string,
  record: Row,
): { db: string } | { via: 'members' | 'meetings'; id: string } {
  const ref = scopeRefOf(table, record)
  if (ref.kind === 'orgs') return { db: ref.orgIds[0] ?? REGISTER_DB }
  if (ref.kind === 'via') return { via: ref.table, id: ref.id }
  return { db: REGISTER_DB }
}

/** A tombstone's database: its org chain starts with the org it belonged to. */
export function homeOfTombstone(tombstone: Pick<Tombstone, 'table' | 'orgIds'>): string {
  if (tombstone.table === 'areas' || tombstone.table === 'firms') return REGISTER_DB
  return tombstone.orgIds[0] ?? REGISTER_DB
}

/** A move mark's database: the one the record left. */
export function homeOfMove(mark: Pick<MoveMark, 'table' | 'orgIds'>): string {
  if (mark.table === 'areas' || mark.table === 'firms') return REGISTER_DB
  return mark.orgIds[0] ?? REGISTER_DB
}

/** A feed row before its sequence: which server database, which document. */
export interface FeedEntry {
  db: string
  doc: string
}

/** Sequences are handed out in order within a transaction, the counter written each time. */
const counters = new WeakMap<object, { tail: Promise<number> }>()

async function allocate(core: DBCore, trans: DBCoreTransaction, count: number): Promise<number> {
  const key = trans as unknown as object
  let state = counters.get(key)
  if (!state) {
    const read = core
      .table('syncState')
      .get({ trans, key: SEQ_KEY })
      .then((row) => Number((row as SyncStateRow | undefined)?.value ?? 0))
    state = { tail: read }
    counters.set(key, state)
  }
  const first = state.tail.then(async (last) => {
    await core.table('syncState').mutate({
      trans,
      type: 'put',
      values: [{ key: SEQ_KEY, value: last + count }],
    })
    return last + 1
  })
  state.tail = first.then((start) => start + count - 1)
  return first
}

async function writeEntries(
  core: DBCore,
  trans: DBCoreTransaction,
  entries: readonly FeedEntry[],
): Promise<void> {
  const unique = new Map<string, FeedEntry>()
  for (const entry of entries) unique.set(changeKey(entry.db, entry.doc), entry)
  if (unique.size === 0) return
  const first = await allocate(core, trans, unique.size)
  const values: SyncChange[] = [...unique].map(([key, entry], index) => ({
    key,
    db: entry.db,
    doc: entry.doc,
    seq: first + index,
  }))
  await core.table('syncChanges').mutate({ trans, type: 'put', values })
}

async function homesOfRecords(
  core: DBCore,
  trans: DBCoreTransaction,
  table: string,
  values: readonly Row[],
): Promise<FeedEntry[]> {
  const refs = values.map((value) => homeRefOf(table, value))
  const owners = new Map<string, string>()
  for (const via of ['members', 'meetings'] as const) {
    const ids = [
      ...new Set(refs.flatMap((ref) => ('via' in ref && ref.via === via ? [ref.id] : []))),
    ]
    if (ids.length === 0) continue
    const found = (await core.table(via).getMany({ trans, keys: ids })) as (Row | undefined)[]
    found.forEach((row, i) => owners.set(`${via}:${ids[i]}`, text(row?.orgId)))
  }
  return values.flatMap((value, i) => {
    const ref = refs[i]!
    const db = 'db' in ref ? ref.db : (owners.get(`${ref.via}:${ref.id}`) ?? REGISTER_DB)
    return withRegister(table, { db, doc: `${table}:${text(value.id)}` })
  })
}

/** An org's row, and its row in the register (the department's index of every org). */
export function withRegister(table: string, entry: FeedEntry): FeedEntry[] {
  return table === 'orgs' && entry.db !== REGISTER_DB
    ? [entry, { db: REGISTER_DB, doc: entry.doc }]
    : [entry]
}

/** A record whose other leaves changed: every database feed it is in moves it up. */
async function bumpDocs(
  core: DBCore,
  trans: DBCoreTransaction,
  docs: ReadonlyMap<string, string>,
): Promise<FeedEntry[]> {
  const table = core.table('syncChanges')
  const index = table.schema.getIndexByKeyPath('doc')!
  const out: FeedEntry[] = []
  for (const [doc, fallback] of docs) {
    const found = await table.query({
      trans,
      values: true,
      query: { index, range: { type: EQUAL, lower: doc, upper: doc } },
    })
    const rows = found.result as SyncChange[]
    if (rows.length === 0) out.push({ db: fallback, doc })
    for (const row of rows) out.push({ db: row.db, doc })
  }
  return out
}

/**
 * The values written, but not a record whose revision stayed (a derived field refreshed, a
 * save of unchanged content): the revisions layer kept its `_rev` fields as stored, and
 * handed over what was stored (observe.ts storedBefore).
 */
function succeededValues(
  table: string,
  request: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
): Row[] {
  if (request.type !== 'put' && request.type !== 'add') return []
  const values = request.values as Row[]
  const before = storedBefore.get(request)?.records as (Row | undefined)[] | undefined
  return values.filter((value, i) => {
    if (response.numFailures > 0 && i in response.failures) return false
    const stored = before?.[i]
    if (!stored || stored._rev !== value._rev || !sameRevisions(stored, value)) return true
    // Both a first revision stored as nothing: the same one only if the content is.
    return stored._rev === undefined && contentText(table, stored) !== contentText(table, value)
  })
}

function sameRevisions(a: Row, b: Row): boolean {
  return JSON.stringify(a._revisions ?? null) === JSON.stringify(b._revisions ?? null)
}

async function entriesOf(
  core: DBCore,
  name: string,
  request: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
): Promise<FeedEntry[]> {
  const { trans } = request
  const values = succeededValues(name, request, response)
  if (RECORDS.has(name)) return values.length > 0 ? homesOfRecords(core, trans, name, values) : []
  if (name === 'tombstones') {
    return (values as unknown as Tombstone[]).flatMap((row) =>
      withRegister(row.table, { db: homeOfTombstone(row), doc: row.id }),
    )
  }
  if (name === 'moves') {
    return (values as unknown as MoveMark[]).map((mark) => ({
      db: homeOfMove(mark),
      doc: `${mark.table}:${mark.recordId}`,
    }))
  }
  if (name === 'leaves') {
    const docs = new Map<string, string>()
    if (request.type === 'delete') {
      for (const key of request.keys as string[]) docs.set(key.slice(0, key.lastIndexOf(':')), '')
    } else {
      for (const row of values as unknown as LeafRecord[]) {
        const home = row.body ? homeRefOf(row.table, row.body) : { db: REGISTER_DB }
        docs.set(`${row.table}:${row.recordId}`, 'db' in home ? home.db : REGISTER_DB)
      }
    }
    return docs.size > 0 ? bumpDocs(core, trans, docs) : []
  }
  return []
}

function isWholeRange(request: DBCoreMutateRequest): boolean {
  if (request.type !== 'deleteRange') return false
  const { range } = request
  return range.type === ANY || (range.lower === undefined && range.upper === undefined)
}

/**
 * A record table cleared (a replace from a backup, starting over): the records here are no
 * longer what the checkpoints say was exchanged, so every replication starts over (its
 * revs_diff sends and takes only what is missing). The feed rows stay: the sequence never
 * goes back.
 */
async function dropCheckpoints(core: DBCore, trans: DBCoreTransaction): Promise<void> {
  await core.table('syncState').mutate({
    trans,
    type: 'deleteRange',
    range: {
      type: RANGE,
      lower: CHECKPOINT_PREFIX,
      upper: `${CHECKPOINT_PREFIX}\uffff`,
      lowerOpen: false,
      upperOpen: false,
    },
  })
}

async function feedMutate(
  core: DBCore,
  table: DBCoreTable,
  request: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  const response = await table.mutate(request)
  if (request.type === 'deleteRange') {
    if (RECORDS.has(table.name) && isWholeRange(request)) await dropCheckpoints(core, request.trans)
  } else {
    await writeEntries(core, request.trans, await entriesOf(core, table.name, request, response))
  }
  noteTablesChanged(core, request, ['syncChanges', 'syncState'])
  return response
}

export const syncFeedMiddleware = writeLayer({
  name: 'SyncFeed',
  // Below the tallies (-10) and revisions (-9): their own writes pass through here.
  level: -11,
  follows: SOURCES,
  widen: WIDEN,
  needs: 'syncChanges',
  mutate: feedMutate,
})
