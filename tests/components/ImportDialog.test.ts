import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
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

describe('ImportDialog when the import cannot be written', () => {
  async function importUntilFailure(): Promise<string> {
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
    Object.defineProperty(input, 'files', {
      value: [new File([new Uint8Array(book.buffer)], '企业.xlsx')],
    })
    input?.dispatchEvent(new Event('change'))
    await until(() => !!document.querySelector('[data-testid="import-next"]'))
    document.querySelector<HTMLButtonElement>('[data-testid="import-next"]')?.click()
    await until(() => !!document.querySelector('[data-testid="import-confirm"]:not([disabled])'))
    document.querySelector<HTMLButtonElement>('[data-testid="import-confirm"]')?.click()
    await until(() => !!document.querySelector('[data-testid="import-failure"]'))
    const text = document.querySelector('[data-testid="import-failure"]')?.textContent ?? ''
    wrapper.unmount()
    return text
  }

  /** The browser refuses every write to `store`, as IndexedDB does when `error` happens. */
  function refuseWrites(store: string, error: () => Error) {
    return (['put', 'add'] as const).map((method) => {
      const original = IDBObjectStore.prototype[method]
      return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        if (this.name === store) throw error()
        return original.apply(this, args)
      })
    })
  }

  it('says the disk is full, and that nothing was written', async () => {
    const spies = refuseWrites(
      'firms',
      () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    )
    try {
      const text = await importUntilFailure()
      expect(text).toContain('存储空间已满')
      expect(text).toContain('没有写入任何数据')
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(await db().firms.count()).toBe(0)
  }, 30_000)

  it('names any other failure by its message, not as a full disk', async () => {
    const spies = refuseWrites('firms', () => new DOMException('disk I/O broke', 'UnknownError'))
    try {
      const text = await importUntilFailure()
      expect(text).toContain('导入失败，没有写入任何数据')
      expect(text).toContain('disk I/O broke')
      expect(text).not.toContain('存储空间已满')
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(await db().firms.count()).toBe(0)
  }, 30_000)

  it('says a file that cannot be read is a bad file', async () => {
    const wrapper = mount(ImportDialog, {
      props: { modelValue: true, 'onUpdate:modelValue': () => {} },
      global: { plugins: [ElementPlus, i18n()] },
      attachTo: document.body,
    })
    await until(() => !!document.querySelector('[data-testid="import-file"]'))
    const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]')
    // A zip header and then nothing: a broken .xlsx.
    Object.defineProperty(input, 'files', {
      value: [new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], '企业.xlsx')],
    })
    input?.dispatchEvent(new Event('change'))
    await until(() => !!document.querySelector('[data-testid="import-failure"]'))
    const text = document.querySelector('[data-testid="import-failure"]')?.textContent ?? ''
    expect(text).toMatch(/无法读取这个文件/)
    expect(text).not.toContain('存储空间已满')
    wrapper.unmount()
  }, 30_000)
})

describe('ImportDialog with a register from another tool', () => {
  it('asks what the unknown words mean, names the accepted words for one left open, and remembers the choice', async () => {
    const { readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const city = await createArea(area())
    for (const name of ['昆都仑区', '青山区', '稀土高新区'])
      await createArea(area({ name, parentId: city.id, level: 'banner', code: '' }))
    const bytes = readFileSync(join(__dirname, '../fixtures/import/firm-register.xlsx'))
    const wrapper = mount(ImportDialog, {
      props: { modelValue: true, 'onUpdate:modelValue': () => {} },
      global: { plugins: [ElementPlus, i18n()] },
      attachTo: document.body,
    })
    const $ = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
    await until(() => !!$('import-file'))
    const input = $('import-file') as HTMLInputElement
    Object.defineProperty(input, 'files', {
      value: [new File([new Uint8Array(bytes)], '名录.xlsx')],
    })
    input.dispatchEvent(new Event('change'))
    await until(() => !!$('import-next'))
    expect($('import-matched-areaId')?.textContent).toContain('按含义')
    $('import-next')?.click()
    await until(() => !!$('import-values'))
    const table = $('import-values')?.textContent ?? ''
    expect(table).toContain('网络直播')
    expect(table).toContain('GB/T 4754-2017 642')
    expect($('import-values-unresolved')?.textContent).toContain('还有 2 个取值没有对应')
    // Choose 生活服务 for 网络直播 and leave 网络安全 open: its row is refused, naming the accepted.
    $('import-value-industry-0')?.querySelector<HTMLElement>('.el-select__wrapper')?.click()
    await until(() =>
      [...document.querySelectorAll('.el-select-dropdown__item')].some(
        (li) => li.textContent === '生活服务',
      ),
    )
    ;[...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')]
      .find((li) => li.textContent === '生活服务')
      ?.click()
    await until(() => $('import-values-unresolved')?.textContent?.includes('还有 1 个') ?? false)
    $('import-next')?.click()
    await until(() => !!$('import-valid-count'))
    expect($('import-valid-count')?.textContent).toContain('7')
    const problems = $('import-error-table')?.textContent ?? ''
    expect(problems).toContain('行业的取值“网络安全”无法识别，可选：新闻信息、网络社交、电子商务')
    expect(problems).toContain('统一社会信用代码的校验位不正确')
    expect(await db().meta.get('importValueChoices')).toEqual({
      key: 'importValueChoices',
      value: JSON.stringify({ firms: { industry: { 网络直播: 'lifeService' } } }),
    })
    wrapper.unmount()
  }, 30_000)
})
