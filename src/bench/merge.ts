/**
 * The replication figures of the benchmark: merging one subtree's package (~5,000 records,
 * 10 % in conflict) beside the raw write floor, how much the database grows by it, and the
 * revision data's share of a database's size. Run in the page; scripts/bench.mjs reports.
 */
import { prepareMerge, readExchangePayload, setDb, writeExchange, ZhibuDb } from '@/db'
import { getDb } from '@/db/connection'
import { replicatedTransaction } from '@/db/revisions'
import { EXCHANGE_TABLES, type Row } from '@/domain/exchange'
import { ancestryOf, contentText, nextRevision, revisionsOf } from '@/domain/revisions'
import { defaultSettings } from '@/domain/settings'
import { deleteDatabase, openRawDatabase, rawAdd, rawPut, storeDefsOf } from './raw'

const MERGE_DB = 'zhibu-bench-merge'
const FLOOR_DB = 'zhibu-bench-merge-floor'
/** The field each edited table's records change in (a text a secretary would edit). */
const EDITED: Readonly<Record<string, string>> = {
  members: 'jobTitle',
  meetings: 'minutes',
  studyRecords: 'note',
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

/** JSON length as a stand-in for stored size (IndexedDB stores structured clones, compressed). */
function bytesOf(rows: readonly unknown[]): number {
  let total = 0
  for (const row of rows)
    total += JSON.stringify(row, (_, v) => (v instanceof Blob ? v.size : v)).length
  return total
}

/** The org whose subtree holds the most records without going over `target`. */
export async function subtreeNear(
  target: number,
): Promise<{ id: string; name: string; records: number }> {
  const db = getDb()
  const orgs = await db.orgs.toArray()
  const own = new Map<string, number>()
  for (const table of ['members', 'meetings', 'studyRecords'] as const) {
    const keys = (await db.table(table).orderBy('orgId').keys()) as string[]
    for (const key of keys) own.set(key, (own.get(key) ?? 0) + 1)
  }
  const children = new Map<string, string[]>()
  for (const org of orgs)
    children.set(org.parentId, [...(children.get(org.parentId) ?? []), org.id])
  const total = new Map<string, number>()
  const sum = (id: string): number => {
    const known = total.get(id)
    if (known !== undefined) return known
    const value = 1 + (own.get(id) ?? 0) + (children.get(id) ?? []).reduce((s, c) => s + sum(c), 0)
    total.set(id, value)
    return value
  }
  let best = orgs[0]!
  for (const org of orgs) {
    const size = sum(org.id)
    if (size <= target && size > sum(best.id)) best = org
  }
  return { id: best.id, name: best.name, records: sum(best.id) }
}

/**
 * A department merging a branch subtree's package: the department holds the subtree as the
 * package has it; the branch edited every member, meeting and study record of it once; the
 * department edited `conflictShare` of all records too (a conflict each). Only the merge is
 * timed, and then the raw write of as many records as it changed, in the same page.
 */
export async function mergeBench(target = 5_000, conflictShare = 0.1) {
  const source = getDb().name
  const root = await subtreeNear(target)
  const { payload } = await readExchangePayload(root.id)
  const records = EXCHANGE_TABLES.reduce((n, table) => n + (payload[table]?.length ?? 0), 0)
  const defs = storeDefsOf(getDb().tables)
  getDb().close()
  await deleteDatabase(MERGE_DB)
  setDb(new ZhibuDb(MERGE_DB))
  try {
    const db = getDb()
    await db.open()
    await replicatedTransaction(db, db.tables, async () => {
      for (const table of EXCHANGE_TABLES) {
        const rows = payload[table] ?? []
        if (rows.length > 0) await db.table(table).bulkAdd(rows.map((row) => ({ ...row })))
      }
    })
    const limit = defaultSettings()['data.revsLimit']
    const edited = Object.keys(EDITED).flatMap((table) =>
      (payload[table] ?? []).map((row) => ({ table, row })),
    )
    const conflicts = edited.slice(0, Math.round(records * conflictShare))
    // The department's own edits of those records (local writes: revisions, kept bodies).
    for (const table of Object.keys(EDITED)) {
      const rows = conflicts
        .filter((item) => item.table === table)
        .map(({ row }) => ({ ...row, [EDITED[table]!]: '部门的修改' }))
      if (rows.length > 0) await db.table(table).bulkPut(rows)
    }
    // The branch's edit of every one of them: a child of the revision both had.
    const incoming: Record<string, Row[]> = {}
    for (const [table, rows] of Object.entries(payload)) incoming[table] = [...rows]
    for (const table of Object.keys(EDITED)) {
      incoming[table] = (payload[table] ?? []).map((row) => {
        const body = { ...row, [EDITED[table]!]: '支部的修改' }
        const next = nextRevision(ancestryOf(table, row), false, contentText(table, body), limit)
        return { ...body, _rev: next.rev, _revisions: revisionsOf(next.ancestry) }
      })
    }
    const touchedOld = bytesOf(
      (await Promise.all(Object.keys(EDITED).map((table) => db.table(table).toArray()))).flat(),
    )
    const before = { leaves: await db.leaves.count() }
    // The comparison alone (reads only), for where the time goes; the merge makes it again.
    const prepare = await timed(() => prepareMerge(incoming, root.id))
    const run = await timed(() =>
      writeExchange(incoming, {
        deviceId: 'bench-branch',
        rootId: root.id,
        orgName: root.name,
        checkpointId: 'bench',
      }),
    )
    const kept = await db.revisionBodies.where('mergeId').equals(run.value.mergeId).toArray()
    const leaves = await db.leaves.toArray()
    const written = run.value.updated + run.value.conflict
    // The floor: the records the merge had to change, written raw over the same records in
    // one transaction (an update, as the merge's is), in a raw database holding the subtree.
    const raw = await openRawDatabase(FLOOR_DB, defs)
    const tables = EXCHANGE_TABLES.filter((table) => (payload[table]?.length ?? 0) > 0)
    await rawAdd(raw, tables, (name) => (payload[name] ?? []).map((row) => ({ ...row })))
    const floorRows = edited.map(({ table, row }) => ({
      table,
      row: { ...row, [EDITED[table]!]: '支部的修改' },
    }))
    const floor = await timed(() =>
      rawPut(raw, Object.keys(EDITED), (name) =>
        floorRows.filter((item) => item.table === name).map((item) => item.row),
      ),
    )
    raw.close()
    await deleteDatabase(FLOOR_DB)
    return {
      root: root.name,
      records,
      ms: run.ms,
      prepareMs: prepare.ms,
      floorMs: floor.ms,
      floorRecords: floorRows.length,
      updated: run.value.updated,
      conflicts: run.value.conflict,
      unchanged: run.value.unchanged,
      refused: run.value.refused,
      written,
      keptBodies: kept.length,
      keptBytes: bytesOf(kept),
      leavesAdded: leaves.length - before.leaves,
      leavesBytes: bytesOf(leaves),
      touchedOldBytes: touchedOld,
    }
  } finally {
    getDb().close()
    await deleteDatabase(MERGE_DB)
    setDb(new ZhibuDb(source))
    await getDb().open()
  }
}

/**
 * The revision data's share of the current database, estimated from the first rows of each
 * table (JSON length): as stored now (most records carry no revision field until edited), and
 * if every record had been edited once (a `_rev` and a two-entry `_revisions` each).
 */
export async function revisionShare(sample = 2_000) {
  const db = getDb()
  let recordBytes = 0
  let revisionBytes = 0
  let oneEditBytes = 0
  let count = 0
  const oneEdit = JSON.stringify({
    _rev: `2-${'0'.repeat(32)}`,
    _revisions: { start: 2, ids: ['0'.repeat(32), '0'.repeat(32)] },
  }).length
  for (const table of EXCHANGE_TABLES) {
    const total = await db.table(table).count()
    if (total === 0) continue
    const rows = (await db.table(table).limit(sample).toArray()) as Row[]
    const scale = total / rows.length
    recordBytes += bytesOf(rows) * scale
    revisionBytes +=
      bytesOf(
        rows
          .map((row) => ({ _rev: row._rev, _revisions: row._revisions }))
          .filter((r) => r._rev !== undefined),
      ) * scale
    oneEditBytes += oneEdit * total
    count += total
  }
  let replicationBytes = 0
  for (const table of ['tombstones', 'leaves', 'revisionBodies', 'moves']) {
    const total = await db.table(table).count()
    if (total === 0) continue
    const rows = await db.table(table).limit(sample).toArray()
    replicationBytes += bytesOf(rows) * (total / rows.length)
  }
  return {
    records: count,
    recordBytes: Math.round(recordBytes),
    storedShare: (revisionBytes + replicationBytes) / recordBytes,
    oneEditShare: oneEditBytes / recordBytes,
  }
}
