/**
 * Joint committees (联合党委): the figures of their joint meetings and problem lists, the
 * problem's status steps (待办 → 办理中 → 已解决, or 不予解决), and the checks of what a
 * person enters beyond the field checks of validation.ts. Plain data in, codes out.
 */
import { daysBetween, isIsoDate } from './dates'
import {
  SECTORS,
  type Constituent,
  type Id,
  type IsoDate,
  type Issue,
  type IssueStatus,
  type JointMeeting,
  type Sector,
} from './types'
import {
  validateConstituent,
  validateIssue,
  validateJointMeeting,
  type ConstituentInput,
  type FieldProblem,
  type IssueInput,
  type JointMeetingInput,
  type ValidationResult,
} from './validation'

// ─── Overdue ────────────────────────────────────────────────────────────────

/** Still to be dealt with: neither resolved nor declined. */
export function isIssueOpen(issue: Pick<Issue, 'status'>): boolean {
  return issue.status === 'open' || issue.status === 'inProgress'
}

/** Overdue: still open and its due date has passed (a problem without a due date never is). */
export function isIssueOverdue(issue: Pick<Issue, 'status' | 'dueOn'>, today: IsoDate): boolean {
  return isIssueOpen(issue) && issue.dueOn !== '' && issue.dueOn < today
}

/** The overdue problems, the longest overdue first: what the 待办 list shows. */
export function findOverdueIssues<T extends Pick<Issue, 'status' | 'dueOn'>>(
  issues: readonly T[],
  today: IsoDate,
): T[] {
  return issues
    .filter((issue) => isIssueOverdue(issue, today))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}

// ─── Figures ────────────────────────────────────────────────────────────────

export interface IssueCounts {
  raised: number
  resolved: number
  declined: number
  /** 待办 and 办理中, overdue or not. */
  open: number
  /** The open ones past their due date (a part of `open`). */
  overdue: number
  /** resolved ÷ raised, 0 when nothing was raised. */
  resolutionRate: number
  /** Median of the days from raising to resolving, over the resolved; null when none. */
  medianDaysToResolve: number | null
}

/** A sector of the responsible constituents, or 'unassigned' when nobody is responsible yet. */
export type SectorKey = Sector | 'unassigned'

export interface SectorFigures extends IssueCounts {
  sector: SectorKey
}

export interface JointFigures extends IssueCounts {
  /** Joint meetings held on or before today. */
  meetings: number
  /** Constituents that have not left. */
  constituents: number
  /**
   * By sector of the responsible constituents: a problem two sectors share counts once in
   * each, so the rows may add up to more than the total. Sectors with no problems are left out.
   */
  bySector: SectorFigures[]
}

export interface JointFiguresInput {
  constituents: readonly Constituent[]
  meetings: readonly JointMeeting[]
  issues: readonly Issue[]
  today: IsoDate
}

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] ?? null
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** Days from raising to resolving; null for an unresolved problem or unknown dates. */
export function daysToResolve(issue: Pick<Issue, 'status' | 'raisedOn' | 'resolvedOn'>) {
  if (issue.status !== 'resolved') return null
  const days = daysBetween(issue.raisedOn, issue.resolvedOn)
  return days === null || days < 0 ? null : days
}

export function countIssues(issues: readonly Issue[], today: IsoDate): IssueCounts {
  const resolved = issues.filter((issue) => issue.status === 'resolved')
  const days = resolved.map(daysToResolve).filter((d): d is number => d !== null)
  return {
    raised: issues.length,
    resolved: resolved.length,
    declined: issues.filter((issue) => issue.status === 'declined').length,
    open: issues.filter(isIssueOpen).length,
    overdue: issues.filter((issue) => isIssueOverdue(issue, today)).length,
    resolutionRate: issues.length === 0 ? 0 : resolved.length / issues.length,
    medianDaysToResolve: median(days),
  }
}

/** The sectors of a problem's responsible constituents, each once. */
function sectorsOf(issue: Issue, sectorById: ReadonlyMap<Id, Sector>): SectorKey[] {
  const sectors = new Set<SectorKey>()
  for (const id of issue.responsibleConstituentIds) {
    const sector = sectorById.get(id)
    if (sector) sectors.add(sector)
  }
  return sectors.size === 0 ? ['unassigned'] : [...sectors]
}

const SECTOR_ORDER: readonly SectorKey[] = [...SECTORS, 'unassigned']

/**
 * Figures of one committee, or of several when given all their records together (ids are
 * unique across committees): the figures of a joint committee, "meetings held, problems raised, resolved, rate,
 * median days to resolve", plus open and overdue, by sector of the responsible constituent.
 */
export function jointFigures(input: JointFiguresInput): JointFigures {
  const sectorById = new Map(input.constituents.map((c) => [c.id, c.sector]))
  const bySectorIssues = new Map<SectorKey, Issue[]>()
  for (const issue of input.issues) {
    for (const sector of sectorsOf(issue, sectorById)) {
      bySectorIssues.set(sector, [...(bySectorIssues.get(sector) ?? []), issue])
    }
  }
  return {
    ...countIssues(input.issues, input.today),
    meetings: input.meetings.filter((m) => m.heldOn !== '' && m.heldOn <= input.today).length,
    constituents: input.constituents.filter((c) => isConstituentActive(c, input.today)).length,
    bySector: SECTOR_ORDER.flatMap((sector) => {
      const issues = bySectorIssues.get(sector)
      return issues ? [{ sector, ...countIssues(issues, input.today) }] : []
    }),
  }
}

/** Figures per committee, from the records of many (grouped by committeeId). */
export function jointFiguresByCommittee(input: JointFiguresInput): Map<Id, JointFigures> {
  const ids = new Set([
    ...input.constituents.map((c) => c.committeeId),
    ...input.meetings.map((m) => m.committeeId),
    ...input.issues.map((i) => i.committeeId),
  ])
  return new Map(
    [...ids].map((id) => [
      id,
      jointFigures({
        constituents: input.constituents.filter((c) => c.committeeId === id),
        meetings: input.meetings.filter((m) => m.committeeId === id),
        issues: input.issues.filter((i) => i.committeeId === id),
        today: input.today,
      }),
    ]),
  )
}

/** A constituent belongs on a day when it had joined (or the date is unknown) and not yet left. */
export function isConstituentActive(constituent: Constituent, on: IsoDate): boolean {
  return (
    (constituent.joinedOn === '' || constituent.joinedOn <= on) &&
    (constituent.leftOn === '' || constituent.leftOn > on)
  )
}

// ─── Status steps ───────────────────────────────────────────────────────────

/**
 * Which status may follow which. A resolved problem can be taken up again (办理中) when the
 * solution did not hold; a declined one can be put back on the list (待办).
 */
export const ISSUE_TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  open: ['inProgress', 'resolved', 'declined'],
  inProgress: ['resolved', 'declined'],
  resolved: ['inProgress'],
  declined: ['open'],
}

export function canChangeStatus(from: IssueStatus, to: IssueStatus): boolean {
  return ISSUE_TRANSITIONS[from].includes(to)
}

/**
 * One status change as a person enters it: the date it happened and the text that goes
 * with it — a progress note (optional for 办理中 and 待办), the resolution (已解决) or the
 * reason (不予解决).
 */
export interface StatusChange {
  to: IssueStatus
  on: IsoDate
  text: string
}

/** Fields of the status dialog, for messages: `on` and `text` are named by the target status. */
export type StatusChangeField = 'status' | 'on' | 'text'

/** A dated date check shared by status changes and progress notes. */
function dateProblems(on: string, raisedOn: IsoDate, today: IsoDate, field: string) {
  if (on === '') return [{ field, code: 'required' } satisfies FieldProblem]
  if (!isIsoDate(on)) return [{ field, code: 'invalidDate' } satisfies FieldProblem]
  // Nothing happens to a problem before it was raised, nor is anything recorded ahead of time.
  if (on < raisedOn)
    return [{ field, code: 'dateOrder', params: { after: 'raisedOn' } } satisfies FieldProblem]
  if (on > today) return [{ field, code: 'max', params: { max: today } } satisfies FieldProblem]
  return []
}

/**
 * The problem after a status change, or the problems with the change: a status that may not
 * follow the current one ('oneOf'), a missing date or text ('required': no resolving without
 * a resolution and its date, no declining without a reason), a date before the raising date
 * ('dateOrder') or after today ('max'). The progress notes keep the dated history.
 */
export function applyStatusChange(
  issue: IssueInput,
  change: StatusChange,
  today: IsoDate,
): ValidationResult<IssueInput> {
  const on = change.on.trim()
  const text = change.text.trim()
  const problems: FieldProblem[] = []
  if (!canChangeStatus(issue.status, change.to)) problems.push({ field: 'status', code: 'oneOf' })
  problems.push(...dateProblems(on, issue.raisedOn, today, 'on'))
  const needsText = change.to === 'resolved' || change.to === 'declined'
  if (needsText && text === '') problems.push({ field: 'text', code: 'required' })
  if (problems.length > 0) return { ok: false, problems }

  const progress = [...issue.progress]
  const base = { ...issue, status: change.to }
  switch (change.to) {
    case 'resolved':
      return { ok: true, value: { ...base, progress, resolution: text, resolvedOn: on } }
    case 'declined':
      progress.push({ on, note: text })
      return { ok: true, value: { ...base, progress, declineReason: text } }
    case 'inProgress':
    case 'open': {
      // Taken up again: the earlier resolution or reason stays readable in the notes.
      const closing = issue.resolution || issue.declineReason
      if (closing !== '' && !isIssueOpen(issue)) {
        progress.push({ on, note: closing })
      }
      if (text !== '') progress.push({ on, note: text })
      return {
        ok: true,
        value: { ...base, progress, resolution: '', resolvedOn: '', declineReason: '' },
      }
    }
  }
}

/** A dated progress note added to an open problem. */
export function applyProgressNote(
  issue: IssueInput,
  note: { on: IsoDate; note: string },
  today: IsoDate,
): ValidationResult<IssueInput> {
  const text = note.note.trim()
  const problems: FieldProblem[] = [...dateProblems(note.on.trim(), issue.raisedOn, today, 'on')]
  if (text === '') problems.push({ field: 'text', code: 'required' })
  if (!isIssueOpen(issue)) problems.push({ field: 'status', code: 'oneOf' })
  if (problems.length > 0) return { ok: false, problems }
  const progress = [...issue.progress, { on: note.on.trim(), note: text }].sort((a, b) =>
    a.on.localeCompare(b.on),
  )
  return { ok: true, value: { ...issue, progress } }
}

// ─── Input checks beyond the fields ─────────────────────────────────────────

/** The ids of a list, each once, that are not among `known`. */
function unknownIds(ids: readonly Id[], known: ReadonlySet<Id>, field: string): FieldProblem[] {
  return ids.flatMap((id, index) =>
    known.has(id) ? [] : [{ field: `${field}.${index}`, code: 'notFound' } satisfies FieldProblem],
  )
}

/**
 * A problem as entered for a committee: the field checks of validation.ts, then someone
 * responsible (the point of the list is that each problem has a 牵头单位), responsible
 * constituents each once, and every constituent named belongs to the committee.
 */
export function validateJointIssue(
  input: unknown,
  committeeConstituentIds: ReadonlySet<Id>,
): ValidationResult<IssueInput> {
  const result = validateIssue(input)
  if (!result.ok) return result
  const issue = result.value
  const problems: FieldProblem[] = []
  if (issue.responsibleConstituentIds.length === 0) {
    problems.push({ field: 'responsibleConstituentIds', code: 'required' })
  }
  const seen = new Set<Id>()
  issue.responsibleConstituentIds.forEach((id, index) => {
    if (seen.has(id))
      problems.push({ field: `responsibleConstituentIds.${index}`, code: 'duplicate' })
    seen.add(id)
  })
  if (!committeeConstituentIds.has(issue.raisedByConstituentId)) {
    problems.push({ field: 'raisedByConstituentId', code: 'notFound' })
  }
  problems.push(
    ...unknownIds(
      issue.responsibleConstituentIds,
      committeeConstituentIds,
      'responsibleConstituentIds',
    ),
  )
  return problems.length > 0 ? { ok: false, problems } : result
}

/** A joint meeting: the field checks, and those present are constituents of the committee. */
export function validateJointMeetingInput(
  input: unknown,
  committeeConstituentIds: ReadonlySet<Id>,
): ValidationResult<JointMeetingInput> {
  const result = validateJointMeeting(input)
  if (!result.ok) return result
  const problems = unknownIds(
    result.value.presentConstituentIds,
    committeeConstituentIds,
    'presentConstituentIds',
  )
  return problems.length > 0 ? { ok: false, problems } : result
}

/**
 * A constituent: the field checks, and not a second current entry for the same register org
 * or name in the committee (one that has left may join again).
 */
export function validateConstituentInput(
  input: unknown,
  others: readonly Constituent[],
): ValidationResult<ConstituentInput> {
  const result = validateConstituent(input)
  if (!result.ok) return result
  const value = result.value
  const current = others.filter((c) => c.committeeId === value.committeeId && c.leftOn === '')
  if (value.leftOn === '') {
    if (value.orgId !== '' && current.some((c) => c.orgId === value.orgId)) {
      return { ok: false, problems: [{ field: 'orgId', code: 'duplicate' }] }
    }
    if (current.some((c) => c.name === value.name)) {
      return { ok: false, problems: [{ field: 'name', code: 'duplicate' }] }
    }
  }
  return result
}

/** The editable part of a stored problem (what the repository validates and writes back). */
export function issueInputOf(issue: Issue): IssueInput {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...input } = issue
  return input
}

// ─── The problem list as a page shows it ────────────────────────────────────

export const ISSUE_SORTS = ['raisedDesc', 'raisedAsc', 'dueAsc', 'status'] as const
export type IssueSort = (typeof ISSUE_SORTS)[number]

export interface IssueFilter {
  status: IssueStatus | ''
  /** Sector of a responsible constituent. */
  sector: SectorKey | ''
  onlyOverdue: boolean
  text: string
  sort: IssueSort
}

export function emptyIssueFilter(): IssueFilter {
  return { status: '', sector: '', onlyOverdue: false, text: '', sort: 'raisedDesc' }
}

const STATUS_ORDER: Record<IssueStatus, number> = {
  open: 0,
  inProgress: 1,
  resolved: 2,
  declined: 3,
}

/** '' sorts last: a problem without a due date comes after every dated one. */
function byDue(a: Issue, b: Issue): number {
  if (a.dueOn === b.dueOn) return 0
  if (a.dueOn === '') return 1
  if (b.dueOn === '') return -1
  return a.dueOn < b.dueOn ? -1 : 1
}

/** The problems that pass the filter, in its order (then by title, so the order is stable). */
export function filterIssues(
  issues: readonly Issue[],
  constituents: readonly Constituent[],
  filter: IssueFilter,
  today: IsoDate,
): Issue[] {
  const sectorById = new Map(constituents.map((c) => [c.id, c.sector]))
  const text = filter.text.trim()
  const compare: Record<IssueSort, (a: Issue, b: Issue) => number> = {
    raisedDesc: (a, b) => b.raisedOn.localeCompare(a.raisedOn),
    raisedAsc: (a, b) => a.raisedOn.localeCompare(b.raisedOn),
    dueAsc: byDue,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byDue(a, b),
  }
  return issues
    .filter(
      (issue) =>
        (filter.status === '' || issue.status === filter.status) &&
        (filter.sector === '' || sectorsOf(issue, sectorById).includes(filter.sector)) &&
        (!filter.onlyOverdue || isIssueOverdue(issue, today)) &&
        (text === '' || issue.title.includes(text) || issue.description.includes(text)),
    )
    .sort((a, b) => compare[filter.sort](a, b) || a.title.localeCompare(b.title, 'zh-CN'))
}
