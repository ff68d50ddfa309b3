import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import StorageCard from '@/components/data/StorageCard.vue'
import { createArea, readMeta } from '@/db'
import { askPersistence, askPersistenceOnce, readPersistenceAnswer } from '@/composables/useStorage'
import { useWrite } from '@/composables/useWrite'
import { loadDemoData } from '@/services/demoLoader'
import { mountWithApp } from '../components/mount'
import { area, useFreshDb } from '../db/helpers'

useFreshDb()

/** A browser whose answer to persist() is `answer` (a rejection when it is an Error). */
function browserAnswering(answer: boolean | Error) {
  let persisted = false
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => {
      if (answer instanceof Error) throw answer
      persisted = answer
      return answer
    }),
    estimate: vi.fn(async () => ({ usage: 5_000_000, quota: 2_000_000_000 })),
  }
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true })
  return storage
}

let original: PropertyDescriptor | undefined
beforeEach(() => {
  original = Object.getOwnPropertyDescriptor(navigator, 'storage')
})
afterEach(() => {
  if (original) Object.defineProperty(navigator, 'storage', original)
  else delete (navigator as { storage?: unknown }).storage
})

function withWrite() {
  let write!: ReturnType<typeof useWrite>
  mountWithApp(
    defineComponent({
      setup() {
        write = useWrite()
        return () => null
      },
    }),
  )
  return write
}

describe('persistent storage asked for when real data is first saved', () => {
  it('asks once, on the first real save, and keeps the answer in meta', async () => {
    const storage = browserAnswering(true)
    const write = withWrite()
    await write.run(() => createArea(area()))
    await vi.waitFor(() => expect(storage.persist).toHaveBeenCalledTimes(1))
    await vi.waitFor(async () => expect((await readPersistenceAnswer())?.granted).toBe(true))
    await write.run(() => createArea(area({ name: '赤峰市', code: '150400' })))
    await Promise.all([askPersistenceOnce(), askPersistenceOnce()])
    expect(storage.persist).toHaveBeenCalledTimes(1)
  })

  it('does not ask for the demo load, nor for a save that failed', async () => {
    const storage = browserAnswering(true)
    await loadDemoData('2026-11-23')
    const write = withWrite()
    await write.run(() => Promise.reject(new Error('refused')))
    await flushPromises()
    expect(storage.persist).not.toHaveBeenCalled()
    expect(await readMeta('storagePersistence')).toBe('')
  }, 60_000)

  it('a refusal, or a persist() that throws, is kept as an answer and never rejects', async () => {
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    try {
      browserAnswering(false)
      await askPersistenceOnce()
      expect(await readPersistenceAnswer()).toMatchObject({ granted: false })
      const storage = browserAnswering(new DOMException('no', 'NotAllowedError'))
      await expect(askPersistence()).resolves.toBe(false)
      expect(storage.persist).toHaveBeenCalledTimes(1)
      expect(await readPersistenceAnswer()).toMatchObject({ granted: false })
      // Asked and answered: the next save asks nothing.
      await askPersistenceOnce()
      expect(storage.persist).toHaveBeenCalledTimes(1)
      await flushPromises()
      expect(unhandled).not.toHaveBeenCalled()
    } finally {
      process.off('unhandledRejection', unhandled)
    }
  })
})

describe('the storage card on /data', () => {
  async function card() {
    const wrapper = mountWithApp(StorageCard)
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="storage-persisted"]').exists()).toBe(true),
    )
    return wrapper
  }

  it('says 浏览器未同意, what it means, and asks again on the button', async () => {
    const storage = browserAnswering(false)
    await askPersistenceOnce()
    const wrapper = await card()
    expect(wrapper.get('[data-testid="storage-persisted"]').text()).toBe('浏览器未同意持久存储')
    const hint = wrapper.get('[data-testid="storage-hint"]').text()
    expect(hint).toContain('浏览器可能不经询问清除本程序的全部数据')
    expect(hint).toContain('请定期下载备份')
    expect(wrapper.get('[data-testid="storage-persist"]').text()).toBe('再次请求')
    await wrapper.get('[data-testid="storage-persist"]').trigger('click')
    await vi.waitFor(() => expect(storage.persist).toHaveBeenCalledTimes(2))
    wrapper.unmount()
  })

  it('says 已持久化 once granted, with no button; and not asked yet before any save', async () => {
    browserAnswering(true)
    const before = await card()
    expect(before.get('[data-testid="storage-persisted"]').text()).toBe('持久存储：尚未请求')
    expect(before.get('[data-testid="storage-hint"]').text()).toContain('第一次保存真实数据时')
    before.unmount()
    await askPersistenceOnce()
    const after = await card()
    expect(after.get('[data-testid="storage-persisted"]').text()).toBe('已持久化')
    expect(after.find('[data-testid="storage-persist"]').exists()).toBe(false)
    after.unmount()
  })
})
