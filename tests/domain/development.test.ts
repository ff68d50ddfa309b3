import { describe, expect, it } from 'vitest'
import {
  advanceStage,
  approvalDeadline,
  developmentWarnings,
  earliestCandidateOn,
  extensionBounds,
  isOldEnoughToApply,
  isTrainingEnough,
  nextStep,
  probationEnd,
  talkDeadline,
  type DevelopmentFacts,
} from '@/domain/development'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import type { Development, MemberStage } from '@/domain/types'

const settings = defaultSettings()

function person(
  stage: MemberStage,
  development: Partial<Development> = {},
  birthDate = '1990-05-01',
): DevelopmentFacts {
  return { stage, birthDate, development: { ...emptyDevelopment(), ...development } }
}

const codes = (p: DevelopmentFacts, today = '2026-11-23') =>
  developmentWarnings(p, settings, today).map((w) => w.code)

describe('age at application (党章 第一条, ≥ 18)', () => {
  it.each([
    ['2008-03-15', '2026-03-14', false],
    ['2008-03-15', '2026-03-15', true], // the birthday itself counts
    // Born on 29 February: 18 on 1 March of a common year (民法典 第二百零一条第二款).
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
    // In a leap year the birthday exists.
    ['2006-02-28', '2024-02-28', true],
    ['2012-02-29', '2030-02-28', false],
    ['2012-02-29', '2030-03-01', true],
  ])('born %s, applying %s → old enough %s', (birth, applied, expected) => {
    expect(isOldEnoughToApply(birth, applied, settings)).toBe(expected)
  })
  it('is unknown without a birth date, and the warning names the application date', () => {
    expect(isOldEnoughToApply('', '2026-01-01', settings)).toBeNull()
    const young = person('applicant', { appliedOn: '2026-02-28' }, '2008-02-29')
    expect(developmentWarnings(young, settings, '2026-03-05')[0]).toMatchObject({
      code: 'underAge',
      field: 'development.appliedOn',
    })
    expect(
      codes(person('applicant', { appliedOn: '2026-03-01', talkedOn: '2026-03-02' }, '2008-02-29')),
    ).toEqual([])
  })
  it('follows the setting', () => {
    expect(
      isOldEnoughToApply('2008-03-15', '2026-03-15', { ...settings, 'development.minAge': 19 }),
    ).toBe(false)
  })
})

describe('talk within one month of applying (细则 第七条)', () => {
  it('has its deadline on the same day next month, clamped to month end', () => {
    expect(talkDeadline('2026-01-15', settings)).toBe('2026-02-15')
    expect(talkDeadline('2026-01-31', settings)).toBe('2026-02-28')
    expect(talkDeadline('2024-01-31', settings)).toBe('2024-02-29')
  })
  it('warns the day after the deadline, not on it', () => {
    expect(codes(person('applicant', { appliedOn: '2026-01-15', talkedOn: '2026-02-15' }))).toEqual(
      [],
    )
    expect(codes(person('applicant', { appliedOn: '2026-01-15', talkedOn: '2026-02-16' }))).toEqual(
      ['talkLate'],
    )
    const waiting = person('applicant', { appliedOn: '2026-01-15' })
    expect(codes(waiting, '2026-02-15')).toEqual([])
    expect(codes(waiting, '2026-02-16')).toEqual(['talkOverdue'])
  })
  it('is the next step with its window', () => {
    expect(nextStep(person('applicant', { appliedOn: '2026-01-15' }), settings)).toEqual({
      code: 'talk',
      earliest: '2026-01-15',
      latest: '2026-02-15',
    })
  })
})

describe('at least one year as activist before candidate (细则 第十三条)', () => {
  it('the day before the anniversary is too short, the day of it is enough', () => {
    expect(earliestCandidateOn('2024-03-10', settings)).toBe('2025-03-10')
    const base = { appliedOn: '2024-01-10', talkedOn: '2024-01-20', activistOn: '2024-03-10' }
    expect(codes(person('candidate', { ...base, candidateOn: '2025-03-09' }))).toEqual([
      'activistTooShort',
    ])
    expect(codes(person('candidate', { ...base, candidateOn: '2025-03-10' }))).toEqual([])
  })
  it('counts from 29 February to 28 February of the next year', () => {
    expect(earliestCandidateOn('2024-02-29', settings)).toBe('2025-02-28')
  })
  it('gives the earliest date as the next step of an activist', () => {
    expect(nextStep(person('activist', { activistOn: '2024-03-10' }), settings)).toEqual({
      code: 'becomeCandidate',
      earliest: '2025-03-10',
      latest: '',
    })
  })
})

describe('training ≥ 3 days or 24 hours (细则 第十六条)', () => {
  it.each([
    [3, 0, true],
    [2, 24, true],
    [2.5, 23.5, false],
    [0, 0, false],
  ])('%d days, %d hours → %s', (days, hours, enough) => {
    expect(isTrainingEnough({ trainingDays: days, trainingHours: hours }, settings)).toBe(enough)
  })
  it('is judged once the branch has voted', () => {
    const voted = {
      branchVoteOn: '2026-05-01',
      approvedOn: '2026-06-01',
      introducerIds: ['a', 'b'],
    }
    expect(codes(person('probationary', { ...voted, trainingDays: 2 }))).toEqual(['trainingShort'])
    expect(codes(person('probationary', { ...voted, trainingHours: 24 }))).toEqual([])
    // A candidate still in training is not judged yet.
    expect(codes(person('candidate', { candidateOn: '2026-05-01' }))).toEqual([])
  })
})

describe('two introducers (党章 第五条)', () => {
  it('warns when fewer than the setting', () => {
    const p = person('probationary', {
      branchVoteOn: '2026-05-01',
      approvedOn: '2026-06-01',
      trainingDays: 3,
      introducerIds: ['a'],
    })
    expect(codes(p)).toEqual(['introducersMissing'])
  })
})

describe('approval within 3 months of the branch vote (细则 第二十三条)', () => {
  const base = { branchVoteOn: '2026-01-31', trainingDays: 3, introducerIds: ['a', 'b'] }
  it('runs to the same day three months later, clamped', () => {
    expect(approvalDeadline('2026-01-31', settings)).toBe('2026-04-30')
  })
  it('warns a day late, not on the deadline', () => {
    expect(
      codes(person('probationary', { ...base, approvedOn: '2026-04-30' }), '2026-05-05'),
    ).toEqual([])
    expect(
      codes(person('probationary', { ...base, approvedOn: '2026-05-01' }), '2026-05-05'),
    ).toEqual(['approvalLate'])
    expect(codes(person('probationary', base), '2026-04-30')).toEqual([])
    expect(codes(person('probationary', base), '2026-05-01')).toEqual(['approvalOverdue'])
  })
  it('is the next step of a probationary member until approved', () => {
    expect(nextStep(person('probationary', base), settings)).toEqual({
      code: 'approval',
      earliest: '2026-01-31',
      latest: '2026-04-30',
    })
  })
})

describe('probation: one year from the branch vote (党章 第七条)', () => {
  const base = {
    branchVoteOn: '2025-06-10',
    approvedOn: '2025-07-01',
    trainingDays: 3,
    introducerIds: ['a', 'b'],
  }
  it('ends on the anniversary of the vote', () => {
    expect(probationEnd('2025-06-10', settings)).toBe('2026-06-10')
    expect(probationEnd('2024-02-29', settings)).toBe('2025-02-28')
    expect(nextStep(person('probationary', base), settings)).toEqual({
      code: 'becomeFull',
      earliest: '2026-06-10',
      latest: '2026-06-10',
    })
  })
  it('becoming full the day before the end is early; on the day is right', () => {
    expect(codes(person('full', { ...base, fullOn: '2026-06-09' }))).toEqual(['fullEarly'])
    expect(codes(person('full', { ...base, fullOn: '2026-06-10' }))).toEqual([])
  })
  it('is overdue from the day after the end', () => {
    expect(codes(person('probationary', base), '2026-06-10')).toEqual([])
    expect(codes(person('probationary', base), '2026-06-11')).toEqual(['fullOverdue'])
  })
})

describe('extension 6–12 months, once (党章 第七条, 细则 第三十一条)', () => {
  const base = {
    branchVoteOn: '2025-06-10',
    approvedOn: '2025-07-01',
    trainingDays: 3,
    introducerIds: ['a', 'b'],
  }
  it('is bounded from the end of probation', () => {
    expect(extensionBounds('2025-06-10', settings)).toEqual({
      earliest: '2026-12-10',
      latest: '2027-06-10',
    })
  })
  it.each([
    ['2026-12-09', ['extensionTooShort']],
    ['2026-12-10', []],
    ['2027-06-10', []],
    ['2027-06-11', ['extensionTooLong']],
  ])('until %s → %j', (until, expected) => {
    expect(codes(person('probationary', { ...base, extendedUntil: until }), '2026-07-01')).toEqual(
      expected,
    )
  })
  it('moves the due date of becoming full', () => {
    const extended = person('probationary', { ...base, extendedUntil: '2027-01-10' })
    expect(nextStep(extended, settings)).toMatchObject({
      code: 'becomeFull',
      earliest: '2027-01-10',
    })
    expect(codes(extended, '2027-01-10')).toEqual([])
    expect(codes(extended, '2027-01-11')).toEqual(['fullOverdue'])
  })
})

describe('advanceStage', () => {
  it('moves an activist through to probationary member, dates where the model keeps them', () => {
    const activist = { ...person('activist', { activistOn: '2024-03-10' }), fullMemberOn: '' }
    const candidate = advanceStage(activist, { on: '2025-03-10' })
    expect(candidate).toMatchObject({
      stage: 'candidate',
      development: { candidateOn: '2025-03-10' },
    })
    const probationary = advanceStage(candidate!, {
      on: '2025-09-01',
      introducerIds: ['a', 'b'],
      trainingDays: 3,
    })
    expect(probationary).toMatchObject({
      stage: 'probationary',
      development: { branchVoteOn: '2025-09-01', introducerIds: ['a', 'b'], trainingDays: 3 },
    })
    expect(nextStep(probationary!, settings)).toEqual({
      code: 'approval',
      earliest: '2025-09-01',
      latest: '2025-12-01',
    })
    const full = advanceStage(probationary!, { on: '2026-09-01' })
    expect(full).toMatchObject({ stage: 'full', fullMemberOn: '2026-09-01' })
    expect(advanceStage(full!, { on: '2027-01-01' })).toBeNull()
    // The original is untouched.
    expect(activist.development.candidateOn).toBe('')
  })
})
