import { advanceStage, type StageAdvance } from '@/domain/development'
import type { Member, MemberStatus } from '@/domain/types'
import { validateMember, type FieldProblem, type MemberInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { lastAttendedFor } from './attendance'
import { memberInputOf } from './members'
import { orThrow } from './validated'

/** Member writes: validated, audited, moved from members.ts (which re-exports them). */

async function checkOrg(value: MemberInput): Promise<void> {
  if (!(await getDb().orgs.get(value.orgId))) {
    throw new ValidationError([{ field: 'orgId', code: 'notFound' }])
  }
}

/** 党章 第五条: introducers are full members of the register (and not the person). */
async function checkIntroducers(value: MemberInput, id = ''): Promise<void> {
  const ids = value.development.introducerIds
  if (ids.length === 0) return
  const introducers = await getDb().members.bulkGet(ids)
  const problems: FieldProblem[] = []
  introducers.forEach((introducer, index) => {
    const field = `development.introducerIds.${index}`
    if (!introducer || ids[index] === id) problems.push({ field, code: 'notFound' })
    else if (introducer.stage !== 'full') problems.push({ field, code: 'notFullMember' })
  })
  if (problems.length > 0) throw new ValidationError(problems)
}

export async function createMember(input: MemberInput): Promise<Member> {
  const value = orThrow(validateMember(input))
  await checkOrg(value)
  await checkIntroducers(value)
  return createRecord<Member>('members', { ...value, lastAttendedOn: '' }, value.name)
}

export async function updateMember(
  id: string,
  input: MemberInput,
  expectedRev?: string,
): Promise<Member> {
  const value = orThrow(validateMember(input))
  await checkOrg(value)
  await checkIntroducers(value, id)
  const db = getDb()
  return db.transaction('rw', [db.members, db.meetings, db.auditLog], async () => {
    const lastAttendedOn = await lastAttendedFor(id)
    return updateRecord<Member>(
      'members',
      id,
      { ...value, lastAttendedOn },
      value.name,
      expectedRev,
    )
  })
}

async function changeMember(id: string, change: (member: Member) => MemberInput): Promise<Member> {
  const member = await getDb().members.get(id)
  if (!member) throw new NotFoundError('members', id)
  return updateMember(id, change(member))
}

export async function removeMember(id: string): Promise<void> {
  const member = await getDb().members.get(id)
  if (!member) throw new NotFoundError('members', id)
  await removeRecord('members', id, member.name)
}

/** 组织关系 inside the register without a letter (a correction, or a branch split). */
export async function moveMember(id: string, orgId: string): Promise<Member> {
  return changeMember(id, (member) => ({ ...memberInputOf(member), orgId }))
}

/**
 * One development step on (activist → candidate → probationary → full): the date goes
 * where the model keeps it (domain/development.ts advanceStage); the time rules only warn.
 */
export async function advanceMemberStage(id: string, change: StageAdvance): Promise<Member> {
  return changeMember(id, (member) => {
    const next = advanceStage(memberInputOf(member), change)
    if (!next) throw new ValidationError([{ field: 'stage', code: 'oneOf' }])
    return next
  })
}

export interface StatusChange {
  status: Exclude<MemberStatus, 'transferredOut'>
  statusSince: string
  statusNote: string
}

/** Mark a member mobile (where, since when), lost contact (since when, reason) or normal. */
export async function setMemberStatus(id: string, change: StatusChange): Promise<Member> {
  if ((change.status as MemberStatus) === 'transferredOut') {
    // Leaving goes through a transfer record, so the history says where to.
    throw new ValidationError([{ field: 'status', code: 'oneOf' }])
  }
  const problems: FieldProblem[] = []
  if (change.status !== 'normal' && change.statusSince === '')
    problems.push({ field: 'statusSince', code: 'required' })
  if (change.status !== 'normal' && change.statusNote.trim() === '')
    problems.push({ field: 'statusNote', code: 'required' })
  if (problems.length > 0) throw new ValidationError(problems)
  return changeMember(id, (member) => ({
    ...memberInputOf(member),
    status: change.status,
    statusSince: change.status === 'normal' ? '' : change.statusSince,
    statusNote: change.status === 'normal' ? '' : change.statusNote,
  }))
}
