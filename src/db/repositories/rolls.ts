import { checkAppraisalCap, isGradable } from '@/domain/appraisal'
import { takeRoll, type RollTransfer } from '@/domain/roll'
import type { Settings } from '@/domain/settings'
import type { AppraisalGrade, Id, IsoDate, Meeting, MeetingRoll, Member, Org } from '@/domain/types'
import type { FieldProblem, MeetingInput } from '@/domain/validation'
import { checkVoteCounts } from '@/domain/votes'
import { getDb } from '../connection'
import { ValidationError } from '../errors'

/**
 * The roll of an org on a date (domain/roll.ts), read for the meeting form and for every
 * meeting write: the org's members now, those who have left it since (a transfer from it
 * completed after the date), and their transfers. One org's worth of rows, never a table.
 * Callers inside a write transaction must include orgs, members and transfers.
 */
export async function readRollOn(
  orgId: Id,
  date: IsoDate,
): Promise<{ org: Org | undefined; roll: MeetingRoll; members: Member[] }> {
  const db = getDb()
  const org = await db.orgs.get(orgId)
  const empty: MeetingRoll = { on: date, memberIds: [], fullIds: [], voterIds: [], committee: [] }
  if (!org) return { org, roll: empty, members: [] }
  const [current, leftSince] = await Promise.all([
    db.members.where('orgId').equals(orgId).toArray(),
    db.transfers.where('fromOrgId').equals(orgId).toArray(),
  ])
  const here = new Set(current.map((member) => member.id))
  const movedIds = leftSince
    .filter((t) => t.status === 'completed' && t.completedOn > date && !here.has(t.memberId))
    .map((t) => t.memberId)
  const moved = (await db.members.bulkGet([...new Set(movedIds)])).filter(
    (member): member is Member => !!member,
  )
  const members = [...current, ...moved]
  const transfers: RollTransfer[] =
    members.length === 0
      ? []
      : await db.transfers
          .where('memberId')
          .anyOf(members.map((member) => member.id))
          .toArray()
  const roll = takeRoll(org, date, members, transfers)
  const onRoll = new Set(roll.memberIds)
  return {
    org,
    roll,
    members: members
      .filter((member) => onRoll.has(member.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  }
}

/** An old record keeps the roll it was saved with while its org and date stay the same. */
export async function rollForMeeting(
  value: Pick<Meeting, 'orgId' | 'heldOn'>,
  before: Meeting | undefined,
): Promise<MeetingRoll> {
  if (before?.roll && before.orgId === value.orgId && before.heldOn === value.heldOn) {
    return before.roll
  }
  return (await readRollOn(value.orgId, value.heldOn)).roll
}

/**
 * The checks a meeting write makes against its roll: attendees and absentees were on the
 * roll that day; 民主评议 grades go to 正式党员 only, and 优秀 over the usual share needs its
 * reason recorded; vote counts can be true for the meeting. Returns the value with its roll.
 */
export async function checkAgainstRoll(
  value: MeetingInput,
  before: Meeting | undefined,
  grades: readonly { memberId: Id; grade: AppraisalGrade }[],
  settings: Settings,
): Promise<MeetingInput> {
  const roll = await rollForMeeting(value, before)
  const onRoll = new Set(roll.memberIds)
  const problems: FieldProblem[] = []
  value.attendeeIds.forEach((id, index) => {
    if (!onRoll.has(id)) problems.push({ field: `attendeeIds.${index}`, code: 'notOnRoll' })
  })
  value.absentees.forEach((absentee, index) => {
    if (!onRoll.has(absentee.memberId))
      problems.push({ field: `absentees.${index}.memberId`, code: 'notOnRoll' })
  })
  grades.forEach((entry, index) => {
    if (!isGradable(roll, entry.memberId))
      problems.push({ field: `grades.${index}.memberId`, code: 'notFullMember' })
  })
  if (grades.length > 0) {
    const cap = checkAppraisalCap(
      grades.map((entry) => entry.grade),
      roll.fullIds.length,
      settings,
    )
    if (!cap.ok && (value.excellentReason ?? '').trim() === '') {
      problems.push({
        field: 'excellentReason',
        code: 'reasonRequired',
        params: { max: cap.max, excellent: cap.excellent, fullMembers: cap.fullMembers },
      })
    }
  }
  const votes = value.votes ?? []
  if (votes.length > 0 && value.type !== 'branchAssembly') {
    problems.push({ field: 'votes', code: 'oneOf' })
  }
  const attending = new Set(value.attendeeIds)
  const presentVoters = roll.voterIds.filter((id) => attending.has(id)).length
  votes.forEach((vote, index) => {
    const problem = checkVoteCounts(vote, roll.voterIds.length, presentVoters)
    if (problem) {
      problems.push({
        field: `votes.${index}.approve`,
        code: 'voteCounts',
        params: { reason: problem, eligible: roll.voterIds.length, present: presentVoters },
      })
    }
  })
  if (problems.length > 0) throw new ValidationError(problems)
  return { ...value, roll }
}
