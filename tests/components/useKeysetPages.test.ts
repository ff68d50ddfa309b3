import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useKeysetPages } from '@/composables/useKeysetPages'

/** A promise the test resolves by hand, to order the answers of two queries. */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('useKeysetPages', () => {
  it('says it has loaded only once the first page is read, so an empty list is not claimed early', async () => {
    const first = deferred<{ rows: string[]; next: null }>()
    const scope = effectScope()
    const pages = scope.run(() =>
      useKeysetPages(
        () => first.promise,
        async () => 0,
        [],
        ref(20),
      ),
    )!
    await flushPromises()
    expect(pages.loading.value).toBe(true)
    expect(pages.loaded.value).toBe(false)
    expect(pages.rows.value).toEqual([])
    first.resolve({ rows: [], next: null })
    await flushPromises()
    expect(pages.loaded.value).toBe(true)
    expect(pages.loading.value).toBe(false)
    scope.stop()
  })

  it('keeps the count of the newest filter when an older count answers last', async () => {
    const filter = ref('all')
    const counts = new Map([
      ['all', deferred<number>()],
      ['own', deferred<number>()],
    ])
    const scope = effectScope()
    const pages = scope.run(() =>
      useKeysetPages(
        async () => ({ rows: [filter.value], next: null }),
        () => counts.get(filter.value)!.promise,
        [filter],
        ref(20),
      ),
    )!
    await flushPromises()
    filter.value = 'own'
    await nextTick()
    await flushPromises()
    counts.get('own')!.resolve(42)
    await flushPromises()
    counts.get('all')!.resolve(881)
    await flushPromises()
    expect(pages.total.value).toBe(42)
    expect(pages.rows.value).toEqual(['own'])
    scope.stop()
  })

  it('appends the next page from the same cursor, keeps them on refresh, restarts on a filter', async () => {
    // Ten rows 0..9 in key order; a page is the rows after the cursor.
    const data = ref(Array.from({ length: 10 }, (_, n) => n))
    const filter = ref('all')
    const reads: (number | null)[] = []
    const scope = effectScope()
    const pages = scope.run(() =>
      useKeysetPages(
        async (after: number | null, limit) => {
          reads.push(after)
          const rest = data.value.filter((n) => after === null || n > after).slice(0, limit)
          const last = rest.at(-1)
          const more = last !== undefined && data.value.some((n) => n > last)
          return { rows: rest, next: more ? last! : null }
        },
        async () => data.value.length,
        [filter],
        ref(4),
      ),
    )!
    await flushPromises()
    expect(pages.rows.value).toEqual([0, 1, 2, 3])
    await pages.loadMore()
    expect(pages.rows.value).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(reads.at(-1)).toBe(3)
    expect(pages.page.value).toBe(2)
    // An edit elsewhere: the appended rows are read again as one, from the first cursor.
    data.value = data.value.filter((n) => n !== 1)
    await pages.refresh()
    expect(pages.rows.value).toEqual([0, 2, 3, 4, 5, 6, 7, 8])
    expect(pages.hasNext.value).toBe(true)
    await pages.loadMore()
    expect(pages.rows.value).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(pages.hasNext.value).toBe(false)
    await pages.loadMore()
    expect(pages.rows.value).toHaveLength(9)
    filter.value = 'other'
    await nextTick()
    await flushPromises()
    expect(pages.rows.value).toEqual([0, 2, 3, 4])
    expect(pages.page.value).toBe(1)
    scope.stop()
  })
})
