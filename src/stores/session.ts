import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { isLocale, type Locale } from '@/i18n'

export const ROLES = ['department', 'secretary', 'member'] as const
export type Role = (typeof ROLES)[number]

const STORAGE_KEY = 'zhibu.session'

interface Saved {
  role: Role
  orgId: string
  memberId: string
  locale: Locale
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** Read what the last visit chose; anything unreadable falls back to the department. */
export function readSaved(storage: Pick<Storage, 'getItem'>): Saved {
  const fallback: Saved = { role: 'department', orgId: '', memberId: '', locale: 'zh-CN' }
  try {
    const raw: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null')
    if (raw === null || typeof raw !== 'object') return fallback
    const data = raw as Record<string, unknown>
    return {
      role: isRole(data.role) ? data.role : fallback.role,
      orgId: typeof data.orgId === 'string' ? data.orgId : '',
      memberId: typeof data.memberId === 'string' ? data.memberId : '',
      locale: isLocale(data.locale) ? data.locale : fallback.locale,
    }
  } catch {
    return fallback
  }
}

/** Session and UI state only: who is using the app, in which scope and language. */
export const useSessionStore = defineStore('session', () => {
  const saved = readSaved(localStorage)
  const role = ref<Role>(saved.role)
  const orgId = ref(saved.orgId)
  const memberId = ref(saved.memberId)
  const locale = ref<Locale>(saved.locale)

  /** A secretary without an org sees everything until they pick one. */
  const scopeOrgId = computed(() => (role.value === 'secretary' ? orgId.value : ''))

  function switchRole(next: Role, ids: { orgId?: string; memberId?: string } = {}): void {
    role.value = next
    orgId.value = next === 'secretary' ? (ids.orgId ?? '') : ''
    memberId.value = next === 'member' ? (ids.memberId ?? '') : ''
  }

  watch(
    [role, orgId, memberId, locale],
    () => {
      const data: Saved = {
        role: role.value,
        orgId: orgId.value,
        memberId: memberId.value,
        locale: locale.value,
      }
      localStorage.setItem(STORAGE_KEY, JSON.stringify(data))
    },
    { flush: 'sync' },
  )

  return { role, orgId, memberId, locale, scopeOrgId, switchRole }
})
