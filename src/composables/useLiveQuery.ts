import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import type { Subscription } from '@/db'
import { loadDb, type DataLayer } from './lazyDb'

export interface LiveQuery<T> {
  data: Ref<T | undefined>
  error: Ref<unknown>
  loading: Ref<boolean>
}

export interface LiveQueryOptions {
  /**
   * Read nothing while this is false (loading stays true, the last data is kept): a query
   * that would hold the IndexedDB backend for seconds can wait for quick ones to answer.
   */
  after?: Readonly<Ref<boolean>>
}

/**
 * Bridge Dexie's liveQuery to Vue: re-runs `query` when the tables it read change (in
 * this tab or another) and when `deps` change; unsubscribes when the scope ends.
 * The query is given the data layer (lazyDb.ts): the shell and the first route read through
 * it and so never import `@/db` statically. It is loaded before the subscription, outside
 * the query, so liveQuery still sees every read the query makes.
 */
export function useLiveQuery<T>(
  query: (db: DataLayer) => Promise<T>,
  deps: WatchSource[] = [],
  options: LiveQueryOptions = {},
): LiveQuery<T> {
  const { after } = options
  const data = shallowRef<T>()
  const error = shallowRef<unknown>(null)
  const loading = shallowRef(true)
  let subscription: Subscription | null = null
  // Each subscribe() supersedes the one before, even while the data layer is still loading.
  let generation = 0
  let disposed = false

  function subscribe(): void {
    subscription?.unsubscribe()
    subscription = null
    loading.value = true
    const mine = ++generation
    if (after && !after.value) return
    loadDb().then(
      (db) => {
        if (disposed || mine !== generation) return
        subscription = db
          .liveQuery(() => query(db))
          .subscribe({
            next(value) {
              data.value = value
              error.value = null
              loading.value = false
            },
            error(reason: unknown) {
              error.value = reason
              loading.value = false
            },
          })
      },
      (reason: unknown) => {
        if (disposed || mine !== generation) return
        error.value = reason
        loading.value = false
      },
    )
  }

  watch(after ? [...deps, after] : deps, subscribe, { immediate: true })
  onScopeDispose(() => {
    disposed = true
    subscription?.unsubscribe()
  })
  return { data, error, loading }
}
