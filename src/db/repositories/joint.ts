import { todayIso } from '@/domain/dates'
import {
  applyProgressNote,
  applyStatusChange,
  issueInputOf,
  validateConstituentInput,
  validateJointIssue,
  validateJointMeetingInput,
  type StatusChange,
} from '@/domain/joint'
import {
  SECTORS,
  type Constituent,
  type Id,
  type IsoDate,
  type Issue,
  type JointMeeting,
  type Org,
} from '@/domain/types'
import {
  validateIssue,
  type ConstituentInput,
  type IssueInput,
  type JointMeetingInput,
} from '@/domain/validation'
import { getDb } from '../connection'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { orThrow } from './validated'

/**
 * Joint committees (orgs of type jointCommittee), their constituents, joint meetings and
 * problem lists. A committee's records are read through the committee indexes; each write
 * and the checks it rests on run in one transaction.
 */

const HIGH = '\uffff'

function jointTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction(
    'rw',
    [db.orgs, db.constituents, db.jointMeetings, db.issues, db.auditLog, db.recycleBin],
    work,
  )
}

async function checkCommittee(committeeId: Id): Promise<Org> {
  const org = await getDb().orgs.get(committeeId)
  if (!org || org.type !== 'jointCommittee') {
    throw new ValidationError([{ field: 'committeeId', code: 'notFound' }])
  }
  return org
}

async function constituentIdsOf(committeeId: Id): Promise<Set<Id>> {
  const keys = await getDb().constituents.where('committeeId').equals(committeeId).primaryKeys()
  return new Set(keys)
}

// ─── Reads ──────────────────────────────────────────────────────────────────

/** Every joint committee, by name (a department has a handful, not thousands). */
export async function listJointCommittees(): Promise<Org[]> {
  return getDb()
    .orgs.where('[type+name]')
    .between(['jointCommittee', ''], ['jointCommittee', HIGH])
    .toArray()
}

/**
 * The committees a scope sees (null = every one): a committee inside the scope, or one
 * that has an org of the scope among its constituents (past or present).
 */
export async function listJointCommitteeIdsFor(orgIds: readonly Id[] | null): Promise<Id[]> {
  const committees = await listJointCommittees()
  if (orgIds === null) return committees.map((c) => c.id)
  const inScope = new Set(orgIds)
  const viaConstituents = await getDb()
    .constituents.where('orgId')
    .anyOf([...orgIds])
    .toArray()
  const seen = new Set(viaConstituents.map((c) => c.committeeId))
  return committees.filter((c) => inScope.has(c.id) || seen.has(c.id)).map((c) => c.id)
}

export async function listConstituents(committeeId: Id): Promise<Constituent[]> {
  const rows = await getDb().constituents.where('committeeId').equals(committeeId).toArray()
  // By sector (the article's order: the firm, departments, villages, other firms), then name.
  return rows.sort(
    (a, b) =>
      SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.id.localeCompare(b.id),
  )
}

/** A committee's joint meetings, oldest first. */
export async function listJointMeetings(committeeId: Id): Promise<JointMeeting[]> {
  return getDb()
    .jointMeetings.where('[committeeId+heldOn]')
    .between([committeeId, ''], [committeeId, HIGH])
    .toArray()
}

/** A committee's problem list, in the order raised. */
export async function listIssues(committeeId: Id): Promise<Issue[]> {
  return getDb()
    .issues.where('[committeeId+raisedOn]')
    .between([committeeId, ''], [committeeId, HIGH])
    .toArray()
}

export async function getJointMeeting(id: Id): Promise<JointMeeting | undefined> {
  return getDb().jointMeetings.get(id)
}

export async function getIssue(id: Id): Promise<Issue | undefined> {
  return getDb().issues.get(id)
}

export interface JointRecords {
  constituents: Constituent[]
  meetings: JointMeeting[]
  issues: Issue[]
}

/** Everything the figures of some committees need. */
export async function readJointRecords(committeeIds: readonly Id[]): Promise<JointRecords> {
  const parts = await Promise.all(
    committeeIds.map(async (id) => ({
      constituents: await listConstituents(id),
      meetings: await listJointMeetings(id),
      issues: await listIssues(id),
    })),
  )
  return {
    constituents: parts.flatMap((p) => p.constituents),
    meetings: parts.flatMap((p) => p.meetings),
    issues: parts.flatMap((p) => p.issues),
  }
}

/**
 * Open problems due before `today`, through the dueOn index ('' = no due date sorts first
 * and is skipped); null committeeIds = every committee.
 */
export async function listOverdueIssues(
  today: IsoDate,
  committeeIds: readonly Id[] | null,
): Promise<Issue[]> {
  const wanted = committeeIds ? new Set(committeeIds) : null
  // One range read (getAll) filtered here: a Dexie filter would step a cursor per issue.
  const due = await getDb().issues.where('dueOn').between('0000', today, true, false).toArray()
  return due.filter(
    (issue) =>
      (issue.status === 'open' || issue.status === 'inProgress') &&
      (!wanted || wanted.has(issue.committeeId)),
  )
}

// ─── Constituents ───────────────────────────────────────────────────────────

async function checkConstituent(input: ConstituentInput, id = ''): Promise<ConstituentInput> {
  const others = (await listConstituents(input.committeeId)).filter((c) => c.id !== id)
  const value = orThrow(validateConstituentInput(input, others))
  await checkCommittee(value.committeeId)
  if (value.orgId !== '' && !(await getDb().orgs.get(value.orgId))) {
    throw new ValidationError([{ field: 'orgId', code: 'notFound' }])
  }
  return value
}

export async function addConstituent(input: ConstituentInput): Promise<Constituent> {
  return jointTransaction(async () => {
    const value = await checkConstituent(input)
    return createRecord<Constituent>('constituents', value, value.name)
  })
}

export async function updateConstituent(
  id: Id,
  input: ConstituentInput,
  expectedRev?: string,
): Promise<Constituent> {
  return jointTransaction(async () => {
    const value = await checkConstituent(input, id)
    return updateRecord<Constituent>('constituents', id, value, value.name, expectedRev)
  })
}

/** A constituent leaves on a date: the record stays, so past meetings and problems still name it. */
export async function removeConstituent(id: Id, leftOn: IsoDate): Promise<Constituent> {
  return jointTransaction(async () => {
    const current = await getDb().constituents.get(id)
    if (!current) throw new NotFoundError('constituents', id)
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = current
    const value = await checkConstituent({ ...input, leftOn }, id)
    return updateRecord<Constituent>('constituents', id, value, value.name)
  })
}

/**
 * Delete an entry made by mistake (to the recycle bin). One that meetings or problems name
 * is refused: it leaves (removeConstituent) instead, so the history still reads.
 */
export async function deleteConstituent(id: Id): Promise<void> {
  await jointTransaction(async () => {
    const db = getDb()
    const current = await db.constituents.get(id)
    if (!current) throw new NotFoundError('constituents', id)
    const named =
      (await db.issues
        .where('[committeeId+raisedOn]')
        .between([current.committeeId, ''], [current.committeeId, HIGH])
        .filter((i) => i.raisedByConstituentId === id || i.responsibleConstituentIds.includes(id))
        .count()) > 0 ||
      (await db.jointMeetings
        .where('[committeeId+heldOn]')
        .between([current.committeeId, ''], [current.committeeId, HIGH])
        .filter((m) => m.presentConstituentIds.includes(id))
        .count()) > 0
    if (named) throw new ConflictError('constituentInUse')
    await removeRecord('constituents', id, current.name)
  })
}

// ─── Joint meetings ─────────────────────────────────────────────────────────

function meetingLabel(meeting: Pick<JointMeeting, 'heldOn'>): string {
  return `联席会议 ${meeting.heldOn}`
}

/**
 * Make `meetingId` one of the meetings that followed exactly the given problems: added where
 * missing, taken off the others (never off the problem it raised, which is its first meeting).
 */
async function setFollowedIssues(
  committeeId: Id,
  meetingId: Id,
  followedIssueIds: readonly Id[],
): Promise<void> {
  const wanted = new Set(followedIssueIds)
  for (const issue of await listIssues(committeeId)) {
    const raisedHere = issue.meetingIds[0] === meetingId
    const has = issue.meetingIds.includes(meetingId)
    if (raisedHere || has === wanted.has(issue.id)) continue
    const meetingIds = has
      ? issue.meetingIds.filter((m) => m !== meetingId)
      : [...issue.meetingIds, meetingId]
    await updateRecord<Issue>(
      'issues',
      issue.id,
      { ...issueInputOf(issue), meetingIds },
      issue.title,
    )
  }
  for (const id of wanted) {
    const issue = await getDb().issues.get(id)
    if (!issue || issue.committeeId !== committeeId) {
      throw new ValidationError([{ field: 'followedIssueIds', code: 'notFound' }])
    }
  }
}

/** Record a joint meeting and the earlier problems it followed up, in one transaction. */
export async function createJointMeeting(
  input: JointMeetingInput,
  followedIssueIds: readonly Id[] = [],
): Promise<JointMeeting> {
  return jointTransaction(async () => {
    await checkCommittee(input.committeeId)
    const ids = await constituentIdsOf(input.committeeId)
    const value = orThrow(validateJointMeetingInput(input, ids))
    const meeting = await createRecord<JointMeeting>('jointMeetings', value, meetingLabel(value))
    await setFollowedIssues(value.committeeId, meeting.id, followedIssueIds)
    return meeting
  })
}

export async function updateJointMeeting(
  id: Id,
  input: JointMeetingInput,
  followedIssueIds?: readonly Id[],
  expectedRev?: string,
): Promise<JointMeeting> {
  return jointTransaction(async () => {
    await checkCommittee(input.committeeId)
    const ids = await constituentIdsOf(input.committeeId)
    const value = orThrow(validateJointMeetingInput(input, ids))
    const meeting = await updateRecord<JointMeeting>(
      'jointMeetings',
      id,
      value,
      meetingLabel(value),
      expectedRev,
    )
    if (followedIssueIds) await setFollowedIssues(value.committeeId, id, followedIssueIds)
    return meeting
  })
}

/**
 * Delete a meeting (to the recycle bin). A meeting that raised problems is refused — they
 * would lose where they came from; problems it only followed forget it.
 */
export async function removeJointMeeting(id: Id): Promise<void> {
  await jointTransaction(async () => {
    const meeting = await getDb().jointMeetings.get(id)
    if (!meeting) throw new NotFoundError('jointMeetings', id)
    const issues = await getDb().issues.where('meetingIds').equals(id).toArray()
    if (issues.some((issue) => issue.meetingIds[0] === id)) {
      throw new ConflictError('meetingRaisedIssues')
    }
    await setFollowedIssues(meeting.committeeId, id, [])
    await removeRecord('jointMeetings', id, meetingLabel(meeting))
  })
}

// ─── Problems ───────────────────────────────────────────────────────────────

async function checkIssue(input: IssueInput): Promise<IssueInput> {
  await checkCommittee(input.committeeId)
  const value = orThrow(validateJointIssue(input, await constituentIdsOf(input.committeeId)))
  const meetings = await getDb().jointMeetings.bulkGet(value.meetingIds)
  const stray = meetings.findIndex((m) => !m || m.committeeId !== value.committeeId)
  if (stray >= 0) throw new ValidationError([{ field: `meetingIds.${stray}`, code: 'notFound' }])
  return value
}

/** Put a problem on the list. */
export async function raiseIssue(input: IssueInput): Promise<Issue> {
  return jointTransaction(async () => {
    const value = await checkIssue(input)
    return createRecord<Issue>('issues', value, value.title)
  })
}

export async function updateIssue(id: Id, input: IssueInput, expectedRev?: string): Promise<Issue> {
  return jointTransaction(async () => {
    const value = await checkIssue(input)
    return updateRecord<Issue>('issues', id, value, value.title, expectedRev)
  })
}

export async function removeIssue(id: Id): Promise<void> {
  await jointTransaction(async () => {
    const issue = await getDb().issues.get(id)
    if (!issue) throw new NotFoundError('issues', id)
    await removeRecord('issues', id, issue.title)
  })
}

async function rewriteIssue(
  id: Id,
  change: (input: IssueInput) => ReturnType<typeof applyStatusChange>,
): Promise<Issue> {
  return jointTransaction(async () => {
    const issue = await getDb().issues.get(id)
    if (!issue) throw new NotFoundError('issues', id)
    const next = orThrow(change(issueInputOf(issue)))
    // The stored-record checks too: a change must leave a problem that validates whole.
    const value = orThrow(validateIssue(next))
    return updateRecord<Issue>('issues', id, value, issue.title)
  })
}

/** 待办 → 办理中 → 已解决 / 不予解决, with the checks of domain/joint applyStatusChange. */
export async function changeIssueStatus(
  id: Id,
  change: StatusChange,
  today: IsoDate = todayIso(),
): Promise<Issue> {
  return rewriteIssue(id, (input) => applyStatusChange(input, change, today))
}

export async function addIssueProgress(
  id: Id,
  note: { on: IsoDate; note: string },
  today: IsoDate = todayIso(),
): Promise<Issue> {
  return rewriteIssue(id, (input) => applyProgressNote(input, note, today))
}
