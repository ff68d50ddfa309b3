import { computed } from 'vue'
import { useSessionStore } from '@/stores/session'
import { useLiveQuery } from './useLiveQuery'

/**
 * The org subtree the current role sees: null = everything (the department, or a
 * secretary who has not picked an org yet). A member sees their own org only.
 */
export function useScope() {
  const session = useSessionStore()
  const key = computed(() => `${session.role}:${session.orgId}:${session.memberId}`)
  const { data } = useLiveQuery(
    async ({ getMember, getOrg, listSubtreeOrgIds }) => {
      if (session.role === 'member' && session.memberId) {
        const member = await getMember(session.memberId)
        const org = member ? await getOrg(member.orgId) : undefined
        return org ? { orgIds: [org.id], orgName: org.name } : { orgIds: null, orgName: '' }
      }
      const id = session.scopeOrgId
      if (!id) return { orgIds: null, orgName: '' }
      const org = await getOrg(id)
      if (!org) return { orgIds: null, orgName: '' }
      return { orgIds: await listSubtreeOrgIds(id), orgName: org.name }
    },
    [key],
  )
  return {
    orgIds: computed(() => data.value?.orgIds ?? null),
    orgName: computed(() => data.value?.orgName ?? ''),
    ready: computed(() => data.value !== undefined),
  }
}
