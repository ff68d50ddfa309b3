import type { Meeting } from '@/domain/types'
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
