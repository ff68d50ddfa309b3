import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import { useWriteActions } from '@/composables/useWrite'
import { ValidationError } from '@/db'
import zhCN from '@/i18n/zh-CN'

const shown = vi.hoisted(() => [] as unknown[])
vi.mock('element-plus', async (original) => ({
  ...(await original<typeof import('element-plus')>()),
  ElMessage: { error: (message: unknown) => shown.push(message) },
}))

const writes = {
  rename: vi.fn(async (name: string) => `saved ${name}`),
  refuse: vi.fn(async (): Promise<string> => {
    throw new ValidationError([{ field: 'name', code: 'required' }])
  }),
}

function withActions() {
  let actions!: ReturnType<typeof useWriteActions<typeof writes>>
  mount(
    defineComponent({
      setup() {
        actions = useWriteActions(writes)
        return () => null
      },
    }),
    {
      global: {
        plugins: [createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })],
      },
    },
  )
  return actions
}

describe('useWriteActions', () => {
  it('hands the writes out inside run, busy while the write runs', async () => {
    const actions = withActions()
    const pending = actions.run((w) => w.rename('甲'))
    expect(actions.saving.value).toBe(true)
    await expect(pending).resolves.toBe('saved 甲')
    expect(actions.saving.value).toBe(false)
    expect(writes.rename).toHaveBeenCalledWith('甲')
  })

  it('a refused write is null, its field problems kept for the form and said once', async () => {
    shown.length = 0
    const actions = withActions()
    await expect(actions.run((w) => w.refuse())).resolves.toBeNull()
    expect(actions.problems.value).toEqual([{ field: 'name', code: 'required' }])
    expect(shown).toEqual([zhCN.app.formInvalid])
    expect(actions.saving.value).toBe(false)
  })
})
