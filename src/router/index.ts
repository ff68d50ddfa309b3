import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { isFirstRun } from '@/services/firstRun'

/** Every page is its own chunk: the first route loads only what it shows. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  {
    path: '/welcome',
    name: 'welcome',
    component: () => import('@/views/WelcomeView.vue'),
    meta: { bare: true },
  },
  { path: '/dashboard', name: 'dashboard', component: () => import('@/views/DashboardView.vue') },
  { path: '/todo', name: 'todo', component: () => import('@/views/TodoView.vue') },
  { path: '/firms', name: 'firms', component: () => import('@/views/FirmsView.vue') },
  { path: '/areas', name: 'areas', component: () => import('@/views/AreasView.vue') },
  { path: '/orgs', name: 'orgs', component: () => import('@/views/OrgsView.vue') },
  { path: '/members', name: 'members', component: () => import('@/views/MembersView.vue') },
  {
    path: '/members/:id',
    name: 'member',
    component: () => import('@/views/MemberProfileView.vue'),
  },
  { path: '/meetings', name: 'meetings', component: () => import('@/views/MeetingsView.vue') },
  {
    path: '/meetings/board',
    name: 'meetingBoard',
    component: () => import('@/views/MeetingBoardView.vue'),
  },
  {
    path: '/meetings/:id',
    name: 'meeting',
    component: () => import('@/views/MeetingDetailView.vue'),
  },
  { path: '/joint', name: 'joint', component: () => import('@/views/JointView.vue') },
  { path: '/study', name: 'study', component: () => import('@/views/StudyView.vue') },
  { path: '/me', name: 'me', component: () => import('@/views/MeView.vue') },
  { path: '/data', name: 'data', component: () => import('@/views/DataView.vue') },
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })
  // A brand-new device opens on the welcome page, once; afterwards straight to the app.
  router.beforeEach(async (to) => {
    if (to.name === 'welcome') return true
    return (await isFirstRun()) ? { name: 'welcome' } : true
  })
  return router
}
