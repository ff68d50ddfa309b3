import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg, createStudyRecord, saveSetting } from '@/db'
import MemberStudySummary from '@/components/study/MemberStudySummary.vue'
import { todayIso } from '@/domain/dates'
import { area, member, org, useFreshDb } from '../db/helpers'
import { mountWithApp } from './mount'

useFreshDb()

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('MemberStudySummary', () => {
  it('shows confirmed hours against the target and pending hours apart, live', async () => {
    const city = await createArea(area())
    const o = await createOrg(org(city.id))
    const m = await createMember(member(o.id))
    // The component counts the device's current year; the db clock is pinned, so date
    // the records inside both.
    const studiedOn = `${todayIso().slice(0, 4)}-01-02`
    const base = {
      memberId: m.id,
      orgId: o.id,
      studiedOn,
      kind: 'collective' as const,
      topic: '学习党章',
      place: '',
      note: '',
      meetingId: '',
    }
    await createStudyRecord({ ...base, hours: 8, confirmed: 'yes' }, '2099-12-31')
    await createStudyRecord({ ...base, hours: 2, confirmed: 'no' }, '2099-12-31')
    // 自学 is recorded but not counted towards the 32 hours of 集中学习培训.
    await createStudyRecord({ ...base, kind: 'self', hours: 3, confirmed: 'yes' }, '2099-12-31')
    const wrapper = mountWithApp(MemberStudySummary, { props: { memberId: m.id } })
    const hours = () => wrapper.find('[data-testid="study-summary-hours"]')
    await until(() => hours().exists())
    expect(hours().text()).toBe('8 / 32 学时')
    expect(wrapper.text()).toContain('还差 24 学时')
    expect(wrapper.find('[data-testid="study-summary-pending"]').text()).toContain('待确认 2 学时')
    expect(wrapper.find('[data-testid="study-summary-other"]').text()).toContain('3 学时')

    await saveSetting('study.hoursPerYear', 8)
    await until(() => hours().text() === '8 / 8 学时')
    expect(wrapper.text()).toContain('已完成年度学时')
    wrapper.unmount()
  })
})
