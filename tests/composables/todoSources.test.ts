import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg } from '@/db'
import { developmentTodo } from '@/composables/todo/development'
import { statusesTodo } from '@/composables/todo/statuses'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import { area, member, org, useFreshDb } from '../db/helpers'

useFreshDb()
const settings = defaultSettings()
const today = '2026-11-23'

async function branch() {
  const city = await createArea(area())
  return createOrg(org(city.id))
}

describe('待办: development deadlines, not only on the member’s page', () => {
  it('lists a talk overdue, an approval due within a month, and leaves far deadlines out', async () => {
    const o = await branch()
    const person = (name: string, stage: 'applicant' | 'probationary', dates: object) =>
      createMember(
        member(o.id, {
          name,
          idNumber: '',
          phone: '',
          stage,
          development: { ...emptyDevelopment(), ...dates },
        }),
      )
    await person('申请甲', 'applicant', { appliedOn: '2026-10-01' }) // talk by 2026-11-01
    await person('预备乙', 'probationary', {
      branchVoteOn: '2026-09-10',
      upperTalkOn: '2026-09-20',
    })
    await person('预备丙', 'probationary', { branchVoteOn: '2026-11-20' }) // due 2027-02-20
    const items = await developmentTodo({ orgIds: [o.id], settings, today })
    expect(items.map((item) => [item.subject, item.code, item.urgency, item.dueOn])).toEqual([
      ['申请甲', 'members.todo.next.talk', 'overdue', '2026-11-01'],
      ['预备乙', 'members.todo.next.approval', 'soon', '2026-12-10'],
    ])
  })
})

describe('待办: the deadlines statuses set (党员教育管理工作条例 2019)', () => {
  it('asks to suspend a member lost for six months and to transfer one away as long', async () => {
    const o = await branch()
    const withStatus = (name: string, status: 'lostContact' | 'mobile', statusSince: string) =>
      createMember(
        member(o.id, { name, idNumber: '', phone: '', status, statusSince, statusNote: '说明' }),
      )
    await withStatus('失联甲', 'lostContact', '2026-04-01')
    await withStatus('失联乙', 'lostContact', '2026-08-01')
    await withStatus('流动丙', 'mobile', '2026-05-01')
    const items = await statusesTodo({ orgIds: [o.id], settings, today })
    expect(items.map((item) => [item.subject, item.code]).sort()).toEqual([
      ['失联甲', 'members.todo.status.suspend'],
      ['流动丙', 'members.todo.status.transfer'],
    ])
    expect(await statusesTodo({ orgIds: ['another-org'], settings, today })).toEqual([])
  })
})
