/**
 * Study records over the last year: party lessons a member attended, then collective,
 * training, self and online study. Most members reach the 32-hour target (local
 * setting); about one in seven is clearly behind, as are members out of contact.
 */
import type { Meeting, Member, StudyKind, StudyRecord } from '@/domain/types'
import { stamp, type DemoContext } from './context'
import { fromDayNumber, minDate, toDayNumber } from './dates'
import { STUDY_TOPICS } from './topics'

const TARGET_HOURS = 32
const MIN_RECORDS = 8
const MAX_RECORDS = 15
const KINDS: StudyKind[] = ['collective', 'collective', 'training', 'self', 'online', 'online']
const PLACE_OF: Record<StudyKind, string> = {
  collective: '党员活动室',
  lesson: '党员活动室',
  training: '旗县区委党校',
  self: '',
  online: '学习强国',
  other: '',
}

export function buildStudyRecords(
  ctx: DemoContext,
  members: Member[],
  meetings: Meeting[],
): StudyRecord[] {
  const { rng, today } = ctx
  const records: StudyRecord[] = []
  const lessonsOf = new Map<string, Meeting[]>()
  for (const meeting of meetings) {
    if (meeting.type !== 'partyLesson') continue
    for (const memberId of meeting.attendeeIds) {
      const list = lessonsOf.get(memberId)
      if (list) list.push(meeting)
      else lessonsOf.set(memberId, [meeting])
    }
  }
  const yearAgo = toDayNumber(today) - 364
  for (const member of members) {
    if (member.stage !== 'full' && member.stage !== 'probationary') continue
    if (member.status === 'transferredOut') continue
    const isLost = member.status === 'lostContact'
    const isBehind = isLost || rng.chance(0.14)
    const lastDay = toDayNumber(isLost ? minDate(member.statusSince, today) : today)
    const target = isBehind ? rng.int(8, 18) : rng.int(TARGET_HOURS, TARGET_HOURS + 12)
    let hours = 0
    let count = 0
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
      count++
    }
    const minRecords = isLost ? 3 : MIN_RECORDS
    while (count < MAX_RECORDS && (count < minRecords || hours < target) && lastDay > yearAgo) {
      const kind = rng.pick(KINDS)
      const studiedOn = fromDayNumber(rng.int(yearAgo, lastDay))
      const recordHours = isBehind ? rng.int(1, 2) : rng.int(2, 4)
      records.push({
        memberId: member.id,
        orgId: member.orgId,
        studiedOn,
        kind,
        topic: rng.pick(STUDY_TOPICS),
        hours: recordHours,
        place: PLACE_OF[kind],
        note: '',
        confirmed: 'yes',
        meetingId: '',
        ...stamp(ctx, studiedOn),
      })
      hours += recordHours
      count++
    }
  }
  return records
}
