import { useI18n } from 'vue-i18n'
import type { FieldProblem } from '@/domain/validation'

/** Turn validation codes into messages naming the field: '请填写企业名称'. */
export function useProblems(entity: 'firm' | 'org' | 'area' | 'member') {
  const { t, te } = useI18n()
  function fieldLabel(field: string): string {
    const key = `fields.${entity}.${field}`
    return te(key) ? t(key) : field
  }
  function message(problem: FieldProblem): string {
    const params = { ...problem.params }
    if (typeof params.other === 'string') params.other = fieldLabel(params.other)
    return t(`validation.${problem.code}`, { ...params, field: fieldLabel(problem.field) })
  }
  /** field → first message, for el-form-item's `error`. */
  function byField(problems: readonly FieldProblem[]): Record<string, string> {
    const out: Record<string, string> = {}
    for (const problem of problems) out[problem.field] ??= message(problem)
    return out
  }
  return { fieldLabel, message, byField }
}
