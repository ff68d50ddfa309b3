/**
 * 表决 at a 支部党员大会: a resolution that admits a member, makes one full, extends or ends a
 * probation, or deals with a member passes only when 赞成 is more than half of those with a
 * vote due to attend (应到会有表决权), 细则 第二十条、第三十三条; written opinions of voters who
 * could not come count in the tally (细则 第二十条).
 */
import { quorumNeeded } from './meetings'
import type { Settings } from './settings'
import type { MeetingVote } from './types'

export type VoteProblem =
  | 'countsNegative' // counts are whole numbers from 0
  | 'moreThanVoters' // 赞成 + 反对 + 弃权 exceeds 应到会有表决权
  | 'writtenTooMany' // more written opinions than votes cast
  | 'moreThanPresent' // votes cast in the room exceed the voters present

export interface VoteOutcome {
  passed: boolean
  /** 应到会有表决权. */
  eligible: number
  /** The smallest 赞成 that passes. */
  needed: number
  cast: number
}

/** 赞成 > ratio × 应到会有表决权: exactly half is not enough. */
export function voteOutcome(
  vote: Pick<MeetingVote, 'approve' | 'oppose' | 'abstain'>,
  eligible: number,
  settings: Settings,
): VoteOutcome {
  const needed = quorumNeeded(eligible, settings['meeting.quorumRatio'])
  const cast = vote.approve + vote.oppose + vote.abstain
  return { passed: eligible > 0 && vote.approve >= needed, eligible, needed, cast }
}

/**
 * Whether the counts can be true for a meeting with `eligible` voters due and `presentVoters`
 * of them in the room: null when they can.
 */
export function checkVoteCounts(
  vote: Pick<MeetingVote, 'approve' | 'oppose' | 'abstain' | 'written'>,
  eligible: number,
  presentVoters: number,
): VoteProblem | null {
  const counts = [vote.approve, vote.oppose, vote.abstain, vote.written]
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) return 'countsNegative'
  const cast = vote.approve + vote.oppose + vote.abstain
  if (cast > eligible) return 'moreThanVoters'
  if (vote.written > cast) return 'writtenTooMany'
  if (cast - vote.written > presentVoters) return 'moreThanPresent'
  return null
}
