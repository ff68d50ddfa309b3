import { normalizeCreditCode } from '@/domain/creditCode'
import type { Firm } from '@/domain/types'
import { validateFirm, type FirmInput } from '@/domain/validation'
import { joinAreaParts, type AreaLookup } from './areas'
import { cellNumber, readCode, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import {
  cellReader,
  createRowPlanner,
  fieldChanges,
  mergedProblems,
  readDates,
  readValues,
  type PlannedRows,
  type RowPatch,
} from './plan'
import type { RowProblem } from './problems'
import type { ValueReader } from './values'

/** A new firm's fields before the sheet's cells are laid over them. */
export const FIRM_DEFAULTS: FirmInput = {
  name: '',
  creditCode: '',
  areaId: '',
  // An empty industry means 'other' and an empty size 'below': older registers leave them out.
  industry: 'other',
  sizeClass: 'below',
  employees: 0,
  registeredOn: '',
  closedOn: '',
  instructor: '',
  liaison: '',
  address: '',
  note: '',
}

const FIRM_FIELDS = Object.keys(FIRM_DEFAULTS) as (keyof FirmInput)[]
const TEXT_FIELDS = ['name', 'instructor', 'liaison', 'address', 'note'] as const

export interface FirmRowsContext {
  areas: AreaLookup
  values: ValueReader
}

export type FirmPatch = RowPatch<Partial<FirmInput>>

/** One sheet row as the firm fields its non-blank cells give; keyed by credit code. */
export function firmPatchFromRow(
  row: SheetRow,
  mapping: ColumnMapping,
  context: FirmRowsContext,
): FirmPatch {
  const { cell, text } = cellReader(row, mapping)
  const patch: Record<string, unknown> = {}
  const problems: RowProblem[] = []
  for (const field of TEXT_FIELDS) if (text(field) !== '') patch[field] = text(field)
  const code = readCode(cell('creditCode'))
  if (!code.ok) {
    problems.push({
      row: row.number,
      field: 'creditCode',
      code: code.code,
      params: { value: code.text },
    })
  } else if (code.text !== '') patch.creditCode = normalizeCreditCode(code.text)
  const areaText = joinAreaParts([text('areaCity'), text('areaId'), text('areaPark')])
  if (areaText !== '') {
    const area = context.areas.find(areaText)
    if (area.ok) patch.areaId = area.id
    else
      problems.push({
        row: row.number,
        field: 'areaId',
        code: area.code,
        params: { value: areaText },
      })
  }
  const skipped = readValues(row, ['industry', 'sizeClass'], text, context.values, patch, problems)
  if (text('employees') !== '') patch.employees = cellNumber(cell('employees'))
  // 成立日期 to the month is common and harmless; a closing date needs its day.
  readDates(row, ['registeredOn', 'closedOn'], cell, patch, problems, ['registeredOn'])
  return {
    row: row.number,
    key: typeof patch.creditCode === 'string' ? patch.creditCode : '',
    patch: patch as Partial<FirmInput>,
    problems,
    skipped,
  }
}

export function firmInputOf(firm: Firm): FirmInput {
  return Object.fromEntries(
    FIRM_FIELDS.map((field) => [field, firm[field]]),
  ) as unknown as FirmInput
}

/**
 * Firm rows in two steps (createRowPlanner): each row's cells, then each patch laid over the
 * stored firm with its credit code (or a new firm's defaults), validated whole, its changes listed.
 */
export function createFirmRowParser(
  mapping: ColumnMapping,
  context: FirmRowsContext,
  hasColumn: (field: string) => boolean = (field) => mapping[field] != null,
) {
  const areaMapped = ['areaId', 'areaCity', 'areaPark'].some(hasColumn)
  const show = (field: keyof FirmInput, value: unknown) =>
    field === 'areaId' ? context.areas.label(String(value)) : String(value ?? '')
  return createRowPlanner<Partial<FirmInput>, Firm, FirmInput>(
    'creditCode',
    (row) => firmPatchFromRow(row, mapping, context),
    (item, before) => {
      const base = before ? firmInputOf(before) : FIRM_DEFAULTS
      const checked = validateFirm({ ...base, ...item.patch })
      const problems = mergedProblems(item.row, item.problems, checked.ok ? [] : checked.problems)
      if (!before) newFirmProblems(item, problems, { name: hasColumn('name'), areaId: areaMapped })
      if (!checked.ok) return { problems, value: null, changes: [], label: '' }
      const changes = before ? fieldChanges(base, checked.value, FIRM_FIELDS, show) : []
      return { problems, value: checked.value, changes, label: checked.value.name }
    },
  )
}

/** A row that adds a firm needs a name and an area: said in those words when the column is missing. */
function newFirmProblems(
  item: FirmPatch,
  problems: RowProblem[],
  mapped: Record<'name' | 'areaId', boolean>,
): void {
  for (const field of ['name', 'areaId'] as const) {
    if (mapped[field]) continue
    const at = problems.findIndex(
      (problem) => problem.field === field && problem.code === 'required',
    )
    if (at >= 0) problems[at] = { row: item.row, field, code: 'requiredForNew' }
  }
}

/** Every row at once (tests and small files): the stored firms by credit code in `existing`. */
export function parseFirmRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: FirmRowsContext,
  existing: ReadonlyMap<string, Firm> = new Map(),
): PlannedRows<FirmInput> {
  const parser = createFirmRowParser(mapping, context)
  for (const row of rows) parser.add(row)
  for (const item of parser.pending) parser.plan(item, existing)
  return parser.result()
}
