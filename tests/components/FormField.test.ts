import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ElForm } from 'element-plus'
import { defineComponent, h, ref } from 'vue'
import FormField from '@/components/base/FormField.vue'
import { provideFieldErrors } from '@/components/base/fieldErrors'
import { mountWithApp } from './mount'

/** A form that gives its fields the repository's errors, as the record dialogs do. */
function mountForm(errors: Record<string, string>) {
  const given = ref(errors)
  const Form = defineComponent({
    setup() {
      provideFieldErrors(() => given.value)
      return () =>
        h(ElForm, null, () => [
          h(FormField, { label: '统一社会信用代码', prop: 'creditCode', required: true }, () =>
            h('input', { id: 'code' }),
          ),
          h(FormField, { label: '备注' }, () => h('input', { id: 'note' })),
        ])
    },
  })
  return { wrapper: mountWithApp(Form), given }
}

describe('FormField', () => {
  it('shows its label, the required mark and the error for its prop', async () => {
    const { wrapper } = mountForm({ creditCode: '统一社会信用代码已被使用', note: '不显示' })
    await flushPromises()
    const [code, note] = wrapper.findAll('.el-form-item')
    expect(code?.find('.el-form-item__label').text()).toBe('统一社会信用代码')
    expect(code?.classes()).toContain('is-required')
    // el-form-item marks the item in error (its message shows through a transition).
    expect(code?.classes()).toContain('is-error')
    // A field without a prop has no repository error to show.
    expect(note?.classes()).not.toContain('is-error')
    expect(note?.classes()).not.toContain('is-required')
  })

  it('follows the errors as a new save reports them', async () => {
    const { wrapper, given } = mountForm({})
    await flushPromises()
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(false)
    given.value = { creditCode: '统一社会信用代码的校验位不正确' }
    await flushPromises()
    expect(wrapper.findAll('.el-form-item')[0]?.classes()).toContain('is-error')
    given.value = {}
    await flushPromises()
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(false)
  })

  it('shows no error outside a form that provides them', () => {
    const wrapper = mountWithApp(FormField, {
      props: { label: '名称', prop: 'name' },
      slots: { default: () => h('input') },
    })
    expect(wrapper.find('.el-form-item__label').text()).toBe('名称')
    expect(wrapper.find('.el-form-item__error').exists()).toBe(false)
  })
})
