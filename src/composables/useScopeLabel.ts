import { ref } from 'vue'
import { getMember, getOrg } from '@/db'
import { useSessionStore } from '@/stores/session'

/** The name shown beside the role: the secretary's org or the member's name. */
export function useScopeLabel() {
  const session = useSessionStore()
  const label = ref('')
  async function refresh(): Promise<string> {
    if (session.role === 'secretary' && session.orgId)
      label.value = (await getOrg(session.orgId))?.name ?? ''
    else if (session.role === 'member' && session.memberId)
      label.value = (await getMember(session.memberId))?.name ?? ''
    else label.value = ''
    return label.value
  }
  return { label, refresh }
}
