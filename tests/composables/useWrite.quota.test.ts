import 'fake-indexeddb/auto'
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { createArea, listAreas } from '@/db'
import { getDb } from '@/db/connection'
import zhCN from '@/i18n/zh-CN'
import { useWrite } from '@/composables/useWrite'
import { area, useFreshDb } from '../db/helpers'

const shown = vi.hoisted(() => [] as unknown[])
vi.mock('element-plus', async (original) => ({
  ...(await original<typeof import('element-plus')>()),
  ElMessage: { error: (message: unknown) => shown.push(message) },
}))

useFreshDb()

function withWrite() {
  let write!: ReturnType<typeof useWrite>
  mount(
    defineComponent({
      setup() {
        write = useWrite()
        return () => null
      },
    }),
    {
      global: {
        plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })],
      },
    },
  )
  return write
}

describe('a write when the disk is full', () => {
  it('says 存储空间已满 and loses nothing saved before', async () => {
    await createArea(area({ name: '早先保存的地区' }))
    const auditBefore = await getDb().auditLog.count()
    // The browser refuses the put: IndexedDB aborts the whole transaction.
    const spy = vi
      .spyOn(getDb().table('areas'), 'add')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    const write = withWrite()
    const result = await write.run(() => createArea(area({ name: '新地区' })))
    spy.mockRestore()

    expect(result).toBeNull()
    const text = JSON.stringify(shown.at(-1))
    expect(text).toContain('存储空间已满')
    expect(text).toContain('之前保存的数据都还在')
    expect((await listAreas()).map((a) => a.name)).toEqual(['早先保存的地区'])
    expect(await getDb().auditLog.count()).toBe(auditBefore)
    expect(write.saving.value).toBe(false)
  })
})
