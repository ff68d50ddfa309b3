import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@/domain/settings'
import {
  checkTermShift,
  committeePeople,
  findTermAlerts,
  lacksSecretary,
  orgDuties,
  renewTerm,
  termEndsOn,
  termStatus,
} from '@/domain/terms'
import type { CommitteeSeat, Org } from '@/domain/types'

function org(partial: Partial<Org>): Org {
  return {
    id: 'o1',
    createdAt: '',
    updatedAt: '',
    name: '测试支部',
    type: 'branch',
    parentId: '',
    areaId: 'a',
    areaPath: '/a/',
    hostFirmIds: [],
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    committee: [],
    termStartOn: '2023-07-01',
    termYears: 0,
    note: '',
    ...partial,
  }
}

const settings = defaultSettings()

describe('termEndsOn', () => {
  it.each([
    ['branch', 0, '2023-07-01', '2026-07-01'],
    ['baseCommittee', 0, '2023-07-01', '2028-07-01'],
    ['branch', 5, '2023-07-01', '2028-07-01'],
    ['branch', 0, '2024-02-29', '2027-02-28'],
    ['branch', 0, '', ''],
  ] as const)('%s, %i years, from %s ends %s', (type, termYears, termStartOn, expected) => {
    expect(termEndsOn(org({ type, termYears, termStartOn }), settings)).toBe(expected)
  })

  it('follows a settings change of the type default', () => {
    expect(termEndsOn(org({}), { ...settings, 'term.branch': 5 })).toBe('2028-07-01')
  })
})

describe('termStatus around the end and the 6-month reminder', () => {
  const o = org({ termStartOn: '2023-07-01' }) // ends 2026-07-01
  it.each([
    ['2025-12-31', 'current'],
    ['2026-01-01', 'dueSoon'],
    ['2026-06-30', 'dueSoon'],
    ['2026-07-01', 'overdue'],
    ['2026-07-02', 'overdue'],
  ] as const)('on %s is %s', (today, expected) => {
    expect(termStatus(o, settings, today)).toBe(expected)
  })

  it('has no term once dissolved or without a start', () => {
    expect(termStatus(org({ dissolvedOn: '2026-01-01' }), settings, '2026-08-01')).toBe('noTerm')
    expect(termStatus(org({ termStartOn: '' }), settings, '2026-08-01')).toBe('noTerm')
  })
})

describe('findTermAlerts', () => {
  it('lists due and overdue orgs, earliest end first', () => {
    const orgs = [
      org({ id: 'late', termStartOn: '2023-09-01' }),
      org({ id: 'fine', termStartOn: '2025-01-01' }),
      org({ id: 'early', termStartOn: '2023-03-01' }),
    ]
    expect(findTermAlerts(orgs, settings, '2026-05-01')).toEqual([
      { orgId: 'early', status: 'overdue', endsOn: '2026-03-01' },
      { orgId: 'late', status: 'dueSoon', endsOn: '2026-09-01' },
    ])
  })
})

describe('lacksSecretary', () => {
  it('needs a named secretary, unless dissolved', () => {
    expect(lacksSecretary(org({}), '2026-01-01')).toBe(true)
    const seat = {
      post: 'secretary' as const,
      memberId: '',
      holderName: '张三',
      since: '2023-07-01',
    }
    expect(lacksSecretary(org({ committee: [seat] }), '2026-01-01')).toBe(false)
    expect(lacksSecretary(org({ committee: [{ ...seat, holderName: ' ' }] }), '2026-01-01')).toBe(
      true,
    )
    expect(lacksSecretary(org({ dissolvedOn: '2025-01-01' }), '2026-01-01')).toBe(false)
  })
})

describe('terms of 村/社区 orgs, 临时党支部 and approved shifts (选举工作条例 第三条)', () => {
  it.each([
    ['a branch', org({}), '2026-07-01'],
    ['a village branch (5 years)', org({ villageOrCommunity: 'yes' }), '2028-07-01'],
    [
      'a community general branch (5 years)',
      org({ type: 'generalBranch', villageOrCommunity: 'yes' }),
      '2028-07-01',
    ],
    ['a temporary branch (no 换届)', org({ type: 'temporaryBranch' }), ''],
    [
      'a branch delayed 6 months',
      org({ termShift: { months: 6, approvedOn: '2026-03-01', note: '' } }),
      '2027-01-01',
    ],
    [
      'a branch advanced 3 months',
      org({ termShift: { months: -3, approvedOn: '2026-01-05', note: '' } }),
      '2026-04-01',
    ],
  ])('%s ends %s', (_label, o, ends) => {
    expect(termEndsOn(o, settings)).toBe(ends)
  })

  it('a temporary branch never comes due', () => {
    expect(termStatus(org({ type: 'temporaryBranch' }), settings, '2030-01-01')).toBe('noTerm')
  })

  it.each([
    [12, '2026-01-01', 'branch', null],
    [13, '2026-01-01', 'branch', 'tooFar'],
    [-12, '2026-01-01', 'branch', null],
    [-13, '2026-01-01', 'branch', 'tooFar'],
    [6, '', 'branch', 'approvalMissing'],
    [6, '2026-01-01', 'temporaryBranch', 'noTerm'],
    [0, '', 'branch', null],
  ] as const)(
    'a shift of %i months approved %j on a %s → %s',
    (months, approvedOn, type, problem) => {
      expect(checkTermShift({ type }, { months, approvedOn, note: '' }, settings)).toBe(problem)
    },
  )
})

describe('换届 keeps the previous committee as history (届次)', () => {
  const seat = (memberId: string, post: CommitteeSeat['post'] = 'committeeMember') => ({
    post,
    memberId,
    holderName: memberId,
    since: '',
  })
  it('moves the committee in office into pastTerms and numbers the 届', () => {
    const first = renewTerm(org({ committee: [seat('a', 'secretary'), seat('b')] }), '2026-07-01', [
      seat('c', 'secretary'),
    ])
    expect(first).toMatchObject({
      termStartOn: '2026-07-01',
      termNumber: 2,
      committee: [{ memberId: 'c', since: '2026-07-01' }],
      pastTerms: [{ number: 1, startOn: '2023-07-01', endOn: '2026-07-01' }],
    })
    const second = renewTerm({ ...org({}), ...first }, '2029-07-01', [seat('d', 'secretary')])
    expect(second.pastTerms?.map((t) => t.number)).toEqual([1, 2])
    expect(second.termNumber).toBe(3)
    expect(second.pastTerms?.[1]?.committee[0]?.memberId).toBe('c')
  })
  it('counts people, not seats', () => {
    expect(committeePeople([seat('a', 'secretary'), seat('a'), seat('b')])).toEqual(['a', 'b'])
  })
})

describe('a 临时党支部 holds no 换届, admits no members, collects no dues', () => {
  it.each([
    ['temporaryBranch', false],
    ['branch', true],
    ['jointBranch', true],
    ['baseCommittee', true],
  ] as const)('%s → %s', (type, standing) => {
    expect(orgDuties({ type })).toEqual({
      renews: standing,
      admitsMembers: standing,
      collectsDues: standing,
    })
  })
})
