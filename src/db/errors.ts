import type { FieldProblem } from '@/domain/validation'

/** Thrown by repositories when input fails validation; nothing was written. */
export class ValidationError extends Error {
  readonly problems: FieldProblem[]
  constructor(problems: FieldProblem[]) {
    super(`validation failed: ${problems.map((p) => `${p.field}:${p.code}`).join(', ')}`)
    this.name = 'ValidationError'
    this.problems = problems
  }
}

/** Thrown when a record that should exist does not (deleted in another tab, say). */
export class NotFoundError extends Error {
  constructor(table: string, id: string) {
    super(`${table} ${id} not found`)
    this.name = 'NotFoundError'
  }
}

/** Thrown when a write would break a link between records (e.g. deleting a used area). */
export class ConflictError extends Error {
  readonly code: string
  constructor(code: string) {
    super(code)
    this.name = 'ConflictError'
    this.code = code
  }
}

/**
 * Thrown when a save was made from a form opened on an older revision of the record: it
 * changed meanwhile (another tab, an import, a merge). Nothing was written; the record as it
 * is now comes along so the user can reload or compare.
 */
export class StaleRevisionError extends Error {
  readonly table: string
  readonly id: string
  /** The revision the form was opened on. */
  readonly expected: string
  /** The record as stored now (undefined: deleted meanwhile). */
  readonly current: Record<string, unknown> | undefined
  /** What the refused save would have written, for a comparison. */
  readonly attempted: Record<string, unknown> | undefined
  constructor(
    table: string,
    id: string,
    expected: string,
    current: Record<string, unknown> | undefined,
    attempted?: Record<string, unknown>,
  ) {
    super(`${table} ${id} changed since revision ${expected}`)
    this.name = 'StaleRevisionError'
    this.table = table
    this.id = id
    this.expected = expected
    this.current = current
    this.attempted = attempted
  }
}
