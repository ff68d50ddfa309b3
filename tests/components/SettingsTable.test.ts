import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import SettingsTable from '@/components/settings/SettingsTable.vue'
import type { SettingRow } from '@/composables/useSettings'
import { SETTING_DEFINITIONS } from '@/domain/settings'
import { mountWithApp } from './mount'

const study = SETTING_DEFINITIONS.find((d) => d.key === 'study.hoursPerYear')!
const rows: SettingRow[] = [{ ...study, value: 40, changed: true }]

describe('SettingsTable', () => {
  it('shows the label, the value in force, the default and the source', async () => {
    const wrapper = mountWithApp(SettingsTable, { props: { rows } })
    await flushPromises() // el-table renders its body after the first tick
    expect(wrapper.text()).toContain('每名党员年度集中学习培训学时')
    expect(wrapper.text()).toContain('已调整')
    // 党员教育管理工作条例 2019, a national rule (not a local one).
    expect(wrapper.get('[data-testid="setting-scope-study.hoursPerYear"]').text()).toBe('国家规定')
    expect(wrapper.get('[data-testid="setting-source-study.hoursPerYear"]').text()).toBe(
      study.source.cite,
    )
    expect(study.source.cite).toContain('中国共产党党员教育管理工作条例 2019')
    const input = wrapper.get('[data-testid="setting-study.hoursPerYear"] input')
    expect((input.element as HTMLInputElement).value).toBe('40')
  })

  it('emits save with the new value, and reset from the reset button', async () => {
    const wrapper = mountWithApp(SettingsTable, { props: { rows } })
    await flushPromises() // el-table renders its body after the first tick
    const input = wrapper.get('[data-testid="setting-study.hoursPerYear"] input')
    await input.setValue('36')
    await input.trigger('change')
    expect(wrapper.emitted('save')).toEqual([['study.hoursPerYear', 36]])
    await wrapper.get('button.el-button--primary.is-link').trigger('click')
    expect(wrapper.emitted('reset')).toEqual([['study.hoursPerYear']])
  })
})
