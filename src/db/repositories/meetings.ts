import Dexie from 'dexie'
import type { AbsenceReason, Meeting } from '@/domain/types'
import { validateMeeting, type MeetingInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { refreshLastAttended } from './attendance'
import { orThrow } from './validated'

/** A meeting write changes its attendees' last attendance: both in one transaction. */
function inMeetingTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction('rw', [db.meetings, db.members, db.auditLog, db.recycleBin], work)
}

async function checkOrg(value: MeetingInput): Promise<void> {
  if (!(await getDb().orgs.get(value.orgId))) {
    throw new ValidationError([{ field: 'orgId', code: 'notFound' }])
  }
}

export async function getMeeting(id: string): Promise<Meeting | undefined> {
  return getDb().meetings.get(id)
}

export async function createMeeting(input: MeetingInput): Promise<Meeting> {
  const value = orThrow(validateMeeting(input))
  await checkOrg(value)
  return inMeetingTransaction(async () => {
    const meeting = await createRecord<Meeting>('meetings', value, `${value.heldOn} ${value.topic}`)
    await refreshLastAttended(meeting.attendeeIds)
    return meeting
  })
}

export async function updateMeeting(id: string, input: MeetingInput): Promise<Meeting> {
  const value = orThrow(validateMeeting(input))
  await checkOrg(value)
  return inMeetingTransaction(async () => {
    const before = await getDb().meetings.get(id)
    const meeting = await updateRecord<Meeting>(
      'meetings',
      id,
      value,
      `${value.heldOn} ${value.topic}`,
    )
    await refreshLastAttended([...(before?.attendeeIds ?? []), ...meeting.attendeeIds])
    return meeting
  })
}

export async function removeMeeting(id: string): Promise<void> {
  await inMeetingTransaction(async () => {
    const meeting = await getDb().meetings.get(id)
    if (!meeting) throw new NotFoundError('meetings', id)
    await removeRecord('meetings', id, `${meeting.heldOn} ${meeting.topic}`)
    await refreshLastAttended(meeting.attendeeIds)
  })
}

// ─── A member's meetings ────────────────────────────────────────────────────

/** One line of a member's record of organisational life. */
export interface MemberMeetingRow {
  meeting: Meeting
  attended: boolean
  /** Why the member was absent ('' when they attended). */
  reason: AbsenceReason | ''
  note: string
}

/**
 * The meetings a member attended (the '*attendeeIds' index) and those of their org that
 * recorded them absent (absentees are not indexed: the org's meetings are read through
 * '[orgId+heldOn]', a few hundred rows), newest first.
 */
export async function listMeetingsOfMember(memberId: string): Promise<MemberMeetingRow[]> {
  const db = getDb()
  const member = await db.members.get(memberId)
  const attended = await db.meetings.where('attendeeIds').equals(memberId).toArray()
  const rows: MemberMeetingRow[] = attended.map((meeting) => ({
    meeting,
    attended: true,
    reason: '',
    note: '',
  }))
  if (member) {
    const ofOrg = await db.meetings
      .where('[orgId+heldOn]')
      .between([member.orgId, Dexie.minKey], [member.orgId, Dexie.maxKey])
      .toArray()
    for (const meeting of ofOrg) {
      const absence = meeting.absentees.find((entry) => entry.memberId === memberId)
      if (absence)
        rows.push({ meeting, attended: false, reason: absence.reason, note: absence.note })
    }
  }
  return rows.sort(
    (a, b) =>
      b.meeting.heldOn.localeCompare(a.meeting.heldOn) ||
      b.meeting.startTime.localeCompare(a.meeting.startTime),
  )
}
