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
