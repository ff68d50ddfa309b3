import { describe, expect, it } from 'vitest'
import { loadDb, whenDbLoaded } from '@/composables/lazyDb'

describe('whenDbLoaded', () => {
  it('waits until something asks for the data layer, then hands over the same module', async () => {
    let settled = false
    const waiting = whenDbLoaded().then((db) => {
      settled = true
      return db
    })
    // Nothing has asked yet: the background work stays parked however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(settled).toBe(false)

    const asked = await loadDb()
    expect(await waiting).toBe(asked)
    expect(settled).toBe(true)
  })
})
