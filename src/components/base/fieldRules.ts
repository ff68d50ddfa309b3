import type { FormItemRule } from 'element-plus'
import type { Ref } from 'vue'

/**
 * Element Plus rules for the named fields that report what domain validation found (messages
 * already translated, keyed by field), checked on blur and on change.
 */
export function fieldRules(
  problems: Readonly<Ref<Record<string, string>>>,
  fields: readonly string[],
): Record<string, FormItemRule[]> {
  const rule = (field: string): FormItemRule => ({
    trigger: ['blur', 'change'],
    validator: (_rule, _value, callback) => {
      const message = problems.value[field]
      if (message) callback(new Error(message))
      else callback()
    },
  })
  return Object.fromEntries(fields.map((field) => [field, [rule(field)]]))
}
