/**
 * A year of 三会一课 ending today, plus 主题党日 and the yearly meetings, for every
 * member-holding org. About 75 % of orgs are fully compliant; the rest miss some periods,
 * and a few with a committee are clearly behind (nothing monthly in the last 4 months).
 */
import type {
  AbsenceReason,
  IsoDate,
  Meeting,
  MeetingType,
  Member,
  PartyGroup,
} from '@/domain/types'
import { stamp, type DemoContext } from './context'
import { addDays, addMonths, daysBetween, maxDate, minDate, monthStart, yearOf } from './dates'
import { anyName } from './names'
import type { MemberOrg } from './orgs'
import { MEETING_RESOLUTIONS, MEETING_TOPICS } from './topics'

type Profile = 'compliant' | 'gaps' | 'behind'

function quarterStartOf(date: IsoDate): IsoDate {
  const month = Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1
  return `${date.slice(0, 4)}-${String(month).padStart(2, '0')}-01`
}

const START_TIMES = ['09:00', '09:30', '14:30', '15:00', '16:00', '19:00']
const PLACES = ['党员活动室', '公司会议室', '党群服务中心', '线上（视频会议）']
const REASONS: AbsenceReason[] = ['work', 'work', 'sick', 'personal', 'other']

/** Members who could attend on the day: admitted by then and not gone or out of contact. */
function eligibleOn(members: Member[], heldOn: IsoDate): Member[] {
  return members.filter((member) => {
    if (member.stage !== 'full' && member.stage !== 'probationary') return false
    if (member.development.branchVoteOn > heldOn) return false
    if (member.status === 'transferredOut') return false
    return !(member.status === 'lostContact' && member.statusSince <= heldOn)
  })
}

export function buildMeetings(
  ctx: DemoContext,
  memberOrgs: MemberOrg[],
  byOrg: Map<string, Member[]>,
  groups: PartyGroup[],
): Meeting[] {
  const { rng, today } = ctx
  const meetings: Meeting[] = []
  const windowStart = monthStart(addMonths(today, -12))
  const withCommittee = memberOrgs.filter((entry) => entry.org.committee.length >= 3)
  const behind = new Set(
    rng
      .shuffle(withCommittee)
      .slice(0, Math.max(2, Math.round(memberOrgs.length * 0.06)))
      .map((entry) => entry.org.id),
  )
  const profiles = new Map<string, Profile>()
  for (const entry of rng.shuffle(memberOrgs)) {
    const isGappy = profiles.size < memberOrgs.length * 0.2
    profiles.set(entry.org.id, behind.has(entry.org.id) ? 'behind' : isGappy ? 'gaps' : 'compliant')
  }
  const groupsOf = new Map<string, PartyGroup[]>()
  for (const group of groups) {
    const list = groupsOf.get(group.orgId)
    if (list) list.push(group)
    else groupsOf.set(group.orgId, [group])
  }

  for (const entry of memberOrgs) {
    const org = entry.org
    const profile = profiles.get(org.id) ?? 'compliant'
    const members = byOrg.get(org.id) ?? []
    const secretary = org.committee[0]?.holderName ?? anyName(rng)
    const recorder =
      org.committee.find((seat) => seat.post === 'organisation')?.holderName ??
      rng.pick(eligibleOn(members, today)).name
    const skip = (recent: boolean) =>
      (profile === 'behind' && recent) || (profile !== 'compliant' && rng.chance(0.25))

    const add = (type: MeetingType, heldOn: IsoDate, attendees: Member[], groupId = '') => {
      if (heldOn < org.foundedOn || heldOn > today || attendees.length === 0) return
      const absent = attendees.filter((member) =>
        rng.chance(member.status === 'mobile' ? 0.6 : 0.07),
      )
      const present = attendees.filter((member) => !absent.includes(member))
      if (type === 'branchAssembly') {
        // Quorum: more than half of the full members (probationary members have no vote).
        const fullCount = attendees.filter((member) => member.stage === 'full').length
        while (present.filter((member) => member.stage === 'full').length * 2 <= fullCount) {
          const back = absent.findIndex((member) => member.stage === 'full')
          if (back < 0) break
          present.push(...absent.splice(back, 1))
        }
      }
      const year = yearOf(heldOn)
      const topic =
        type === 'orgLifeMeeting' || type === 'appraisal'
          ? `${year}${rng.pick(MEETING_TOPICS[type])}`
          : rng.pick(MEETING_TOPICS[type])
      const meeting: Meeting = {
        orgId: org.id,
        type,
        heldOn,
        startTime: rng.pick(START_TIMES),
        place: rng.pick(PLACES),
        host: secretary,
        recorder,
        lecturer:
          type === 'partyLesson'
            ? rng.chance(0.6)
              ? secretary
              : `${anyName(rng)}（旗县区委党校）`
            : '',
        partyGroupId: groupId,
        topic,
        attendeeIds: present.map((member) => member.id),
        absentees: absent
          .filter((member) => !present.includes(member))
          .map((member) => ({
            memberId: member.id,
            reason: member.status === 'mobile' ? 'work' : rng.pick(REASONS),
            note: member.status === 'mobile' ? `外出：${member.statusNote}` : '',
          })),
        minutes: `${secretary}主持，${topic}。应到${attendees.length}人，实到${present.length}人。与会党员结合岗位工作交流发言。`,
        resolutions: rng.pick(MEETING_RESOLUTIONS[type] ?? ['']),
        status: 'final',
        photoIds: [],
        ...stamp(ctx, heldOn),
      }
      meetings.push(meeting)
      if (type === 'appraisal') gradeMembers(ctx, present, year)
    }

    for (let back = 12; back >= 0; back--) {
      const month = addMonths(monthStart(today), -back)
      const dayIn = () => minDate(addDays(month, rng.int(2, 26)), today)
      const recent = back <= 3
      if (!skip(recent)) {
        const day = dayIn()
        add('themedDay', day, eligibleOn(members, day))
      }
      if (org.committee.length >= 3 && !skip(recent)) {
        const day = dayIn()
        const seated = new Set(org.committee.map((seat) => seat.memberId))
        add(
          'committeeMeeting',
          day,
          eligibleOn(members, day).filter((member) => seated.has(member.id)),
        )
      }
      for (const group of groupsOf.get(org.id) ?? []) {
        if (skip(recent)) continue
        const day = dayIn()
        add(
          'groupMeeting',
          day,
          eligibleOn(members, day).filter((member) => member.partyGroupId === group.id),
          group.id,
        )
      }
    }
    // One assembly and one lesson per quarter, inside the window.
    for (
      let quarter = quarterStartOf(windowStart);
      quarter <= today;
      quarter = addMonths(quarter, 3)
    ) {
      const from = maxDate(quarter, windowStart)
      const to = minDate(addDays(addMonths(quarter, 3), -1), today)
      const recent = quarter > addMonths(today, -6)
      for (const type of ['branchAssembly', 'partyLesson'] as const) {
        if (skip(recent)) continue
        const day = addDays(from, rng.int(0, daysBetween(from, to)))
        add(type, day, eligibleOn(members, day))
      }
    }
    const lastDecember = `${yearOf(today) - 1}-12-`
    for (const type of ['orgLifeMeeting', 'appraisal'] as const) {
      if (profile !== 'compliant' && rng.chance(0.3)) continue
      const day = `${lastDecember}${String(rng.int(5, 28)).padStart(2, '0')}`
      add(type, day, eligibleOn(members, day))
    }
    const talkDay = addDays(windowStart, rng.int(0, Math.max(0, daysBetween(windowStart, today))))
    add('heartToHeart', talkDay, eligibleOn(members, talkDay))
  }
  return meetings
}

/** 民主评议: 优秀 at most a third; most 合格. */
function gradeMembers(ctx: DemoContext, present: Member[], year: number) {
  const limit = Math.floor(present.length / 3)
  let excellent = 0
  for (const member of present) {
    const roll = ctx.rng.next()
    const isExcellent = roll < 0.2 && excellent < limit
    if (isExcellent) excellent++
    member.appraisals = [
      ...member.appraisals,
      {
        year,
        grade: isExcellent ? 'excellent' : roll > 0.985 ? 'basicallyQualified' : 'qualified',
      },
    ]
  }
}
