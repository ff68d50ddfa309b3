/**
 * Rules about members once they are on the roster: 党龄, age bands, the six-month alarm
 * (党章 第九条), and what the roster can be filtered by.
 */
import { addDays, addMonths, addYears, ageOn } from './dates'
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
 * 党龄 in completed years, counted from the day of becoming a full member (DOMAIN.md,
 * unconfirmed; 党章 第七条: 党龄从预备期满转为正式党员之日算起). null before that day.
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
  /** '' = on the roster: every status but transferredOut (those left; history stays). */
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
    (filter.status ? m.status === filter.status : m.status !== 'transferredOut') &&
    (!filter.stage || m.stage === filter.stage) &&
    (!filter.gender || m.gender === filter.gender) &&
    (!filter.ethnicity || m.ethnicity === filter.ethnicity) &&
    (!filter.education || m.education === filter.education) &&
    (!band || (m.birthDate >= band.from && m.birthDate <= band.to)) &&
    (!text || (byPhone ? m.phone.startsWith(text) : m.name.startsWith(text)))
}

// ─── The six-month alarm ────────────────────────────────────────────────────

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

export interface AttendanceAlarm {
  memberId: Id
  orgId: Id
  name: string
  /** '' = no attended meeting on record. */
  lastAttendedOn: IsoDate
  /** The day the alarm became due: six months after the last attendance (or admission). */
  dueOn: IsoDate
}

/**
 * 党章 第九条: a full or probationary member (status normal or mobile — lost contact and
 * transferred out are handled as such) whose last attended meeting is more than
 * `member.alarmMonths` months ago, or who has none on record. The clock starts at the later
 * of the last attendance and membershipStart, so a new member is not alarmed in their first
 * six months. (Dues will add a second clock when they are recorded: either attending or
 * paying stops it.)
 */
export function attendanceAlarm(
  member: AlarmFacts,
  settings: Settings,
  today: IsoDate,
): AttendanceAlarm | null {
  if (member.stage !== 'full' && member.stage !== 'probationary') return null
  if (member.status !== 'normal' && member.status !== 'mobile') return null
  const start = membershipStart(member)
  const since = member.lastAttendedOn > start ? member.lastAttendedOn : start
  const cutoff = alarmCutoff(today, settings)
  if (since !== '' && since >= cutoff) return null
  return {
    memberId: member.id,
    orgId: member.orgId,
    name: member.name,
    lastAttendedOn: member.lastAttendedOn,
    dueOn: since === '' ? '' : addMonths(since, settings['member.alarmMonths']),
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
