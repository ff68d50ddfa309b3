import type { FieldProblem } from '@/domain/validation'
import { ValidationError } from '../errors'

/** Unwrap a domain validation result, or throw with every field problem. */
export function orThrow<T>(
  result: { ok: true; value: T } | { ok: false; problems: FieldProblem[] },
): T {
  if (!result.ok) throw new ValidationError(result.problems)
  return result.value
}
