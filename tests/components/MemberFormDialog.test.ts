import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElFormItem } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import MemberFormDialog from '@/components/member/MemberFormDialog.vue'
import { useFreshDb } from '../db/helpers'
import { mountWithApp } from './mount'

useFreshDb()

async function open() {
  const wrapper = mountWithApp(MemberFormDialog, {
    props: { modelValue: false, member: null, defaultOrgId: '', saving: false, serverProblems: [] },
    attachTo: document.body,
    // Ten date pickers take over a minute to render in jsdom; the ID number needs none of them.
    global: { stubs: { ElDatePicker: true, MemberFormDevelopment: true } },
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

/** Type an ID number, leave the field, and read the error the form item holds for it. */
async function idNumberError(wrapper: VueWrapper, value: string): Promise<string> {
  // Element Plus puts the test id on the <input> itself.
  const input = document.querySelector('input[data-testid="member-id-input"]') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('blur'))
  for (let i = 0; i < 5; i++) await flushPromises()
  // The message's own element sits in a transition jsdom does not run; the item keeps the text.
  const item = wrapper.findAllComponents(ElFormItem).find((c) => c.props('prop') === 'idNumber')
  return (item?.vm as unknown as { validateMessage: string } | undefined)?.validateMessage ?? ''
}

afterEach(() => {
  document.body.innerHTML = ''
})

// The form is large for jsdom: give a loaded machine time.
describe('MemberFormDialog: ID number (公民身份号码, GB 11643)', { timeout: 30_000 }, () => {
  it.each([
    ['1101051949123100', '身份证号的位数不正确'],
    ['11010519491231002Y', '身份证号的格式不正确'],
    ['010105194912310021', '身份证号的前两位不是省级行政区划代码'],
    ['110105194913310020', '身份证号中的出生日期无效'],
    ['110105194912310021', '身份证号的校验位不正确'],
  ])('rejects %s with a message naming the field', async (value, message) => {
    const wrapper = await open()
    expect(await idNumberError(wrapper, value)).toBe(message)
  })

  it('accepts an empty number (older records often lack one)', async () => {
    const wrapper = await open()
    expect(await idNumberError(wrapper, '')).toBe('')
  })
})
