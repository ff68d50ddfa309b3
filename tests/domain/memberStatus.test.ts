import { describe, expect, it } from 'vitest'
import {
  canHoldSeat,
  canIntroduce,
  hasVote,
  isExpectedToAttend,
  isOnRoll,
  paysDues,
} from '@/domain/memberStatus'
import { MEMBER_STATUSES, type MemberStage, type MemberStatus } from '@/domain/types'

// onRoll (rolls, counts, coverage), vote (quorum), dues, six-month clock, stand, introduce
const TABLE: [MemberStatus, boolean, boolean, boolean, boolean, boolean, boolean][] = [
  ['normal', true, true, true, true, true, true],
  ['mobile', true, true, true, true, true, true], // 党员教育管理工作条例 第二十五条
  ['lostContact', true, true, true, false, false, false], // 同条例 第二十四条
  ['abroad', true, false, true, false, false, false], // 选举工作条例: 出国半年以上
  ['disciplinaryProbation', true, false, true, true, false, false], // 党章 第四十条
  ['suspended', false, false, false, false, false, false], // 同条例 第二十四条 停止党籍
  ['deceased', false, false, false, false, false, false],
  ['removed', false, false, false, false, false, false],
  ['withdrawn', false, false, false, false, false, false],
  ['expelled', false, false, false, false, false, false],
  ['disqualified', false, false, false, false, false, false], // 取消预备党员资格
  ['transferredOut', false, false, false, false, false, false],
]

describe('member statuses and their effects, defined once', () => {
  it('covers every status', () => {
    expect(TABLE.map(([status]) => status).sort()).toEqual([...MEMBER_STATUSES].sort())
  })
  it.each(TABLE)(
    '%s: roll %s, vote %s, dues %s, six-month clock %s, stand %s, introduce %s',
    (status, roll, vote, dues, clock, stand, introduce) => {
      const full = { stage: 'full' as MemberStage, status }
      expect(isOnRoll(full)).toBe(roll)
      expect(hasVote(full)).toBe(vote)
      expect(paysDues(full)).toBe(dues)
      expect(isExpectedToAttend(full)).toBe(clock)
      expect(canHoldSeat(full)).toBe(stand)
      expect(canIntroduce(full)).toBe(introduce)
    },
  )
  it.each(['probationary', 'candidate', 'activist', 'applicant'] as const)(
    '%s: no vote, no seat, not an introducer (党章 第五条、第七条)',
    (stage) => {
      const person = { stage, status: 'normal' as const }
      expect(hasVote(person)).toBe(false)
      expect(canHoldSeat(person)).toBe(false)
      expect(canIntroduce(person)).toBe(false)
      expect(isOnRoll(person)).toBe(stage === 'probationary')
    },
  )
})
