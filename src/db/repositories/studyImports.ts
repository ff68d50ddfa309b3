import { todayIso } from '@/domain/dates'
import { resolveSettings } from '@/domain/settings'
import { validateStudyEntry } from '@/domain/study'
import type { Id, Member, StudyKind, StudyRecord } from '@/domain/types'
import type { FieldProblem, StudyRecordInput, ValidationCode } from '@/domain/validation'
import { getDb, newId, nowIso } from '../connection'
import { ValidationError } from '../errors'
import { plain } from '../records'
import {
  chunksOf,
  ImportWrites,
  SLICE_MS,
  staleCounter,
  yieldInTransaction,
  type ImportCounts,
  type ImportOptions,
} from './imports'
import type { Settings } from '@/domain/settings'

/** One row of a study sheet: who (ID number or name), when, how long, what. */
export interface StudyImportRow {
  name: string
  idNumber: string
  studiedOn: string
  hours: number
  topic: string
  kind: StudyKind
  place: string
  note: string
}

/** A study record is the same record when member, day and topic are (meeting credits aside). */
export function studyRecordKey(memberId: Id, studiedOn: string, topic: string): string {
  return `${memberId}\u0000${studiedOn}\u0000${topic}`
}

const recordKey = studyRecordKey

/** What a study sheet's check needs of one org: its members, their own records, the rules. */
export interface StudyImportContext {
  members: Member[]
  /** Records typed or imported (not credited from a meeting), by studyRecordKey. */
  records: Map<string, StudyRecord>
  settings: Settings
  today: string
}

export async function readStudyImportContext(orgId: Id): Promise<StudyImportContext> {
  const db = getDb()
  return db.transaction('r', [db.members, db.studyRecords, db.settings], async () => {
    const members = await db.members.where('orgId').equals(orgId).toArray()
    const ids = members.map((member) => member.id)
    const stored =
      ids.length > 0 ? await db.studyRecords.where('memberId').anyOf(ids).toArray() : []
    const records = new Map(
      stored
        .filter((r) => r.meetingId === '')
        .map((r) => [recordKey(r.memberId, r.studiedOn, r.topic), r]),
    )
    return {
      members,
      records,
      settings: resolveSettings(await db.settings.toArray()),
      today: todayIso(new Date(nowIso())),
    }
  })
}

/** ID number first; else the name when exactly one member of the org bears it. */
function matchMember(
  row: StudyImportRow,
  byIdNumber: ReadonlyMap<string, Member>,
  byName: ReadonlyMap<string, Member[]>,
): { member?: Member; problem?: ValidationCode; field: string } {
  const idNumber = row.idNumber.trim().toUpperCase()
  if (idNumber !== '') {
    const member = byIdNumber.get(idNumber)
    return member ? { member, field: 'idNumber' } : { problem: 'notFound', field: 'idNumber' }
  }
  const name = row.name.trim()
  if (name === '') return { problem: 'required', field: 'name' }
  const candidates = byName.get(name) ?? []
  if (candidates.length === 1) return { member: candidates[0], field: 'name' }
  // Two members of one name: the sheet must give the ID number.
  return { problem: candidates.length === 0 ? 'notFound' : 'duplicate', field: 'name' }
}

/**
 * Study records of one org from a spreadsheet, in one transaction with one audit entry.
 * Rows find their member by ID number, or by a name unique in the org. A row matching a
 * record of the same member, date and topic updates it instead of adding a second one,
 * so importing a sheet twice does not double anyone's hours. Any bad row: nothing is written.
 * Imported records are confirmed: the sheet comes from the secretary, not a self-entry.
 */
export async function importStudyRecords(
  orgId: Id,
  rows: readonly StudyImportRow[],
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const db = getDb()
  return db.transaction('rw', [db.studyRecords, db.members, db.settings, db.auditLog], async () => {
    const settings = resolveSettings(await db.settings.toArray())
    const today = todayIso(new Date(nowIso()))
    const members = await db.members.where('orgId').equals(orgId).toArray()
    const byIdNumber = new Map(members.filter((m) => m.idNumber !== '').map((m) => [m.idNumber, m]))
    const byName = new Map<string, Member[]>()
    for (const member of members)
      byName.set(member.name, [...(byName.get(member.name) ?? []), member])

    const problems: FieldProblem[] = []
    const values: StudyRecordInput[] = []
    const seen = new Set<string>()
    let sliceStart = performance.now()
    for (const [index, row] of rows.entries()) {
      // Checked inside the transaction against its members: let the page run now and then.
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldInTransaction()
        sliceStart = performance.now()
      }
      const match = matchMember(row, byIdNumber, byName)
      if (!match.member) {
        problems.push({ field: `${index}.${match.field}`, code: match.problem ?? 'notFound' })
        continue
      }
      const result = validateStudyEntry(
        {
          memberId: match.member.id,
          orgId,
          studiedOn: row.studiedOn,
          kind: row.kind,
          topic: row.topic,
          hours: row.hours,
          place: row.place,
          note: row.note,
          confirmed: 'yes',
          meetingId: '',
        },
        today,
        settings,
      )
      if (!result.ok) {
        problems.push(...result.problems.map((p) => ({ ...p, field: `${index}.${p.field}` })))
        continue
      }
      const key = recordKey(result.value.memberId, result.value.studiedOn, result.value.topic)
      if (seen.has(key)) {
        problems.push({ field: `${index}.topic`, code: 'duplicate' })
        continue
      }
      seen.add(key)
      values.push(result.value)
    }
    if (problems.length > 0) throw new ValidationError(problems)

    const memberIds = [...new Set(values.map((value) => value.memberId))]
    const existing = await db.studyRecords.where('memberId').anyOf(memberIds).toArray()
    const byKey = new Map(
      existing
        .filter((r) => r.meetingId === '')
        .map((r) => [recordKey(r.memberId, r.studiedOn, r.topic), r]),
    )
    const stale = staleCounter(options.expected)
    for (const value of values) {
      const key = recordKey(value.memberId, value.studiedOn, value.topic)
      stale.check(key, byKey.get(key))
    }
    stale.throwIfStale()
    const now = nowIso()
    const writes = new ImportWrites(db.studyRecords)
    let done = 0
    for (const chunk of chunksOf(values)) {
      for (const value of chunk) {
        const before = byKey.get(recordKey(value.memberId, value.studiedOn, value.topic))
        const record: StudyRecord = {
          ...(before ?? {}),
          ...plain(value),
          id: before?.id ?? newId(),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
        }
        writes.note(before, record)
      }
      await writes.flush()
      done += chunk.length
      options.onProgress?.(done / values.length)
    }
    return writes.finish(values.length, options.summary)
  })
}
