/**
 * 三会一课 from 1 January of last year to today, plus 主题党日 and the yearly meetings of each
 * year, for every member-holding org: every monthly, quarterly and yearly rule sees a complete
 * period. About 75 % of orgs are fully compliant; the rest (the intended gaps, listed in the
 * dataset's `gaps`) miss some periods, and a few with a committee are clearly behind (nothing
 * monthly in the last 4 months). Each meeting stores the roll of its day, as the app does.
 */
import { takeRoll } from '@/domain/roll'
import type {
  AbsenceReason,
  IsoDate,
  Meeting,
  MeetingRoll,
  MeetingType,
  Member,
  PartyGroup,
  Transfer,
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

/**
 * Members who came on the day: on the roll then (roll.ts), not out of contact or abroad, and
 * not arrived later by a transfer.
 */
function eligibleOn(
  members: Member[],
  roll: MeetingRoll,
  heldOn: IsoDate,
  arrivals: ReadonlyMap<string, IsoDate>,
): Member[] {
  const onRoll = new Set(roll.memberIds)
  return members.filter((member) => {
    if (!onRoll.has(member.id)) return false
    if ((arrivals.get(member.id) ?? '') > heldOn) return false
    const away = member.status === 'lostContact' || member.status === 'abroad'
    return !(away && member.statusSince <= heldOn)
  })
}

export interface MeetingPlan {
  meetings: Meeting[]
  /** Orgs with no monthly meetings in the last four months. */
  behindOrgIds: string[]
  /** Orgs that miss some periods here and there. */
  gappyOrgIds: string[]
}

export function buildMeetings(
  ctx: DemoContext,
  memberOrgs: MemberOrg[],
  byOrg: Map<string, Member[]>,
  groups: PartyGroup[],
  transfers: readonly Transfer[],
): MeetingPlan {
  const { rng, today } = ctx
  const meetings: Meeting[] = []
  const windowStart = `${yearOf(today) - 1}-01-01`
  const arrivals = new Map(
    transfers
      .filter((transfer) => transfer.direction === 'in' && transfer.fromOrgId === '')
      .map((transfer) => [transfer.memberId, transfer.completedOn]),
  )
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
    const memberTransfers = transfers.filter((transfer) =>
      members.some((member) => member.id === transfer.memberId),
    )
    const rollOn = (heldOn: IsoDate) => takeRoll(org, heldOn, members, memberTransfers)
    const comers = (heldOn: IsoDate) => eligibleOn(members, rollOn(heldOn), heldOn, arrivals)
    const secretary = org.committee[0]?.holderName ?? anyName(rng)
    const recorder =
      org.committee.find((seat) => seat.post === 'organisation')?.holderName ??
      rng.pick(comers(today)).name
    const skip = (recent: boolean) =>
      (profile === 'behind' && recent) || (profile !== 'compliant' && rng.chance(0.25))

    const add = (type: MeetingType, heldOn: IsoDate, attendees: Member[], groupId = '') => {
      if (heldOn < org.foundedOn || heldOn > today || attendees.length === 0) return
      const roll = rollOn(heldOn)
      // Everyone on the roll of the day is due; those not among the attendees were away.
      const due =
        type === 'branchAssembly' ? members.filter((m) => roll.memberIds.includes(m.id)) : attendees
      const absent = due.filter(
        (member) =>
          !attendees.includes(member) || rng.chance(member.status === 'mobile' ? 0.6 : 0.07),
      )
      const present = attendees.filter((member) => !absent.includes(member))
      if (type === 'branchAssembly') {
        // Quorum: more than half of those with a vote that day (roll.ts voterIds).
        const voters = new Set(roll.voterIds)
        const canReturn = (member: Member) => voters.has(member.id) && attendees.includes(member)
        while (present.filter((member) => voters.has(member.id)).length * 2 <= voters.size) {
          const back = absent.findIndex(canReturn)
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
        roll,
        votes: [],
        excellentReason: '',
        ...stamp(ctx, heldOn),
      }
      meetings.push(meeting)
      if (type === 'appraisal') gradeMembers(ctx, present, roll, year)
    }

    const months = monthsBetween(windowStart, today)
    months.forEach((month, index) => {
      const dayIn = () => minDate(addDays(month, rng.int(2, 26)), today)
      const recent = index >= months.length - 4
      if (!skip(recent)) {
        const day = dayIn()
        add('themedDay', day, comers(day))
      }
      if (org.committee.length >= 3 && !skip(recent)) {
        const day = dayIn()
        const seated = new Set(rollOn(day).committee)
        add(
          'committeeMeeting',
          day,
          comers(day).filter((member) => seated.has(member.id)),
        )
      }
      for (const group of groupsOf.get(org.id) ?? []) {
        if (skip(recent)) continue
        const day = dayIn()
        add(
          'groupMeeting',
          day,
          comers(day).filter((member) => member.partyGroupId === group.id),
          group.id,
        )
      }
    })
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
        add(type, day, comers(day))
      }
    }
    // The yearly meetings of every year that has ended (held in its December), and the
    // 谈心谈话 of each year of the window.
    for (let year = yearOf(windowStart); year < yearOf(today); year++) {
      for (const type of ['orgLifeMeeting', 'appraisal'] as const) {
        if (profile !== 'compliant' && rng.chance(0.3)) continue
        const day = `${year}-12-${String(rng.int(5, 28)).padStart(2, '0')}`
        add(type, day, comers(day))
      }
    }
    for (let year = yearOf(windowStart); year <= yearOf(today); year++) {
      if (year < yearOf(today) && profile !== 'compliant' && rng.chance(0.3)) continue
      const start = maxDate(`${year}-01-01`, windowStart)
      const end = minDate(`${year}-12-31`, today)
      const talkDay = addDays(start, rng.int(0, Math.max(0, daysBetween(start, end))))
      add('heartToHeart', talkDay, comers(talkDay))
    }
  }
  return {
    meetings,
    behindOrgIds: [...behind],
    gappyOrgIds: [...profiles].filter(([, p]) => p === 'gaps').map(([id]) => id),
  }
}

/** The first day of each month from `from`'s month to `to`'s. */
function monthsBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const months: IsoDate[] = []
  for (let month = monthStart(from); month <= to; month = addMonths(month, 1)) months.push(month)
  return months
}

/**
 * 民主评议: the full members present are graded (预备党员 take part without a grade); 优秀 at
 * most a third of the full members on the roll; most 合格.
 */
function gradeMembers(ctx: DemoContext, present: Member[], roll: MeetingRoll, year: number) {
  const limit = Math.floor(roll.fullIds.length / 3)
  const full = new Set(roll.fullIds)
  let excellent = 0
  for (const member of present) {
    if (!full.has(member.id)) continue
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
