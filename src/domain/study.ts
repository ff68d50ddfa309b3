/**
 * Study hours against the yearly target (local rule: 党员集中学习培训每年不少于32学时,
 * DOMAIN.md). A record counts in the calendar year of its `studiedOn` date; only confirmed
 * records count towards the target, self-entries waiting for the secretary are shown apart.
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
  confirmedHours: number
  pendingHours: number
}

type CountedRecord = Pick<StudyRecord, 'memberId' | 'studiedOn' | 'hours' | 'confirmed'>

/** Hours per member in one calendar year: confirmed and pending apart. */
export function sumStudyHours(
  records: readonly CountedRecord[],
  year: number,
): Map<Id, StudyHours> {
  const totals = new Map<Id, StudyHours>()
  for (const record of records) {
    if (studyYearOf(record.studiedOn) !== year) continue
    let total = totals.get(record.memberId)
    if (!total) {
      total = { memberId: record.memberId, confirmedHours: 0, pendingHours: 0 }
      totals.set(record.memberId, total)
    }
    if (record.confirmed === 'yes') total.confirmedHours += record.hours
    else total.pendingHours += record.hours
  }
  for (const total of totals.values()) {
    total.confirmedHours = roundHours(total.confirmedHours)
    total.pendingHours = roundHours(total.pendingHours)
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

/** One member's standing against the target from settings. */
export function studyProgress(hours: StudyHours, settings: Settings): StudyProgress {
  const target = settings['study.hoursPerYear']
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
): StudyProgress[] {
  return memberIds
    .map((memberId) =>
      studyProgress(
        totals.get(memberId) ?? { memberId, confirmedHours: 0, pendingHours: 0 },
        settings,
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
): BehindMember[] {
  if (!isBehindSeason(today, settings)) return []
  return members
    .map((member) => ({
      ...studyProgress(
        totals.get(member.id) ?? { memberId: member.id, confirmedHours: 0, pendingHours: 0 },
        settings,
      ),
      name: member.name,
      orgId: member.orgId,
    }))
    .filter((progress) => !progress.reached)
    .sort((a, b) => b.shortfall - a.shortfall || a.name.localeCompare(b.name, 'zh-CN'))
}
