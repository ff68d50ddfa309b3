import 'element-plus/theme-chalk/dark/css-vars.css'
// Called from code, not written in templates: the on-demand resolver cannot see these.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { loadAppLayout } from './components/layout/loadAppLayout'
import { loadDb } from './composables/lazyDb'
import { createAppI18n, ensureMessages } from './i18n'
import { createAppRouter } from './router'
import { readSaved } from './stores/session'
import './styles/main.css'
import './styles/phone.css'

/**
 * A button of the welcome page index.html painted, clicked before the app mounted (its place
 * among the page's buttons, noted by index.html's inline script): clicked on the mounted page,
 * the same page, so the early tap is not lost.
 */
function replayEarlyClick(onWelcome: boolean): void {
  const root = document.documentElement
  const index = Number(root.dataset.zbEarlyClick)
  delete root.dataset.zbEarlyClick
  if (!onWelcome || !Number.isInteger(index)) return
  document.querySelectorAll<HTMLButtonElement>('#app button')[index]?.click()
}

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

/** How long the mount waits for the first route before it goes ahead without it. */
const ROUTE_WAIT_MS = 2000

const { locale } = readSaved(localStorage)
const i18n = createAppI18n(locale)

// The shell's background work, the database guard among it, starts as soon as the first-run
// guard reads the data: an upgrade blocked by an older tab is explained while the route waits.
const router = createAppRouter(i18n.global, { readsData: () => void loadDb() })
// Any page but the welcome page sits in the layout, a chunk of its own: fetched beside the
// first route unless index.html painted the welcome page, and in before the mount.
const layoutLoaded = (): Promise<unknown> =>
  router.currentRoute.value.meta.bare ? Promise.resolve() : loadAppLayout()
if (!document.querySelector('#app > .welcome')) void loadAppLayout().catch(() => undefined)
const app = createApp(App).use(createPinia()).use(i18n).use(router)
// English is its own chunk: a user who chose it gets its messages before the first paint.
// The shell (or the welcome page index.html painted) stays until the styles apply and the first
// route has resolved: no unstyled flash, and the page Vue mounts is the one already showing.
Promise.all([
  ensureMessages(i18n.global, locale).catch((error: unknown) =>
    console.error('messages failed to load', error),
  ),
  stylesApplied(),
  // Bounded: a route that waits on the database (an upgrade blocked by an older tab) must not
  // keep the app, and the guard that says why, from mounting.
  Promise.race([
    router
      .isReady()
      .then(layoutLoaded)
      .catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, ROUTE_WAIT_MS)),
  ]),
]).finally(() => {
  app.mount('#app')
  // The welcome page's inline CSS (index.html) has served: the app's stylesheets hold it all.
  document.getElementById('zb-welcome-css')?.remove()
  replayEarlyClick(router.currentRoute.value.name === 'welcome')
})
