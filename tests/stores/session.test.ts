import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { readSaved, useSessionStore } from '@/stores/session'

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('starts as the organisation department in Chinese', () => {
    const session = useSessionStore()
    expect([session.role, session.locale, session.scopeOrgId]).toEqual(['department', 'zh-CN', ''])
  })

  it('remembers the role, the scope and the language across reloads', () => {
    const session = useSessionStore()
    session.switchRole('secretary', { orgId: 'org-1' })
    session.locale = 'en'
    expect(readSaved(localStorage)).toEqual({
      role: 'secretary',
      orgId: 'org-1',
      memberId: '',
      locale: 'en',
    })
    setActivePinia(createPinia())
    const again = useSessionStore()
    expect([again.role, again.scopeOrgId, again.locale]).toEqual(['secretary', 'org-1', 'en'])
  })

  it('drops the org when switching to another role', () => {
    const session = useSessionStore()
    session.switchRole('secretary', { orgId: 'org-1' })
    session.switchRole('member', { memberId: 'm-1' })
    expect([session.orgId, session.memberId, session.scopeOrgId]).toEqual(['', 'm-1', ''])
  })

  it.each(['{not json', '"a string"', '{"role":"king","locale":"fr"}'])(
    'falls back on bad stored data %s',
    (raw) => {
      localStorage.setItem('zhibu.session', raw)
      expect(readSaved(localStorage)).toEqual({
        role: 'department',
        orgId: '',
        memberId: '',
        locale: 'zh-CN',
      })
    },
  )
})
