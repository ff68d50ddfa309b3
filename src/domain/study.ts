/**
 * Study hours against the yearly target (党员教育管理工作条例 2019, national defaults: 32 学时 of
 * 集中学习培训 a year for every member, 56 for secretaries and committee members). A record
 * counts in the calendar year of its `studiedOn` date. Only 集中培训 and 集体学习 count towards
 * the target, confirmed; self-study and the rest are shown apart, as are self-entries waiting
 * for the secretary.
 */
import type { Settings } from './settings'
import { isIsoDate } from './dates'
import type { Id, IsoDate, MeetingType, StudyKind, StudyRecord } from './types'
import {
  validateStudyRecord,
  type FieldProblem,
  type StudyRecordInput,
  type ValidationResult,
} from './validation'

/**
 * 集中学习培训: 集体学习 (a 党课 and a credited 主题党日 are collective study) and 集中培训.
 * 自学, 线上自学 and other study are recorded but do not count towards the target.
 */
export const COUNTED_STUDY_KINDS: readonly StudyKind[] = ['collective', 'lesson', 'training']

export function countsTowardTarget(kind: StudyKind): boolean {
  return COUNTED_STUDY_KINDS.includes(kind)
}

/** Meetings whose attendees studied: their hours can be credited in one step. */
export const STUDY_MEETING_TYPES = [
  'partyLesson',
  'themedDay',
] as const satisfies readonly MeetingType[]

/** The kind a credited meeting's records get: 党课 → 党课, 主题党日 → 集中学习. */
export const STUDY_KIND_OF_MEETING: Record<(typeof STUDY_MEETING_TYPES)[number], StudyKind> = {
  partyLesson: 'lesson',
  themedDay: 'collective',
}

export function isStudyMeetingType(
  type: MeetingType,
): type is (typeof STUDY_MEETING_TYPES)[number] {
  return (STUDY_MEETING_TYPES as readonly MeetingType[]).includes(type)
}

/** Calendar year of a date; NaN when the date is not a date. */
export function studyYearOf(date: IsoDate): number {
  return isIsoDate(date) ? Number(date.slice(0, 4)) : Number.NaN
}

/** First and last day of a calendar year, for index ranges. */
export function yearRange(year: number): { from: IsoDate; to: IsoDate } {
  const y = String(year).padStart(4, '0')
  return { from: `${y}-01-01`, to: `${y}-12-31` }
}

/** Hours add up in halves and tenths: round so 0.1 + 0.2 shows as 0.3. */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100
}

export interface StudyHours {
  memberId: Id
  /** Confirmed 集中学习培训: what the target counts. */
  confirmedHours: number
  /** Self-entries waiting for the secretary. */
  pendingHours: number
  /** Confirmed study of kinds the target does not count (自学 …), shown apart. */
  otherHours: number
}

export function emptyStudyHours(memberId: Id): StudyHours {
  return { memberId, confirmedHours: 0, pendingHours: 0, otherHours: 0 }
}

type CountedRecord = Pick<StudyRecord, 'memberId' | 'studiedOn' | 'hours' | 'confirmed' | 'kind'>

/** Hours per member in one calendar year: counted, pending and other apart. */
export function sumStudyHours(
  records: readonly CountedRecord[],
  year: number,
): Map<Id, StudyHours> {
  const totals = new Map<Id, StudyHours>()
  for (const record of records) {
    if (studyYearOf(record.studiedOn) !== year) continue
    let total = totals.get(record.memberId)
    if (!total) {
      total = emptyStudyHours(record.memberId)
      totals.set(record.memberId, total)
    }
    if (record.confirmed !== 'yes') total.pendingHours += record.hours
    else if (countsTowardTarget(record.kind)) total.confirmedHours += record.hours
    else total.otherHours += record.hours
  }
  for (const total of totals.values()) {
    total.confirmedHours = roundHours(total.confirmedHours)
    total.pendingHours = roundHours(total.pendingHours)
    total.otherHours = roundHours(total.otherHours)
  }
  return totals
}

export interface StudyProgress extends StudyHours {
  target: number
  /** Hours still missing to the target, 0 when reached. */
  shortfall: number
  /** 0–100 for a progress bar (capped). */
  percent: number
  reached: boolean
}

/**
 * 党员教育管理工作条例 2019: 56 学时 for 基层党组织书记 and committee members, 32 for every other
 * member. `onCommittee` = the member holds a seat of an org's committee.
 */
export function studyTarget(onCommittee: boolean, settings: Settings): number {
  return onCommittee ? settings['study.committeeHoursPerYear'] : settings['study.hoursPerYear']
}

/** The members holding a committee seat, from the orgs' committees. */
export function committeeMemberIds(
  orgs: Iterable<{ committee: readonly { memberId: Id }[] }>,
): Set<Id> {
  const ids = new Set<Id>()
  for (const org of orgs)
    for (const seat of org.committee) if (seat.memberId) ids.add(seat.memberId)
  return ids
}

/** One member's standing against their target. */
export function studyProgress(
  hours: StudyHours,
  settings: Settings,
  onCommittee = false,
): StudyProgress {
  const target = studyTarget(onCommittee, settings)
  const shortfall = roundHours(Math.max(0, target - hours.confirmedHours))
  const percent =
    target > 0 ? Math.min(100, Math.floor((hours.confirmedHours / target) * 100)) : 100
  return { ...hours, target, shortfall, percent, reached: shortfall === 0 }
}

/** Progress of every member given (members without records at 0), largest shortfall first. */
export function progressByShortfall(
  memberIds: readonly Id[],
  totals: ReadonlyMap<Id, StudyHours>,
  settings: Settings,
  onCommittee: ReadonlySet<Id> = new Set(),
): StudyProgress[] {
  return memberIds
    .map((memberId) =>
      studyProgress(
        totals.get(memberId) ?? emptyStudyHours(memberId),
        settings,
        onCommittee.has(memberId),
      ),
    )
    .sort((a, b) => b.shortfall - a.shortfall || a.memberId.localeCompare(b.memberId))
}

/**
 * Is it the time of year to flag members behind? From the day after `study.behindAfterMonths`
 * full months of the year (default 9: from 1 October, 第四季度) to 31 December.
 */
export function isBehindSeason(today: IsoDate, settings: Settings): boolean {
  if (!isIsoDate(today)) return false
  const month = Number(today.slice(5, 7))
  return month > settings['study.behindAfterMonths']
}

/** Behind: in the behind season of this year and confirmed hours below the target. */
export function isBehind(progress: StudyProgress, today: IsoDate, settings: Settings): boolean {
  return isBehindSeason(today, settings) && !progress.reached
}

/**
 * A record as a person may write it: the entity checks of validation.ts, then the rules that
 * need today and the settings: not in the future, at most `study.maxHoursPerDay` hours.
 */
export function validateStudyEntry(
  input: unknown,
  today: IsoDate,
  settings: Settings,
): ValidationResult<StudyRecordInput> {
  const result = validateStudyRecord(input)
  if (!result.ok) return result
  const problems: FieldProblem[] = []
  if (result.value.studiedOn > today) {
    problems.push({ field: 'studiedOn', code: 'max', params: { max: today } })
  }
  const maxHours = settings['study.maxHoursPerDay']
  if (result.value.hours > maxHours) {
    problems.push({ field: 'hours', code: 'max', params: { max: maxHours } })
  }
  return problems.length > 0 ? { ok: false, problems } : result
}

/** Who of a meeting's attendees still lacks a record credited from it (so crediting twice adds nothing). */
export function attendeesToCredit(
  attendeeIds: readonly Id[],
  creditedMemberIds: Iterable<Id>,
): Id[] {
  const done = new Set(creditedMemberIds)
  return [...new Set(attendeeIds)].filter((id) => !done.has(id))
}

export interface BehindMember extends StudyProgress {
  name: string
  orgId: Id
}

/**
 * Members behind on the 待办 list: in the behind season only, members whose confirmed hours
 * of this calendar year are below the target, the largest shortfall first.
 */
export function findMembersBehind(
  members: readonly { id: Id; name: string; orgId: Id }[],
  totals: ReadonlyMap<Id, StudyHours>,
  today: IsoDate,
  settings: Settings,
  onCommittee: ReadonlySet<Id> = new Set(),
): BehindMember[] {
  if (!isBehindSeason(today, settings)) return []
  return members
    .map((member) => ({
      ...studyProgress(
        totals.get(member.id) ?? emptyStudyHours(member.id),
        settings,
        onCommittee.has(member.id),
      ),
      name: member.name,
      orgId: member.orgId,
    }))
    .filter((progress) => !progress.reached)
    .sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, 'zh-CN'))
}
