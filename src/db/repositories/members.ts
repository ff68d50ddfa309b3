import type { Member } from '@/domain/types'
import { validateMember, type MemberInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { lastAttendedFor } from './attendance'
import { orThrow } from './validated'

async function checkOrg(value: MemberInput): Promise<void> {
  if (!(await getDb().orgs.get(value.orgId))) {
    throw new ValidationError([{ field: 'orgId', code: 'notFound' }])
  }
}

export async function getMember(id: string): Promise<Member | undefined> {
  return getDb().members.get(id)
}

/** Members of some orgs in name order, for pickers and small rosters. */
export async function listMembersOfOrgs(orgIds: readonly string[]): Promise<Member[]> {
  const members = await getDb()
    .members.where('orgId')
    .anyOf([...orgIds])
    .toArray()
  return members.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

export async function createMember(input: MemberInput): Promise<Member> {
  const value = orThrow(validateMember(input))
  await checkOrg(value)
  return createRecord<Member>('members', { ...value, lastAttendedOn: '' }, value.name)
}

export async function updateMember(id: string, input: MemberInput): Promise<Member> {
  const value = orThrow(validateMember(input))
  await checkOrg(value)
  const db = getDb()
  return db.transaction('rw', [db.members, db.meetings, db.auditLog], async () => {
    const lastAttendedOn = await lastAttendedFor(id)
    return updateRecord<Member>('members', id, { ...value, lastAttendedOn }, value.name)
  })
}

export async function removeMember(id: string): Promise<void> {
  const member = await getDb().members.get(id)
  if (!member) throw new NotFoundError('members', id)
  await removeRecord('members', id, member.name)
}

/** Party members (full or probationary) whose name contains `text`, for pickers. */
export async function searchMembers(text: string, limit = 20): Promise<Member[]> {
  const needle = text.trim()
  return getDb()
    .members.orderBy('name')
    .filter(
      (m) =>
        (m.stage === 'full' || m.stage === 'probationary') && (!needle || m.name.includes(needle)),
    )
    .limit(limit)
    .toArray()
}
