import { describe, expect, it } from 'vitest'
import {
  checkOrgRules,
  findingsByOrg,
  type RuleCode,
  type RuleFinding,
  type RuleFirm,
  type RuleInput,
  type RuleMember,
} from '@/domain/orgRules'
import { defaultSettings, type Settings } from '@/domain/settings'
import type { CommitteeSeat, MemberStage, MemberStatus, Org } from '@/domain/types'

const TODAY = '2025-03-01'
const SECRETARY: CommitteeSeat = {
  post: 'secretary',
  memberId: '',
  holderName: '张书记',
  since: '2023-07-01',
}

/** A healthy branch: founded, with a secretary and a term far from its end. */
function org(partial: Partial<Org> & Pick<Org, 'id'>): Org {
  return {
    createdAt: '',
    updatedAt: '',
    name: `组织${partial.id}`,
    type: 'branch',
    parentId: '',
    areaId: 'a',
    areaPath: '/a/',
    hostFirmIds: [],
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    committee: [SECRETARY],
    termStartOn: '2024-01-01',
    termYears: 0,
    note: '',
    ...partial,
  }
}

function firm(id: string, partial: Partial<RuleFirm> = {}): RuleFirm {
  return { id, name: `企业${id}`, registeredOn: '2015-01-01', closedOn: '', ...partial }
}

let memberSeq = 0
/** `count` members of one org and firm, all of one stage and status. */
function members(
  count: number,
  orgId: string,
  firmId = '',
  stage: MemberStage = 'full',
  status: MemberStatus = 'normal',
): RuleMember[] {
  return Array.from({ length: count }, () => {
    memberSeq += 1
    return { id: `m${memberSeq}`, orgId, firmId, stage, status }
  })
}

function seats(count: number): CommitteeSeat[] {
  return Array.from({ length: count }, (_, index) => ({
    post: index === 0 ? 'secretary' : 'committeeMember',
    memberId: `seat${index}`,
    holderName: `委员${index}`,
    since: '2024-01-01',
  }))
}

function checkAll(input: Partial<RuleInput>): RuleFinding[] {
  return checkOrgRules({
    orgs: [],
    firms: [],
    members: [],
    settings: defaultSettings(),
    today: TODAY,
    ...input,
  })
}

/**
 * The findings of the rule under test. Most fixtures are orgs without members, which the
 * ≥ 3 正式党员 rule flags; it has its own block below, so it is left out here.
 */
function check(input: Partial<RuleInput>): RuleFinding[] {
  return checkAll(input).filter((finding) => finding.code !== 'tooFewFullMembers')
}

function withCode(findings: RuleFinding[], code: RuleCode): RuleFinding[] {
  return findings.filter((finding) => finding.code === code)
}

function settingsWith(overrides: Partial<Settings>): Settings {
  return { ...defaultSettings(), ...overrides }
}

describe('firmNeedsOwnBranch (支部工作条例 第五条)', () => {
  const joint = org({ id: 'jb', type: 'jointBranch', hostFirmIds: ['f1', 'f2'] })
  it.each([
    ['2 full', 2, 0, 0, false],
    ['3 full', 3, 0, 0, true],
    ['2 full + 1 probationary', 2, 1, 0, false],
    ['3 full, 1 of them transferred out', 2, 0, 1, false],
    ['4 full', 4, 0, 0, true],
  ] as const)('a firm in a joint branch with %s', (_, full, probationary, transferred, fires) => {
    const findings = check({
      orgs: [joint],
      firms: [firm('f1'), firm('f2')],
      members: [
        ...members(full, 'jb', 'f1'),
        ...members(probationary, 'jb', 'f1', 'probationary'),
        ...members(transferred, 'jb', 'f1', 'full', 'transferredOut'),
        ...members(1, 'jb', 'f2'),
      ],
    })
    const found = withCode(findings, 'firmNeedsOwnBranch')
    expect(found).toEqual(
      fires
        ? [
            {
              code: 'firmNeedsOwnBranch',
              severity: 'warning',
              orgId: 'jb',
              firmId: 'f1',
              params: { fullMembers: full, firmName: '企业f1', limit: 3 },
              dueOn: '',
            },
          ]
        : [],
    )
  })

  it('is quiet when the firm also has a branch of its own', () => {
    const own = org({ id: 'b1', hostFirmIds: ['f1'] })
    const findings = check({
      orgs: [joint, own],
      firms: [firm('f1')],
      members: members(5, 'jb', 'f1'),
    })
    expect(withCode(findings, 'firmNeedsOwnBranch')).toEqual([])
  })

  it('counts members of any org by their firm', () => {
    const findings = check({
      orgs: [joint, org({ id: 'pc', type: 'baseCommittee' })],
      firms: [firm('f1')],
      members: [...members(2, 'jb', 'f1'), ...members(1, 'pc', 'f1')],
    })
    expect(withCode(findings, 'firmNeedsOwnBranch')).toHaveLength(1)
  })

  it('moves with org.ownBranchMinFull', () => {
    const input = { orgs: [joint], firms: [firm('f1')], members: members(2, 'jb', 'f1') }
    expect(withCode(check(input), 'firmNeedsOwnBranch')).toHaveLength(0)
    const lowered = check({ ...input, settings: settingsWith({ 'org.ownBranchMinFull': 2 }) })
    expect(withCode(lowered, 'firmNeedsOwnBranch')).toHaveLength(1)
  })

  it('ignores a closed firm', () => {
    const findings = check({
      orgs: [joint],
      firms: [firm('f1', { closedOn: '2025-01-01' })],
      members: members(5, 'jb', 'f1'),
    })
    expect(findings).toEqual([])
  })
})

describe('jointBranchTooManyUnits (支部工作条例 第五条)', () => {
  const hosts = (count: number) => Array.from({ length: count }, (_, index) => `f${index}`)
  it.each([
    [5, defaultSettings(), false],
    [6, defaultSettings(), true],
    [6, settingsWith({ 'org.jointBranchMaxUnits': 6 }), false],
    [4, settingsWith({ 'org.jointBranchMaxUnits': 3 }), true],
  ] as const)('%i units', (units, settings, fires) => {
    const findings = check({
      orgs: [org({ id: 'jb', type: 'jointBranch', hostFirmIds: hosts(units) })],
      settings,
    })
    expect(withCode(findings, 'jointBranchTooManyUnits')).toEqual(
      fires
        ? [
            {
              code: 'jointBranchTooManyUnits',
              severity: 'warning',
              orgId: 'jb',
              firmId: '',
              params: { units, limit: settings['org.jointBranchMaxUnits'] },
              dueOn: '',
            },
          ]
        : [],
    )
  })

  it('counts a firm listed twice once, and does not apply to other types', () => {
    const twice = org({
      id: 'jb',
      type: 'jointBranch',
      hostFirmIds: [...hosts(5), 'f0'],
    })
    const committee = org({ id: 'jc', type: 'jointCommittee', hostFirmIds: hosts(9) })
    expect(check({ orgs: [twice, committee] })).toEqual([])
  })
})

describe('branchTooLarge and shouldBeBaseCommittee (支部工作条例 第四条; 党章 第三十条)', () => {
  it.each([
    ['branch', 50, 0, defaultSettings(), []],
    ['branch', 51, 0, defaultSettings(), ['branchTooLarge']],
    ['branch', 30, 21, defaultSettings(), ['branchTooLarge']],
    ['jointBranch', 51, 0, defaultSettings(), ['branchTooLarge']],
    ['branch', 99, 0, defaultSettings(), ['branchTooLarge']],
    ['branch', 100, 0, defaultSettings(), ['shouldBeBaseCommittee']],
    ['generalBranch', 99, 0, defaultSettings(), []],
    ['generalBranch', 100, 0, defaultSettings(), ['shouldBeBaseCommittee']],
    ['baseCommittee', 300, 0, defaultSettings(), []],
    ['temporaryBranch', 60, 0, defaultSettings(), []],
    ['branch', 40, 0, settingsWith({ 'org.branchMaxMembers': 40 }), []],
    ['branch', 41, 0, settingsWith({ 'org.branchMaxMembers': 40 }), ['branchTooLarge']],
    [
      'branch',
      80,
      0,
      settingsWith({ 'org.baseCommitteeMinMembers': 80 }),
      ['shouldBeBaseCommittee'],
    ],
  ] as const)(
    '%s with %i full + %i probationary',
    (type, full, probationary, settings, expected) => {
      const findings = check({
        // Enough seats that the committee rules stay quiet here.
        orgs: [org({ id: 'o', type, committee: seats(5) })],
        members: [...members(full, 'o'), ...members(probationary, 'o', '', 'probationary')],
        settings,
      })
      const sizeFindings = findings.filter(
        (finding) => finding.code === 'branchTooLarge' || finding.code === 'shouldBeBaseCommittee',
      )
      expect(sizeFindings.map((finding) => finding.code)).toEqual(expected)
      for (const finding of sizeFindings) {
        expect(finding.params.members).toBe(full + probationary)
      }
    },
  )

  it('gives the limit and the general-branch size in the params', () => {
    const findings = check({
      orgs: [org({ id: 'o', committee: seats(5) })],
      members: members(51, 'o'),
    })
    expect(withCode(findings, 'branchTooLarge')[0]?.params).toEqual({
      members: 51,
      limit: 50,
      generalBranchMin: 50,
    })
  })

  it('leaves transferred-out members, applicants and candidates out', () => {
    const findings = check({
      orgs: [org({ id: 'o', committee: seats(5) })],
      members: [
        ...members(50, 'o'),
        ...members(5, 'o', '', 'full', 'transferredOut'),
        ...members(3, 'o', '', 'candidate'),
        ...members(3, 'o', '', 'activist'),
      ],
    })
    expect(withCode(findings, 'branchTooLarge')).toEqual([])
  })

  it('counts mobile and lost-contact members: they are still members', () => {
    const findings = check({
      orgs: [org({ id: 'o', committee: seats(5) })],
      members: [...members(49, 'o'), ...members(1, 'o', '', 'full', 'mobile')].concat(
        members(1, 'o', '', 'full', 'lostContact'),
      ),
    })
    expect(withCode(findings, 'branchTooLarge')).toHaveLength(1)
  })
})

describe('committeeMissing and committeeTooLarge (支部工作条例 第六章)', () => {
  it.each([
    [6, 0, 0, null],
    [6, 1, 0, null],
    [7, 0, 0, 'committeeMissing'],
    [7, 0, 2, 'committeeMissing'],
    [7, 0, 3, null],
    [7, 0, 7, null],
    [7, 0, 8, 'committeeTooLarge'],
    [3, 0, 8, 'committeeTooLarge'],
    [12, 3, 1, 'committeeMissing'],
  ] as const)('%i full + %i probationary, %i seats', (full, probationary, seatCount, expected) => {
    const findings = check({
      orgs: [org({ id: 'o', committee: seatCount === 0 ? [SECRETARY] : seats(seatCount) })],
      members: [...members(full, 'o'), ...members(probationary, 'o', '', 'probationary')],
    })
    const committee = findings.filter(
      (finding) => finding.code === 'committeeMissing' || finding.code === 'committeeTooLarge',
    )
    // A lone secretary is one person: the "0 seats" rows still have a secretary, so the
    // seat count the rule sees is 1 there.
    const seen = seatCount === 0 ? 1 : seatCount
    expect(committee).toEqual(
      expected
        ? [
            {
              code: expected,
              severity: 'warning',
              orgId: 'o',
              firmId: '',
              params: { fullMembers: full, seats: seen, min: 3, max: 7 },
              dueOn: '',
            },
          ]
        : [],
    )
  })

  it('counts one person holding two posts once and skips empty seats', () => {
    const committee: CommitteeSeat[] = [
      { post: 'secretary', memberId: 'x', holderName: '王', since: '' },
      { post: 'organisation', memberId: 'x', holderName: '王', since: '' },
      { post: 'publicity', memberId: '', holderName: '李', since: '' },
      { post: 'discipline', memberId: '', holderName: '  ', since: '' },
    ]
    const findings = check({ orgs: [org({ id: 'o', committee })], members: members(7, 'o') })
    expect(withCode(findings, 'committeeMissing')[0]?.params.seats).toBe(2)
  })

  it('applies to joint branches but not to general branches or base committees', () => {
    const findings = check({
      orgs: [
        org({ id: 'jb', type: 'jointBranch' }),
        org({ id: 'gb', type: 'generalBranch' }),
        org({ id: 'bc', type: 'baseCommittee' }),
      ],
      members: [...members(7, 'jb'), ...members(7, 'gb'), ...members(7, 'bc')],
    })
    expect(withCode(findings, 'committeeMissing').map((finding) => finding.orgId)).toEqual(['jb'])
  })

  it('moves with org.committeeMinFull and org.committeeMaxSize', () => {
    const input = { orgs: [org({ id: 'o', committee: seats(6) })], members: members(5, 'o') }
    expect(check(input)).toEqual([])
    const settings = settingsWith({ 'org.committeeMinFull': 5, 'org.committeeMaxSize': 5 })
    expect(check({ ...input, settings }).map((finding) => finding.code)).toEqual([
      'committeeTooLarge',
    ])
    const fewSeats = { orgs: [org({ id: 'o' })], members: members(5, 'o') }
    expect(check({ ...fewSeats, settings }).map((finding) => finding.code)).toEqual([
      'committeeMissing',
    ])
  })
})

describe('noSecretary (支部工作条例 第六章)', () => {
  it.each([
    ['branch', true],
    ['jointBranch', true],
    ['generalBranch', true],
    ['baseCommittee', true],
    ['temporaryBranch', true],
    ['jointCommittee', false],
  ] as const)('%s without a secretary: %s', (type, fires) => {
    const findings = check({ orgs: [org({ id: 'o', type, committee: [], termStartOn: '' })] })
    expect(findings).toEqual(
      fires
        ? [
            {
              code: 'noSecretary',
              severity: 'warning',
              orgId: 'o',
              firmId: '',
              params: {},
              dueOn: '',
            },
          ]
        : [],
    )
  })

  it('needs a holder in the secretary seat, not another post', () => {
    const vacant = org({ id: 'a', committee: [{ ...SECRETARY, holderName: ' ' }] })
    const deputyOnly = org({ id: 'b', committee: [{ ...SECRETARY, post: 'deputySecretary' }] })
    const filled = org({ id: 'c' })
    expect(withCode(check({ orgs: [vacant, deputyOnly, filled] }), 'noSecretary')).toEqual([
      expect.objectContaining({ orgId: 'a' }),
      expect.objectContaining({ orgId: 'b' }),
    ])
  })
})

describe('termDueSoon and termOverdue (换届, remind 6 months ahead)', () => {
  // A branch's term is 3 years by default: started 2023-07-01, it ends 2026-07-01.
  const branch = org({ id: 'o', termStartOn: '2023-07-01' })
  it.each([
    ['2025-12-31', null],
    ['2026-01-01', 'soon'],
    ['2026-06-30', 'soon'],
    ['2026-07-01', 'overdue'],
    ['2026-07-02', 'overdue'],
  ] as const)('on %s', (today, severity) => {
    const findings = check({ orgs: [branch], today })
    expect(findings).toEqual(
      severity
        ? [
            {
              code: severity === 'soon' ? 'termDueSoon' : 'termOverdue',
              severity,
              orgId: 'o',
              firmId: '',
              params: { date: '2026-07-01' },
              dueOn: '2026-07-01',
            },
          ]
        : [],
    )
  })

  it('moves with the type term and the reminder months', () => {
    expect(
      check({ orgs: [branch], today: '2026-07-01', settings: settingsWith({ 'term.branch': 5 }) }),
    ).toEqual([])
    const early = check({
      orgs: [branch],
      today: '2025-12-31',
      settings: settingsWith({ 'term.remindMonths': 7 }),
    })
    expect(early.map((finding) => finding.code)).toEqual(['termDueSoon'])
  })

  it('has no alert without a term start', () => {
    expect(check({ orgs: [org({ id: 'o', termStartOn: '' })], today: '2030-01-01' })).toEqual([])
  })
})

describe('firmWithMembersNoOrg (coverage: firms with members but no org)', () => {
  const park = org({ id: 'pc', type: 'baseCommittee' })
  it.each([
    ['an operating firm, no org', firm('f1'), [], true],
    ['a firm closed today', firm('f1', { closedOn: TODAY }), [], false],
    ['a firm closing tomorrow', firm('f1', { closedOn: '2025-03-02' }), [], true],
    ['a firm registered tomorrow', firm('f1', { registeredOn: '2025-03-02' }), [], false],
    ['a firm with its own branch', firm('f1'), [org({ id: 'b', hostFirmIds: ['f1'] })], false],
    [
      'a firm in a joint branch',
      firm('f1'),
      [org({ id: 'jb', type: 'jointBranch', hostFirmIds: ['f1'] })],
      false,
    ],
    [
      'a firm whose branch was dissolved',
      firm('f1'),
      [org({ id: 'b', hostFirmIds: ['f1'], dissolvedOn: '2024-12-31' })],
      true,
    ],
  ] as const)('%s', (_, theFirm, covering, fires) => {
    const findings = check({
      orgs: [park, ...covering],
      firms: [theFirm],
      members: [...members(1, 'pc', 'f1'), ...members(1, 'pc', 'f1', 'probationary')],
    })
    expect(withCode(findings, 'firmWithMembersNoOrg')).toEqual(
      fires
        ? [
            {
              code: 'firmWithMembersNoOrg',
              severity: 'warning',
              orgId: 'pc',
              firmId: 'f1',
              params: { members: 2, firmName: '企业f1' },
              dueOn: '',
            },
          ]
        : [],
    )
  })

  it('is quiet for firms whose people are only applicants or transferred out', () => {
    const findings = check({
      orgs: [park],
      firms: [firm('f1')],
      members: [
        ...members(2, 'pc', 'f1', 'activist'),
        ...members(2, 'pc', 'f1', 'full', 'transferredOut'),
      ],
    })
    expect(findings).toEqual([])
  })

  it('names the active org holding most of the members, or none', () => {
    const other = org({ id: 'zz', type: 'baseCommittee' })
    const gone = org({ id: 'old', dissolvedOn: '2020-01-01' })
    const findings = check({
      orgs: [park, other, gone],
      firms: [firm('f1'), firm('f2')],
      members: [...members(1, 'pc', 'f1'), ...members(2, 'zz', 'f1'), ...members(3, 'old', 'f2')],
    })
    expect(
      withCode(findings, 'firmWithMembersNoOrg').map((finding) => [finding.firmId, finding.orgId]),
    ).toEqual([
      ['f2', ''],
      ['f1', 'zz'],
    ])
  })

  it('skips members whose firm is not in the input', () => {
    expect(check({ orgs: [park], members: members(3, 'pc', 'unknown') })).toEqual([])
  })
})

describe('active orgs only', () => {
  it.each([
    ['dissolved before today', { dissolvedOn: '2025-01-01' }, false],
    ['dissolved today', { dissolvedOn: TODAY }, false],
    ['dissolved tomorrow', { dissolvedOn: '2025-03-02' }, true],
    ['founded tomorrow', { foundedOn: '2025-03-02' }, false],
    ['founded today', { foundedOn: TODAY }, true],
  ] as const)('a troubled joint branch %s', (_, dates, checked) => {
    const troubled = org({
      id: 'jb',
      type: 'jointBranch',
      hostFirmIds: ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'],
      committee: [],
      termStartOn: '2020-01-01',
      ...dates,
    })
    const findings = check({ orgs: [troubled], members: members(60, 'jb') })
    expect(findings.map((finding) => finding.code).sort()).toEqual(
      checked
        ? [
            'branchTooLarge',
            'committeeMissing',
            'jointBranchTooManyUnits',
            'noSecretary',
            'termOverdue',
          ]
        : [],
    )
  })
})

describe('order and grouping', () => {
  const input: Partial<RuleInput> = {
    orgs: [
      org({ id: 'late', termStartOn: '2022-03-20' }), // ends 2025-03-20: soon
      org({ id: 'over2', termStartOn: '2022-02-01' }), // ended 2025-02-01
      org({ id: 'over1', termStartOn: '2021-06-01', committee: [] }), // ended 2024-06-01
      org({ id: 'jb', type: 'jointBranch', hostFirmIds: ['f1'] }),
    ],
    firms: [firm('f1'), firm('f2')],
    members: [...members(3, 'jb', 'f1'), ...members(1, 'jb', 'f2')],
  }

  it('puts overdue first, then soon, then warnings, earlier deadlines first', () => {
    expect(check(input).map((finding) => [finding.code, finding.orgId])).toEqual([
      ['termOverdue', 'over1'],
      ['termOverdue', 'over2'],
      ['termDueSoon', 'late'],
      ['firmNeedsOwnBranch', 'jb'],
      ['firmWithMembersNoOrg', 'jb'],
      ['noSecretary', 'over1'],
    ])
  })

  it('groups findings by org for the badges', () => {
    const grouped = findingsByOrg(check(input))
    expect([...grouped.keys()].sort()).toEqual(['jb', 'late', 'over1', 'over2'])
    expect(grouped.get('over1')?.map((finding) => finding.code)).toEqual([
      'termOverdue',
      'noSecretary',
    ])
    expect(grouped.get('jb')).toHaveLength(2)
  })

  it('leaves findings without an org out of the badges', () => {
    const findings = check({ firms: [firm('f1')], members: members(1, 'gone', 'f1') })
    expect(findings).toHaveLength(1)
    expect(findingsByOrg(findings).size).toBe(0)
  })

  it('finds nothing in an empty register', () => {
    expect(check({})).toEqual([])
  })
})

describe('tooFewFullMembers: a 支部 or 联合党支部 needs 3 正式党员 (支部工作条例 第四条、第五条)', () => {
  it.each([
    ['branch', 2, 5, true],
    ['branch', 3, 0, false],
    ['jointBranch', 2, 3, true],
    ['jointBranch', 3, 0, false],
    // 预备党员 are not full members; other types are not 支部.
    ['generalBranch', 0, 0, false],
    ['temporaryBranch', 1, 0, false],
  ] as const)(
    '%s with %i full and %i probationary → flagged %s',
    (type, full, probationary, flagged) => {
      const branch = org({ id: 'b', type })
      const found = checkAll({
        orgs: [branch],
        members: [...members(full, 'b'), ...members(probationary, 'b', '', 'probationary')],
      }).filter((finding) => finding.code === 'tooFewFullMembers')
      expect(found.length > 0).toBe(flagged)
    },
  )
  it('members off the roll do not count (停止党籍, 转出)', () => {
    const found = checkAll({
      orgs: [org({ id: 'b' })],
      members: [
        ...members(2, 'b'),
        ...members(1, 'b', '', 'full', 'suspended'),
        ...members(1, 'b', '', 'full', 'transferredOut'),
      ],
    })
    expect(found.find((f) => f.code === 'tooFewFullMembers')?.params).toEqual({
      fullMembers: 2,
      limit: 3,
    })
  })
})

describe('committee seats (选举工作条例 第五条): 正式党员 of the org or an org under it', () => {
  const seat = (memberId: string): CommitteeSeat => ({
    post: 'committeeMember',
    memberId,
    holderName: memberId,
    since: '2024-01-01',
  })
  const people: RuleMember[] = [
    { id: 'full', orgId: 'b', firmId: '', stage: 'full', status: 'normal' },
    { id: 'prob', orgId: 'b', firmId: '', stage: 'probationary', status: 'normal' },
    { id: 'watched', orgId: 'b', firmId: '', stage: 'full', status: 'disciplinaryProbation' },
    { id: 'child', orgId: 'c', firmId: '', stage: 'full', status: 'normal' },
    { id: 'other', orgId: 'x', firmId: '', stage: 'full', status: 'normal' },
  ]
  const orgs = [
    org({ id: 'b', committee: [SECRETARY] }),
    org({ id: 'c', parentId: 'b' }),
    org({ id: 'x' }),
  ]
  it.each([
    ['full', null],
    ['prob', 'seatNotFullMember'],
    ['watched', 'seatNotFullMember'],
    ['child', null],
    ['other', 'seatOutsideOrg'],
  ] as const)('a seat held by %s → %s', (memberId, code) => {
    const withSeat = orgs.map((o) =>
      o.id === 'b' ? { ...o, committee: [SECRETARY, seat(memberId)] } : o,
    )
    const found = check({ orgs: withSeat, members: people }).filter((f) => f.orgId === 'b')
    expect(found.map((f) => f.code)).toEqual(code ? [code] : [])
  })
})
