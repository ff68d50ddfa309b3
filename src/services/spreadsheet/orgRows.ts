import type { OrgImportInput } from '@/db'
import { normalizeCreditCode } from '@/domain/creditCode'
import type { Org } from '@/domain/types'
import { validateOrg, type OrgInput } from '@/domain/validation'
import { joinAreaParts, type AreaLookup } from './areas'
import { cellList, cellNumber, isEmptyRow, readCode, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
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
 * An org row ready for the repository. The parent is named, not linked: when it is
 * another row of the same file it has no id until the import writes, so `parentName` is
 * kept and the repository links it ('' = `input.parentId` already says it, or no parent).
 */
export type OrgImportRow = OrgImportInput

export interface OrgImportContext {
  areas: AreaLookup
  /** The orgs already in the register: parents by name, upserts, cycles. */
  orgs: readonly Org[]
  /** Credit code → id of the firms in the register named by the file. */
  firmIdByCreditCode: ReadonlyMap<string, string>
  values: ValueReader
}

/**
 * An org is the same org when its name and area are: two branches of one name may exist
 * in different areas ('办公室党支部'), but not in one.
 */
export function orgKey(name: string, areaId: string): string {
  return `${name.trim()}\u0000${areaId}`
}

/** Credit codes a mapped sheet names in its host-firm column, for one lookup in the db. */
export function hostCreditCodes(rows: readonly SheetRow[], mapping: ColumnMapping): string[] {
  const column = mapping.hostFirmIds
  if (column === null || column === undefined) return []
  const codes = rows.flatMap((row) => cellList(row.cells[column] ?? null))
  return [...new Set(codes.map(foldCreditCode))]
}

function foldCreditCode(text: string): string {
  const read = readCode(text)
  return normalizeCreditCode(read.text)
}

/** Stands in for an area the sheet names wrongly, so the row's other fields still validate. */
const UNRESOLVED = '?'

interface Pending {
  row: number
  input: OrgInput
  parentName: string
  problems: RowProblem[]
  /** The stored org this row updates. */
  before: Org | null
}

/** A new org's fields before the sheet's cells are laid over them. */
const ORG_DEFAULTS: OrgInput = {
  name: '',
  type: undefined as unknown as OrgInput['type'],
  parentId: '',
  areaId: '',
  hostFirmIds: [],
  foundedOn: '',
  dissolvedOn: '',
  committee: [],
  termStartOn: '',
  termYears: 0,
  note: '',
}

const ORG_FIELDS = Object.keys(ORG_DEFAULTS) as (keyof OrgInput)[]
const CHANGE_FIELDS = ORG_FIELDS.filter((field) => field !== 'committee' && field !== 'name')

function orgInputOf(org: Org): OrgInput {
  return Object.fromEntries(ORG_FIELDS.map((field) => [field, org[field]])) as unknown as OrgInput
}

/**
 * Org rows → inputs and problems. Parents are found by name among the file's rows first,
 * then among the register's orgs; a name that fits several is 'ambiguous'. Host firms are
 * credit codes separated by 、 , or ; and must be in the register. A parent chain that
 * loops is a 'cycle' on every row of the loop. A row whose name and area match a stored org
 * updates it with the fields its non-blank cells give; the committee is never in the sheet.
 */
export function parseOrgRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: OrgImportContext,
): PlannedRows<OrgImportRow> {
  const parser = createOrgRowParser(mapping, context)
  for (const row of rows) parser.add(row)
  return parser.result()
}

/**
 * parseOrgRows a row at a time (a caller yields to the page between chunks); `result`
 * links the parents once every row is in.
 */
export function createOrgRowParser(mapping: ColumnMapping, context: OrgImportContext) {
  const cell = (row: SheetRow, field: string) => cellReader(row, mapping).cell(field)
  const text = (row: SheetRow, field: string) => cellReader(row, mapping).text(field)
  const pending: Pending[] = []
  const seenKeys = duplicateKeys()
  const stored = new Map(context.orgs.map((org) => [orgKey(org.name, org.areaId), org]))
  let rowCount = 0
  const skipped: RowProblem[] = []
  function add(row: SheetRow): void {
    if (isEmptyRow(row)) return
    rowCount++
    const problems: RowProblem[] = []
    const patch: Record<string, unknown> = {}
    const name = text(row, 'name')
    if (name !== '') patch.name = name
    if (text(row, 'note') !== '') patch.note = text(row, 'note')
    const areaText = joinAreaParts([
      text(row, 'areaCity'),
      text(row, 'areaId'),
      text(row, 'areaPark'),
    ])
    const area = context.areas.find(areaText)
    if (area.ok) patch.areaId = area.id
    else
      problems.push({
        row: row.number,
        field: 'areaId',
        code: area.code,
        ...(areaText ? { params: { value: areaText } } : {}),
      })
    const skip = readValues(
      row,
      ['type'],
      (field) => text(row, field),
      context.values,
      patch,
      problems,
    )
    if (skip) {
      skipped.push(skip)
      return
    }
    if (text(row, 'hostFirmIds') !== '') {
      const hostFirmIds: string[] = []
      for (const code of cellList(cell(row, 'hostFirmIds')).map(foldCreditCode)) {
        const id = context.firmIdByCreditCode.get(code)
        if (id) hostFirmIds.push(id)
        else
          problems.push({
            row: row.number,
            field: 'hostFirmIds',
            code: 'notFound',
            params: { value: code },
          })
      }
      patch.hostFirmIds = [...new Set(hostFirmIds)]
    }
    readDates(
      row,
      ['foundedOn', 'dissolvedOn', 'termStartOn'],
      (field) => cell(row, field),
      patch,
      problems,
      ['foundedOn'],
    )
    if (text(row, 'termYears') !== '') patch.termYears = cellNumber(cell(row, 'termYears'))
    const before = area.ok ? (stored.get(orgKey(name, area.id)) ?? null) : null
    const base = before ? orgInputOf(before) : ORG_DEFAULTS
    const merged = { ...base, areaId: UNRESOLVED, ...patch, committee: base.committee }
    const checked = validateOrg(merged)
    const all = mergedProblems(row.number, problems, checked.ok ? [] : checked.problems)
    const duplicate = seenKeys(orgKey(name, area.ok ? area.id : UNRESOLVED), row.number, 'name')
    if (name !== '' && duplicate) all.push(duplicate)
    pending.push({
      row: row.number,
      input: checked.ok ? checked.value : (merged as unknown as OrgInput),
      parentName: text(row, 'parentName'),
      problems: all,
      before,
    })
  }
  function result(): PlannedRows<OrgImportRow> {
    linkParents(pending, context)
    const parsed: PlannedRows<OrgImportRow> = {
      ...emptyParsed<OrgImportRow>(),
      rowCount,
      skipped,
      expected: new Map(),
    }
    const nameOf = orgNames(pending, context)
    const show = (field: keyof OrgInput, value: unknown) => {
      if (field === 'areaId') return context.areas.label(String(value))
      if (field === 'parentId') return nameOf(String(value))
      if (field === 'hostFirmIds')
        return (value as string[]).length === 0 ? '' : String((value as string[]).length)
      return String(value ?? '')
    }
    for (const item of pending) {
      if (item.problems.length > 0) {
        parsed.problems.push(...item.problems)
        parsed.invalidCount++
        continue
      }
      const before = item.before ? orgInputOf(item.before) : null
      const after =
        item.parentName !== '' ? { ...item.input, parentId: `name:${item.parentName}` } : item.input
      const changes = before ? fieldChanges(before, after, CHANGE_FIELDS, show) : []
      parsed.valid.push({
        row: item.row,
        value: { input: item.input, parentName: item.parentName },
        action: before ? (changes.length > 0 ? 'update' : 'unchanged') : 'create',
        changes,
        label: item.input.name,
      })
      parsed.expected.set(orgKey(item.input.name, item.input.areaId), fingerprint(item.before))
    }
    return parsed
  }
  return { add, result }
}

/** Names for parent ids in the preview: stored orgs by id, new parents as 'name:<name>'. */
function orgNames(pending: readonly Pending[], context: OrgImportContext): (id: string) => string {
  const names = new Map(context.orgs.map((org) => [org.id, org.name]))
  return (id) => (id.startsWith('name:') ? id.slice(5) : (names.get(id) ?? ''))
}

/** Resolves parents to existing ids where the file does not define them, and finds loops. */
function linkParents(pending: Pending[], context: OrgImportContext): void {
  const fileByName = new Map<string, Pending[]>()
  for (const item of pending) {
    const list = fileByName.get(item.input.name)
    if (list) list.push(item)
    else fileByName.set(item.input.name, [item])
  }
  const dbByName = new Map<string, string[]>()
  for (const org of context.orgs) {
    const list = dbByName.get(org.name)
    if (list) list.push(org.id)
    else dbByName.set(org.name, [org.id])
  }
  const existingId = new Map(context.orgs.map((org) => [orgKey(org.name, org.areaId), org.id]))
  // Node of each row in the parent graph: its existing id when it updates an org.
  const nodeOf = (item: Pending) =>
    existingId.get(orgKey(item.input.name, item.input.areaId)) ?? `row:${item.row}`
  const parentOf = new Map(context.orgs.map((org) => [org.id, org.parentId]))
  for (const item of pending) {
    const name = item.parentName
    // No parent named: an update keeps the stored one, a new org has none.
    let parent = item.input.parentId
    if (name !== '') {
      parent = ''
      const inFile = fileByName.get(name) ?? []
      const inDb = dbByName.get(name) ?? []
      if (inFile.length === 1 && inFile[0]) {
        parent = nodeOf(inFile[0])
      } else if (inFile.length === 0 && inDb.length === 1 && inDb[0]) {
        parent = inDb[0]
      } else {
        const code = inFile.length + inDb.length === 0 ? 'notFound' : 'ambiguous'
        item.problems.push({ row: item.row, field: 'parentName', code })
      }
      // A parent already in the register is linked now; a new one when the import writes.
      if (parent !== '' && !parent.startsWith('row:')) {
        item.input = { ...item.input, parentId: parent }
        item.parentName = ''
      }
    }
    parentOf.set(nodeOf(item), parent)
  }
  for (const item of pending) {
    const start = nodeOf(item)
    const seen = new Set<string>()
    for (
      let at = parentOf.get(start) ?? '';
      at !== '' && !seen.has(at);
      at = parentOf.get(at) ?? ''
    ) {
      if (at === start) {
        item.problems.push({ row: item.row, field: 'parentName', code: 'cycle' })
        break
      }
      seen.add(at)
    }
  }
  // A row whose new parent is left out for its own problems cannot be written either.
  const failed = new Set(
    pending.filter((item) => item.problems.length > 0).map((item) => item.input.name),
  )
  for (let changed = true; changed;) {
    changed = false
    for (const item of pending) {
      if (item.problems.length > 0 || item.parentName === '' || !failed.has(item.parentName))
        continue
      item.problems.push({ row: item.row, field: 'parentName', code: 'notFound' })
      failed.add(item.input.name)
      changed = true
    }
  }
}
