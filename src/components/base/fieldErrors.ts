import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue'

/** Form item (its `prop`) → the repository's message for it, as useProblems' byField gives. */
type FieldErrors = Record<string, string>

const FIELD_ERRORS: InjectionKey<ComputedRef<FieldErrors>> = Symbol('field errors')

/**
 * Give the FormFields inside this form the errors the repository reported (a duplicate
 * credit code, say): each shows the one for its `prop` under its input.
 */
export function provideFieldErrors(errors: () => FieldErrors): void {
  provide(FIELD_ERRORS, computed(errors))
}

/** The errors a form gave its fields; none outside such a form. */
export function injectFieldErrors(): ComputedRef<FieldErrors> {
  return inject(
    FIELD_ERRORS,
    computed(() => ({})),
    false,
  )
}
