import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createArea,
  getDb,
  isQuotaExceeded,
  listAreas,
  onDatabaseVersionChange,
  setDb,
  ZhibuDb,
} from '@/db'
import { area } from './helpers'

afterEach(() => onDatabaseVersionChange(null))

describe('several tabs on one database', () => {
  it('two connections write and each reads what the other wrote', async () => {
    const name = `tabs-${crypto.randomUUID()}`
    const one = new ZhibuDb(name)
    const two = new ZhibuDb(name)
    try {
      setDb(one)
      await createArea(area({ name: '一号标签页' }))
      setDb(two)
      await createArea(area({ name: '二号标签页' }))
      expect((await listAreas()).map((a) => a.name).sort()).toEqual(['一号标签页', '二号标签页'])
      setDb(one)
      expect(await listAreas()).toHaveLength(2)
    } finally {
      one.close()
      two.close()
      await one.delete()
    }
  })

  it('a newer version in another tab closes this one and the app is told once', async () => {
    const name = `tabs-${crypto.randomUUID()}`
    const db = new ZhibuDb(name)
    setDb(db)
    await createArea(area())
    const told = vi.fn()
    onDatabaseVersionChange(told)
    // Another tab with a later schema (Dexie stores version n as n × 10).
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, (db.verno + 1) * 10)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
      request.onblocked = () => reject(new Error('blocked: the old tab did not let go'))
    })
    expect(told).toHaveBeenCalledTimes(1)
    expect(getDb().isOpen()).toBe(false)
    // It stays closed rather than reopening with the old version under the user.
    await expect(getDb().areas.count()).rejects.toThrow()
    newer.close()
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name)
      request.onsuccess = request.onerror = resolve
    })
  })
})

describe('a full disk', () => {
  it('QuotaExceededError is recognised however Dexie wraps it', () => {
    const quota = new DOMException('full', 'QuotaExceededError')
    expect(isQuotaExceeded(quota)).toBe(true)
    expect(isQuotaExceeded({ name: 'AbortError', inner: quota })).toBe(true)
    expect(isQuotaExceeded(new Error('other'))).toBe(false)
    expect(isQuotaExceeded(null)).toBe(false)
  })
})
