import {
  importStudyRecords,
  readStudyImportContext,
  studyRecordKey,
  type ImportCounts,
  type ImportOptions,
  type StudyImportContext,
  type StudyImportRow,
} from '@/db'
import { normalizeIdNumber } from '@/domain/idNumber'
import { validateStudyEntry } from '@/domain/study'
import type { Member, StudyRecord } from '@/domain/types'
import { cellNumber, isEmptyRow, readCode, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import { feedRows, type OnProgress } from './slices'
import {
  cellReader,
  duplicateKeys,
  fieldChanges,
  fingerprint,
  mergedProblems,
  readDates,
  readValues,
  type PlannedRows,
} from './plan'
import { emptyParsed, type RowProblem } from './problems'
import type { ValueReader } from './values'

/**
 * A study sheet into one org (姓名/身份证号 + 日期 + 学时 + 内容), through the same steps as the
 * registers: a row finds its member by ID number, or by a name unique in the org, and its
 * record by member, day and topic; a record already there changes only in the columns the
 * sheet has (hours, kind, place, note), so importing a sheet twice doubles nobody's hours.
 */
export type StudyImportPlan = PlannedRows<StudyImportRow> & { orgId: string }

type StudyPatch = Partial<
  Record<'name' | 'idNumber' | 'studiedOn' | 'topic' | 'kind' | 'place' | 'note', string>
> & {
  hours?: number | string
}

function matchMember(
  patch: StudyPatch,
  byIdNumber: ReadonlyMap<string, Member>,
  byName: ReadonlyMap<string, Member[]>,
):
  { member: Member } | { field: 'idNumber' | 'name'; code: 'notFound' | 'required' | 'ambiguous' } {
  if (patch.idNumber) {
    const member = byIdNumber.get(patch.idNumber)
    return member ? { member } : { field: 'idNumber', code: 'notFound' }
  }
  if (!patch.name) return { field: 'name', code: 'required' }
  const candidates = byName.get(patch.name) ?? []
  if (candidates.length === 1 && candidates[0]) return { member: candidates[0] }
  // Two members of one name: the sheet must give the ID number.
  return { field: 'name', code: candidates.length === 0 ? 'notFound' : 'ambiguous' }
}

function studyPatch(
  row: SheetRow,
  mapping: ColumnMapping,
  values: ValueReader,
  problems: RowProblem[],
): { patch: StudyPatch; skipped: RowProblem | null } {
  const { cell, text } = cellReader(row, mapping)
  const patch: Record<string, unknown> = {}
  for (const field of ['name', 'topic', 'place', 'note'] as const)
    if (text(field) !== '') patch[field] = text(field)
  const id = readCode(cell('idNumber'))
  if (!id.ok)
    problems.push({ row: row.number, field: 'idNumber', code: id.code, params: { value: id.text } })
  else if (id.text !== '') patch.idNumber = normalizeIdNumber(id.text)
  readDates(row, ['studiedOn'], cell, patch, problems)
  if (text('hours') !== '') patch.hours = cellNumber(cell('hours'))
  const skipped = readValues(row, ['kind'], text, values, patch, problems)
  return { patch: patch as StudyPatch, skipped }
}

const CHANGE_FIELDS = ['hours', 'kind', 'place', 'note'] as const

/** Plan the rows of a study sheet against the org's members and records (reads, writes nothing). */
export async function checkStudyImport(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  values: ValueReader,
  orgId: string,
  onProgress: OnProgress,
): Promise<StudyImportPlan> {
  const context = await readStudyImportContext(orgId)
  const plan = planStudyRows(context, orgId, values, mapping)
  await feedRows(rows, plan.add, onProgress)
  return plan.result()
}

export function planStudyRows(
  context: StudyImportContext,
  orgId: string,
  values: ValueReader,
  mapping: ColumnMapping,
) {
  const byIdNumber = new Map(
    context.members.filter((m) => m.idNumber !== '').map((m) => [m.idNumber, m]),
  )
  const byName = new Map<string, Member[]>()
  for (const member of context.members)
    byName.set(member.name, [...(byName.get(member.name) ?? []), member])
  const result: StudyImportPlan = { ...emptyParsed<StudyImportRow>(), expected: new Map(), orgId }
  const repeated = duplicateKeys()
  function add(row: SheetRow): void {
    if (isEmptyRow(row)) return
    result.rowCount++
    const problems: RowProblem[] = []
    const { patch, skipped } = studyPatch(row, mapping, values, problems)
    if (skipped) {
      result.skipped.push(skipped)
      return
    }
    const match = matchMember(patch, byIdNumber, byName)
    if (!('member' in match))
      problems.push({ row: row.number, field: match.field, code: match.code })
    const member = 'member' in match ? match.member : null
    const key = member ? studyRecordKey(member.id, patch.studiedOn ?? '', patch.topic ?? '') : ''
    const before: StudyRecord | undefined = context.records.get(key)
    const candidate = {
      memberId: member?.id ?? '?',
      orgId,
      studiedOn: patch.studiedOn ?? '',
      topic: patch.topic ?? '',
      kind: patch.kind ?? before?.kind ?? 'collective',
      hours: patch.hours ?? before?.hours,
      place: patch.place ?? before?.place ?? '',
      note: patch.note ?? before?.note ?? '',
      confirmed: 'yes',
      meetingId: '',
    }
    const checked = validateStudyEntry(candidate, context.today, context.settings)
    const all = mergedProblems(row.number, problems, checked.ok ? [] : checked.problems)
    const duplicate = member ? repeated(key, row.number, 'topic') : null
    if (duplicate) all.push(duplicate)
    if (all.length > 0 || !checked.ok || !member) {
      result.problems.push(...all)
      result.invalidCount++
      return
    }
    const value: StudyImportRow = {
      name: member.name,
      idNumber: member.idNumber,
      studiedOn: checked.value.studiedOn,
      hours: checked.value.hours,
      topic: checked.value.topic,
      kind: checked.value.kind,
      place: checked.value.place,
      note: checked.value.note,
    }
    const changes = before
      ? fieldChanges(before, { ...before, ...checked.value }, CHANGE_FIELDS)
      : []
    result.valid.push({
      row: row.number,
      value,
      action: before ? (changes.length > 0 ? 'update' : 'unchanged') : 'create',
      changes,
      label: `${member.name} · ${value.topic}`,
    })
    result.expected.set(key, fingerprint(before))
  }
  return { add, result: () => result }
}

export function writeStudyImport(
  plan: StudyImportPlan,
  options: ImportOptions,
): Promise<ImportCounts> {
  return importStudyRecords(
    plan.orgId,
    plan.valid.map((row) => row.value),
    options,
  )
}
