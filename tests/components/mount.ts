import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { Component } from 'vue'
import { createAppI18n, type Locale } from '@/i18n'
import { messages } from '@/i18n/messages'

/** Mount with Element Plus and the app's messages, as main.ts wires them. */
export function mountWithApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> = {},
  locale: Locale = 'zh-CN',
) {
  return mount(component, {
    ...options,
    global: { plugins: [ElementPlus, createAppI18n(locale, messages)], ...options.global },
  } as ComponentMountingOptions<C>)
}
