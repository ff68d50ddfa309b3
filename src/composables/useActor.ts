import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { getMember, getOrg, setActor } from '@/db'
import { useSessionStore } from '@/stores/session'

/** Keep the audit log's "who" in step with the role switch. */
export function useActor(): void {
  const session = useSessionStore()
  const { t } = useI18n()
  watchEffect(async () => {
    if (session.role === 'secretary' && session.orgId) {
      const org = await getOrg(session.orgId)
      setActor(t('role.actorSecretary', { org: org?.name ?? '' }))
    } else if (session.role === 'member' && session.memberId) {
      const member = await getMember(session.memberId)
      setActor(t('role.actorMember', { name: member?.name ?? '' }))
    } else {
      setActor(t('role.actorDepartment'))
    }
  })
}
