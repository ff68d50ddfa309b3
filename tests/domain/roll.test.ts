import { describe, expect, it } from 'vitest'
import { checkQuorum, quorumNeeded } from '@/domain/meetings'
import { emptyDevelopment } from '@/domain/members'
import {
  orgOn,
  stageOn,
  statusOn,
  takeRoll,
  type RollMember,
  type RollTransfer,
} from '@/domain/roll'
import { defaultSettings } from '@/domain/settings'
import type {
  CommitteeSeat,
  Development,
  MeetingRoll,
  MemberStage,
  MemberStatus,
  Org,
} from '@/domain/types'

const settings = defaultSettings()

function member(
  id: string,
  stage: MemberStage = 'full',
  dates: Partial<Development> & { fullMemberOn?: string } = {},
  status: MemberStatus = 'normal',
  statusSince = '',
  orgId = 'o1',
): RollMember {
  const { fullMemberOn = '', ...development } = dates
  return {
    id,
    orgId,
    stage,
    status,
    statusSince,
    fullMemberOn,
    development: { ...emptyDevelopment(), ...development },
  }
}
const seat = (memberId: string, since = ''): CommitteeSeat => ({
  post: 'committeeMember',
  memberId,
  holderName: memberId,
  since,
})
const org = (partial: Partial<Org> = {}) => ({
  id: 'o1',
  committee: [] as CommitteeSeat[],
  termStartOn: '',
  pastTerms: [],
  ...partial,
})
const roll = (voterIds: string[], committee: string[] = []): MeetingRoll => ({
  on: '2026-06-01',
  memberIds: voterIds,
  fullIds: voterIds,
  voterIds,
  committee,
})

describe('quorum (支部工作条例 第十一条、第十二条 半数以上, strictly more than half: 细则 第二十条)', () => {
  it.each([
    [4, 2, 'notMet', 3],
    [4, 3, 'met', 3],
    [5, 2, 'notMet', 3],
    [5, 3, 'met', 3],
    [1, 1, 'met', 1],
  ] as const)('%i with a vote, %i present → %s (needs %i)', (eligible, present, code, needed) => {
    const ids = Array.from({ length: eligible }, (_, i) => `m${i}`)
    const result = checkQuorum(
      { type: 'branchAssembly', attendeeIds: ids.slice(0, present) },
      roll(ids),
      settings,
    )
    expect(result).toEqual({ code, present, eligible, needed })
  })

  it('a 支委会 counts the committee of the day; a seat by name only cannot be present', () => {
    const committee = roll([], ['s', 'o', 'name:张三'])
    expect(
      checkQuorum({ type: 'committeeMeeting', attendeeIds: ['s'] }, committee, settings),
    ).toMatchObject({ code: 'notMet', eligible: 3, needed: 2 })
    expect(
      checkQuorum({ type: 'committeeMeeting', attendeeIds: ['s', 'o'] }, committee, settings).code,
    ).toBe('met')
  })

  it('other meetings have no quorum; an empty roll is not applicable', () => {
    expect(checkQuorum({ type: 'themedDay', attendeeIds: [] }, roll(['a']), settings).code).toBe(
      'notApplicable',
    )
    expect(checkQuorum({ type: 'branchAssembly', attendeeIds: [] }, roll([]), settings).code).toBe(
      'notApplicable',
    )
  })

  it('the ratio is a setting', () => {
    const twoThirds = { ...settings, 'meeting.quorumRatio': 2 / 3 }
    expect(
      checkQuorum(
        { type: 'branchAssembly', attendeeIds: ['a', 'b', 'c'] },
        roll(['a', 'b', 'c', 'd']),
        twoThirds,
      ).code,
    ).toBe('met')
    expect(quorumNeeded(6, 2 / 3)).toBe(5)
  })
})

describe('the stage on a date (党章 第七条: 预备 from the branch vote, 正式 from the end of probation)', () => {
  const probationary = member('p', 'probationary', { branchVoteOn: '2025-07-01' })
  const full = member('f', 'full', {
    branchVoteOn: '2024-07-01',
    fullVoteOn: '2025-07-10',
    fullMemberOn: '2025-07-01',
  })
  it.each([
    ['预备, voted 2025-07-01', '2025-06-30', null, probationary],
    ['预备, voted 2025-07-01', '2025-07-01', 'probationary', probationary],
    ['正式 from 2025-07-01', '2024-06-30', null, full],
    ['正式 from 2025-07-01', '2025-06-30', 'probationary', full],
    // The 转正 vote is held while the member is still 预备: no vote on their own 转正.
    ['正式, 转正 voted 2025-07-10', '2025-07-10', 'probationary', full],
    ['正式, 转正 voted 2025-07-10', '2025-07-11', 'full', full],
    // An older record without dates keeps its stage.
    ['正式 without dates', '2000-01-01', 'full', member('x', 'full')],
    ['积极分子', '2026-01-01', null, member('a', 'activist')],
  ] as const)('%s: on %s → %s', (_label, date, expected, person) => {
    expect(stageOn(person, date)).toBe(expected)
  })
})

describe('the status and org on a date', () => {
  it('a status holds from its date, normal before', () => {
    const suspended = member('s', 'full', {}, 'suspended', '2026-03-01')
    expect(statusOn(suspended, '2026-02-28')).toBe('normal')
    expect(statusOn(suspended, '2026-03-01')).toBe('suspended')
  })
  it('the org is where the first later transfer left from', () => {
    const moved = member('m', 'full', {}, 'normal', '', 'o2')
    const transfers: RollTransfer[] = [
      {
        memberId: 'm',
        fromOrgId: 'o1',
        toOrgId: 'o2',
        completedOn: '2026-05-01',
        status: 'completed',
      },
      {
        memberId: 'm',
        fromOrgId: 'o0',
        toOrgId: 'o1',
        completedOn: '2025-05-01',
        status: 'completed',
      },
      {
        memberId: 'm',
        fromOrgId: 'o9',
        toOrgId: 'o2',
        completedOn: '2026-09-01',
        status: 'cancelled',
      },
    ]
    expect(orgOn(moved, transfers, '2025-01-01')).toBe('o0')
    expect(orgOn(moved, transfers, '2025-05-01')).toBe('o1')
    expect(orgOn(moved, transfers, '2026-04-30')).toBe('o1')
    expect(orgOn(moved, transfers, '2026-05-01')).toBe('o2')
  })
})

describe('the roll of a meeting keeps its quorum after the roster changes', () => {
  // On 2026-03-10 the branch had 4 full members with a vote; 3 came: quorate.
  const before = [
    member('a', 'full'),
    member('b', 'full'),
    member('c', 'full'),
    member('d', 'full'),
    member('p', 'probationary', { branchVoteOn: '2025-09-01' }),
  ]
  const meeting = { type: 'branchAssembly' as const, attendeeIds: ['a', 'b', 'c', 'p'] }
  const stored = takeRoll(org(), '2026-03-10', before, [])

  it('is taken from the roster of the day: 4 with a vote, the 预备党员 without', () => {
    expect(stored.voterIds).toEqual(['a', 'b', 'c', 'd'])
    expect(stored.fullIds).toEqual(['a', 'b', 'c', 'd'])
    expect(stored.memberIds).toContain('p')
    expect(checkQuorum(meeting, stored, settings).code).toBe('met')
  })

  it('today: the 预备党员 became full, four joined, one left: the stored roll still says met', () => {
    const today = [
      member('a', 'full'),
      member('b', 'full'),
      member('c', 'full'),
      member('d', 'full', {}, 'transferredOut', '2026-05-01'),
      member('p', 'full', {
        branchVoteOn: '2025-09-01',
        fullVoteOn: '2026-09-05',
        fullMemberOn: '2026-09-01',
      }),
      ...['w', 'x', 'y', 'z'].map((id) => member(id, 'full')),
    ]
    const transfers: RollTransfer[] = ['w', 'x', 'y', 'z'].map((id) => ({
      memberId: id,
      fromOrgId: '',
      toOrgId: 'o1',
      completedOn: '2026-06-01',
      status: 'completed',
    }))
    const todaysRoll = takeRoll(org(), '2026-12-01', today, transfers)
    // Judged on today's roster the old meeting would fail: 4 present of 8 with a vote.
    expect(checkQuorum(meeting, todaysRoll, settings).code).toBe('notMet')
    expect(checkQuorum(meeting, stored, settings).code).toBe('met')
    // And the roll of the day, taken again from the histories, is the stored one.
    expect(takeRoll(org(), '2026-03-10', today, transfers)).toEqual(stored)
  })

  it('a back-dated record is checked against the roll of its date, not today', () => {
    const joinedLater = member('n', 'probationary', { branchVoteOn: '2026-04-01' })
    expect(takeRoll(org(), '2026-03-10', [...before, joinedLater], []).memberIds).not.toContain('n')
  })
})

describe('who has a vote on the roll (memberStatus.ts)', () => {
  it.each([
    ['normal', true, true],
    ['mobile', true, true],
    ['lostContact', true, true],
    ['abroad', true, false], // 选举工作条例: 出国半年以上 not counted among those due
    ['disciplinaryProbation', true, false], // 党章 第四十条: 没有表决权
    ['suspended', false, false], // 党员教育管理工作条例 第二十四条: 停止党籍
    ['deceased', false, false],
    ['removed', false, false],
    ['withdrawn', false, false],
    ['expelled', false, false],
    ['disqualified', false, false],
    ['transferredOut', false, false],
  ] as const)('%s: on the roll %s, a vote %s', (status, onRoll, vote) => {
    const result = takeRoll(org(), '2026-06-01', [member('m', 'full', {}, status)], [])
    expect(result.memberIds.includes('m')).toBe(onRoll)
    expect(result.voterIds.includes('m')).toBe(vote)
  })
})

describe('the committee of the day (换届 keeps the previous committee: 届次)', () => {
  const withHistory = org({
    committee: [seat('new1'), seat('new2'), seat('late', '2026-08-01')],
    termStartOn: '2026-01-10',
    pastTerms: [
      {
        number: 1,
        startOn: '2023-01-10',
        endOn: '2026-01-10',
        committee: [seat('old1'), seat('old2'), seat('old2')],
      },
    ],
  })
  it.each([
    ['2025-12-01', ['old1', 'old2']],
    ['2026-01-10', ['new1', 'new2']],
    ['2026-08-01', ['new1', 'new2', 'late']],
    ['2022-01-01', []],
  ])('on %s → %j', (date, people) => {
    expect(takeRoll(withHistory, date, [], []).committee).toEqual(people)
  })
})
