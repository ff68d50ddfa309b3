import { ref } from 'vue'
import { useSessionStore } from '@/stores/session'
import type { DataLayer } from './lazyDb'

/**
 * The name shown beside the role: the secretary's org or the member's name. `refresh` runs
 * inside a live query (it is given that query's data layer), so the label follows renames.
 */
export function useScopeLabel() {
  const session = useSessionStore()
  const label = ref('')
  async function refresh(db: DataLayer): Promise<string> {
    if (session.role === 'secretary' && session.orgId)
      label.value = (await db.getOrg(session.orgId))?.name ?? ''
    else if (session.role === 'member' && session.memberId)
      label.value = (await db.getMember(session.memberId))?.name ?? ''
    else label.value = ''
    return label.value
  }
  return { label, refresh }
}
