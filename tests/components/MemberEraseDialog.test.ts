import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import MemberEraseDialog from '@/components/member/MemberEraseDialog.vue'
import { mountWithApp } from './mount'

function mountDialog(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mountWithApp(
    MemberEraseDialog,
    { props: { modelValue: true, name: '赵敏学', saving: false }, attachTo: document.body },
    locale,
  )
}

const body = () => document.body
const field = () => body().querySelector<HTMLInputElement>('[data-testid="erase-confirm-name"]')!
const button = () => body().querySelector<HTMLButtonElement>('[data-testid="erase-confirm"]')!

async function type(value: string): Promise<void> {
  field().value = value
  field().dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('MemberEraseDialog', () => {
  it('says that earlier backups still hold the data, in both languages', async () => {
    const zh = mountDialog()
    await flushPromises()
    expect(body().textContent).toContain('此前导出的备份和交换包仍含有此人的信息')
    expect(body().textContent).toContain('请输入党员姓名“赵敏学”以确认')
    zh.unmount()
    const en = mountDialog('en')
    await flushPromises()
    expect(body().textContent).toContain('Backups and packages exported earlier still hold')
    en.unmount()
  })

  it('erases only once the name typed is the member’s, by button or Enter', async () => {
    const wrapper = mountDialog()
    await flushPromises()
    expect(button().disabled).toBe(true)
    await type('赵敏')
    field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('erase')).toBeUndefined()
    expect(button().disabled).toBe(true)
    await type(' 赵敏学 ')
    expect(button().disabled).toBe(false)
    field().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('erase')).toEqual([['赵敏学']])
    button().click()
    await flushPromises()
    expect(wrapper.emitted('erase')).toHaveLength(2)
    wrapper.unmount()
  })
})
