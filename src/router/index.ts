import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
} from 'vue-router'
import { loadFeatureMessages, type Feature, type MessageTarget } from '@/i18n'
import { noDatabaseYet, rememberPastWelcome } from '@/services/deviceProbe'

declare module 'vue-router' {
  interface RouteMeta {
    /** Feature messages the page shows beyond the shared ones (src/i18n/index.ts). */
    messages?: readonly Feature[]
  }
}

/** The 待办 codes name messages of these features (src/composables/todo/*, domain/todo.ts). */
const TODO_MESSAGES: Feature[] = ['members', 'meetings', 'joint', 'study', 'backup', 'dues']

/**
 * Every page is its own chunk: the first route loads only what it shows. `meta.messages` lists
 * the feature messages the page (and the dialogs and tabs it opens) shows; the landing routes
 * need none.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  {
    path: '/welcome',
    name: 'welcome',
    component: () => import('@/views/WelcomeView.vue'),
    meta: { bare: true },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/DashboardView.vue'),
    // The work-quality tab shows the dues collection.
    meta: { messages: ['dues'] },
  },
  {
    path: '/todo',
    name: 'todo',
    component: () => import('@/views/TodoView.vue'),
    meta: { messages: [...TODO_MESSAGES, 'phone'] },
  },
  {
    path: '/firms',
    name: 'firms',
    component: () => import('@/views/FirmsView.vue'),
    meta: { messages: ['import', 'phone'] },
  },
  {
    path: '/areas',
    name: 'areas',
    component: () => import('@/views/AreasView.vue'),
    meta: { messages: ['area'] },
  },
  {
    path: '/orgs',
    name: 'orgs',
    component: () => import('@/views/OrgsView.vue'),
    // Its findings are 待办 codes.
    meta: { messages: ['orgPage', 'area', 'import', ...TODO_MESSAGES] },
  },
  {
    path: '/members',
    name: 'members',
    component: () => import('@/views/MembersView.vue'),
    meta: { messages: ['members', 'import', 'phone'] },
  },
  {
    path: '/members/:id',
    name: 'member',
    component: () => import('@/views/MemberProfileView.vue'),
    meta: { messages: ['members', 'meetings', 'study', 'phone', 'backup'] },
  },
  {
    path: '/meetings',
    name: 'meetings',
    component: () => import('@/views/MeetingsView.vue'),
    meta: { messages: ['meetings', 'phone'] },
  },
  {
    path: '/meetings/board',
    name: 'meetingBoard',
    component: () => import('@/views/MeetingBoardView.vue'),
    meta: { messages: ['meetings'] },
  },
  {
    path: '/meetings/:id',
    name: 'meeting',
    component: () => import('@/views/MeetingDetailView.vue'),
    meta: { messages: ['meetings', 'phone'] },
  },
  {
    path: '/joint',
    name: 'joint',
    component: () => import('@/views/JointView.vue'),
    meta: { messages: ['joint'] },
  },
  {
    path: '/study',
    name: 'study',
    component: () => import('@/views/StudyView.vue'),
    meta: { messages: ['study', 'meetings', 'import', 'phone'] },
  },
  {
    path: '/dues',
    name: 'dues',
    component: () => import('@/views/DuesView.vue'),
    meta: { messages: ['dues', 'study', 'import', 'phone'] },
  },
  {
    path: '/dues/year/:memberId',
    name: 'duesYear',
    component: () => import('@/views/DuesYearView.vue'),
    meta: { messages: ['dues', 'phone'] },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('@/views/MeView.vue'),
    meta: { messages: ['study', 'meetings', 'members', 'orgPage', 'phone'] },
  },
  {
    path: '/data',
    name: 'data',
    component: () => import('@/views/DataView.vue'),
    meta: { messages: ['backup', 'exchange', 'sync'] },
  },
  {
    path: '/data/sync',
    name: 'sync',
    component: () => import('@/views/SyncView.vue'),
    meta: { messages: ['sync', 'phone'] },
  },
  {
    path: '/data/conflicts',
    name: 'conflicts',
    component: () => import('@/views/ConflictsView.vue'),
    meta: { messages: ['replication', 'phone'] },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/SettingsView.vue'),
    meta: { messages: ['settings', 'settingLabels'] },
  },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

/** `messages`: where the routes' feature messages go (`i18n.global`); none in tests without. */
/** What the app does around the first-run guard (main.ts wires it). */
export interface RouterHooks {
  /** The guard is about to read the data: a database exists and a page past welcome is asked. */
  readsData?: () => void
}

export function createAppRouter(messages?: MessageTarget, hooks: RouterHooks = {}) {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })
  const pageMessages = (to: RouteLocationNormalized): Promise<void> =>
    messages
      ? loadFeatureMessages(messages, [
          ...new Set(to.matched.flatMap((r) => r.meta.messages ?? [])),
        ])
      : Promise.resolve()
  // A brand-new device opens on the welcome page, once; afterwards straight to the app.
  router.beforeEach(async (to) => {
    // An origin with no database is a brand-new device, known without the data layer: it goes
    // to the welcome page fetching nothing for the page it asked for.
    if (to.name !== 'welcome' && (await noDatabaseYet())) {
      rememberPastWelcome(false)
      return { name: 'welcome' }
    }
    // Started here, while the router fetches the page's chunk; awaited before it shows.
    pageMessages(to).catch(() => undefined)
    if (to.name === 'welcome') return true
    // Otherwise the data says (loaded on demand: the first route holds no database code).
    hooks.readsData?.()
    const { isFirstRun } = await import('@/services/firstRun')
    const firstRun = await isFirstRun()
    // index.html paints the welcome page or the shell by this, before any script has run.
    rememberPastWelcome(!firstRun)
    return firstRun ? { name: 'welcome' } : true
  })
  // The same loads (once each): no page renders before its messages are in, never a raw key.
  router.beforeResolve((to) => pageMessages(to))
  return router
}
