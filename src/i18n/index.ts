import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type Messages = typeof zhCN

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * zh-CN's shared messages are in the first download; English (a fifth of the entry's bytes) is
 * fetched the first time it is chosen (`ensureMessages`), and each feature's messages with the
 * routes that show them (`loadFeatureMessages`). Tests that need everything pass `messages`
 * from './messages'.
 */
export function createAppI18n(
  locale: Locale = 'zh-CN',
  messages: Partial<Record<Locale, object>> = { 'zh-CN': zhCN },
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

type Loader = () => Promise<{ default: object }>

/**
 * Feature message files, each merged under its namespace (`t('members.…')`). A route names the
 * features its page shows (`meta.messages`, src/router); the entry keeps only what every page
 * shows (zh-CN.ts, en.ts). Explicit imports: one chunk per file and locale.
 */
const FEATURE_LOADERS = {
  members: { 'zh-CN': () => import('./members.zh-CN'), en: () => import('./members.en') },
  joint: { 'zh-CN': () => import('./joint.zh-CN'), en: () => import('./joint.en') },
  study: { 'zh-CN': () => import('./study.zh-CN'), en: () => import('./study.en') },
  dues: { 'zh-CN': () => import('./dues.zh-CN'), en: () => import('./dues.en') },
  backup: { 'zh-CN': () => import('./backup.zh-CN'), en: () => import('./backup.en') },
  exchange: { 'zh-CN': () => import('./exchange.zh-CN'), en: () => import('./exchange.en') },
  meetings: { 'zh-CN': () => import('./meetings.zh-CN'), en: () => import('./meetings.en') },
  import: { 'zh-CN': () => import('./import.zh-CN'), en: () => import('./import.en') },
  settings: { 'zh-CN': () => import('./settings.zh-CN'), en: () => import('./settings.en') },
  settingLabels: {
    'zh-CN': () => import('./settingLabels.zh-CN'),
    en: () => import('./settingLabels.en'),
  },
  orgPage: { 'zh-CN': () => import('./orgPage.zh-CN'), en: () => import('./orgPage.en') },
  area: { 'zh-CN': () => import('./area.zh-CN'), en: () => import('./area.en') },
  sync: { 'zh-CN': () => import('./sync.zh-CN'), en: () => import('./sync.en') },
  phone: { 'zh-CN': () => import('./phone.zh-CN'), en: () => import('./phone.en') },
  replication: {
    'zh-CN': () => import('./replication.zh-CN'),
    en: () => import('./replication.en'),
  },
} satisfies Record<string, Record<Locale, Loader>>

export type Feature = keyof typeof FEATURE_LOADERS
export const FEATURES = Object.keys(FEATURE_LOADERS) as Feature[]

/** The part of the i18n composer (or `i18n.global`) that takes a locale's messages. */
export interface MessageTarget {
  availableLocales: readonly string[]
  setLocaleMessage(locale: Locale, messages: Messages): void
  mergeLocaleMessage(locale: Locale, messages: Record<string, unknown>): void
}

interface LoadState {
  /** Features some page asked for: a locale loaded later gets them too. */
  wanted: Set<Feature>
  /** One load per feature and locale (`members:en`), dropped again if it failed. */
  loads: Map<string, Promise<void>>
}

const states = new WeakMap<MessageTarget, LoadState>()

function stateOf(target: MessageTarget): LoadState {
  let state = states.get(target)
  if (!state) states.set(target, (state = { wanted: new Set(), loads: new Map() }))
  return state
}

function loadFeature(target: MessageTarget, feature: Feature, locale: Locale): Promise<void> {
  const { loads } = stateOf(target)
  const key = `${feature}:${locale}`
  let load = loads.get(key)
  if (!load) {
    load = FEATURE_LOADERS[feature][locale]().then(
      (module) => target.mergeLocaleMessage(locale, { [feature]: module.default }),
      (error: unknown) => {
        loads.delete(key)
        throw error
      },
    )
    loads.set(key, load)
  }
  return load
}

/**
 * Merge the features' messages into every locale the target has (once per feature and locale);
 * resolves when a page that shows them can render without a raw key.
 */
export async function loadFeatureMessages(
  target: MessageTarget,
  features: readonly Feature[],
): Promise<void> {
  const { wanted } = stateOf(target)
  for (const feature of features) wanted.add(feature)
  const locales = target.availableLocales.filter(isLocale)
  await Promise.all(
    features.flatMap((feature) => locales.map((locale) => loadFeature(target, feature, locale))),
  )
}

/**
 * Load a locale's messages once, before switching to it: its shared messages and every feature
 * a page has loaded so far.
 */
export async function ensureMessages(target: MessageTarget, locale: Locale): Promise<void> {
  if (!target.availableLocales.includes(locale)) {
    const loaded = locale === 'en' ? (await import('./en')).default : zhCN
    // Set before the features merge into it (setLocaleMessage replaces the whole locale).
    if (!target.availableLocales.includes(locale))
      target.setLocaleMessage(locale, loaded as Messages)
  }
  // Read after the await: a page opened meanwhile has added its features.
  const { wanted } = stateOf(target)
  await Promise.all([...wanted].map((feature) => loadFeature(target, feature, locale)))
}

/**
 * An async component's loader that also brings the features' messages, both fetched at once:
 * `defineAsyncComponent(() => withMessages(i18n, ['members'], () => import('./Panel.vue')))`.
 */
export async function withMessages<T>(
  target: MessageTarget,
  features: readonly Feature[],
  load: () => Promise<T>,
): Promise<T> {
  const [loaded] = await Promise.all([load(), loadFeatureMessages(target, features)])
  return loaded
}
