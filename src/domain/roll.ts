/**
 * The roll of an org on a date: who was a member there then, at which stage, with a vote or
 * not, and who sat on the committee. A meeting stores its roll when saved, so its quorum is
 * judged on the roster of the day it was held (支部工作条例 第十一条), not on today's.
 *
 * What the records tell about the past: stages by their dates (branch vote → 预备, the end of
 * probation once voted → 正式), a status from its `statusSince`, and the org from completed
 * transfers after the date. A date the record does not hold is never guessed: the current
 * stage stands in for an unknown one.
 */
import { hasVote, isOnRoll } from './memberStatus'
import { committeeOn, committeePeople } from './terms'
import type {
  Id,
  IsoDate,
  MeetingRoll,
  Member,
  MemberStage,
  MemberStatus,
  Org,
  Transfer,
} from './types'

export type RollMember = Pick<
  Member,
  'id' | 'orgId' | 'stage' | 'status' | 'statusSince' | 'fullMemberOn' | 'development'
>
export type RollTransfer = Pick<
  Transfer,
  'memberId' | 'fromOrgId' | 'toOrgId' | 'completedOn' | 'status'
>

/**
 * The stage on a date: 正式 from the end of probation once the 转正 vote has been held
 * (the vote itself is taken by the branch while the member is still 预备); 预备 from the
 * branch vote; before that not yet a party member (null).
 */
export function stageOn(member: RollMember, date: IsoDate): MemberStage | null {
  const d = member.development
  if (member.stage === 'full') {
    const vote = d.fullVoteOn ?? ''
    const fullFrom = member.fullMemberOn
    if ((fullFrom === '' || fullFrom <= date) && (vote === '' || vote < date)) return 'full'
    if (d.branchVoteOn === '' || d.branchVoteOn <= date) return 'probationary'
    return null
  }
  if (member.stage === 'probationary') {
    return d.branchVoteOn === '' || d.branchVoteOn <= date ? 'probationary' : null
  }
  return null
}

/** The status on a date: the current one from its `statusSince` on, 正常 before. */
export function statusOn(
  member: Pick<Member, 'status' | 'statusSince'>,
  date: IsoDate,
): MemberStatus {
  if (member.status === 'normal' || member.statusSince === '' || member.statusSince <= date) {
    return member.status
  }
  return 'normal'
}

/**
 * The org on a date: where the first transfer completed after the date left from, else the
 * current org. '' when the member came from outside the register after the date.
 */
export function orgOn(
  member: Pick<Member, 'id' | 'orgId'>,
  transfers: readonly RollTransfer[],
  date: IsoDate,
): Id | '' {
  const later = transfers
    .filter(
      (transfer) =>
        transfer.memberId === member.id &&
        transfer.status === 'completed' &&
        transfer.completedOn !== '' &&
        transfer.completedOn > date,
    )
    .sort((a, b) => a.completedOn.localeCompare(b.completedOn))
  const first = later[0]
  if (!first) return member.orgId
  return first.fromOrgId
}

/**
 * The roll of `orgId` on `date` (MeetingRoll): members on the roll then, the 正式 among them,
 * those with a vote (应到会有表决权), and the people of the committee in office.
 */
export function takeRoll(
  org: Pick<Org, 'id' | 'committee' | 'termStartOn' | 'pastTerms'>,
  date: IsoDate,
  members: readonly RollMember[],
  transfers: readonly RollTransfer[],
): MeetingRoll {
  const memberIds: Id[] = []
  const fullIds: Id[] = []
  const voterIds: Id[] = []
  const seen = new Set<Id>()
  for (const member of members) {
    if (seen.has(member.id)) continue
    seen.add(member.id)
    if (orgOn(member, transfers, date) !== org.id) continue
    const stage = stageOn(member, date)
    if (stage === null) continue
    const then = { stage, status: statusOn(member, date) }
    if (!isOnRoll(then)) continue
    memberIds.push(member.id)
    if (stage === 'full') fullIds.push(member.id)
    if (hasVote(then)) voterIds.push(member.id)
  }
  return {
    on: date,
    memberIds,
    fullIds,
    voterIds,
    committee: committeePeople(committeeOn(org, date)),
  }
}
