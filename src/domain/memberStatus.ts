/**
 * What a member's status does, defined once: every roll, quorum, count, coverage figure and
 * alarm asks these functions, never the status itself. "On the roll" = a party member
 * (正式 or 预备) whose membership holds; "has a vote" = on the roll, 正式, and not barred.
 */
import { MEMBER_STATUSES, type Member, type MemberStage, type MemberStatus } from './types'

export interface StatusEffects {
  /** Counted among the org's members (花名册, 党员数, coverage, tallies). */
  onRoll: boolean
  /** Due to attend with a vote (应到会有表决权) when 正式. */
  votes: boolean
  /** Pays dues (the dues rules read this). */
  paysDues: boolean
  /** The six-month rule of 党章 第九条 runs for them (they are expected at organisational life). */
  expectedToAttend: boolean
  /** May be elected to a committee seat. */
  canStand: boolean
  /** May be an introducer (入党介绍人). */
  canIntroduce: boolean
}

const GONE: StatusEffects = {
  onRoll: false,
  votes: false,
  paysDues: false,
  expectedToAttend: false,
  canStand: false,
  canIntroduce: false,
}

export const STATUS_EFFECTS: Record<MemberStatus, StatusEffects> = {
  normal: {
    onRoll: true,
    votes: true,
    paysDues: true,
    expectedToAttend: true,
    canStand: true,
    canIntroduce: true,
  },
  // 流动党员 keep their rights and take part where they are (党员教育管理工作条例 2019 第二十五条).
  mobile: {
    onRoll: true,
    votes: true,
    paysDues: true,
    expectedToAttend: true,
    canStand: true,
    canIntroduce: true,
  },
  // 失联党员 stay members until 停止党籍 (党员教育管理工作条例 2019 第二十四条); the lost-contact
  // rule, not the attendance alarm, follows them.
  lostContact: {
    onRoll: true,
    votes: true,
    paysDues: true,
    expectedToAttend: false,
    canStand: false,
    canIntroduce: false,
  },
  // 出国（境）半年以上: with the upper org's consent not counted among those due to attend
  // (基层组织选举工作条例 2020, 应到会人数); they keep membership and dues.
  abroad: {
    onRoll: true,
    votes: false,
    paysDues: true,
    expectedToAttend: false,
    canStand: false,
    canIntroduce: false,
  },
  // 留党察看: 没有表决权、选举权和被选举权 (党章 第四十条).
  disciplinaryProbation: {
    onRoll: true,
    votes: false,
    paysDues: true,
    expectedToAttend: true,
    canStand: false,
    canIntroduce: false,
  },
  // 停止党籍 (党员教育管理工作条例 2019 第二十四条): the record stays, the membership is suspended.
  suspended: GONE,
  deceased: GONE,
  removed: GONE,
  withdrawn: GONE,
  expelled: GONE,
  disqualified: GONE,
  transferredOut: GONE,
}

/** Statuses a person can be given by hand (转出 comes from a transfer, 取消资格 from a vote). */
export type SettableStatus = Exclude<MemberStatus, 'transferredOut' | 'disqualified'>
export const SETTABLE_STATUSES: readonly SettableStatus[] = MEMBER_STATUSES.filter(
  (status): status is SettableStatus => status !== 'transferredOut' && status !== 'disqualified',
)

/** Statuses that end the membership: the person leaves every roll; the record stays. */
export function endsMembership(status: MemberStatus): boolean {
  return !STATUS_EFFECTS[status].onRoll
}

export const ENDED_STATUSES: readonly MemberStatus[] = MEMBER_STATUSES.filter(endsMembership)

type StageAndStatus = Pick<Member, 'stage' | 'status'>

export function isPartyStage(stage: MemberStage): boolean {
  return stage === 'full' || stage === 'probationary'
}

/** On the roll: a 正式 or 预备 member whose membership holds. */
export function isOnRoll(member: StageAndStatus): boolean {
  return isPartyStage(member.stage) && STATUS_EFFECTS[member.status].onRoll
}

/** 应到会有表决权: 预备党员 have no vote (党章 第七条), nor those under 留党察看 (第四十条). */
export function hasVote(member: StageAndStatus): boolean {
  return member.stage === 'full' && STATUS_EFFECTS[member.status].votes
}

/** May hold a committee seat: 正式党员 only (选举工作条例 2020 第五条), not under 留党察看. */
export function canHoldSeat(member: StageAndStatus): boolean {
  return member.stage === 'full' && STATUS_EFFECTS[member.status].canStand
}

/** May introduce an applicant: 正式党员 (党章 第五条), not under 留党察看. */
export function canIntroduce(member: StageAndStatus): boolean {
  return member.stage === 'full' && STATUS_EFFECTS[member.status].canIntroduce
}

/** Pays dues: on the roll and not exempted by status. */
export function paysDues(member: StageAndStatus): boolean {
  return isOnRoll(member) && STATUS_EFFECTS[member.status].paysDues
}

/** The six-month clocks of 党章 第九条 run for this member. */
export function isExpectedToAttend(member: StageAndStatus): boolean {
  return isOnRoll(member) && STATUS_EFFECTS[member.status].expectedToAttend
}
