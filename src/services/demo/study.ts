/**
 * Study records of this calendar year up to today: the party lessons a member attended, then
 * collective study and training (the 集中学习培训 the yearly target counts) and some self and
 * online study (recorded, not counted). Most members reach their target — 32 学时, 56 for
 * committee members; about one in ten is behind (an intended gap, listed in the dataset's
 * `gaps`), as are members out of contact or abroad.
 */
import { committeeMemberIds } from '@/domain/study'
import { isOnRoll } from '@/domain/memberStatus'
import type { Meeting, Member, Org, StudyKind, StudyRecord } from '@/domain/types'
import { stamp, type DemoContext } from './context'
import { fromDayNumber, maxDate, minDate, toDayNumber, yearOf } from './dates'
import { STUDY_TOPICS } from './topics'

const MEMBER_TARGET = 32
const COMMITTEE_TARGET = 56
const BEHIND_SHARE = 0.1
const COUNTED: StudyKind[] = ['collective', 'collective', 'training']
const UNCOUNTED: StudyKind[] = ['self', 'online']
const PLACE_OF: Record<StudyKind, string> = {
  collective: '党员活动室',
  lesson: '党员活动室',
  training: '旗县区委党校',
  self: '',
  online: '学习强国',
  other: '',
}

export interface StudyPlan {
  records: StudyRecord[]
  /** Members left short of their target this year on purpose. */
  behindMemberIds: string[]
}

export function buildStudyRecords(
  ctx: DemoContext,
  members: Member[],
  meetings: Meeting[],
  orgs: readonly Org[],
): StudyPlan {
  const { rng, today } = ctx
  const records: StudyRecord[] = []
  const behindMemberIds: string[] = []
  const yearStart = `${yearOf(today)}-01-01`
  const onCommittee = committeeMemberIds(orgs.filter((org) => org.dissolvedOn === ''))
  const lessonsOf = new Map<string, Meeting[]>()
  for (const meeting of meetings) {
    if (meeting.type !== 'partyLesson' || meeting.heldOn < yearStart) continue
    for (const memberId of meeting.attendeeIds) {
      const list = lessonsOf.get(memberId)
      if (list) list.push(meeting)
      else lessonsOf.set(memberId, [meeting])
    }
  }
  const record = (member: Member, studiedOn: string, kind: StudyKind, hours: number) =>
    records.push({
      memberId: member.id,
      orgId: member.orgId,
      studiedOn,
      kind,
      topic: rng.pick(STUDY_TOPICS),
      hours,
      place: PLACE_OF[kind],
      note: '',
      confirmed: 'yes',
      meetingId: '',
      ...stamp(ctx, studiedOn),
    })
  for (const member of members) {
    if (!isOnRoll(member)) continue
    const away = member.status === 'lostContact' || member.status === 'abroad'
    const isBehind = away || rng.chance(BEHIND_SHARE)
    if (isBehind) behindMemberIds.push(member.id)
    const firstDay = toDayNumber(yearStart)
    const lastDay = toDayNumber(
      away ? maxDate(yearStart, minDate(member.statusSince, today)) : today,
    )
    const target = member.id && onCommittee.has(member.id) ? COMMITTEE_TARGET : MEMBER_TARGET
    const goal = isBehind ? rng.int(6, Math.floor(target / 2)) : rng.int(target, target + 10)
    let hours = 0
    for (const lesson of lessonsOf.get(member.id) ?? []) {
      records.push({
        memberId: member.id,
        orgId: member.orgId,
        studiedOn: lesson.heldOn,
        kind: 'lesson',
        topic: lesson.topic,
        hours: 2,
        place: lesson.place,
        note: '',
        confirmed: 'yes',
        meetingId: lesson.id,
        ...stamp(ctx, lesson.heldOn),
      })
      hours += 2
    }
    for (let guard = 0; hours < goal && guard < 40 && lastDay > firstDay; guard++) {
      const recordHours = isBehind ? rng.int(1, 2) : rng.pick([3, 4, 4, 6])
      record(member, fromDayNumber(rng.int(firstDay, lastDay)), rng.pick(COUNTED), recordHours)
      hours += recordHours
    }
    // Self and online study: on record, not part of the 集中学习培训 target.
    for (let count = rng.int(0, 2); count > 0 && lastDay > firstDay; count--) {
      record(member, fromDayNumber(rng.int(firstDay, lastDay)), rng.pick(UNCOUNTED), rng.int(1, 3))
    }
  }
  return { records, behindMemberIds }
}
