/**
 * 民主评议党员: 正式党员 are graded (优秀 / 合格 / 基本合格 / 不合格); 预备党员 take part but get
 * no grade. 优秀 is generally no more than a third of the full members — all of them, absent
 * ones included — and "一般不超过" is a warning with the reason recorded, never a block.
 */
import type { Settings } from './settings'
import type { AppraisalGrade, Id, MeetingRoll } from './types'

export interface AppraisalCap {
  /** Within the usual share. */
  ok: boolean
  excellent: number
  /** The most 优秀 within the share. */
  max: number
  /** 正式党员 on the roll on the day: the base of the share. */
  fullMembers: number
}

/**
 * The share is a setting stored with four decimals (0.3333), read as ±0.00005 so that three
 * full members may have one 优秀.
 */
export function checkAppraisalCap(
  grades: readonly AppraisalGrade[],
  fullMembers: number,
  settings: Settings,
): AppraisalCap {
  const max = Math.floor(fullMembers * (settings['meeting.excellentMaxRatio'] + 0.00005) + 1e-9)
  const excellent = grades.filter((grade) => grade === 'excellent').length
  return { ok: excellent <= max, excellent, max, fullMembers }
}

/** Who is graded: the 正式党员 of the roll who are present (absent ones may be graded later). */
export function gradedMemberIds(
  roll: Pick<MeetingRoll, 'fullIds'>,
  attendeeIds: readonly Id[],
): Id[] {
  const present = new Set(attendeeIds)
  return roll.fullIds.filter((id) => present.has(id))
}

/** A grade for someone who is not a full member on the roll is refused. */
export function isGradable(roll: Pick<MeetingRoll, 'fullIds'>, memberId: Id): boolean {
  return roll.fullIds.includes(memberId)
}
