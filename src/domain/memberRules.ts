/**
 * Rules about members once they are on the roster: 党龄, age bands, the six-month rule
 * (党章 第九条), the deadlines statuses set, and what the roster can be filtered by.
 */
import { addDays, addMonths, addYears, ageOn } from './dates'
import { endsMembership, isExpectedToAttend } from './memberStatus'
import type { Settings } from './settings'
import type {
  Education,
  Ethnicity,
  Gender,
  Id,
  IsoDate,
  Member,
  MemberStage,
  MemberStatus,
} from './types'

// ─── 党龄 ───────────────────────────────────────────────────────────────────

/**
 * 党龄 in completed years, counted from the day probation ends (党章 第七条; 细则 第三十四条:
 * fullMemberOn is derived from it, development.ts fullMemberSince). null before that day.
 */
export function partyYears(fullMemberOn: IsoDate, today: IsoDate): number | null {
  if (fullMemberOn === '' || fullMemberOn > today) return null
  return ageOn(fullMemberOn, today)
}

// ─── Age bands ──────────────────────────────────────────────────────────────

/**
 * The bands of the statistics tables of the 党内统计 (≤ 30, 31–40, 41–50, 51–60, ≥ 61).
 * Display categories, not a rule, so they are constants rather than settings.
 */
export const AGE_BANDS = ['upTo30', 'from31to40', 'from41to50', 'from51to60', 'from61'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

const BAND_AGES: Record<AgeBand, readonly [min: number, max: number]> = {
  upTo30: [0, 30],
  from31to40: [31, 40],
  from41to50: [41, 50],
  from51to60: [51, 60],
  from61: [61, 200],
}

export function ageBandOf(birthDate: IsoDate, today: IsoDate): AgeBand | null {
  const age = ageOn(birthDate, today)
  if (age === null) return null
  return AGE_BANDS.find((band) => age >= BAND_AGES[band][0] && age <= BAND_AGES[band][1]) ?? null
}

/**
 * Birth dates of a band as an inclusive range: aged ≤ max means born after today − (max+1)
 * years; aged ≥ min means born on or before today − min years.
 */
export function birthDateRange(band: AgeBand, today: IsoDate): { from: IsoDate; to: IsoDate } {
  const [min, max] = BAND_AGES[band]
  // Born on today − (max+1) years is (max+1) already; a day later is still max.
  return { from: addDays(addYears(today, -(max + 1)), 1), to: addYears(today, -min) }
}

// ─── The roster's filter ────────────────────────────────────────────────────

/** What the roster can be filtered by; the db layer picks the index for it. */
export interface MemberFilter {
  stage: MemberStage | ''
  /** '' = on the roster: every status that has not ended the membership (memberStatus.ts). */
  status: MemberStatus | ''
  gender: Gender | ''
  ethnicity: Ethnicity | ''
  education: Education | ''
  ageBand: AgeBand | ''
  /** A name starting with it, or (digits) a phone number starting with it. */
  text: string
}

export function emptyMemberFilter(): MemberFilter {
  return { stage: '', status: '', gender: '', ethnicity: '', education: '', ageBand: '', text: '' }
}

/** Is the search text a phone number (or its start)? Names never hold digits. */
export function isPhoneSearch(text: string): boolean {
  return /^\d{3,11}$/.test(text.trim())
}

/** Does a member pass the filter? Checked on every row an index walk reads. */
export function memberMatcher(filter: MemberFilter, today: IsoDate): (member: Member) => boolean {
  const text = filter.text.trim()
  const byPhone = isPhoneSearch(text)
  const band = filter.ageBand ? birthDateRange(filter.ageBand, today) : null
  return (m) =>
    (filter.status ? m.status === filter.status : !endsMembership(m.status)) &&
    (!filter.stage || m.stage === filter.stage) &&
    (!filter.gender || m.gender === filter.gender) &&
    (!filter.ethnicity || m.ethnicity === filter.ethnicity) &&
    (!filter.education || m.education === filter.education) &&
    (!band || (m.birthDate >= band.from && m.birthDate <= band.to)) &&
    (!text || (byPhone ? m.phone.startsWith(text) : m.name.startsWith(text)))
}

// ─── The six-month rule (党章 第九条) ────────────────────────────────────────

/**
 * 党章 第九条: six months in a row, without good reason, of any one of these is treated as
 * leaving the party — three independent clocks. The app records attendance; dues and the
 * work the party assigned join when they are recorded (a clock not given is not judged).
 */
export const SIX_MONTH_TRIGGERS = ['attendance', 'dues', 'work'] as const
export type SixMonthTrigger = (typeof SIX_MONTH_TRIGGERS)[number]

/** The last day each clock was reset ('' = never on record); a trigger left out is not judged. */
export type TriggerClocks = Partial<Record<SixMonthTrigger, IsoDate>>

export type AlarmFacts = Pick<
  Member,
  'id' | 'orgId' | 'name' | 'stage' | 'status' | 'lastAttendedOn' | 'fullMemberOn' | 'development'
>

/** The day before which a last attendance raises the alarm. */
export function alarmCutoff(today: IsoDate, settings: Settings): IsoDate {
  return addMonths(today, -settings['member.alarmMonths'])
}

/**
 * Since when the member could have attended: they count from becoming a party member (the
 * branch vote; for older records without it, the full-member date). Someone admitted or
 * made full less than six months ago cannot have missed six months of organisational life.
 * '' when nothing is known: such a record is flagged, so the secretary completes it.
 */
export function membershipStart(member: AlarmFacts): IsoDate {
  return member.development.branchVoteOn || member.fullMemberOn
}

export interface TriggerAlarm {
  trigger: SixMonthTrigger
  /** The last reset on record, '' = none. */
  lastOn: IsoDate
  /** The day the alarm became due: six months after the later of the reset and admission. */
  dueOn: IsoDate
}

/**
 * Each clock that has run six months (member.alarmMonths) for a member the rule applies to
 * (on the roll and expected at organisational life: memberStatus.ts isExpectedToAttend — 失联
 * and 出国 members have rules of their own). Absences with a good reason do not reset or run
 * a clock here: a meeting attended resets it, an absence is simply not attendance.
 */
export function sixMonthAlarms(
  member: AlarmFacts,
  clocks: TriggerClocks,
  settings: Settings,
  today: IsoDate,
): TriggerAlarm[] {
  if (!isExpectedToAttend(member)) return []
  const start = membershipStart(member)
  const cutoff = alarmCutoff(today, settings)
  const alarms: TriggerAlarm[] = []
  for (const trigger of SIX_MONTH_TRIGGERS) {
    const lastOn = clocks[trigger]
    if (lastOn === undefined) continue
    const since = lastOn > start ? lastOn : start
    if (since !== '' && since >= cutoff) continue
    alarms.push({
      trigger,
      lastOn,
      dueOn: since === '' ? '' : addMonths(since, settings['member.alarmMonths']),
    })
  }
  return alarms
}

export interface AttendanceAlarm {
  memberId: Id
  orgId: Id
  name: string
  /** '' = no attended meeting on record. */
  lastAttendedOn: IsoDate
  /** The day the alarm became due: six months after the last attendance (or admission). */
  dueOn: IsoDate
}

/** The attendance clock of the six-month rule, the one the app records today. */
export function attendanceAlarm(
  member: AlarmFacts,
  settings: Settings,
  today: IsoDate,
): AttendanceAlarm | null {
  const [alarm] = sixMonthAlarms(member, { attendance: member.lastAttendedOn }, settings, today)
  if (!alarm) return null
  return {
    memberId: member.id,
    orgId: member.orgId,
    name: member.name,
    lastAttendedOn: member.lastAttendedOn,
    dueOn: alarm.dueOn,
  }
}

export function findAttendanceAlarms(
  members: readonly AlarmFacts[],
  settings: Settings,
  today: IsoDate,
): AttendanceAlarm[] {
  return members
    .map((member) => attendanceAlarm(member, settings, today))
    .filter((alarm): alarm is AttendanceAlarm => alarm !== null)
}

// ─── Status deadlines (党员教育管理工作条例 2019 第二十四条、第二十五条) ─────────

export type StatusAction =
  | 'suspend' // 失联满 6 个月: 停止党籍
  | 'remove' // 停止党籍满 2 年仍无法取得联系: 按除名处理
  | 'transfer' // 外出满 6 个月、地点相对固定: 转接组织关系

export interface StatusDeadline {
  action: StatusAction
  /** From when the action is due. */
  dueOn: IsoDate
}

export type StatusFacts = Pick<Member, 'stage' | 'status' | 'statusSince'>

/**
 * What a status asks of the branch, and from when: a 失联 member not found within
 * member.lostContactMonths is put on 停止党籍 (第二十四条); still not found member.suspendedYears
 * later, 除名 (同条); a 流动 member away member.transferAwayMonths or more should move their
 * membership to where they are (第二十五条). null when the status asks nothing (or no date).
 */
export function statusDeadline(member: StatusFacts, settings: Settings): StatusDeadline | null {
  if (member.statusSince === '' || (member.stage !== 'full' && member.stage !== 'probationary')) {
    return null
  }
  switch (member.status) {
    case 'lostContact':
      return {
        action: 'suspend',
        dueOn: addMonths(member.statusSince, settings['member.lostContactMonths']),
      }
    case 'suspended':
      return {
        action: 'remove',
        dueOn: addYears(member.statusSince, settings['member.suspendedYears']),
      }
    case 'mobile':
      return {
        action: 'transfer',
        dueOn: addMonths(member.statusSince, settings['member.transferAwayMonths']),
      }
    default:
      return null
  }
}

/** A status deadline that has come by `today`. */
export function isStatusActionDue(
  member: StatusFacts,
  settings: Settings,
  today: IsoDate,
): StatusDeadline | null {
  const deadline = statusDeadline(member, settings)
  return deadline && deadline.dueOn !== '' && deadline.dueOn <= today ? deadline : null
}
