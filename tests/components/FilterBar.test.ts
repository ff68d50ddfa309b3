import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import CodeSelect from '@/components/base/CodeSelect.vue'
import FilterBar from '@/components/base/FilterBar.vue'
import FilterSelect from '@/components/base/FilterSelect.vue'
import { INDUSTRIES, SIZE_CLASSES } from '@/domain/types'
import { mountWithApp } from './mount'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('CodeSelect', () => {
  it('offers each code under its message and passes attributes to the select', async () => {
    const wrapper = mountWithApp(CodeSelect, {
      props: {
        modelValue: '',
        codes: ['ecommerce', 'software'],
        labelPrefix: 'industry',
        placeholder: '行业',
        'data-testid': 'industry',
      },
      attachTo: document.body,
    })
    const select = wrapper.find('[data-testid="industry"]')
    expect(select.exists()).toBe(true)
    await select.find('.el-select__wrapper').trigger('click')
    await flushPromises()
    const options = [...document.body.querySelectorAll('.el-select-dropdown__item')]
    expect(options).toHaveLength(2)
    expect(options.map((o) => o.textContent)).not.toContain('ecommerce')
    expect(options[0]?.textContent).not.toBe('')
  })
})

describe('FilterSelect', () => {
  /** One size filter in its form item, its value kept in `filter`. */
  function mountSelect(sizeClass: string) {
    const filter = reactive({ sizeClass })
    const wrapper = mountWithApp(FilterSelect, {
      props: {
        modelValue: filter.sizeClass,
        'onUpdate:modelValue': (value: string) => (filter.sizeClass = value),
        codes: SIZE_CLASSES,
        labelPrefix: 'firm.sizeClass',
        label: '规模',
        width: '140px',
        'data-testid': 'thing-size',
      },
      attachTo: document.body,
    })
    return { wrapper, filter }
  }

  it('names the select by its label, sets its width and passes the test id through', () => {
    const { wrapper } = mountSelect('')
    expect(wrapper.find('.el-form-item').exists()).toBe(true)
    const select = wrapper.find('[data-testid="thing-size"]')
    expect(select.exists()).toBe(true)
    expect(select.attributes('style')).toContain('width: 140px')
    const input = select.find('input')
    expect(input.attributes('aria-label')).toBe('规模')
    expect(wrapper.text() + (input.attributes('placeholder') ?? '')).toContain('规模')
  })

  it("clears to '' (not set), not undefined", async () => {
    const { wrapper, filter } = mountSelect('above')
    const select = wrapper.find('[data-testid="thing-size"]')
    await select.trigger('mouseenter')
    await flushPromises()
    await select.find('.el-select__clear').trigger('click')
    await flushPromises()
    expect(filter.sizeClass).toBe('')
  })
})

describe('FilterBar', () => {
  /** A bar over a firm-like filter, as the lists use it (desktop width). */
  function mountBar(keep?: string[]) {
    const filter = reactive({ text: '', industry: '', orgId: 'o1' })
    const Host = defineComponent({
      setup: () => () =>
        h(
          FilterBar,
          {
            filter,
            search: filter.text,
            'onUpdate:search': (value: string) => (filter.text = value),
            searchPlaceholder: '名称或信用代码',
            searchTestid: 'thing-search',
            keep,
          },
          () =>
            h(CodeSelect, {
              modelValue: filter.industry,
              'onUpdate:modelValue': (value: string | undefined) => (filter.industry = value ?? ''),
              codes: INDUSTRIES,
              labelPrefix: 'industry',
              'data-testid': 'thing-industry',
            }),
        ),
    })
    return { wrapper: mountWithApp(Host, { attachTo: document.body }), filter }
  }

  it('puts the search box and the filters in one inline form', () => {
    const { wrapper } = mountBar()
    expect(wrapper.find('form.el-form--inline').exists()).toBe(true)
    const search = wrapper.find('input[data-testid="thing-search"]')
    expect(search.attributes('placeholder')).toBe('名称或信用代码')
    expect(search.attributes('aria-label')).toBe('名称或信用代码')
    expect(wrapper.find('[data-testid="thing-industry"]').exists()).toBe(true)
  })

  it('writes the trimmed search text back to the filter', async () => {
    const { wrapper, filter } = mountBar()
    await wrapper.find('input[data-testid="thing-search"]').setValue('  草原  ')
    await wrapper.find('input[data-testid="thing-search"]').trigger('change')
    expect(filter.text).toBe('草原')
  })

  it('leaves out the search box when there is none', () => {
    const filter = reactive({ kind: '' })
    const wrapper = mountWithApp(FilterBar, {
      props: { filter },
      slots: { default: () => h('span', { class: 'only-field' }) },
    })
    expect(wrapper.find('input').exists()).toBe(false)
    expect(wrapper.find('.only-field').exists()).toBe(true)
  })
})
