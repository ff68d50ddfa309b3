import { useI18n } from 'vue-i18n'
import type { FieldProblem } from '@/domain/validation'

/**
 * Where a field's label lives: the message keys to try, first found wins. A problem's field
 * may be a path into a list ('development.introducerIds.1'); each form says how it reads one.
 */
export type LabelKeys = (field: string) => string | readonly string[]

export interface ProblemOptions {
  /**
   * The form item a problem shows under (its el-form-item `prop`), when that is not the
   * problem's field as it stands: a list's entries under the list, say.
   */
  itemOf?: (field: string) => string
}

/** The shared labels of one record kind: `fields.firm.name`. */
export const entityLabels =
  (entity: 'firm' | 'org' | 'area' | 'member'): LabelKeys =>
  (field) =>
    `fields.${entity}.${field}`

/** A field path's first part: 'responsibleConstituentIds.1' → 'responsibleConstituentIds'. */
export const headOf = (field: string): string => field.split('.')[0] ?? field

/** A field path's last named part, list indexes dropped: 'development.joinedOn' → 'joinedOn'. */
export const lastOf = (field: string): string =>
  field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .at(-1) ?? field

/**
 * Turn validation codes into messages naming the field: '请填写企业名称'. `labelOf` gives the
 * message keys of a field's label; a field without one is named as it is. A date that must
 * follow another ('after') names that other field by its label too.
 */
export function useProblems(labelOf: LabelKeys, options: ProblemOptions = {}) {
  const { t, te } = useI18n()
  const itemOf = options.itemOf ?? ((field: string) => field)
  function fieldLabel(field: string): string {
    const keys = labelOf(field)
    const key = (typeof keys === 'string' ? [keys] : keys).find((k) => te(k))
    return key ? t(key) : field
  }
  function message(problem: FieldProblem): string {
    const params: Record<string, string | number> = { ...problem.params }
    const other = params.other ?? params.after
    params.other = typeof other === 'string' ? fieldLabel(other) : ''
    return t(`validation.${problem.code}`, { ...params, field: fieldLabel(problem.field) })
  }
  /** Form item → its first message, for el-form-item's `error` (or FormField's errors). */
  function byField(problems: readonly FieldProblem[]): Record<string, string> {
    const out: Record<string, string> = {}
    for (const problem of problems) out[itemOf(problem.field)] ??= message(problem)
    return out
  }
  return { fieldLabel, message, byField }
}
