/**
 * The six-month rule as 党章 第九条 writes it: a member who, without good reason, for six
 * months in a row does not take part in organisational life, does not pay dues, or does not
 * do the work the party assigned is treated as leaving the party; the 支部大会 decides 除名 and
 * reports it for approval. Three clocks, each alarming on its own (memberRules.ts
 * sixMonthAlarms judges them); this file says what resets each one.
 */
import { duesClockDate, type DuesClock } from './dues'
import {
  sixMonthAlarms,
  type AlarmFacts,
  type TriggerAlarm,
  type TriggerClocks,
} from './memberRules'
import { paysDues } from './memberStatus'
import type { Settings } from './settings'
import type { AbsenceReason, Id, IsoDate, Meeting, Member, SixMonthStep } from './types'

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
