import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createArea,
  isDatabaseClosed,
  isQuotaExceeded,
  listAreas,
  onDatabaseBlocked,
  onDatabaseVersionChange,
  setDb,
  ZhibuDb,
  type UpgradeState,
} from '@/db'
import { getDb } from '@/db/connection'
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
    // Dexie's own classes: the mapped error, the aborted transaction, a bulk write's and a
    // modify's failures, and the same two levels deep.
    expect(isQuotaExceeded(new Dexie.QuotaExceededError(quota))).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError(quota))).toBe(true)
    expect(isQuotaExceeded(new Dexie.BulkError('firms.bulkPut()', { 3: quota }))).toBe(true)
    expect(isQuotaExceeded(new Dexie.ModifyError('modify', [quota], 0, []))).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError(new Dexie.BulkError('x', { 0: quota })))).toBe(true)
    expect(isQuotaExceeded(new Error('write', { cause: quota }))).toBe(true)
    // The legacy code alone (older engines), and an abort that names it only in words.
    expect(isQuotaExceeded(new DOMException('full', 'QUOTA_EXCEEDED_ERR'))).toBe(
      new DOMException('x', 'QUOTA_EXCEEDED_ERR').code === 22,
    )
    expect(isQuotaExceeded({ name: 'AbortError', message: 'QuotaExceededError full' })).toBe(true)
    expect(isQuotaExceeded(new Error('other'))).toBe(false)
    expect(isQuotaExceeded(new Dexie.BulkError('x', { 0: new Error('ConstraintError') }))).toBe(
      false,
    )
    expect(isQuotaExceeded(new Dexie.DatabaseClosedError())).toBe(false)
    expect(isQuotaExceeded(null)).toBe(false)
  })

  it('a write the browser refuses for space is told as such through every layer', async () => {
    const name = `quota-${crypto.randomUUID()}`
    const db = new ZhibuDb(name)
    setDb(db)
    await createArea(area({ name: '早先保存的地区' }))
    const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    const spies = (['put', 'add'] as const).map((method) => {
      const original = IDBObjectStore.prototype[method]
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (this.name === 'areas') throw full()
        return original.apply(this, args)
      })
    })
    try {
      const error = await createArea(area({ name: '新地区' })).catch((e: unknown) => e)
      expect(isQuotaExceeded(error)).toBe(true)
      expect(isDatabaseClosed(error)).toBe(false)
      expect((await listAreas()).map((a) => a.name)).toEqual(['早先保存的地区'])
    } finally {
      for (const spy of spies) spy.mockRestore()
      db.close()
      await db.delete()
    }
  })
})

describe('a closed database', () => {
  it('a write after this tab let go is told apart from any other failure', async () => {
    const name = `closed-${crypto.randomUUID()}`
    const db = new ZhibuDb(name)
    setDb(db)
    await createArea(area())
    db.close({ disableAutoOpen: true })
    const error = await createArea(area({ name: '新地区' })).catch((e: unknown) => e)
    expect(isDatabaseClosed(error)).toBe(true)
    expect(isQuotaExceeded(error)).toBe(false)
    expect(isDatabaseClosed(new Error('other'))).toBe(false)
    await db.delete()
  })
})

describe('an upgrade blocked by an older tab', () => {
  it('is told while it waits, and told again when it goes on', async () => {
    const name = `blocked-${crypto.randomUUID()}`
    // An older tab: the database at an early version, held open, deaf to the request to
    // let go (an old build, or a tab busy in a long transaction).
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    old.onversionchange = () => undefined
    const states: UpgradeState[] = []
    onDatabaseBlocked((state) => states.push(state))
    const db = new ZhibuDb(name)
    setDb(db)
    const opened = db.open()
    await vi.waitFor(() => expect(states).toEqual(['blocked']))
    // A listener that comes later (the app mounts after the first read) hears it too.
    const late: UpgradeState[] = []
    onDatabaseBlocked((state) => late.push(state))
    expect(late).toEqual(['blocked'])
    expect(db.isOpen()).toBe(false)
    old.close()
    await opened
    await vi.waitFor(() => expect(late).toEqual(['blocked', 'resumed']))
    expect(await db.areas.count()).toBe(0)
    onDatabaseBlocked(null)
    db.close()
    await db.delete()
  })
})
