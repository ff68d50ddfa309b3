import { liveQuery, type Subscription } from '@/db'
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface LiveQuery<T> {
  data: Ref<T | undefined>
  error: Ref<unknown>
  loading: Ref<boolean>
}

/**
 * Bridge Dexie's liveQuery to Vue: re-runs `query` when the tables it read change (in
 * this tab or another) and when `deps` change; unsubscribes when the scope ends.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: WatchSource[] = []): LiveQuery<T> {
  const data = shallowRef<T>()
  const error = shallowRef<unknown>(null)
  const loading = shallowRef(true)
  let subscription: Subscription | null = null

  function subscribe(): void {
    subscription?.unsubscribe()
    loading.value = true
    subscription = liveQuery(query).subscribe({
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
  }

  watch(deps, subscribe, { immediate: true })
  onScopeDispose(() => subscription?.unsubscribe())
  return { data, error, loading }
}
