import { readonly, shallowRef, type Ref } from 'vue'

/**
 * Phones: narrower than Element Plus's `sm` breakpoint (768 px), the width where its grid's
 * `xs` columns apply. styles/phone.css uses the same query; nothing else decides "phone".
 */
export const PHONE_QUERY = '(max-width: 767.98px)'

let phone: Ref<boolean> | null = null

/** One listener for the whole app, made on first use; `isPhone` follows rotation and resizes. */
export function useBreakpoint(): { isPhone: Readonly<Ref<boolean>> } {
  if (!phone) {
    const query = window.matchMedia(PHONE_QUERY)
    const state = shallowRef(query.matches)
    query.addEventListener('change', (event) => (state.value = event.matches))
    phone = state
  }
  return { isPhone: readonly(phone) }
}
