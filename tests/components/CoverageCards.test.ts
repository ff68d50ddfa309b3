import { describe, expect, it } from 'vitest'
import CoverageCards from '@/components/coverage/CoverageCards.vue'
import type { CoverageFigures } from '@/domain/coverage'
import { mountWithApp } from './mount'

const figures: CoverageFigures = {
  operatingFirms: 875,
  firmsWithOwnOrg: 100,
  firmsInJointBranch: 21,
  firmsWithOrg: 121,
  firmsInstructorOnly: 300,
  firmsUncovered: 454,
  orgCoverageRate: 121 / 875,
  ownOrgRate: 100 / 875,
  workCoverageRate: 421 / 875,
  fullMembers: 500,
  probationaryMembers: 46,
  members: 546,
  orgsByType: {
    baseCommittee: 1,
    generalBranch: 2,
    branch: 80,
    jointBranch: 8,
    jointCommittee: 1,
    temporaryBranch: 0,
  },
}

describe('CoverageCards', () => {
  it('shows the headline figures with the rate to one decimal', () => {
    const wrapper = mountWithApp(CoverageCards, { props: { figures } })
    const text = (id: string) => wrapper.get(`[data-testid="${id}"]`).text()
    expect(text('stat-firms')).toBe('875')
    expect(text('stat-firms-with-org')).toBe('121')
    expect(text('stat-org-coverage')).toBe('13.8%')
    expect(text('stat-work-coverage')).toBe('48.1%')
    expect(text('stat-members')).toBe('546')
    expect(wrapper.text()).toContain('单独组建 100 家，联合组建 21 家')
    expect(wrapper.text()).toContain('正式党员 500 名，预备党员 46 名')
  })

  it('speaks English when that locale is on', () => {
    const wrapper = mountWithApp(CoverageCards, { props: { figures } }, 'en')
    expect(wrapper.text()).toContain('Organisation coverage')
    expect(wrapper.text()).toContain('100 with their own, 21 in a joint branch')
  })
})
