import { describe, expect, it } from 'vitest'
import {
  areaTrail,
  childAreas,
  complianceByArea,
  coverageTrend,
  firmFiguresByFieldAsOf,
  industryFiguresFromTallies,
  memberStructure,
  monthEndPoints,
  sizeClassFiguresFromTallies,
  topAreaId,
  workQuality,
} from '@/domain/dashboard'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import { tallyRows } from '@/domain/tallies'
import type { Firm, Issue, Member, Org } from '@/domain/types'
import { STAMP, area, firm, member, org } from './fixtures'

const TODAY = '2024-06-30'

function issue(id: string, partial: Partial<Issue>): Issue {
  return {
    ...STAMP,
    id,
    committeeId: 'j1',
    meetingIds: [],
    title: id,
    description: '',
    raisedByConstituentId: '',
    responsibleConstituentIds: [],
    raisedOn: '2024-01-10',
    dueOn: '',
    status: 'open',
    progress: [],
    resolution: '',
    resolvedOn: '',
    declineReason: '',
    ...partial,
  }
}

// Hand-made register; each firm's status on TODAY is written beside it and stored as the
// tallies would hold it.
const FIRMS: Firm[] = [
  firm('f1', { sizeClass: 'above', orgStatus: 'ownOrg' }), // own branch o1 (dissolved 07-15)
  firm('f2', { orgStatus: 'ownOrg' }), // own branch o3 and joint o2: once, as own
  firm('f3', { industry: 'ecommerce', orgStatus: 'jointBranch' }), // joint o2
  firm('f4', {
    industry: 'ecommerce',
    sizeClass: 'above',
    instructor: '王指导员',
    orgStatus: 'instructorOnly',
  }),
  firm('f5', { industry: 'ecommerce' }), // nothing
  firm('f6', { closedOn: '2024-01-01' }), // closed: leaves the denominator
  firm('f7', { industry: 'newsInfo', registeredOn: '2024-07-01' }), // not yet registered
]
const ORGS: Org[] = [
  org('o1', 'branch', ['f1', 'f6'], { dissolvedOn: '2024-07-15' }),
  org('o2', 'jointBranch', ['f2', 'f3']),
  org('o3', 'branch', ['f2']),
]
const MEMBERS: Member[] = [
  member('m1', 'o1'),
  member('m2', 'o3', { stage: 'probationary' }),
  member('m3', 'o3', { stage: 'activist' }),
]

describe('the area drill-down', () => {
  const areas = [
    area('r', '', '/r/', 0),
    area('c2', 'r', '/r/c2/', 2),
    area('c1', 'r', '/r/c1/', 1),
    area('b1', 'c1', '/r/c1/b1/', 0),
  ]

  it('opens on the single root and lists children in tree order', () => {
    expect(topAreaId(areas)).toBe('r')
    expect(childAreas(areas, 'r').map((a) => a.id)).toEqual(['c1', 'c2'])
    expect(topAreaId([...areas, area('r2', '', '/r2/', 1)])).toBe('')
  })

  it('gives the breadcrumb from below the top down to the area', () => {
    expect(areaTrail(areas, 'b1').map((a) => a.id)).toEqual(['c1', 'b1'])
    expect(areaTrail(areas, 'c2').map((a) => a.id)).toEqual(['c2'])
    expect(areaTrail(areas, 'r')).toEqual([])
    expect(areaTrail(areas, 'nowhere')).toEqual([])
  })
})

describe('firm figures by industry and size class', () => {
  const expectedIndustry = {
    software: { operatingFirms: 2, firmsWithOwnOrg: 2, firmsWithOrg: 2, orgCoverageRate: 1 },
    ecommerce: {
      operatingFirms: 3,
      firmsWithOwnOrg: 0,
      firmsInJointBranch: 1,
      firmsWithOrg: 1,
      firmsInstructorOnly: 1,
      firmsUncovered: 1,
      orgCoverageRate: 1 / 3,
      workCoverageRate: 2 / 3,
    },
    newsInfo: { operatingFirms: 0, orgCoverageRate: 0 },
  }
  const expectedSize = {
    above: { operatingFirms: 2, firmsWithOrg: 1, firmsWithOwnOrg: 1, firmsInstructorOnly: 1 },
    below: { operatingFirms: 3, firmsWithOrg: 2, firmsWithOwnOrg: 1, firmsUncovered: 1 },
  }

  it('from the records on any date: each firm once, closed and unregistered firms left out', () => {
    const { byIndustry, bySizeClass } = firmFiguresByFieldAsOf(FIRMS, ORGS, TODAY)
    const industry = new Map(byIndustry.map((row) => [row.industry, row.figures]))
    for (const [key, figures] of Object.entries(expectedIndustry)) {
      expect(industry.get(key as Firm['industry'])).toMatchObject(figures)
    }
    const size = new Map(bySizeClass.map((row) => [row.sizeClass, row.figures]))
    for (const [key, figures] of Object.entries(expectedSize)) {
      expect(size.get(key as Firm['sizeClass'])).toMatchObject(figures)
    }
    expect(byIndustry).toHaveLength(8) // every industry listed, empty ones at 0
  })

  it('from the tallies for today: the same answers, the late firm subtracted', () => {
    const rows = tallyRows(FIRMS, ORGS, MEMBERS)
    const notYet = { firms: FIRMS.filter((f) => f.registeredOn > TODAY), orgs: [] }
    const industry = new Map(
      industryFiguresFromTallies(rows, TODAY, notYet).map((row) => [row.industry, row.figures]),
    )
    for (const [key, figures] of Object.entries(expectedIndustry)) {
      expect(industry.get(key as Firm['industry'])).toMatchObject(figures)
    }
    const size = new Map(
      sizeClassFiguresFromTallies(rows, TODAY, notYet).map((row) => [row.sizeClass, row.figures]),
    )
    for (const [key, figures] of Object.entries(expectedSize)) {
      expect(size.get(key as Firm['sizeClass'])).toMatchObject(figures)
    }
  })

  it('a dissolved org no longer covers its firm after its date', () => {
    const { byIndustry } = firmFiguresByFieldAsOf(FIRMS, ORGS, '2024-07-31')
    const software = byIndustry.find((row) => row.industry === 'software')?.figures
    expect(software).toMatchObject({ operatingFirms: 2, firmsWithOwnOrg: 1, firmsUncovered: 1 })
  })
})

describe('the trend', () => {
  it('takes month ends, the last point being the day itself', () => {
    expect(monthEndPoints('2024-06-15', 3)).toEqual(['2024-04-30', '2024-05-31', '2024-06-15'])
    expect(monthEndPoints('2024-03-10', 2)).toEqual(['2024-02-29', '2024-03-10'])
    expect(monthEndPoints('2024-01-31', 2)).toEqual(['2023-12-31', '2024-01-31'])
    expect(monthEndPoints('2024-06-30')).toHaveLength(12)
    expect(monthEndPoints('2024-06-30')[0]).toBe('2023-07-31')
  })

  it('computes each point from the same records', () => {
    const points = coverageTrend(FIRMS, ORGS, MEMBERS, ['2024-06-30', '2024-07-31'])
    expect(points[0]).toMatchObject({
      date: '2024-06-30',
      operatingFirms: 5,
      firmsWithOrg: 3,
      firmsWithOwnOrg: 2,
      orgCoverageRate: 0.6,
      ownOrgRate: 0.4,
      members: 2,
    })
    // f7 registered (6 firms); o1 dissolved: f1 and its member drop out.
    expect(points[1]).toMatchObject({
      operatingFirms: 6,
      firmsWithOrg: 2,
      firmsWithOwnOrg: 1,
      orgCoverageRate: 2 / 6,
      members: 1,
    })
  })
})

describe("the members' structure", () => {
  it('counts full and probationary members by age band, gender, ethnicity, education', () => {
    const structure = memberStructure(
      [
        member('a', 'o1', { birthDate: '1990-07-01' }), // 33
        member('b', 'o1', {
          stage: 'probationary',
          birthDate: '1994-06-30', // 30 today
          gender: 'female',
          ethnicity: 'mongol',
          education: 'master',
        }),
        member('c', 'o1', { gender: 'female' }), // birth date unknown
        member('d', 'o1', { stage: 'applicant', birthDate: '2000-01-01' }),
        member('e', 'o1', { status: 'transferredOut', birthDate: '1960-01-01' }),
      ],
      TODAY,
    )
    expect(structure.total).toBe(3)
    expect(structure.ageBands).toMatchObject({ upTo30: 1, from31to40: 1, unknown: 1, from61: 0 })
    expect(structure.gender).toEqual({ male: 1, female: 2 })
    expect(structure.ethnicity).toMatchObject({ han: 2, mongol: 1, hui: 0 })
    expect(structure.education).toMatchObject({ bachelor: 2, master: 1, doctorate: 0 })
  })

  it('is all zeros for no members', () => {
    const structure = memberStructure([], TODAY)
    expect(structure.total).toBe(0)
    expect(Object.values(structure.ageBands).every((n) => n === 0)).toBe(true)
  })
})

describe('meeting compliance by area', () => {
  it('sums periods due and met over each child area; nothing due is no rate', () => {
    const orgs = [
      { id: 'o1', areaPath: '/r/c1/' },
      { id: 'o2', areaPath: '/r/c1/b1/' },
      { id: 'o3', areaPath: '/r/c2/' },
      { id: 'o4', areaPath: '/r/c2/' }, // not asked: no rate
    ]
    const rates = new Map([
      ['o1', { due: 4, met: 3, rate: 0.75 }],
      ['o2', { due: 2, met: 2, rate: 1 }],
      ['o3', { due: 0, met: 0, rate: 1 }],
    ])
    const rows = complianceByArea(orgs, rates, [
      { id: 'c1', path: '/r/c1/' },
      { id: 'c2', path: '/r/c2/' },
      { id: 'c3', path: '/r/c3/' },
    ])
    expect(rows).toEqual([
      { areaId: 'c1', orgs: 2, due: 6, met: 5, rate: 5 / 6 },
      { areaId: 'c2', orgs: 1, due: 0, met: 0, rate: null },
      { areaId: 'c3', orgs: 0, due: 0, met: 0, rate: null },
    ])
  })
})

describe('work quality', () => {
  const secretary = { post: 'secretary' as const, memberId: '', holderName: '张三', since: '' }
  const settings = defaultSettings()

  it('counts terms, missing secretaries, alarms, problems and study against the target', () => {
    const result = workQuality({
      orgs: [
        org('o1', 'branch', [], { termStartOn: '2021-06-30', committee: [secretary] }), // ends today
        org('o2', 'branch', [], { termStartOn: '2021-10-01' }), // ends in 3 months; no secretary
        org('o3', 'jointCommittee', []), // its posts are its own
        org('o4', 'branch', [], { dissolvedOn: '2024-01-01', termStartOn: '2019-01-01' }),
        org('o5', 'branch', [], {
          termStartOn: '2023-01-01',
          committee: [{ ...secretary, holderName: '  ' }], // a blank name is no secretary
        }),
      ],
      alarmCandidates: [
        member('m1', 'o1', {
          lastAttendedOn: '2023-12-01',
          development: { ...emptyDevelopment(), branchVoteOn: '2015-01-01' },
        }),
        member('m2', 'o1'), // nothing on record
        member('m3', 'o1', {
          stage: 'probationary',
          development: { ...emptyDevelopment(), branchVoteOn: '2024-03-01' }, // admitted lately
        }),
        member('m4', 'o1', { status: 'lostContact' }),
      ],
      issues: [
        issue('i1', { status: 'resolved', resolvedOn: '2024-02-10' }),
        issue('i2', { dueOn: '2024-06-01' }), // open and overdue
        issue('i3', { status: 'inProgress', dueOn: '2024-12-31' }),
      ],
      memberIds: ['m1', 'm2', 'm3'],
      studyHours: new Map([
        ['m1', { memberId: 'm1', confirmedHours: 32, pendingHours: 0, otherHours: 0 }],
        ['m2', { memberId: 'm2', confirmedHours: 10, pendingHours: 5, otherHours: 0 }],
      ]),
      settings,
      today: TODAY,
    })
    expect(result).toMatchObject({
      termsDueSoon: 1,
      termsOverdue: 1,
      orgsWithoutSecretary: 2,
      alarms: 2,
      issues: { raised: 3, resolved: 1, open: 2, overdue: 1 },
      study: { members: 3, reached: 1, averageHours: 14, target: 32 },
    })
  })
})
