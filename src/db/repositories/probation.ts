import {
  advanceStage,
  decideProbation,
  type ProbationDecision,
  type ProbationDecisionInput,
  type ProbationProblem,
  type StageAdvance,
} from '@/domain/development'
import { isOnRoll } from '@/domain/memberStatus'
import { orgDuties } from '@/domain/terms'
import type { Settings } from '@/domain/settings'
import {
  STAGE,
  type Meeting,
  type MeetingVote,
  type Member,
  type VoteSubject,
} from '@/domain/types'
import { validateMember, type FieldProblem, type ValidationCode } from '@/domain/validation'
import { checkVoteCounts, voteOutcome } from '@/domain/votes'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { updateRecord } from '../records'
import { memberInputOf } from './members'
import { rollForMeeting } from './rolls'
import { readSettings } from './settings'
import { orThrow } from './validated'

/** The counts of a 支部大会 vote as entered: 赞成, 反对, 弃权, of which written opinions. */
export type VoteCounts = Pick<MeetingVote, 'approve' | 'oppose' | 'abstain' | 'written'>

/** A vote is recorded on the meeting it was held at; the member's step follows. */
function inVoteTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction(
    'rw',
    [db.members, db.meetings, db.orgs, db.transfers, db.settings, db.auditLog],
    work,
  )
}

/**
 * Check the vote against the roll stored on the meeting (应到会有表决权 of that day) and record
 * it there, replacing an earlier vote on the same resolution. Refused unless the meeting is a
 * final 支部党员大会 of the member's org and 赞成 is more than half of those with a vote.
 */
async function recordVote(
  member: Member,
  meetingId: string,
  subject: VoteSubject,
  counts: VoteCounts,
  settings: Settings,
): Promise<Meeting> {
  const db = getDb()
  const meeting = await db.meetings.get(meetingId)
  if (!meeting) throw new ValidationError([{ field: 'meetingId', code: 'notFound' }])
  if (
    meeting.type !== 'branchAssembly' ||
    meeting.status !== 'final' ||
    meeting.orgId !== member.orgId
  ) {
    throw new ValidationError([{ field: 'meetingId', code: 'oneOf' }])
  }
  const roll = await rollForMeeting(meeting, meeting)
  const attending = new Set(meeting.attendeeIds)
  const present = roll.voterIds.filter((id) => attending.has(id)).length
  const eligible = roll.voterIds.length
  const problem = checkVoteCounts(counts, eligible, present)
  if (problem) {
    throw new ValidationError([
      { field: 'approve', code: 'voteCounts', params: { reason: problem, eligible, present } },
    ])
  }
  const outcome = voteOutcome(counts, eligible, settings)
  if (!outcome.passed) {
    throw new ValidationError([
      {
        field: 'approve',
        code: 'voteNotPassed',
        params: { needed: outcome.needed, eligible, approve: counts.approve },
      },
    ])
  }
  const vote: MeetingVote = { subject, memberId: member.id, title: member.name, ...counts }
  const votes = [
    ...(meeting.votes ?? []).filter((v) => !(v.subject === subject && v.memberId === member.id)),
    vote,
  ]
  const { id: _i, createdAt: _c, updatedAt: _u, ...input } = meeting
  return updateRecord<Meeting>(
    'meetings',
    meeting.id,
    { ...input, roll, votes },
    `${meeting.heldOn} ${meeting.topic}`,
  )
}

async function writeMember(member: Member, next: ReturnType<typeof memberInputOf>) {
  const value = orThrow(validateMember(next))
  return updateRecord<Member>(
    'members',
    member.id,
    { ...value, lastAttendedOn: member.lastAttendedOn },
    member.name,
  )
}

export interface AdmissionInput extends StageAdvance {
  /** The 支部党员大会 that voted, with its counts; its date becomes the branch vote. */
  meetingId: string
  counts: VoteCounts
}

/**
 * 接收预备党员 (细则 第二十条): the branch assembly's vote, recorded on the meeting, makes a
 * 发展对象 a 预备党员 from the meeting's date. A 临时党支部 admits no members.
 */
export async function admitMember(id: string, input: AdmissionInput): Promise<Member> {
  const settings = await readSettings()
  return inVoteTransaction(async () => {
    const db = getDb()
    const member = await db.members.get(id)
    if (!member) throw new NotFoundError('members', id)
    if (member.stage !== STAGE.candidate)
      throw new ValidationError([{ field: 'stage', code: 'oneOf' }])
    const org = await db.orgs.get(member.orgId)
    if (org && !orgDuties(org).admitsMembers) {
      throw new ValidationError([{ field: 'orgId', code: 'temporaryBranch' }])
    }
    const meeting = await recordVote(member, input.meetingId, 'admit', input.counts, settings)
    const next = advanceStage(memberInputOf(member), { ...input, on: meeting.heldOn })
    if (!next) throw new ValidationError([{ field: 'stage', code: 'oneOf' }])
    return writeMember(member, next)
  })
}

const SUBJECT_OF: Record<ProbationDecision, VoteSubject> = {
  full: 'fullMembership',
  extend: 'extension',
  cancel: 'cancellation',
}

const PROBLEM_FIELD: Record<ProbationProblem, [string, ValidationCode]> = {
  notProbationary: ['stage', 'notProbationary'],
  extensionUsed: ['extendedUntil', 'extensionUsed'],
  extensionTooShort: ['extendedUntil', 'extensionTooShort'],
  extensionTooLong: ['extendedUntil', 'extensionTooLong'],
  approvalBeforeVote: ['fullApprovedOn', 'dateOrder'],
  applicationAfterVote: ['fullAppliedOn', 'dateOrder'],
}

export type ProbationDecisionRequest = Omit<ProbationDecisionInput, 'heldOn'> & {
  counts: VoteCounts
}

/**
 * The 支部大会's decision on a 预备党员 when probation ends (细则 第三十二条、第三十三条): 转正,
 * 延长预备期 or 取消预备党员资格, each by a vote recorded on the meeting. 转正 sets 党龄 from the
 * end of probation (党章 第七条; 细则 第三十四条). One transaction: the vote and the member.
 */
export async function decideMemberProbation(
  id: string,
  request: ProbationDecisionRequest,
): Promise<Member> {
  const settings = await readSettings()
  return inVoteTransaction(async () => {
    const member = await getDb().members.get(id)
    if (!member) throw new NotFoundError('members', id)
    if (!isOnRoll(member)) throw new ValidationError([{ field: 'status', code: 'notOnRoll' }])
    const meeting = await recordVote(
      member,
      request.meetingId,
      SUBJECT_OF[request.decision],
      request.counts,
      settings,
    )
    const result = decideProbation(
      memberInputOf(member),
      { ...request, heldOn: meeting.heldOn },
      settings,
    )
    if (!result.ok) {
      const [field, code] = PROBLEM_FIELD[result.problem]
      const problem: FieldProblem = { field, code }
      if (code === 'dateOrder') problem.params = { after: 'fullVoteOn' }
      throw new ValidationError([problem])
    }
    return writeMember(member, result.value)
  })
}
