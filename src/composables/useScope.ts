import { computed } from 'vue'
import { getOrg, listSubtreeOrgIds } from '@/db'
import { useSessionStore } from '@/stores/session'
import { useLiveQuery } from './useLiveQuery'

/**
 * The org subtree the current role sees: null = everything (the department, or a
 * secretary who has not picked an org yet).
 */
export function useScope() {
  const session = useSessionStore()
  const scopeOrgId = computed(() => session.scopeOrgId)
  const { data } = useLiveQuery(async () => {
    const id = scopeOrgId.value
    if (!id) return { orgIds: null, orgName: '' }
    const org = await getOrg(id)
    if (!org) return { orgIds: null, orgName: '' }
    return { orgIds: await listSubtreeOrgIds(id), orgName: org.name }
  }, [scopeOrgId])
  return {
    orgIds: computed(() => data.value?.orgIds ?? null),
    orgName: computed(() => data.value?.orgName ?? ''),
    ready: computed(() => data.value !== undefined),
  }
}
