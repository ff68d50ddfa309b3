import type { Meeting } from '@/domain/types'
import { validateMeeting, type MeetingInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { orThrow } from './validated'

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
  return createRecord<Meeting>('meetings', value, `${value.heldOn} ${value.topic}`)
}

export async function updateMeeting(id: string, input: MeetingInput): Promise<Meeting> {
  const value = orThrow(validateMeeting(input))
  await checkOrg(value)
  return updateRecord<Meeting>('meetings', id, value, `${value.heldOn} ${value.topic}`)
}

export async function removeMeeting(id: string): Promise<void> {
  const meeting = await getDb().meetings.get(id)
  if (!meeting) throw new NotFoundError('meetings', id)
  await removeRecord('meetings', id, `${meeting.heldOn} ${meeting.topic}`)
}
