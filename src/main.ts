import 'element-plus/theme-chalk/dark/css-vars.css'
// Called from code, not written in templates: the on-demand resolver cannot see these.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { setActor } from './db'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { readSaved } from './stores/session'
import './styles/main.css'

const i18n = createAppI18n(readSaved(localStorage).locale)
setActor('组织部门')

createApp(App).use(createPinia()).use(i18n).use(createAppRouter()).mount('#app')
