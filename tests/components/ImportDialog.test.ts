import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { createArea } from '@/db'
import ImportDialog from '@/components/import/ImportDialog.vue'
import importEn from '@/i18n/import.en'
import importZhCN from '@/i18n/import.zh-CN'
import { messages } from '@/i18n/messages'
import { buildFirmWorkbook } from '../e2e/xlsx'
import { area, useFreshDb } from '../db/helpers'

const { db } = useFreshDb()

function i18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: {
      'zh-CN': { ...messages['zh-CN'], import: importZhCN },
      en: { ...messages.en, import: importEn },
    },
  })
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('ImportDialog', () => {
  it('reads a file, maps its columns, lists problems by row and imports the valid rows', async () => {
    const city = await createArea(area())
    await createArea(area({ name: '昆都仑区', parentId: city.id, level: 'banner', code: '' }))
    const book = await buildFirmWorkbook({ areaNames: ['昆都仑区'] })
    const wrapper = mount(ImportDialog, {
      props: { modelValue: true, 'onUpdate:modelValue': () => {} },
      global: { plugins: [ElementPlus, i18n()] },
      attachTo: document.body,
    })
    await until(() => !!document.querySelector('[data-testid="import-file"]'))
    const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]')
    expect(input).not.toBeNull()
    const file = new File([new Uint8Array(book.buffer)], '企业.xlsx')
    Object.defineProperty(input, 'files', { value: [file] })
    input?.dispatchEvent(new Event('change'))
    await until(() => !!document.querySelector('[data-testid="import-next"]'))
    document.querySelector<HTMLButtonElement>('[data-testid="import-next"]')?.click()
    await until(() => !!document.querySelector('[data-testid="import-valid-count"]'))
    expect(document.querySelector('[data-testid="import-valid-count"]')?.textContent).toContain(
      '197',
    )
    const table = document.querySelector('[data-testid="import-error-table"]')?.textContent ?? ''
    for (const bad of book.badRows) expect(table).toContain(String(bad.row))
    expect(table).toContain('统一社会信用代码的校验位不正确')
    expect(table).toContain('请填写企业名称')
    expect(table).toContain('所属地区中的“不存在旗”不存在')
    document.querySelector<HTMLElement>('[data-testid="import-mode-all-or-nothing"]')?.click()
    await flushPromises()
    const confirm = () =>
      document.querySelector<HTMLButtonElement>('[data-testid="import-confirm"]')
    expect(confirm()?.disabled).toBe(true)
    document.querySelector<HTMLElement>('[data-testid="import-mode-valid-rows"]')?.click()
    await flushPromises()
    expect(confirm()?.disabled).toBe(false)
    confirm()?.click()
    await until(() => wrapper.emitted('imported') !== undefined)
    expect(wrapper.emitted('imported')?.[0]).toEqual([{ created: 197, updated: 0, unchanged: 0 }])
    expect(await db().firms.count()).toBe(197)
    wrapper.unmount()
  }, 30_000)
})
