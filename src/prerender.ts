/**
 * The welcome page rendered to HTML at build time (scripts/prerender-welcome.ts loads this
 * module through Vite's SSR loader): index.html paints it, before any script has run, on a
 * device the app has not yet taken past the welcome page. Vue's mount later replaces it with
 * the same page, so it is the real WelcomeView, never a copy.
 */
import { ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } from 'element-plus'
import { createSSRApp } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n, type Locale } from './i18n'
import en from './i18n/en'
import zhCN from './i18n/zh-CN'
import WelcomeView from './views/WelcomeView.vue'

export async function renderWelcome(locale: Locale): Promise<string> {
  // WelcomeView asks for the router; it navigates only on a click, which never comes here.
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/welcome', component: WelcomeView }],
  })
  const app = createSSRApp(WelcomeView)
    .use(createAppI18n(locale, { 'zh-CN': zhCN, en }))
    .use(router)
  // Element Plus's ids and z-indexes, as its SSR guide provides them.
  app.provide(ID_INJECTION_KEY, { prefix: 1024, current: 0 })
  app.provide(ZINDEX_INJECTION_KEY, { current: 0 })
  return renderToString(app)
}
