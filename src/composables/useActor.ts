import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSessionStore } from '@/stores/session'
import { whenDbLoaded } from './lazyDb'

/** Keep the audit log's "who" in step with the role switch. */
export function useActor(): void {
  const session = useSessionStore()
  const { t } = useI18n()
  watchEffect(async () => {
    const { role, orgId, memberId } = session
    const db = await whenDbLoaded()
    if (role === 'secretary' && orgId) {
      const org = await db.getOrg(orgId)
      db.setActor(t('role.actorSecretary', { org: org?.name ?? '' }))
    } else if (role === 'member' && memberId) {
      const member = await db.getMember(memberId)
      db.setActor(t('role.actorMember', { name: member?.name ?? '' }))
    } else {
      db.setActor(t('role.actorDepartment'))
    }
  })
}
