import { assertNoHostileKeys } from '@/domain/backupFormat'
import { tombstoneId } from '@/domain/leafRows'
import {
  checkRecordShape,
  checkRecycleEntry,
  creditCodeNote,
  NoteList,
  ReferenceCheck,
  type IncomingNotes,
  shapeError,
  type ShapeProblem,
} from '@/domain/recordShapes'
import { getDb } from './connection'
import { RECORD_TABLES, type RecordTable } from './tables'

const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)
const OUTSIDE_SCOPE: ReadonlySet<string> = new Set(['orgs', 'areas'])

/**
 * Whether each of `ids` of `table` is known on this device: a record, a deletion (its
 * tombstone) or an entry in the recycle bin. Reads by key only.
 */
export async function knownOnDevice(
  table: RecordTable,
  ids: readonly string[],
): Promise<Set<string>> {
  const db = getDb()
  const [live, tombstones, binned] = await Promise.all([
    db.table(table).bulkGet([...ids]),
    db.tombstones.bulkGet(ids.map((id) => tombstoneId(table, id))),
    db.recycleBin
      .where('recordId')
      .anyOf([...ids])
      .toArray(),
  ])
  const known = new Set<string>()
  ids.forEach((id, index) => {
    if (live[index] || tombstones[index]) known.add(id)
  })
  for (const entry of binned) if (entry.table === table) known.add(entry.recordId)
  return known
}

/**
 * The one check every record that comes from outside passes before anything is written —
 * a restore, an exchange merge, and sync (call it on the documents a pull brings, before
 * the write): no hostile keys; every field of every record of every record table as the
 * domain's validators (the forms') have it, and nothing more; recycle-bin entries only for
 * record tables and snapshots, their records checked per table; the references a record
 * stands on resolve, in these tables (records, tombstones, bin entries) or — with
 * `onDevice`, for a part of the register — among this device's records and deletions, orgs
 * and areas excepted (a part may point above or beside its scope). Throws a BackupError naming
 * table, record id and field ('shape', 'badReference', 'hostileKey').
 */
export async function checkIncomingRecords(
  tables: Readonly<Record<string, readonly unknown[]>>,
  options: { onDevice: boolean },
): Promise<IncomingNotes> {
  const references = new ReferenceCheck()
  const notes = new NoteList()
  for (const [table, rows] of Object.entries(tables)) {
    rows.forEach((row, index) => {
      assertNoHostileKeys(row, { table, row: index + 1 })
      let problem: ShapeProblem | null = null
      if (RECORD_TABLE_SET.has(table)) {
        problem = checkRecordShape(table as RecordTable, row)
        if (!problem) {
          references.record(table as RecordTable, row as Record<string, unknown>)
          notes.add(creditCodeNote(table, row))
        }
      } else if (table === 'recycleBin') {
        problem = checkRecycleEntry(row, RECORD_TABLES)
        const entry = row as { table: string; recordId: string }
        if (!problem && RECORD_TABLE_SET.has(entry.table)) {
          references.present(entry.table, entry.recordId)
        }
      } else if (table === 'tombstones' || table === 'leaves') {
        const mark = row as { table?: unknown; recordId?: unknown; body?: unknown }
        if (typeof mark.table === 'string' && typeof mark.recordId === 'string') {
          references.present(mark.table, mark.recordId)
          // A conflict's other side may become the record: it is checked as one.
          if (table === 'leaves' && mark.body && RECORD_TABLE_SET.has(mark.table)) {
            const inner = checkRecordShape(mark.table as RecordTable, mark.body)
            if (inner) problem = { ...inner, table, field: `body.${inner.field}` }
          }
        }
      }
      if (problem) throw shapeError(problem, index + 1)
    })
  }
  for (const [target, missing] of references.unresolved()) {
    // A part of the register (a package, a pull) may point at orgs and areas this device
    // does not hold: the scope's own parents, the branch a member moved to.
    if (options.onDevice && OUTSIDE_SCOPE.has(target)) continue
    const ids = [...missing.keys()]
    const known = options.onDevice ? await knownOnDevice(target, ids) : new Set<string>()
    for (const id of ids) if (!known.has(id)) throw shapeError(missing.get(id)!)
  }
  return notes.result
}
