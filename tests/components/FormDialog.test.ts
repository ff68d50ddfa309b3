import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import FormDialog from '@/components/base/FormDialog.vue'
import { mountWithApp } from './mount'

async function open(saving = false) {
  const wrapper = mountWithApp(FormDialog, {
    props: { modelValue: false, title: '新增企业', saving, saveTestid: 'thing-save' },
    slots: {
      default: () =>
        h('form', { 'data-testid': 'thing-form' }, [
          h('input', { type: 'radio', name: 'kind' }),
          h('input', { type: 'text', class: 'name' }),
          h('textarea', { class: 'note' }),
          h('div', { class: 'el-select' }, [h('input', { type: 'text', class: 'pick' })]),
        ]),
    },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const find = <T extends Element>(selector: string) => document.querySelector(selector) as T
const enter = (selector: string, init: KeyboardEventInit = {}) =>
  find(selector).dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }),
  )

afterEach(() => {
  document.body.innerHTML = ''
})

describe('FormDialog', () => {
  it('shows the title, the form and 取消/保存', async () => {
    await open()
    expect(find('.el-dialog__title').textContent).toBe('新增企业')
    expect(find('[data-testid="thing-form"]')).not.toBeNull()
    const buttons = [...document.querySelectorAll('.el-dialog__footer button')]
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['取消', '保存'])
    expect(buttons[1]?.getAttribute('data-testid')).toBe('thing-save')
  })

  it('submits from 保存 and from Enter in a one-line field only', async () => {
    const wrapper = await open()
    find<HTMLButtonElement>('[data-testid="thing-save"]').click()
    enter('.name')
    enter('.note')
    enter('.pick')
    // Enter that ends an input method's composition picks the characters; it must not save.
    enter('.name', { isComposing: true })
    expect(wrapper.emitted('submit')).toHaveLength(2)
  })

  it('focuses the first typed field when opened, unless a field already has the focus', async () => {
    const wrapper = await open()
    const dialog = wrapper.findComponent({ name: 'ElDialog' })
    dialog.vm.$emit('opened')
    expect(document.activeElement).toBe(find('.name'))
    // Someone typing in the note before the animation ended keeps the focus there.
    find<HTMLTextAreaElement>('.note').focus()
    dialog.vm.$emit('opened')
    expect(document.activeElement).toBe(find('.note'))
  })

  it('closes from 取消 and shows the saving state on 保存', async () => {
    const wrapper = await open(true)
    expect(find('[data-testid="thing-save"]').classList.contains('is-loading')).toBe(true)
    find<HTMLButtonElement>('.el-dialog__footer button').click()
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })
})
