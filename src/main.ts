import 'element-plus/theme-chalk/dark/css-vars.css'
// Called from code, not written in templates: the on-demand resolver cannot see these.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { setActor } from './db'
import { createAppI18n, ensureMessages } from './i18n'
import { createAppRouter } from './router'
import { readSaved } from './stores/session'
import './styles/main.css'

const { locale } = readSaved(localStorage)
const i18n = createAppI18n(locale)
setActor('组织部门')

const app = createApp(App).use(createPinia()).use(i18n).use(createAppRouter())
// English is its own chunk: a user who chose it gets its messages before the first paint.
ensureMessages(i18n.global, locale)
  .catch((error: unknown) => console.error('messages failed to load', error))
  .finally(() => app.mount('#app'))
