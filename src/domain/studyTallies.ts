import { studyYearOf, sumStudyHours, type StudyHours } from './study'
import type { Id, StudyRecord } from './types'

/**
 * The kept study hours (db/studyTallies.ts): one row per member and calendar year that has
 * study records, the sums sumStudyHours makes of them. Derived: never content, rebuilt from
 * the records; the department's 待办 reads a year's rows instead of the year's records.
 */
export interface StudyHoursRow extends StudyHours {
  /** `${year}|${memberId}`: one key range per year. */
  key: string
  year: number
}

export type CountedStudyRecord = Pick<
  StudyRecord,
  'memberId' | 'studiedOn' | 'hours' | 'confirmed' | 'kind'
>

export function studyHoursKey(memberId: Id, year: number): string {
  return `${year}|${memberId}`
}

/** The rows of some records: one per member and year they fall in (invalid dates left out). */
export function studyHoursRows(records: readonly CountedStudyRecord[]): StudyHoursRow[] {
  const years = new Set(records.map((record) => studyYearOf(record.studiedOn)))
  return [...years]
    .filter((year) => Number.isFinite(year))
    .flatMap((year) =>
      [...sumStudyHours(records, year).values()].map((hours) => ({
        ...hours,
        key: studyHoursKey(hours.memberId, year),
        year,
      })),
    )
}
