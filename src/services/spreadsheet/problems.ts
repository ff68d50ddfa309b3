import type { FieldProblem, ValidationCode } from '@/domain/validation'

/** Validation codes, plus what only a sheet can get wrong. */
export type ImportProblemCode = ValidationCode | 'ambiguous' | 'cycle'

/** One problem of one sheet row; `row` is the number Excel shows. */
export interface RowProblem {
  row: number
  field: string
  code: ImportProblemCode
  params?: Record<string, string | number>
}

export interface ValidRow<T> {
  row: number
  value: T
}

export interface ParsedRows<T> {
  valid: ValidRow<T>[]
  problems: RowProblem[]
  /** Rows read (blank rows are not counted). */
  rowCount: number
  /** Rows with at least one problem. */
  invalidCount: number
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
  'tooLarge' | 'tooManyRows' | 'unreadable' | 'empty' | 'noHeader' | 'missingColumns' | 'hasErrors'

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
