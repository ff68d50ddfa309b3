import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import AreaBreakdown from '@/components/dashboard/AreaBreakdown.vue'
import DashboardBreadcrumb from '@/components/dashboard/DashboardBreadcrumb.vue'
import FirmBreakdown from '@/components/dashboard/FirmBreakdown.vue'
import { coverageBars } from '@/components/dashboard/chartOptions'
import type { CoverageFigures } from '@/domain/coverage'
import { firmFiguresOf } from '@/domain/dashboard'
import { mountWithApp } from './mount'

function figures(operatingFirms: number, own: number, joint: number, members = 0): CoverageFigures {
  const withOrg = own + joint
  return {
    operatingFirms,
    firmsWithOwnOrg: own,
    firmsInJointBranch: joint,
    firmsWithOrg: withOrg,
    firmsInstructorOnly: 0,
    firmsUncovered: operatingFirms - withOrg,
    orgCoverageRate: operatingFirms === 0 ? 0 : withOrg / operatingFirms,
    ownOrgRate: operatingFirms === 0 ? 0 : own / operatingFirms,
    workCoverageRate: operatingFirms === 0 ? 0 : withOrg / operatingFirms,
    fullMembers: members,
    probationaryMembers: 0,
    members,
    orgsByType: {
      baseCommittee: 0,
      generalBranch: 0,
      branch: 0,
      jointBranch: 0,
      jointCommittee: 0,
      temporaryBranch: 0,
    },
  }
}

const ROWS = [
  { areaId: 'bt', name: '包头市', hasChildren: true, figures: figures(210, 15, 24, 182) },
  { areaId: 'wh', name: '乌海市', hasChildren: false, figures: figures(16, 1, 0, 3) },
]

describe('AreaBreakdown', () => {
  it('lists each area with its counts and rates; an area with children drills down', async () => {
    const wrapper = mountWithApp(AreaBreakdown, { props: { rows: ROWS, loading: false } })
    await flushPromises()
    const text = wrapper.get('[data-testid="coverage-by-area"]').text()
    expect(text).toContain('包头市')
    expect(text).toContain('18.6%') // 39 / 210
    expect(text).toContain('6.3%') // 1 / 16
    expect(wrapper.find('[data-testid="drill-乌海市"]').exists()).toBe(false)
    await wrapper.get('[data-testid="drill-包头市"]').trigger('click')
    expect(wrapper.emitted('drill')).toEqual([['bt']])
  })

  it('says so when the area has no areas under it', () => {
    const wrapper = mountWithApp(AreaBreakdown, { props: { rows: [], loading: false } })
    expect(wrapper.text()).toContain('该地区没有下级地区')
  })
})

describe('FirmBreakdown', () => {
  it('shows firm figures only, with the note that members are not split by industry', async () => {
    const wrapper = mountWithApp(FirmBreakdown, {
      props: {
        rows: [
          { key: 'ecommerce', label: '电子商务', figures: firmFiguresOf(figures(40, 3, 5, 9)) },
        ],
        heading: '行业',
        loading: false,
        testid: 'coverage-by-industry',
      },
    })
    await flushPromises()
    const table = wrapper.get('[data-testid="coverage-by-industry"]').text()
    expect(table).toContain('电子商务')
    expect(table).toContain('20.0%') // 8 / 40
    expect(table).not.toContain('党员')
    expect(wrapper.text()).toContain('党员没有按企业的行业和规模分别计数')
  })
})

describe('DashboardBreadcrumb', () => {
  it('goes back to the top or to an area on the way', async () => {
    const wrapper = mountWithApp(DashboardBreadcrumb, {
      props: {
        trail: [
          { id: 'bt', name: '包头市' },
          { id: 'kd', name: '昆都仑区' },
        ],
      },
    })
    expect(wrapper.get('[data-testid="trail-current"]').text()).toBe('昆都仑区')
    await wrapper.get('[data-testid="trail-top"]').trigger('click')
    const buttons = wrapper.findAll('button')
    await buttons[1]!.trigger('click')
    expect(wrapper.emitted('select')).toEqual([[''], ['bt']])
  })
})

describe('coverageBars', () => {
  it('puts the rate on the right axis as a rounded percentage', () => {
    const option = coverageBars([{ name: '包头市', firms: 210, withOrg: 39, rate: 39 / 210 }], {
      firms: '在营企业',
      withOrg: '建立党组织',
      rate: '组织覆盖率',
    }) as { series: { name: string; data: number[]; yAxisIndex?: number }[] }
    expect(option.series.map((s) => s.name)).toEqual(['在营企业', '建立党组织', '组织覆盖率'])
    expect(option.series[2]).toMatchObject({ data: [18.6], yAxisIndex: 1 })
  })
})
