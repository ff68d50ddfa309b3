import { onMounted, shallowRef } from 'vue'
import { readMeta, writeMeta } from '@/db'

/** What the browser answered when asked to keep this site's storage, and when. */
export interface PersistenceAnswer {
  askedAt: string
  granted: boolean
}

export interface StorageState {
  supported: boolean
  persisted: boolean
  usage: number
  quota: number
  /** The last answer to persist() on this device; null: never asked. */
  answer: PersistenceAnswer | null
}

function storageApi(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage
}

export async function readPersistenceAnswer(): Promise<PersistenceAnswer | null> {
  try {
    const text = await readMeta('storagePersistence')
    if (!text) return null
    const value = JSON.parse(text) as Partial<PersistenceAnswer>
    return typeof value.granted === 'boolean' && typeof value.askedAt === 'string'
      ? { askedAt: value.askedAt, granted: value.granted }
      : null
  } catch {
    return null
  }
}

/**
 * Ask the browser to keep this site's storage (not clear it when space runs low) and keep
 * its answer in meta. A refusal, or a browser without the API, is an answer, never an
 * error: false comes back and nothing is thrown.
 */
export async function askPersistence(): Promise<boolean> {
  const storage = storageApi()
  if (!storage?.persist) return false
  let granted = false
  try {
    granted = (await storage.persisted?.()) === true || (await storage.persist()) === true
  } catch (error) {
    console.warn('storage.persist() failed', error)
  }
  try {
    await writeMeta(
      'storagePersistence',
      JSON.stringify({ askedAt: new Date().toISOString(), granted } satisfies PersistenceAnswer),
    )
  } catch (error) {
    // The answer is not kept (the disk is full, say): the next real save asks again.
    console.warn('the storage answer was not kept', error)
  }
  return granted
}

let asking: Promise<void> | null = null

/**
 * After the first real save on this device (a form, an import, a restore or a merge; not the
 * demo load), ask once for persistent storage: the data is now worth keeping. Later saves
 * read the kept answer and ask nothing; /data shows it and can ask again.
 */
export function askPersistenceOnce(): Promise<void> {
  asking ??= (async () => {
    try {
      if (!storageApi()?.persist) return
      if (await readPersistenceAnswer()) return
      await askPersistence()
    } catch (error) {
      console.warn('asking for persistent storage failed', error)
    } finally {
      asking = null
    }
  })()
  return asking
}

/**
 * The browser's storage for this site: whether it is persistent (not cleared when space
 * runs low), how much is used of the quota, and what the browser answered when asked.
 */
export function useStorage() {
  const state = shallowRef<StorageState | null>(null)
  const loading = shallowRef(false)

  async function refresh(): Promise<void> {
    const storage = storageApi()
    loading.value = true
    try {
      const answer = await readPersistenceAnswer()
      if (!storage?.persisted || !storage.estimate) {
        state.value = { supported: false, persisted: false, usage: 0, quota: 0, answer }
        return
      }
      const [persisted, estimate] = await Promise.all([
        storage.persisted().catch(() => false),
        storage.estimate().catch(() => ({}) as StorageEstimate),
      ])
      state.value = {
        supported: true,
        persisted,
        usage: estimate.usage ?? 0,
        quota: estimate.quota ?? 0,
        answer,
      }
    } finally {
      loading.value = false
    }
  }

  /** True when the browser granted persistence (it may say no, and may not ask the user). */
  async function persist(): Promise<boolean> {
    const granted = await askPersistence()
    await refresh()
    return granted
  }

  onMounted(refresh)
  return { state, loading, refresh, persist }
}
