import { ref, watch } from 'vue'

/**
 * The repository's refusal of a field (by form item) shows until that field is changed: the
 * next save checks it again. `fields` gives each form item's value in the model; the result
 * is the error to show under a form item now ('' for none).
 */
export function useErrorsUntilChanged(
  errors: () => Record<string, string>,
  fields: Record<string, () => unknown>,
): (field: string) => string {
  const changed = ref(new Set<string>())
  watch(errors, () => (changed.value = new Set()))
  for (const [field, value] of Object.entries(fields)) watch(value, () => changed.value.add(field))
  return (field) => (changed.value.has(field) ? '' : (errors()[field] ?? ''))
}
