import { advanceStage, fullMemberSince, type StageAdvance } from '@/domain/development'
import { todayIso } from '@/domain/dates'
import { canIntroduce, SETTABLE_STATUSES, type SettableStatus } from '@/domain/memberStatus'
import type { Settings } from '@/domain/settings'
import {
  checkSixMonthStep,
  checkWorkFlag,
  type SixMonthStepInput,
  type WorkFlagInput,
} from '@/domain/sixMonths'
import { STAGE, type Member } from '@/domain/types'
import { validateMember, type FieldProblem, type MemberInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { lastAttendedFor } from './attendance'
import { memberInputOf } from './members'
import { readSettings } from './settings'
import { orThrow } from './validated'

/**
 * 党章 第七条, 细则 第三十四条: a full member's 党龄 counts from the end of probation, so with
 * the branch vote on record fullMemberOn is derived from it, whatever date was typed.
 */
export function withPartyAge(value: MemberInput, settings: Settings): MemberInput {
  if (value.stage !== STAGE.full || value.development.branchVoteOn === '') return value
  const since = fullMemberSince(value.development, settings)
  return { ...value, fullMemberOn: since, development: { ...value.development, fullOn: since } }
}

/** Member writes: validated, audited, moved from members.ts (which re-exports them). */

async function checkOrg(value: MemberInput): Promise<void> {
  if (!(await getDb().orgs.get(value.orgId))) {
    throw new ValidationError([{ field: 'orgId', code: 'notFound' }])
  }
}

/**
 * 党章 第五条: introducers are full members of the register (and not the person), not under
 * 留党察看. Checked when the introducers change: an old record keeps the ones it had.
 */
async function checkIntroducers(value: MemberInput, id = '', before: string[] = []): Promise<void> {
  const ids = value.development.introducerIds
  if (ids.length === 0 || ids.join() === before.join()) return
  const introducers = await getDb().members.bulkGet(ids)
  const problems: FieldProblem[] = []
  introducers.forEach((introducer, index) => {
    const field = `development.introducerIds.${index}`
    if (!introducer || ids[index] === id) problems.push({ field, code: 'notFound' })
    else if (!canIntroduce(introducer)) problems.push({ field, code: 'notFullMember' })
  })
  if (problems.length > 0) throw new ValidationError(problems)
}

export async function createMember(input: MemberInput): Promise<Member> {
  const value = withPartyAge(orThrow(validateMember(input)), await readSettings())
  await checkOrg(value)
  await checkIntroducers(value)
  return createRecord<Member>('members', { ...value, lastAttendedOn: '' }, value.name)
}

export async function updateMember(
  id: string,
  input: MemberInput,
  expectedRev?: string,
): Promise<Member> {
  const value = withPartyAge(orThrow(validateMember(input)), await readSettings())
  await checkOrg(value)
  const stored = await getDb().members.get(id)
  await checkIntroducers(value, id, stored?.development.introducerIds)
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
 * One development step on (activist → candidate): the date goes where the model keeps it
 * (domain/development.ts advanceStage); the time rules only warn. Admission (预备) and the
 * 转正 carry a 支部大会 vote: probation.ts.
 */
export async function advanceMemberStage(id: string, change: StageAdvance): Promise<Member> {
  return changeMember(id, (member) => {
    const next = advanceStage(memberInputOf(member), change)
    if (!next) throw new ValidationError([{ field: 'stage', code: 'oneOf' }])
    return next
  })
}

export interface StatusChange {
  status: SettableStatus
  statusSince: string
  statusNote: string
}

/**
 * A member's status (memberStatus.ts gives each its effect): 流动 (where, since when), 失联
 * (since when, reason), 出国（境）, 留党察看, 停止党籍, 死亡, 除名, 退党, 开除 — each with its date
 * and a note — or back to 正常. 转出 goes through a transfer, 取消资格 through a vote.
 */
export async function setMemberStatus(id: string, change: StatusChange): Promise<Member> {
  if (!(SETTABLE_STATUSES as readonly string[]).includes(change.status)) {
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

/**
 * One change to a member read and written in the same transaction, so nothing typed elsewhere
 * in between is overwritten; validated as a whole, audited, replicated like any member edit.
 */
async function patchMember(
  id: string,
  patch: (member: Member) => Partial<MemberInput>,
  expectedRev?: string,
): Promise<Member> {
  const db = getDb()
  const saved = await db.transaction('rw', [db.members, db.auditLog], async () => {
    const member = await db.members.get(id)
    if (!member) return null
    const value = orThrow(validateMember({ ...memberInputOf(member), ...patch(member) }))
    return updateRecord<Member>(
      'members',
      id,
      { ...value, lastAttendedOn: member.lastAttendedOn },
      value.name,
      expectedRev,
    )
  })
  // Thrown outside the transaction: inside, Dexie would wrap it in its own error of that name.
  if (!saved) throw new NotFoundError('members', id)
  return saved
}

/**
 * 党章 第九条, the third trigger: the secretary sets the flag "未做党组织分配的工作" with its
 * start date and a note (null clears it). The clock runs from `since`.
 */
export async function setWorkNotDone(
  id: string,
  flag: WorkFlagInput | null,
  expectedRev?: string,
  today: string = todayIso(),
): Promise<Member> {
  const value = flag ? { since: flag.since.trim(), note: flag.note.trim() } : null
  if (value) {
    const problems = checkWorkFlag(value, today)
    if (problems.length > 0) throw new ValidationError(problems)
  }
  return patchMember(id, () => ({ workNotDone: value }), expectedRev)
}

/** The talk, the 支部大会 decision or another step about a six-month alarm, kept on the member. */
export async function recordSixMonthStep(
  id: string,
  step: SixMonthStepInput,
  today: string = todayIso(),
): Promise<Member> {
  const value = { ...step, on: step.on.trim(), note: step.note.trim() }
  const problems = checkSixMonthStep(value, today)
  if (problems.length > 0) throw new ValidationError(problems)
  return patchMember(id, (member) => ({ sixMonthSteps: [...(member.sixMonthSteps ?? []), value] }))
}
