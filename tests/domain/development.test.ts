import { describe, expect, it } from 'vitest'
import {
  advanceStage,
  approvalDeadline,
  decideProbation,
  isPublicityLongEnough,
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

describe('training ≥ 3 days or 24 hours (细则 第十七条)', () => {
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
      politicalReviewOn: '2026-03-01',
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
      politicalReviewOn: '2026-03-01',
      branchVoteOn: '2026-05-01',
      approvedOn: '2026-06-01',
      trainingDays: 3,
      introducerIds: ['a'],
    })
    expect(codes(p)).toEqual(['introducersMissing'])
  })
})

describe('approval within 3 months of the branch vote, 6 in special cases (细则 第四章)', () => {
  const base = {
    politicalReviewOn: '2025-12-01',
    branchVoteOn: '2026-01-31',
    upperTalkOn: '2026-02-10',
    trainingDays: 3,
    introducerIds: ['a', 'b'],
  }
  it('runs to the same day three months later, clamped; six when special', () => {
    expect(approvalDeadline('2026-01-31', settings)).toBe('2026-04-30')
    expect(approvalDeadline('2026-01-31', settings, true)).toBe('2026-07-31')
  })
  it.each([
    ['2026-07-31', 'yes', []],
    ['2026-08-01', 'yes', ['approvalLate']],
    ['2026-05-01', 'no', ['approvalLate']],
  ] as const)('approved %s, special %s → %j', (approvedOn, special, expected) => {
    expect(
      codes(
        person('probationary', { ...base, approvedOn, approvalSpecial: special }),
        '2026-08-05',
      ),
    ).toEqual([...expected])
  })
  it('asks for the upper committee’s talk before the approval', () => {
    const { upperTalkOn: _t, ...noTalk } = base
    expect(nextStep(person('probationary', noTalk), settings)).toEqual({
      code: 'upperTalk',
      earliest: '2026-01-31',
      latest: '2026-04-30',
    })
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
    politicalReviewOn: '2025-05-01',
    branchVoteOn: '2025-06-10',
    approvedOn: '2025-07-01',
    oathOn: '2025-07-01',
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

describe('extension 6–12 months, once (党章 第七条, 细则 第三十二条)', () => {
  const base = {
    politicalReviewOn: '2025-05-01',
    branchVoteOn: '2025-06-10',
    approvedOn: '2025-07-01',
    oathOn: '2025-07-01',
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
      code: 'upperTalk',
      earliest: '2025-09-01',
      latest: '2025-12-01',
    })
    // The 转正 needs its vote: decideProbation, not a plain step.
    expect(advanceStage(probationary!, { on: '2026-09-01' })).toBeNull()
    // The original is untouched.
    expect(activist.development.candidateOn).toBe('')
  })
})

describe('公示 of at least N working days (a local setting, 5 by default)', () => {
  it.each([
    // Monday to Friday: 5 working days.
    ['2026-12-07', '2026-12-11', true],
    // Monday to Thursday: 4.
    ['2026-12-07', '2026-12-10', false],
    // Thursday to Wednesday over a weekend: 5.
    ['2026-12-03', '2026-12-09', true],
    ['2026-12-03', '2026-12-08', false],
  ])('%s – %s → long enough %s', (from, to, expected) => {
    expect(isPublicityLongEnough(from, to, settings)).toBe(expected)
  })
  it('warns on a short 公示 and on a vote before it ends', () => {
    const short = person('candidate', {
      candidateOn: '2026-10-01',
      publicityFromOn: '2026-12-07',
      publicityToOn: '2026-12-10',
    })
    expect(codes(short, '2026-12-11')).toEqual(['publicityShort'])
    const early = person('probationary', {
      politicalReviewOn: '2026-11-01',
      publicityFromOn: '2026-12-07',
      publicityToOn: '2026-12-11',
      branchVoteOn: '2026-12-11',
      trainingDays: 3,
      introducerIds: ['a', 'b'],
      upperTalkOn: '2026-12-12',
    })
    expect(codes(early, '2026-12-15')).toEqual(['voteBeforePublicityEnd'])
    expect(isPublicityLongEnough('', '2026-12-10', settings)).toBeNull()
  })
  it('follows the setting', () => {
    expect(
      isPublicityLongEnough('2026-12-07', '2026-12-10', {
        ...settings,
        'development.publicityWorkingDays': 4,
      }),
    ).toBe(true)
  })
})

describe('the steps of a 发展对象, in order (细则 第十六条、第十七条、第四章)', () => {
  const candidate = { candidateOn: '2026-03-01' }
  it.each([
    [{}, 'politicalReview'],
    [{ politicalReviewOn: '2026-04-01' }, 'training'],
    [{ politicalReviewOn: '2026-04-01', trainingDays: 3 }, 'publicity'],
    [
      {
        politicalReviewOn: '2026-04-01',
        trainingDays: 3,
        publicityFromOn: '2026-05-04',
        publicityToOn: '2026-05-08',
      },
      'preReview',
    ],
    [
      {
        politicalReviewOn: '2026-04-01',
        trainingDays: 3,
        publicityFromOn: '2026-05-04',
        publicityToOn: '2026-05-08',
        preReviewOn: '2026-05-20',
      },
      'applicationForm',
    ],
    [
      {
        politicalReviewOn: '2026-04-01',
        trainingDays: 3,
        publicityFromOn: '2026-05-04',
        publicityToOn: '2026-05-08',
        preReviewOn: '2026-05-20',
        applicationFormOn: '2026-05-25',
      },
      'branchVote',
    ],
  ] as const)('after %j the next step is %s', (dates, code) => {
    expect(nextStep(person('candidate', { ...candidate, ...dates }), settings)?.code).toBe(code)
  })
  it('no admission without 政治审查 (细则 第十六条)', () => {
    const admitted = person('probationary', {
      branchVoteOn: '2026-05-01',
      upperTalkOn: '2026-05-10',
      approvedOn: '2026-06-01',
      trainingDays: 3,
      introducerIds: ['a', 'b'],
    })
    expect(codes(admitted, '2026-06-02')).toEqual(['politicalReviewMissing'])
    // A full member of long standing is not asked for steps older records never held.
    expect(
      codes(
        person('full', {
          branchVoteOn: '2010-05-01',
          approvedOn: '2010-06-01',
          trainingDays: 3,
          introducerIds: ['a', 'b'],
          fullOn: '2011-05-01',
        }),
      ),
    ).toEqual([])
  })
})

describe('团组织推优 is for those aged 28 or under', () => {
  it.each([
    ['1998-05-01', '2026-04-30', []],
    ['1998-05-01', '2026-05-01', []],
    ['1997-05-01', '2026-05-01', ['youthLeagueOverAge']],
  ])('born %s, recommended %s → %j', (birth, on, expected) => {
    expect(codes(person('activist', { youthLeagueOn: on }, birth))).toEqual(expected)
  })
})

describe('转正: 党龄 from the end of probation (党章 第七条; 细则 第三十四条), by a vote', () => {
  const probationary = {
    ...person('probationary', {
      politicalReviewOn: '2025-05-01',
      branchVoteOn: '2025-06-10',
      approvedOn: '2025-07-01',
      oathOn: '2025-07-01',
      trainingDays: 3,
      introducerIds: ['a', 'b'],
    }),
    fullMemberOn: '',
    status: 'normal' as const,
    statusSince: '',
  }
  const decision = {
    decision: 'full' as const,
    meetingId: 'm1',
    heldOn: '2026-07-20',
    appliedOn: '2026-06-01',
    approvedOn: '',
    approvalSpecial: false,
    extendedUntil: '',
  }
  it('sets 党龄 from the probation end, not the meeting date', () => {
    const result = decideProbation(probationary, decision, settings)
    expect(result.ok && result.value).toMatchObject({
      stage: 'full',
      fullMemberOn: '2026-06-10',
      development: { fullVoteOn: '2026-07-20', fullOn: '2026-06-10', fullVoteMeetingId: 'm1' },
    })
  })
  it('after an extension, from the extension’s end', () => {
    const extended = {
      ...probationary,
      development: { ...probationary.development, extendedUntil: '2027-01-10' },
    }
    const result = decideProbation(extended, { ...decision, heldOn: '2027-01-15' }, settings)
    expect(result.ok && result.value.fullMemberOn).toBe('2027-01-10')
  })
  it('the approval is due within 3 months of the 转正 vote (细则 第三十三条)', () => {
    const result = decideProbation(probationary, decision, settings)
    if (!result.ok) throw new Error('refused')
    expect(nextStep(result.value, settings)).toEqual({
      code: 'fullApproval',
      earliest: '2026-07-20',
      latest: '2026-10-20',
    })
    expect(codes(result.value, '2026-10-20')).toEqual([])
    expect(codes(result.value, '2026-10-21')).toEqual(['fullApprovalOverdue'])
  })
  it.each([
    ['2026-12-09', 'extensionTooShort'],
    ['2026-12-10', null],
    ['2027-06-10', null],
    ['2027-06-11', 'extensionTooLong'],
  ])('延长预备期 until %s → %s (6–12 months, 细则 第三十二条)', (until, problem) => {
    const result = decideProbation(
      probationary,
      { ...decision, decision: 'extend', extendedUntil: until },
      settings,
    )
    expect(result.ok ? null : result.problem).toBe(problem)
  })
  it('延长预备期 once only (党章 第七条)', () => {
    const first = decideProbation(
      probationary,
      { ...decision, decision: 'extend', extendedUntil: '2027-01-10' },
      settings,
    )
    if (!first.ok) throw new Error('refused')
    const second = decideProbation(
      first.value,
      { ...decision, decision: 'extend', extendedUntil: '2027-03-10' },
      settings,
    )
    expect(second).toEqual({ ok: false, problem: 'extensionUsed' })
  })
  it('取消预备党员资格 ends the membership from the meeting', () => {
    const result = decideProbation(probationary, { ...decision, decision: 'cancel' }, settings)
    expect(result.ok && result.value).toMatchObject({
      status: 'disqualified',
      statusSince: '2026-07-20',
      development: { cancelledOn: '2026-07-20' },
    })
  })
  it('refuses a decision on someone who is not 预备, and dates out of order', () => {
    expect(decideProbation({ ...probationary, stage: 'full' }, decision, settings)).toEqual({
      ok: false,
      problem: 'notProbationary',
    })
    expect(
      decideProbation(probationary, { ...decision, approvedOn: '2026-07-19' }, settings),
    ).toEqual({ ok: false, problem: 'approvalBeforeVote' })
  })
})
