import { onMounted, shallowRef } from 'vue'

export interface StorageState {
  supported: boolean
  persisted: boolean
  usage: number
  quota: number
}

/**
 * The browser's storage for this site: whether it is persistent (not cleared when space
 * runs low) and how much is used of the quota. `persist()` asks the browser to keep it.
 */
export function useStorage() {
  const state = shallowRef<StorageState | null>(null)
  const loading = shallowRef(false)

  async function refresh(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
    if (!storage?.persisted || !storage.estimate) {
      state.value = { supported: false, persisted: false, usage: 0, quota: 0 }
      return
    }
    loading.value = true
    try {
      const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate()])
      state.value = {
        supported: true,
        persisted,
        usage: estimate.usage ?? 0,
        quota: estimate.quota ?? 0,
      }
    } finally {
      loading.value = false
    }
  }

  /** True when the browser granted persistence (it may say no, and may not ask the user). */
  async function persist(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false
    await refresh()
    return granted
  }

  onMounted(refresh)
  return { state, loading, refresh, persist }
}
