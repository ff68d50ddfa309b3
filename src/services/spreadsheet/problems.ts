import type { FieldProblem, ValidationCode } from '@/domain/validation'

/** Validation codes, plus what only a sheet can get wrong. */
export type ImportProblemCode =
  | ValidationCode
  | 'ambiguous'
  | 'cycle'
  /** An 18-digit number kept by the spreadsheet as a number: its last digits are lost. */
  | 'storedAsNumber'
  /** A date given to the month (2017年9月) where the day matters. */
  | 'monthOnly'
  /** A word of an enumerated column no table knows and no one mapped; names the accepted. */
  | 'unknownValue'
  /** A field a new record needs, in a row that matches no record, left blank or unmapped. */
  | 'requiredForNew'
  /** A dues month that cannot be read as a month (2026-03, 2026年3月, an Excel date). */
  | 'invalidMonth'
  /** A dues month that has not come yet. */
  | 'futureMonth'
  /** A dues month before the member's first (dues.ts duesStartMonth). */
  | 'beforeDuesStart'
  /** A member without the date dues start from (branch vote or full-member date). */
  | 'noDuesStart'
  /** A member outside the org subtree the user may write. */
  | 'outOfScope'
  /** Two members of the org bear the row's name: the ID number tells them apart. */
  | 'namesake'
  /** Two orgs bear the name of the row's org column. */
  | 'orgNamesake'
  /** A money cell that is not an amount, or a negative one. */
  | 'notAmount'
  | 'negativeAmount'
  /** A member of a temporary branch: it collects no dues. */
  | 'temporaryNoDues'
  /** A member with no base on record, in a row that gives none. */
  | 'noBase'
  /** Warnings (the row is written once accepted): the due or paid differ from the rules. */
  | 'dueDiffers'
  | 'paidDiffers'
  /** Not a problem: the person chose to leave rows with this word out. */
  | 'skippedByChoice'

/** One problem of one sheet row; `row` is the number Excel shows. */
export interface RowProblem {
  row: number
  field: string
  code: ImportProblemCode
  params?: Record<string, string | number>
}

/** What a checked row will do: add a record, change one, or leave one as it is. */
export type RowAction = 'create' | 'update' | 'unchanged'

/** One field of a record the import changes, as stored now and as it will be. */
export interface FieldChange {
  field: string
  from: string
  to: string
}

export interface ValidRow<T> {
  row: number
  value: T
  action: RowAction
  /** For updates, every field that changes ('' = nothing stored). */
  changes: FieldChange[]
  /** The record's name, so the preview can say which record changes. */
  label: string
}

export interface ParsedRows<T> {
  valid: ValidRow<T>[]
  problems: RowProblem[]
  /** Rows read (blank rows are not counted). */
  rowCount: number
  /** Rows with at least one problem. */
  invalidCount: number
  /** Rows left out by the person's choice in the value step (not problems). */
  skipped: RowProblem[]
}

export function emptyParsed<T>(): ParsedRows<T> {
  return { valid: [], problems: [], rowCount: 0, invalidCount: 0, skipped: [] }
}

/** Nested fields ('hostFirmIds.0') are reported on their column. */
export function atRow(row: number, problems: readonly FieldProblem[]): RowProblem[] {
  return problems.map((problem) => ({
    row,
    field: problem.field.split('.')[0] ?? problem.field,
    code: problem.code,
    ...(problem.params ? { params: problem.params } : {}),
  }))
}

/** A file-level refusal, before any row is read. */
export type SpreadsheetErrorCode =
  | 'tooLarge'
  | 'tooManyRows'
  | 'unreadable'
  | 'empty'
  | 'noHeader'
  | 'missingColumns'
  | 'hasErrors'
  /** A dues sheet with warnings the user has not accepted. */
  | 'unacceptedWarnings'
  /** An old binary .xls, a WPS .et or an OpenDocument sheet: saved as .xlsx it reads. */
  | 'saveAsXlsx'

export class SpreadsheetError extends Error {
  readonly code: SpreadsheetErrorCode
  readonly params: Record<string, string | number>
  constructor(code: SpreadsheetErrorCode, params: Record<string, string | number> = {}) {
    super(`spreadsheet: ${code}`)
    this.name = 'SpreadsheetError'
    this.code = code
    this.params = params
  }
}
