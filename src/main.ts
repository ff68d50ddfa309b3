import 'element-plus/theme-chalk/dark/css-vars.css'
// Called from code, not written in templates: the on-demand resolver cannot see these.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n, ensureMessages } from './i18n'
import { createAppRouter } from './router'
import { readSaved } from './stores/session'
import './styles/main.css'
import './styles/phone.css'

/** The stylesheets index.html loads without blocking the shell's paint (vite.config.ts). */
function stylesApplied(): Promise<unknown> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter(
    (link) => link.media === 'print',
  )
  return Promise.all(
    pending.map(
      (link) =>
        new Promise((resolve) => {
          link.addEventListener('load', resolve, { once: true })
          link.addEventListener('error', resolve, { once: true })
        }),
    ),
  )
}

const { locale } = readSaved(localStorage)
const i18n = createAppI18n(locale)

const app = createApp(App).use(createPinia()).use(i18n).use(createAppRouter(i18n.global))
// English is its own chunk: a user who chose it gets its messages before the first paint.
// The shell stays until the styles apply too: no unstyled flash.
Promise.all([
  ensureMessages(i18n.global, locale).catch((error: unknown) =>
    console.error('messages failed to load', error),
  ),
  stylesApplied(),
]).finally(() => app.mount('#app'))
