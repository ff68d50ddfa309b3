import { computed, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface KeysetPage<Row, Cursor> {
  rows: Row[]
  next: Cursor | null
}

/**
 * Page state for a keyset-paged list: the cursors of the pages already seen (to go back),
 * the current page's rows, and a count read after the page. Any change of `deps` (the
 * filter) starts again at page 1.
 */
export function useKeysetPages<Row, Cursor>(
  load: (after: Cursor | null, limit: number) => Promise<KeysetPage<Row, Cursor>>,
  count: () => Promise<number>,
  deps: WatchSource[],
  pageSize: Ref<number>,
) {
  // Plain, not reactive: a cursor goes to IndexedDB as a key, and a Vue proxy is not one.
  let starts: (Cursor | null)[] = [null]
  const page = ref(1)
  const rows = shallowRef<Row[]>([])
  const next = shallowRef<Cursor | null>(null)
  const total = ref<number | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let generation = 0

  async function show(target: number): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const result = await load(starts[target - 1] ?? null, pageSize.value)
      if (mine !== generation) return
      rows.value = result.rows
      next.value = result.next
      page.value = target
      if (result.next !== null) starts[target] = result.next
      error.value = null
    } catch (reason) {
      if (mine === generation) error.value = reason
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** Count for the filter in force; a count started for an older filter is dropped. */
  let countGeneration = 0
  async function recount(): Promise<void> {
    const mine = ++countGeneration
    const counted = await count()
    if (mine === countGeneration) total.value = counted
  }

  async function restart(): Promise<void> {
    starts = [null]
    total.value = null
    countGeneration++
    await show(1)
    await recount()
  }

  /** Reload the current page (after an edit) without losing the place. */
  async function refresh(): Promise<void> {
    await show(page.value)
    await recount()
  }

  watch([...deps, pageSize], restart, { immediate: true })

  return {
    rows,
    page,
    total,
    loading,
    error,
    hasNext: computed(() => next.value !== null),
    hasPrevious: computed(() => page.value > 1),
    nextPage: () => show(page.value + 1),
    previousPage: () => show(page.value - 1),
    refresh,
  }
}
