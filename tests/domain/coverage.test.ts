import { describe, expect, it } from 'vitest'
import {
  computeCoverage,
  coverageByArea,
  coverageByIndustry,
  coverageBySizeClass,
  firmOrgStatus,
  isFirmOperating,
  isOrgActive,
  roundRate,
  type CoverageInput,
} from '@/domain/coverage'
import type { Area, Firm, Member, Org } from '@/domain/types'
import { area, firm, member, org } from './fixtures'

const AS_OF = '2024-06-30'

// Hand-made register; the expected figures below were counted by hand.
const FIRMS: Firm[] = [
  firm('f1'), // own branch o1
  firm('f2'), // own branch o3 and the joint branch o2: counts once, as own
  firm('f3'), // joint branch o2 only
  firm('f4'), // joint branch o2 only
  firm('f5', { instructor: '王指导员' }), // work coverage
  firm('f6', { liaison: '李联络员' }), // work coverage
  firm('f7'), // nothing; o7 covers it only from 2024-07-01
  firm('f8', { closedOn: '2024-01-01' }), // closed: out of the denominator
  firm('f9', { registeredOn: '2024-07-01' }), // registered after the date
  firm('f10'), // its org o4 was dissolved 2024-03-01
  firm('f11'), // only a temporary branch: not coverage
  firm('f12'), // named by a joint committee: not coverage
  firm('f13', { closedOn: AS_OF }), // closed on the day itself
  firm('f14', { registeredOn: '' }), // unknown registration: counted as operating
]

const ORGS: Org[] = [
  org('o1', 'branch', ['f1', 'f8']),
  org('o2', 'jointBranch', ['f2', 'f3', 'f4']),
  org('o3', 'branch', ['f2']),
  org('o4', 'branch', ['f10'], { dissolvedOn: '2024-03-01' }),
  org('o5', 'temporaryBranch', ['f11']),
  org('o6', 'jointCommittee', ['f12']),
  org('o7', 'branch', ['f7'], { foundedOn: '2024-07-01' }),
]

const MEMBERS: Member[] = [
  member('m1', 'o1'),
  member('m2', 'o1', { stage: 'probationary' }),
  member('m3', 'o1', { stage: 'activist' }),
  member('m4', 'o1', { status: 'transferredOut' }),
  member('m5', 'o2'),
  member('m6', 'o4'), // dissolved org
  member('m7', 'o5'),
  member('m8', 'o3', { stage: 'probationary', status: 'mobile' }),
  member('m9', 'o7'), // org not founded yet
  member('m10', 'o3', { status: 'lostContact' }),
]

describe('computeCoverage', () => {
  const figures = computeCoverage(FIRMS, ORGS, MEMBERS, AS_OF)

  it.each([
    ['operatingFirms', 11],
    ['firmsWithOwnOrg', 2],
    ['firmsInJointBranch', 2],
    ['firmsWithOrg', 4],
    ['firmsInstructorOnly', 2],
    ['firmsUncovered', 5],
    ['orgCoverageRate', 4 / 11],
    ['ownOrgRate', 2 / 11],
    ['workCoverageRate', 6 / 11],
    ['fullMembers', 4],
    ['probationaryMembers', 2],
    ['members', 6],
  ] as const)('%s = %d', (key, value) => {
    expect(figures[key]).toBeCloseTo(value, 12)
  })

  it('counts active orgs by type', () => {
    expect(figures.orgsByType).toEqual({
      baseCommittee: 0,
      generalBranch: 0,
      branch: 2,
      jointBranch: 1,
      jointCommittee: 1,
      temporaryBranch: 1,
    })
  })

  it('adds up: own + joint + instructor + uncovered = operating', () => {
    expect(
      figures.firmsWithOwnOrg +
        figures.firmsInJointBranch +
        figures.firmsInstructorOnly +
        figures.firmsUncovered,
    ).toBe(figures.operatingFirms)
  })

  it('counts a dissolved org before its dissolution date', () => {
    const earlier = computeCoverage(FIRMS, ORGS, MEMBERS, '2024-02-29')
    // o4 still covers f10; f13 is still open; f8 had closed already; o7 not founded.
    expect(earlier.firmsWithOwnOrg).toBe(3)
    expect(earlier.operatingFirms).toBe(12)
    expect(earlier.members).toBe(7)
  })

  it('counts the dissolution day itself as dissolved', () => {
    expect(computeCoverage(FIRMS, ORGS, MEMBERS, '2024-03-01').firmsWithOwnOrg).toBe(2)
  })

  it('counts a firm listed twice and named twice by one org once', () => {
    const twice = computeCoverage(
      [firm('a'), firm('a')],
      [org('x', 'branch', ['a', 'a']), org('y', 'jointBranch', ['a'])],
      [],
      AS_OF,
    )
    expect(twice.operatingFirms).toBe(1)
    expect(twice.firmsWithOrg).toBe(1)
    expect(twice.orgCoverageRate).toBe(1)
  })

  it('gives 0 rates, not NaN, when no firm operates', () => {
    const empty = computeCoverage([], [], [], AS_OF)
    expect(empty.operatingFirms).toBe(0)
    expect(empty.orgCoverageRate).toBe(0)
    expect(empty.ownOrgRate).toBe(0)
    expect(empty.workCoverageRate).toBe(0)
  })

  it('reproduces the 2018 article: 121 of 875 internet firms, 13.8 %', () => {
    const firms = Array.from({ length: 875 }, (_, index) => firm(`f${index}`))
    const orgs = firms
      .slice(0, 121)
      .map((covered) => org(`o-${covered.id}`, 'branch', [covered.id]))
    const figures = computeCoverage(firms, orgs, [], '2018-06-30')
    expect(figures.firmsWithOrg).toBe(121)
    expect(roundRate(figures.orgCoverageRate)).toBe(13.8)
  })
})

describe('firmOrgStatus', () => {
  const covered = firm('a')
  const withInstructor = firm('a', { instructor: ' 张三 ' })

  it.each([
    ['own branch', covered, [org('x', 'branch', ['a'])], 'ownOrg'],
    ['general branch', covered, [org('x', 'generalBranch', ['a'])], 'ownOrg'],
    ['base committee', covered, [org('x', 'baseCommittee', ['a'])], 'ownOrg'],
    ['joint branch', covered, [org('x', 'jointBranch', ['a'])], 'jointBranch'],
    [
      'own and joint',
      covered,
      [org('y', 'jointBranch', ['a']), org('x', 'branch', ['a'])],
      'ownOrg',
    ],
    ['temporary branch', covered, [org('x', 'temporaryBranch', ['a'])], 'none'],
    ['joint committee', covered, [org('x', 'jointCommittee', ['a'])], 'none'],
    ['instructor, no org', withInstructor, [], 'instructorOnly'],
    [
      'instructor and a joint branch',
      withInstructor,
      [org('x', 'jointBranch', ['a'])],
      'jointBranch',
    ],
    ['blank instructor', firm('a', { instructor: '  ' }), [], 'none'],
    ['org hosting another firm', covered, [org('x', 'branch', ['b'])], 'none'],
    ['dissolved org', covered, [org('x', 'branch', ['a'], { dissolvedOn: '2024-01-01' })], 'none'],
    [
      'org founded later',
      covered,
      [org('x', 'branch', ['a'], { foundedOn: '2025-01-01' })],
      'none',
    ],
  ] as const)('%s → %s', (_label, subject, orgs, status) => {
    expect(firmOrgStatus(subject, orgs, AS_OF)).toBe(status)
  })
})

describe('isFirmOperating and isOrgActive', () => {
  it.each([
    ['2020-01-01', '', true],
    ['', '', true],
    [AS_OF, '', true],
    ['2024-07-01', '', false],
    ['2020-01-01', AS_OF, false],
    ['2020-01-01', '2024-07-01', true],
  ])('registered %s, closed %s → %s', (registeredOn, closedOn, operating) => {
    expect(isFirmOperating({ registeredOn, closedOn }, AS_OF)).toBe(operating)
    expect(isOrgActive({ foundedOn: registeredOn, dissolvedOn: closedOn }, AS_OF)).toBe(operating)
  })
})

describe('roundRate', () => {
  it.each([
    [121 / 875, 1, 13.8],
    [0.1385, 1, 13.9],
    [1 / 3, 2, 33.33],
    [2 / 3, 1, 66.7],
    [1, 1, 100],
    [0, 1, 0],
    [Number.NaN, 1, 0],
    [0.5, 0, 50],
  ])('%d to %i digits → %d', (rate, digits, expected) => {
    expect(roundRate(rate, digits)).toBe(expected)
  })
})

describe('breakdowns', () => {
  const areas: Area[] = [
    area('r', '', '/r/', 0),
    area('c1', 'r', '/r/c1/', 2),
    area('c2', 'r', '/r/c2/', 1),
    area('b1', 'c1', '/r/c1/b1/', 0),
    // A sibling whose id starts like c1's: its path must not match c1's subtree.
    area('c10', 'r', '/r/c10/', 3),
  ]
  const input: CoverageInput = {
    asOf: AS_OF,
    firms: [
      firm('a', { areaPath: '/r/c1/', industry: 'ecommerce', sizeClass: 'above' }),
      firm('b', { areaPath: '/r/c1/b1/', industry: 'ecommerce' }),
      firm('c', { areaPath: '/r/c2/', industry: 'newsInfo', instructor: '赵' }),
      firm('d', { areaPath: '/r/c10/', industry: 'newsInfo' }),
      firm('e', { areaPath: '/r/', industry: 'other' }),
    ],
    orgs: [
      org('oa', 'branch', ['a'], { areaPath: '/r/c1/' }),
      org('ob', 'jointBranch', ['b', 'd'], { areaPath: '/r/c1/b1/' }),
    ],
    members: [
      member('m1', 'oa', { firmId: 'a' }),
      member('m2', 'ob', { firmId: 'b' }),
      member('m3', 'ob', { firmId: 'd', stage: 'probationary' }),
    ],
  }

  it('by area: one row per child, in display order, with its subtree', () => {
    const rows = coverageByArea(input, areas, 'r')
    expect(rows.map((row) => row.areaId)).toEqual(['c2', 'c1', 'c10'])
    const [c2, c1, c10] = rows.map((row) => row.figures)
    expect(c1).toMatchObject({
      operatingFirms: 2,
      firmsWithOwnOrg: 1,
      firmsInJointBranch: 1,
      orgCoverageRate: 1,
      members: 3,
    })
    expect(c2).toMatchObject({ operatingFirms: 1, firmsInstructorOnly: 1, workCoverageRate: 1 })
    // d's joint branch is registered in c1's subtree, so c10 sees d without an org.
    expect(c10).toMatchObject({ operatingFirms: 1, firmsWithOrg: 0, firmsUncovered: 1 })
  })

  it('by area from the top: the region holds every firm', () => {
    const [region] = coverageByArea(input, areas, '')
    expect(region?.areaId).toBe('r')
    expect(region?.figures.operatingFirms).toBe(5)
    expect(region?.figures.firmsWithOrg).toBe(3)
  })

  it('by industry: every industry listed, members by their firm', () => {
    const rows = coverageByIndustry(input)
    expect(rows).toHaveLength(8)
    const byIndustry = Object.fromEntries(rows.map((row) => [row.industry, row.figures]))
    expect(byIndustry.ecommerce).toMatchObject({ operatingFirms: 2, firmsWithOrg: 2, members: 2 })
    expect(byIndustry.newsInfo).toMatchObject({
      operatingFirms: 2,
      firmsInJointBranch: 1,
      firmsInstructorOnly: 1,
      members: 1,
      probationaryMembers: 1,
    })
    expect(byIndustry.software?.operatingFirms).toBe(0)
  })

  it('by size class', () => {
    const [above, below] = coverageBySizeClass(input)
    expect(above).toMatchObject({ sizeClass: 'above' })
    expect(above?.figures).toMatchObject({ operatingFirms: 1, firmsWithOwnOrg: 1, members: 1 })
    expect(below?.figures).toMatchObject({ operatingFirms: 4, firmsWithOrg: 2 })
  })
})

describe('联合组建 and 工作覆盖 as 中办发〔2012〕11号 counts them', () => {
  it.each([
    ['a unit base committee', 'baseCommittee', 'unit', 'ownOrg'],
    ['a regional base committee', 'baseCommittee', 'regional', 'jointBranch'],
    ['an industry general branch', 'generalBranch', 'industry', 'jointBranch'],
    ['a unit general branch', 'generalBranch', 'unit', 'ownOrg'],
    ['a branch of older records (no formation)', 'branch', undefined, 'ownOrg'],
    ['a joint branch', 'jointBranch', 'unit', 'jointBranch'],
  ] as const)('a firm listed by %s → %s', (_label, type, formation, status) => {
    const covering = org('o', type, ['f'], formation ? { formation } : {})
    expect(firmOrgStatus(firm('f'), [covering], AS_OF)).toBe(status)
  })

  it('a regional committee does not hide a firm’s own branch', () => {
    const regional = org('r', 'baseCommittee', ['f'], { formation: 'regional' })
    expect(firmOrgStatus(firm('f'), [regional, org('b', 'branch', ['f'])], AS_OF)).toBe('ownOrg')
  })

  it.each([
    ['an instructor', { instructor: '王指导员' }, 'instructorOnly'],
    ['a liaison', { liaison: '李联络员' }, 'instructorOnly'],
    ['a 工会 carrying the party’s work', { tradeUnion: 'yes' as const }, 'instructorOnly'],
    ['a 共青团 carrying the party’s work', { youthLeague: 'yes' as const }, 'instructorOnly'],
    ['a 工会 not recorded as such', { tradeUnion: 'no' as const }, 'none'],
    ['nothing', {}, 'none'],
  ] as const)('a firm without an org but %s → %s', (_label, partial, status) => {
    expect(firmOrgStatus(firm('f', partial), [], AS_OF)).toBe(status)
  })

  it('members off the roll are not counted (停止党籍, 死亡, 除名 …)', () => {
    const members = [
      member('a', 'o1'),
      member('b', 'o1', { status: 'suspended' }),
      member('c', 'o1', { status: 'deceased' }),
      member('d', 'o1', { status: 'abroad' }),
      member('e', 'o1', { status: 'disciplinaryProbation' }),
    ]
    expect(computeCoverage([], [org('o1', 'branch', [])], members, AS_OF).fullMembers).toBe(3)
  })
})
