import type { FieldProblem } from '@/domain/validation'
import { cellText, isEmptyRow, readDate, type CellValue, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import { emptyParsed, type FieldChange, type ParsedRows, type RowProblem } from './problems'
import type { ValueReader } from './values'

/**
 * Shared steps of every import's check. A row is first read into a patch of the fields its
 * mapped, non-blank cells give (a blank cell leaves the stored value); the patch is then laid
 * over the stored record it matches (or a new record's defaults) and the whole validated,
 * so an update writes only what the sheet has, and the preview lists each field it changes.
 */

/** The cells of one row by field. */
export function cellReader(row: SheetRow, mapping: ColumnMapping) {
  const cell = (field: string): CellValue => {
    const column = mapping[field]
    return column === null || column === undefined ? null : (row.cells[column] ?? null)
  }
  return { cell, text: (field: string) => cellText(cell(field)) }
}

/** A row read into the fields its cells give, before it meets the register. */
export interface RowPatch<P> {
  row: number
  /** What finds the stored record ('' = the row can only add one). */
  key: string
  patch: P
  /** Problems of the cells themselves (a bad date, an unknown word …). */
  problems: RowProblem[]
  /** Set when the person chose to leave rows with this value out. */
  skipped: RowProblem | null
}

/**
 * The stored record a preview was built on, as text: the write refuses the import when a
 * record no longer reads the same (changed in another tab, by a merge or a sync meanwhile).
 * null = the preview found no record under that key.
 */
export function fingerprint(record: object | undefined | null): string | null {
  return record ? JSON.stringify(record) : null
}

/** The fields of `after` that differ from `before`, shown through `show`. */
export function fieldChanges<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
  show: (field: keyof T & string, value: unknown) => string = (_field, value) => plainText(value),
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of fields) {
    const from = before[field]
    const to = after[field]
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    changes.push({ field, from: show(field, from), to: show(field, to) })
  }
  return changes
}

function plainText(value: unknown): string {
  if (Array.isArray(value)) return value.map(plainText).join('、')
  return value === null || value === undefined ? '' : String(value)
}

/** Validation problems of the merged record, minus those of fields whose cell was already named. */
export function mergedProblems(
  row: number,
  cellProblems: readonly RowProblem[],
  validation: readonly FieldProblem[],
  columnOf: (field: string) => string = (field) => field.split('.')[0] ?? field,
): RowProblem[] {
  const named = new Set(cellProblems.map((problem) => problem.field))
  const extra = validation
    .map((problem) => ({
      row,
      field: columnOf(problem.field),
      code: problem.code,
      ...(problem.params ? { params: problem.params } : {}),
    }))
    .filter((problem) => !named.has(problem.field))
  return [...cellProblems, ...extra]
}

/** Reads the enumerated cells of a row into `patch`, or notes the problem or the skip. */
export function readValues(
  row: SheetRow,
  fields: readonly string[],
  text: (field: string) => string,
  values: ValueReader,
  patch: Record<string, unknown>,
  problems: RowProblem[],
): RowProblem | null {
  let skipped: RowProblem | null = null
  for (const field of fields) {
    const value = text(field)
    if (value === '') continue
    const read = values(field, value)
    if (read.kind === 'code') patch[field] = read.code
    else if (read.kind === 'skip')
      skipped ??= { row: row.number, field, code: 'skippedByChoice', params: { value } }
    else
      problems.push({
        row: row.number,
        field,
        code: 'unknownValue',
        params: { value, allowed: read.allowed },
      })
  }
  return skipped
}

/** Reads date cells into `patch`; `monthFields` accept a month-only date as its first day. */
export function readDates(
  row: SheetRow,
  fields: readonly string[],
  cell: (field: string) => CellValue,
  patch: Record<string, unknown>,
  problems: RowProblem[],
  monthFields: readonly string[] = [],
): void {
  for (const field of fields) {
    const read = readDate(cell(field), monthFields.includes(field))
    if (!read.ok)
      problems.push({ row: row.number, field, code: read.code, params: { value: read.text } })
    else if (read.date !== '') patch[field] = read.date
  }
}

/** The same key in two rows of one file: the later row is the problem. */
export function duplicateKeys() {
  const firstRow = new Map<string, number>()
  return (key: string, row: number, field: string): RowProblem | null => {
    if (key === '') return null
    const first = firstRow.get(key)
    if (first !== undefined && first !== row) {
      return { row, field, code: 'duplicate', params: { row: first } }
    }
    firstRow.set(key, row)
    return null
  }
}

/** Checked rows, and for each key the stored record (as JSON) the write must still find. */
export type PlannedRows<T> = ParsedRows<T> & { expected: Map<string, string | null> }

/** What planning one patch against its stored record gives. */
export interface RowPlan<T> {
  problems: RowProblem[]
  /** The validated record input; null when it did not validate. */
  value: T | null
  changes: FieldChange[]
  label: string
}

/**
 * The two steps every keyed import shares: `add` reads each row's cells into a patch (the
 * caller yields to the page between slices), `keys` are what to look up in the register, and
 * `plan` lays each patch over its stored record through `planOne`, files the row under the
 * problems or the valid rows (new, update, unchanged), and notes what the write must find.
 */
export function createRowPlanner<P, S extends object, T>(
  keyField: string,
  read: (row: SheetRow) => RowPatch<P>,
  planOne: (item: RowPatch<P>, stored: S | undefined) => RowPlan<T>,
) {
  const result: PlannedRows<T> = { ...emptyParsed<T>(), expected: new Map() }
  const pending: RowPatch<P>[] = []
  const repeated = duplicateKeys()
  return {
    pending,
    add(row: SheetRow): void {
      if (isEmptyRow(row)) return
      result.rowCount++
      pending.push(read(row))
    },
    keys: (): string[] => [...new Set(pending.map((item) => item.key).filter((key) => key !== ''))],
    plan(item: RowPatch<P>, existing: ReadonlyMap<string, S>): void {
      if (item.skipped) {
        result.skipped.push(item.skipped)
        return
      }
      const stored = item.key === '' ? undefined : existing.get(item.key)
      const { problems, value, changes, label } = planOne(item, stored)
      const duplicate = repeated(item.key, item.row, keyField)
      if (duplicate) problems.push(duplicate)
      if (problems.length > 0 || value === null) {
        result.problems.push(...problems)
        result.invalidCount++
        return
      }
      const action = stored ? (changes.length > 0 ? 'update' : 'unchanged') : 'create'
      result.valid.push({ row: item.row, value, action, changes, label })
      if (item.key !== '') result.expected.set(item.key, fingerprint(stored))
    },
    result: () => result,
  }
}
