import type { Id, IsoDate, Meeting } from './types'

type AttendanceFacts = Pick<Meeting, 'attendeeIds' | 'heldOn' | 'status'>

/**
 * 党章 §9 (six months without organisational life): what counts is a meeting on record as
 * held. A draft may still be a plan with everyone ticked present by default, so only final
 * records count.
 */
export function countsAsAttendance(meeting: Pick<Meeting, 'status'>): boolean {
  return meeting.status === 'final'
}

/** The latest date among meetings a member attended, '' when none. */
export function lastAttendedOn(memberId: Id, meetings: readonly AttendanceFacts[]): IsoDate {
  let last = ''
  for (const meeting of meetings) {
    if (!countsAsAttendance(meeting) || !meeting.attendeeIds.includes(memberId)) continue
    if (meeting.heldOn > last) last = meeting.heldOn
  }
  return last
}

/**
 * Adds one meeting to a running "last attended" map (memberId → date). Built one meeting at
 * a time so a schema upgrade can walk half a million meetings without holding them all.
 */
export function noteAttendance(last: Map<Id, IsoDate>, meeting: AttendanceFacts): void {
  if (!countsAsAttendance(meeting)) return
  for (const memberId of meeting.attendeeIds) {
    if ((last.get(memberId) ?? '') < meeting.heldOn) last.set(memberId, meeting.heldOn)
  }
}

/** Last attendance of every member who attended anything. */
export function lastAttendedByMember(meetings: Iterable<AttendanceFacts>): Map<Id, IsoDate> {
  const last = new Map<Id, IsoDate>()
  for (const meeting of meetings) noteAttendance(last, meeting)
  return last
}
