import { computed, ref, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface KeysetPage<Row, Cursor> {
  rows: Row[]
  next: Cursor | null
}

/**
 * Page state for a keyset-paged list: the cursors of the pages already seen (to go back),
 * the current page's rows, and a count read after the page. Any change of `deps` (the
 * filter) starts again at page 1. `loadMore` (a phone's list) appends the next page to the
 * rows shown, read from the same cursor as `nextPage`.
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
  /** The page the rows shown start at: below `page` once more pages were appended. */
  let firstPage = 1
  const rows = shallowRef<Row[]>([])
  const next = shallowRef<Cursor | null>(null)
  const total = ref<number | null>(null)
  const loading = ref(false)
  /** A page has been read at least once: before that, "no rows" is not yet known. */
  const loaded = ref(false)
  const error = shallowRef<unknown>(null)
  let generation = 0

  /** Read `limit` rows after `after`; `apply` takes them unless a newer read started. */
  async function read(
    after: Cursor | null,
    limit: number,
    apply: (result: KeysetPage<Row, Cursor>) => void,
  ): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const result = await load(after, limit)
      if (mine !== generation) return
      apply(result)
      loaded.value = true
      error.value = null
    } catch (reason) {
      if (mine === generation) error.value = reason
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function show(target: number): Promise<void> {
    return read(starts[target - 1] ?? null, pageSize.value, (result) => {
      rows.value = result.rows
      next.value = result.next
      page.value = target
      firstPage = target
      if (result.next !== null) starts[target] = result.next
    })
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

  /** Append the next page to the rows shown. */
  async function loadMore(): Promise<void> {
    if (next.value === null || loading.value) return
    const target = page.value + 1
    await read(next.value, pageSize.value, (result) => {
      rows.value = [...rows.value, ...result.rows]
      next.value = result.next
      page.value = target
      if (result.next !== null) starts[target] = result.next
    })
  }

  /** Reload the rows shown (after an edit) without losing the place; appended pages as one. */
  async function refresh(): Promise<void> {
    const pages = page.value - firstPage + 1
    const last = page.value
    await read(starts[firstPage - 1] ?? null, pageSize.value * pages, (result) => {
      rows.value = result.rows
      next.value = result.next
      if (result.next !== null) starts[last] = result.next
    })
    await recount()
  }

  watch([...deps, pageSize], restart, { immediate: true })

  return {
    rows,
    page,
    total,
    loading,
    loaded,
    error,
    hasNext: computed(() => next.value !== null),
    hasPrevious: computed(() => page.value > 1),
    nextPage: () => show(page.value + 1),
    previousPage: () => show(page.value - 1),
    loadMore,
    refresh,
  }
}
