import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type Messages = typeof zhCN

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * zh-CN is in the first download; English (a fifth of the entry's bytes) is fetched the first
 * time it is chosen (`ensureMessages`). Tests that need both pass `messages` from './messages'.
 */
export function createAppI18n(
  locale: Locale = 'zh-CN',
  messages: Partial<Record<Locale, Messages>> = { 'zh-CN': zhCN },
) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: messages as Record<Locale, Messages>,
    missingWarn: false,
    fallbackWarn: false,
  })
}

/** The part of the i18n composer (or `i18n.global`) that takes a locale's messages. */
interface MessageTarget {
  availableLocales: readonly string[]
  setLocaleMessage(locale: Locale, messages: Messages): void
}

/** Load a locale's messages once, before switching to it. */
export async function ensureMessages(target: MessageTarget, locale: Locale): Promise<void> {
  if (target.availableLocales.includes(locale)) return
  const loaded = locale === 'en' ? (await import('./en')).default : zhCN
  target.setLocaleMessage(locale, loaded as Messages)
}
