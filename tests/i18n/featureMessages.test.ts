import { describe, expect, it } from 'vitest'
import { FEATURES, createAppI18n, ensureMessages, loadFeatureMessages, withMessages } from '@/i18n'
import { messages } from '@/i18n/messages'
import zhCN from '@/i18n/zh-CN'

describe('feature messages', () => {
  it('the test messages hold every feature the app loads', () => {
    for (const feature of FEATURES) expect(messages['zh-CN']).toHaveProperty(feature)
  })

  it('the entry keeps only the shell parts of the features', () => {
    expect(Object.keys(zhCN.study)).toEqual(['nav'])
    expect(Object.keys(zhCN.backup)).toEqual(['offline'])
    expect(Object.keys(zhCN.exchange)).toEqual(['db'])
    for (const feature of ['members', 'meetings', 'joint', 'import', 'settingLabels', 'orgPage'])
      expect(zhCN).not.toHaveProperty(feature)
  })

  it('merges a feature under its namespace, beside the shared part of it', async () => {
    const { global: i18n } = createAppI18n()
    expect(i18n.te('study.title')).toBe(false)
    await loadFeatureMessages(i18n, ['study', 'members'])
    expect(i18n.t('study.title')).toBe(messages['zh-CN'].study.title)
    expect(i18n.t('study.nav.me')).toBe('我的')
    expect(i18n.te('members.title')).toBe(true)
    expect(i18n.te('joint.title')).toBe(false)
  })

  it('a locale chosen later gets every feature loaded so far, before the switch', async () => {
    const { global: i18n } = createAppI18n()
    await loadFeatureMessages(i18n, ['meetings'])
    await ensureMessages(i18n, 'en')
    expect(i18n.te('meetings.title', 'en')).toBe(true)
    expect(i18n.te('app.name', 'en')).toBe(true)
    // Once both are in, a page's features come in both.
    await withMessages(i18n, ['joint'], () => Promise.resolve(null))
    expect(i18n.te('joint.title', 'en')).toBe(true)
    expect(i18n.te('joint.title', 'zh-CN')).toBe(true)
    i18n.locale.value = 'en'
    expect(i18n.t('meetings.title')).toBe(messages.en.meetings.title)
  })
})
