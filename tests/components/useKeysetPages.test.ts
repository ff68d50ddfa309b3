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
})
