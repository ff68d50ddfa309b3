import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { noDatabaseYet } from '@/services/deviceProbe'
import { loadDb } from '@/composables/lazyDb'
import { useLiveQuery } from '@/composables/useLiveQuery'
import { useFreshDb } from '../db/helpers'

const fresh = useFreshDb()

/** Poll until `check` holds (liveQuery answers on its own schedule), at most ~2 s. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('useLiveQuery over the lazily loaded data layer', () => {
  it('hands the query the data layer and follows writes to the tables it read', async () => {
    const scope = effectScope()
    const names = scope.run(() =>
      useLiveQuery(async (db) => (await db.listAreas()).map((area) => area.name)),
    )!
    expect(names.loading.value).toBe(true)
    await until(() => names.data.value !== undefined)
    expect(names.data.value).toEqual([])
    await fresh.db().areas.add({
      id: 'a1',
      name: '天河区',
      parentId: '',
      path: 'a1',
      level: 'district',
      sortOrder: 0,
    } as never)
    await until(() => (names.data.value ?? []).length === 1)
    expect(names.data.value).toEqual(['天河区'])
    expect(names.loading.value).toBe(false)
    scope.stop()
  })

  it('keeps only the newest subscription when deps change before the data layer arrives', async () => {
    const which = ref('first')
    const asked: string[] = []
    const scope = effectScope()
    const live = scope.run(() =>
      useLiveQuery(async () => {
        asked.push(which.value)
        return which.value
      }, [which]),
    )!
    which.value = 'second'
    await nextTick()
    await until(() => live.data.value !== undefined)
    expect(live.data.value).toBe('second')
    expect(asked).toEqual(['second'])
    scope.stop()
  })

  it('reads nothing while `after` is false, then reads and answers once it turns true', async () => {
    const open = ref(false)
    let runs = 0
    const scope = effectScope()
    const live = scope.run(() =>
      useLiveQuery(
        async (db) => {
          runs += 1
          return (await db.listAreas()).length
        },
        [],
        { after: open },
      ),
    )!
    await loadDb()
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(runs).toBe(0)
    expect(live.loading.value).toBe(true)
    open.value = true
    await until(() => live.data.value !== undefined)
    expect(live.data.value).toBe(0)
    expect(live.loading.value).toBe(false)
    expect(runs).toBe(1)
    scope.stop()
  })

  it('subscribes to nothing once its scope has ended while loading', async () => {
    let runs = 0
    const scope = effectScope()
    scope.run(() => useLiveQuery(async () => ++runs))
    scope.stop()
    await loadDb()
    await flushPromises()
    expect(runs).toBe(0)
  })
})

describe('noDatabaseYet', () => {
  it('is false once the origin holds a database, so the data is asked', async () => {
    await fresh.db().open()
    expect(await noDatabaseYet()).toBe(false)
  })
})
