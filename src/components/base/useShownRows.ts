import { computed, ref, watch } from 'vue'

/**
 * A list already in memory shown by touch: the first `step` rows, `step` more on each
 * "load more"; a new list (another filter) starts again at the top.
 */
export function useShownRows<Row>(rows: () => readonly Row[], step = 20) {
  const limit = ref(step)
  watch(rows, () => (limit.value = step))
  const shown = computed(() => rows().slice(0, limit.value))
  return {
    shown,
    hasMore: computed(() => shown.value.length < rows().length),
    more: () => (limit.value += step),
  }
}
