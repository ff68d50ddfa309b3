/**
 * The six-month rule as 党章 第九条 writes it: a member who, without good reason, for six
 * months in a row does not take part in organisational life, does not pay dues, or does not
 * do the work the party assigned is treated as leaving the party; the 支部大会 decides 除名 and
 * reports it for approval. Three clocks, each alarming on its own (memberRules.ts
 * sixMonthAlarms judges them); this file says what resets each one.
 */
import { isIsoDate } from './dates'
import { duesClockDate, type DuesClock } from './dues'
import { LIMITS } from './limits'
import {
  SIX_MONTH_TRIGGERS,
  sixMonthAlarms,
  type AlarmFacts,
  type TriggerAlarm,
  type TriggerClocks,
} from './memberRules'
import { paysDues } from './memberStatus'
import type { Settings } from './settings'
import {
  SIX_MONTH_STEP_KINDS,
  type AbsenceReason,
  type Id,
  type IsoDate,
  type Meeting,
  type Member,
  type SixMonthStep,
} from './types'
import type { FieldProblem } from './validation'

/**
 * 没有正当理由: an absence recorded 因公, 因病 or 因事 (请假 with its reason) is excused and
 * does not count toward the attendance clock; 'other' without a stated reason does.
 */
export const GOOD_ABSENCE_REASONS: readonly AbsenceReason[] = ['work', 'sick', 'personal']

type MeetingFacts = Pick<Meeting, 'heldOn' | 'status' | 'absentees'>

/** The latest final meeting the member missed with a good reason ('' = none). */
export function lastExcusedOn(memberId: Id, meetings: readonly MeetingFacts[]): IsoDate {
  let last = ''
  for (const meeting of meetings) {
    if (meeting.status !== 'final' || meeting.heldOn <= last) continue
    const absence = meeting.absentees.find((entry) => entry.memberId === memberId)
    if (absence && GOOD_ABSENCE_REASONS.includes(absence.reason)) last = meeting.heldOn
  }
  return last
}

export type SixMonthFacts = AlarmFacts & Pick<Member, 'workNotDone' | 'sixMonthSteps'>

export interface ClockInputs {
  /** Latest excused absence ('' = none). */
  excusedOn: IsoDate
  /** The member's dues clock (dues.ts duesClock); undefined = dues not collected here. */
  dues?: DuesClock
}

/**
 * The three clocks of one member: attendance reset by attending or by an excused absence;
 * dues by the last settled month (only for those who owe dues, in an org that collects
 * them); work only while the secretary's flag is set, from its date.
 */
export function sixMonthClocks(member: SixMonthFacts, inputs: ClockInputs): TriggerClocks {
  const attended = member.lastAttendedOn
  const clocks: TriggerClocks = {
    attendance: inputs.excusedOn > attended ? inputs.excusedOn : attended,
  }
  const duesOn = inputs.dues && paysDues(member) ? duesClockDate(inputs.dues) : ''
  if (duesOn !== '') clocks.dues = duesOn
  if (member.workNotDone) clocks.work = member.workNotDone.since
  return clocks
}

export interface SixMonthAlarm extends TriggerAlarm {
  memberId: Id
  orgId: Id
  name: string
  /** The branch's latest step about this trigger, if any. */
  step: SixMonthStep | null
}

/** Every clock that has run six months for each member, naming its trigger. */
export function findSixMonthAlarms(
  members: readonly { member: SixMonthFacts; inputs: ClockInputs }[],
  settings: Settings,
  today: IsoDate,
): SixMonthAlarm[] {
  const out: SixMonthAlarm[] = []
  for (const { member, inputs } of members) {
    const clocks = sixMonthClocks(member, inputs)
    for (const alarm of sixMonthAlarms(member, clocks, settings, today)) {
      const steps = (member.sixMonthSteps ?? []).filter((step) => step.trigger === alarm.trigger)
      const step = steps.reduce<SixMonthStep | null>(
        (latest, next) => (!latest || next.on >= latest.on ? next : latest),
        null,
      )
      out.push({ ...alarm, memberId: member.id, orgId: member.orgId, name: member.name, step })
    }
  }
  return out
}

/** What the secretary writes when setting the third trigger's flag. */
export interface WorkFlagInput {
  since: IsoDate
  note: string
}

/** What the branch records about an alarm: the talk, the 支部大会 decision or another step. */
export type SixMonthStepInput = SixMonthStep

function checkDone(on: IsoDate, field: string, today: IsoDate): FieldProblem[] {
  if (on.trim() === '') return [{ field, code: 'required' }]
  if (!isIsoDate(on)) return [{ field, code: 'invalidDate' }]
  return on > today ? [{ field, code: 'futureDate' }] : []
}

function checkNote(note: string, field: string): FieldProblem[] {
  if (note.trim() === '') return [{ field, code: 'required' }]
  return note.length > LIMITS.statusNote
    ? [{ field, code: 'tooLong', params: { max: LIMITS.statusNote } }]
    : []
}

/**
 * The flag "未做党组织分配的工作": since when (not after today — the clock runs from a day
 * already past) and the secretary's note of what work was not done. Field names are the
 * form's (workSince, workNote).
 */
export function checkWorkFlag(flag: WorkFlagInput, today: IsoDate): FieldProblem[] {
  return [...checkDone(flag.since, 'workSince', today), ...checkNote(flag.note, 'workNote')]
}

/** A step the branch took: done on a day not after today, of a known kind, with a note. */
export function checkSixMonthStep(step: SixMonthStepInput, today: IsoDate): FieldProblem[] {
  const problems = checkDone(step.on, 'stepOn', today)
  if (!(SIX_MONTH_STEP_KINDS as readonly string[]).includes(step.kind))
    problems.push({ field: 'stepKind', code: 'oneOf' })
  if (!(SIX_MONTH_TRIGGERS as readonly string[]).includes(step.trigger))
    problems.push({ field: 'stepTrigger', code: 'oneOf' })
  return [...problems, ...checkNote(step.note, 'stepNote')]
}
