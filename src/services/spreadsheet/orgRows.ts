import type { OrgImportInput } from '@/db'
import { normalizeCreditCode } from '@/domain/creditCode'
import type { Org } from '@/domain/types'
import { validateOrg, type OrgInput } from '@/domain/validation'
import type { AreaLookup } from './areas'
import { cellDate, cellList, cellNumber, cellText, isEmptyRow, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import { orgTypeOf } from './labels'
import { atRow, type ParsedRows, type RowProblem } from './problems'

/**
 * An org row ready for the repository. The parent is named, not linked: when it is
 * another row of the same file it has no id until the import writes, so `parentName` is
 * kept and the repository links it ('' = `input.parentId` already says it, or no parent).
 */
export type OrgImportRow = OrgImportInput

export interface OrgImportContext {
  areas: AreaLookup
  /** The orgs already in the register: parents by name, upserts, cycles. */
  orgs: readonly Pick<Org, 'id' | 'name' | 'parentId' | 'areaId'>[]
  /** Credit code → id of the firms in the register named by the file. */
  firmIdByCreditCode: ReadonlyMap<string, string>
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
  return [...new Set(codes.map(normalizeCreditCode))]
}

interface Pending {
  row: number
  input: OrgInput
  parentName: string
  problems: RowProblem[]
}

const UNRESOLVED = '?'

/**
 * Org rows → inputs and problems. Parents are found by name among the file's rows first,
 * then among the register's orgs; a name that fits several is 'ambiguous'. Host firms are
 * credit codes separated by 、 , or ; and must be in the register. A parent chain that
 * loops is a 'cycle' on every row of the loop.
 */
export function parseOrgRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: OrgImportContext,
): ParsedRows<OrgImportRow> {
  const parser = createOrgRowParser(mapping, context)
  for (const row of rows) parser.add(row)
  return parser.result()
}

/**
 * parseOrgRows a row at a time (a caller yields to the page between chunks); `result`
 * links the parents once every row is in.
 */
export function createOrgRowParser(mapping: ColumnMapping, context: OrgImportContext) {
  const cellOf = (row: SheetRow, field: string) => {
    const column = mapping[field]
    return column === null || column === undefined ? null : (row.cells[column] ?? null)
  }
  const pending: Pending[] = []
  const seenKeys = new Map<string, number>()
  let rowCount = 0
  function add(row: SheetRow): void {
    if (isEmptyRow(row)) return
    rowCount++
    const text = (field: string) => cellText(cellOf(row, field))
    const problems: RowProblem[] = []
    const area = context.areas.find(text('areaId'))
    if (!area.ok) problems.push({ row: row.number, field: 'areaId', code: area.code })
    const hostFirmIds: string[] = []
    for (const code of cellList(cellOf(row, 'hostFirmIds')).map(normalizeCreditCode)) {
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
    const input = {
      name: text('name'),
      type: orgTypeOf(text('type')),
      parentId: '',
      areaId: area.ok ? area.id : UNRESOLVED,
      hostFirmIds: [...new Set(hostFirmIds)],
      foundedOn: cellDate(cellOf(row, 'foundedOn')),
      dissolvedOn: cellDate(cellOf(row, 'dissolvedOn')),
      committee: [],
      termStartOn: cellDate(cellOf(row, 'termStartOn')),
      termYears: cellNumber(cellOf(row, 'termYears')),
      note: text('note'),
    }
    const checked = validateOrg(input)
    if (!checked.ok) problems.push(...atRow(row.number, checked.problems))
    const key = orgKey(input.name, input.areaId)
    const first = seenKeys.get(key)
    if (input.name !== '' && first !== undefined) {
      problems.push({ row: row.number, field: 'name', code: 'duplicate', params: { row: first } })
    } else seenKeys.set(key, row.number)
    pending.push({
      row: row.number,
      input: checked.ok ? checked.value : (input as unknown as OrgInput),
      parentName: text('parentName'),
      problems,
    })
  }
  function result(): ParsedRows<OrgImportRow> {
    linkParents(pending, context)
    const parsed: ParsedRows<OrgImportRow> = { valid: [], problems: [], rowCount, invalidCount: 0 }
    for (const item of pending) {
      if (item.problems.length > 0) {
        parsed.problems.push(...item.problems)
        parsed.invalidCount++
      } else {
        parsed.valid.push({
          row: item.row,
          value: { input: item.input, parentName: item.parentName },
        })
      }
    }
    return parsed
  }
  return { add, result }
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
    let parent = ''
    if (name !== '') {
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
