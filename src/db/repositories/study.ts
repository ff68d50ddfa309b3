import { todayIso } from '@/domain/dates'
import {
  attendeesToCredit,
  isStudyMeetingType,
  STUDY_KIND_OF_MEETING,
  STUDY_MEETING_TYPES,
  committeeMemberIds,
  emptyStudyHours,
  sumStudyHours,
  validateStudyEntry,
  yearRange,
  type StudyHours,
} from '@/domain/study'
import { resolveSettings } from '@/domain/settings'
import { isOnRoll, isPartyStage } from '@/domain/memberStatus'
import {
  STAGE,
  type Id,
  type IsoDate,
  type Meeting,
  type Member,
  type Org,
  type StudyKind,
  type StudyRecord,
} from '@/domain/types'
import type { FieldProblem, StudyRecordInput } from '@/domain/validation'
import { getDb, nowIso } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { auditEntry, createRecord, plain, removeRecord, updateRecord } from '../records'
import { readScopeMembers } from './todoReads'
import { orThrow } from './validated'

/**
 * Study records (学习记录). Writes validate against today and the settings in force; several
 * records written together (one session for many members, a meeting's attendees) are one
 * transaction, so a failure leaves nothing half-recorded.
 */

const isOrg = (org: Org | undefined): org is Org => org !== undefined

/** Today by the database clock, so tests that pin the clock pin "not in the future" too. */
function clockToday(): IsoDate {
  return todayIso(new Date(nowIso()))
}

function studyTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction(
    'rw',
    [db.studyRecords, db.members, db.meetings, db.settings, db.auditLog, db.recycleBin],
    work,
  )
}

async function validated(input: unknown, today: IsoDate): Promise<StudyRecordInput> {
  const settings = resolveSettings(await getDb().settings.toArray())
  return orThrow(validateStudyEntry(input, today, settings))
}

/** The record's member must exist and belong to the record's org. */
async function checkMember(value: StudyRecordInput): Promise<void> {
  const member = await getDb().members.get(value.memberId)
  if (!member) throw new ValidationError([{ field: 'memberId', code: 'notFound' }])
  if (member.orgId !== value.orgId) {
    throw new ValidationError([{ field: 'orgId', code: 'oneOf' }])
  }
}

function summaryOf(value: Pick<StudyRecordInput, 'studiedOn' | 'topic' | 'hours'>): string {
  return `${value.studiedOn} ${value.topic} ${value.hours}`
}

export async function getStudyRecord(id: string): Promise<StudyRecord | undefined> {
  return getDb().studyRecords.get(id)
}

export async function createStudyRecord(
  input: StudyRecordInput,
  today: IsoDate = clockToday(),
): Promise<StudyRecord> {
  return studyTransaction(async () => {
    const value = await validated(input, today)
    await checkMember(value)
    return createRecord<StudyRecord>('studyRecords', value, summaryOf(value))
  })
}

export async function updateStudyRecord(
  id: string,
  input: StudyRecordInput,
  today: IsoDate = clockToday(),
  expectedRev?: string,
): Promise<StudyRecord> {
  return studyTransaction(async () => {
    const value = await validated(input, today)
    await checkMember(value)
    return updateRecord<StudyRecord>('studyRecords', id, value, summaryOf(value), expectedRev)
  })
}

export async function removeStudyRecord(id: string): Promise<void> {
  await studyTransaction(async () => {
    const record = await getDb().studyRecords.get(id)
    if (!record) throw new NotFoundError('studyRecords', id)
    await removeRecord('studyRecords', id, summaryOf(record))
  })
}

/** What one session has in common for everyone who attended it. */
export type StudySession = Omit<StudyRecordInput, 'memberId' | 'orgId' | 'confirmed'>

/**
 * One session for many members (集中学习 with a roster): one confirmed record per member,
 * each in the member's own org, all in one transaction. Problems name the member's index
 * ('2.memberId') so the dialog can point at the row.
 */
export async function recordStudySession(
  session: StudySession,
  memberIds: readonly Id[],
  today: IsoDate = clockToday(),
): Promise<StudyRecord[]> {
  const ids = [...new Set(memberIds)]
  if (ids.length === 0) throw new ValidationError([{ field: 'memberIds', code: 'required' }])
  return studyTransaction(async () => {
    const members = await getDb().members.bulkGet(ids)
    const problems: FieldProblem[] = []
    const created: StudyRecord[] = []
    for (const [index, member] of members.entries()) {
      if (!member) {
        problems.push({ field: `${index}.memberId`, code: 'notFound' })
        continue
      }
      const value = await validated(
        { ...session, memberId: member.id, orgId: member.orgId, confirmed: 'yes' },
        today,
      )
      created.push(
        await createRecord<StudyRecord>(
          'studyRecords',
          value,
          `${member.name} ${summaryOf(value)}`,
        ),
      )
    }
    if (problems.length > 0) throw new ValidationError(problems)
    return created
  })
}

export interface MeetingCredit {
  created: StudyRecord[]
  /** Attendees who already had a record from this meeting. */
  skipped: number
}

/**
 * Credit a 党课 or 主题党日 meeting's attendees: one confirmed record each with `meetingId`
 * set. Attendees already credited from the meeting are skipped, so doing it twice adds no
 * hours; the meeting's own topic, date and place become the record's.
 */
export async function creditMeetingStudy(
  meetingId: Id,
  hours: number,
  today: IsoDate = clockToday(),
): Promise<MeetingCredit> {
  const db = getDb()
  return studyTransaction(async () => {
    const meeting = await db.meetings.get(meetingId)
    if (!meeting) throw new NotFoundError('meetings', meetingId)
    if (!isStudyMeetingType(meeting.type)) {
      throw new ValidationError([{ field: 'meetingId', code: 'oneOf' }])
    }
    const credited = await db.studyRecords
      .where('memberId')
      .anyOf(meeting.attendeeIds)
      .filter((record) => record.meetingId === meetingId)
      .toArray()
    const toCredit = attendeesToCredit(
      meeting.attendeeIds,
      credited.map((record) => record.memberId),
    )
    const members = await db.members.bulkGet(toCredit)
    const kind: StudyKind = STUDY_KIND_OF_MEETING[meeting.type]
    const created: StudyRecord[] = []
    for (const member of members) {
      if (!member) continue
      const value = await validated(
        {
          memberId: member.id,
          orgId: member.orgId,
          studiedOn: meeting.heldOn,
          kind,
          topic: meeting.topic,
          hours,
          place: meeting.place,
          note: '',
          confirmed: 'yes',
          meetingId,
        },
        today,
      )
      created.push(
        await createRecord<StudyRecord>(
          'studyRecords',
          value,
          `${member.name} ${summaryOf(value)}`,
        ),
      )
    }
    return { created, skipped: meeting.attendeeIds.length - toCredit.length }
  })
}

/** The secretary confirms self-entered records; one transaction, an audit entry each. */
export async function confirmStudyRecords(ids: readonly Id[]): Promise<number> {
  const db = getDb()
  return db.transaction('rw', [db.studyRecords, db.auditLog], async () => {
    let count = 0
    for (const record of await db.studyRecords.bulkGet([...ids])) {
      if (!record || record.confirmed === 'yes') continue
      const after: StudyRecord = { ...plain(record), confirmed: 'yes', updatedAt: nowIso() }
      await db.studyRecords.put(after)
      await db.auditLog.add(
        auditEntry('update', 'studyRecords', record.id, summaryOf(record), ['confirmed']),
      )
      count++
    }
    return count
  })
}

// ─── Reads ──────────────────────────────────────────────────────────────────

/** One member's records of a calendar year, through '[memberId+studiedOn]', newest first. */
export async function listStudyOfMember(memberId: Id, year: number): Promise<StudyRecord[]> {
  const { from, to } = yearRange(year)
  const rows = await getDb()
    .studyRecords.where('[memberId+studiedOn]')
    .between([memberId, from], [memberId, to], true, true)
    .toArray()
  return rows.reverse()
}

/** One member's confirmed and pending hours in a calendar year. */
export async function studyHoursOfMember(memberId: Id, year: number): Promise<StudyHours> {
  const rows = await listStudyOfMember(memberId, year)
  return sumStudyHours(rows, year).get(memberId) ?? emptyStudyHours(memberId)
}

/**
 * Hours per member of some orgs in a calendar year: one '[orgId+studiedOn]' range per org,
 * never the whole table. Records follow the member's org at the time they were written.
 */
export async function studyHoursOfOrgs(
  orgIds: readonly Id[],
  year: number,
): Promise<Map<Id, StudyHours>> {
  const { from, to } = yearRange(year)
  const table = getDb().studyRecords
  const parts = await Promise.all(
    orgIds.map((orgId) =>
      table.where('[orgId+studiedOn]').between([orgId, from], [orgId, to], true, true).toArray(),
    ),
  )
  return sumStudyHours(parts.flat(), year)
}

/**
 * Every member's hours in a year from the kept rows (db/studyTallies.ts): one equality range
 * of the small 'year' index, not the year's study records.
 */
async function keptStudyHours(year: number): Promise<Map<Id, StudyHours>> {
  const rows = await getDb().studyHours.where('year').equals(year).toArray()
  return new Map(
    rows.map(({ memberId, confirmedHours, pendingHours, otherHours }) => [
      memberId,
      { memberId, confirmedHours, pendingHours, otherHours },
    ]),
  )
}

export interface StudyStanding {
  /** Party members on the roll of the scope's orgs. */
  members: Pick<Member, 'id' | 'name' | 'orgId'>[]
  hours: Map<Id, StudyHours>
  /** Members holding a committee seat (their target is 56 学时). */
  onCommittee: Set<Id>
}

/**
 * Members and their hours in a year, for the 待办 list: a scope of orgs reads each org's
 * roster and its '[orgId+studiedOn]' range; the whole register (null) reads the year's kept
 * hours and the party members by the 'stage' index.
 */
export async function readStudyStanding(
  orgIds: readonly Id[] | null,
  year: number,
): Promise<StudyStanding> {
  const db = getDb()
  const members =
    orgIds === null
      ? // Two equality ranges (getAll), not `anyOf`'s cursor over 100,000 members.
        (
          await Promise.all([
            db.members.where('stage').equals('full').toArray(),
            db.members.where('stage').equals(STAGE.probationary).toArray(),
          ])
        ).flat()
      : (await readScopeMembers(orgIds)).filter((m) => isPartyStage(m.stage))
  const hours = orgIds === null ? await keptStudyHours(year) : await studyHoursOfOrgs(orgIds, year)
  const orgs =
    orgIds === null ? await db.orgs.toArray() : (await db.orgs.bulkGet([...orgIds])).filter(isOrg)
  return {
    members: members.filter(isOnRoll).map((m) => ({ id: m.id, name: m.name, orgId: m.orgId })),
    hours,
    onCommittee: committeeMemberIds(orgs.filter((org) => org.dissolvedOn === '')),
  }
}

/** Self-entries waiting for confirmation in some orgs, oldest first ('[orgId+confirmed]'). */
export async function listPendingStudy(orgIds: readonly Id[], limit = 200): Promise<StudyRecord[]> {
  const table = getDb().studyRecords
  const parts = await Promise.all(
    orgIds.map((orgId) => table.where('[orgId+confirmed]').equals([orgId, 'no']).toArray()),
  )
  return parts
    .flat()
    .sort((a, b) => a.studiedOn.localeCompare(b.studiedOn) || a.id.localeCompare(b.id))
    .slice(0, limit)
}

/** 党课 and 主题党日 of an org in a calendar year, newest first ('[orgId+type+heldOn]'). */
export async function listStudyMeetingsOfOrg(orgId: Id, year: number): Promise<Meeting[]> {
  const { from, to } = yearRange(year)
  const parts = await Promise.all(
    STUDY_MEETING_TYPES.map((type) =>
      getDb()
        .meetings.where('[orgId+type+heldOn]')
        .between([orgId, type, from], [orgId, type, to], true, true)
        .toArray(),
    ),
  )
  return parts.flat().sort((a, b) => b.heldOn.localeCompare(a.heldOn))
}

// ─── Keyset pages ───────────────────────────────────────────────────────────

export interface StudyFilter {
  orgId: Id
  memberId: Id | ''
  kind: StudyKind | ''
  confirmed: 'yes' | 'no' | ''
  /** A calendar year, 0 = all years. */
  year: number
}

/** The index key of the last row shown: [orgId, studiedOn, id]. */
export type StudyCursor = [string, string, string] | null

export interface StudyPage {
  rows: StudyRecord[]
  next: StudyCursor
}

function studyMatcher(filter: StudyFilter): (record: StudyRecord) => boolean {
  return (record) =>
    (!filter.memberId || record.memberId === filter.memberId) &&
    (!filter.kind || record.kind === filter.kind) &&
    (!filter.confirmed || record.confirmed === filter.confirmed)
}

/** Newest first through '[orgId+studiedOn+id]', walked backwards from the cursor. */
function studyCollection(filter: StudyFilter, before: StudyCursor) {
  const range = filter.year > 0 ? yearRange(filter.year) : { from: '', to: '\uffff' }
  const upper: [string, string, string] = before ?? [filter.orgId, range.to, '\uffff']
  return getDb()
    .studyRecords.where('[orgId+studiedOn+id]')
    .between([filter.orgId, range.from, ''], upper, true, before === null)
    .reverse()
    .filter(studyMatcher(filter))
}

export async function listStudyPage(
  filter: StudyFilter,
  after: StudyCursor,
  limit: number,
): Promise<StudyPage> {
  const rows = await studyCollection(filter, after)
    .limit(limit + 1)
    .toArray()
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    rows: page,
    next: rows.length > limit && last ? [last.orgId, last.studiedOn, last.id] : null,
  }
}

export async function countStudy(filter: StudyFilter): Promise<number> {
  return studyCollection(filter, null).count()
}

/** Every record of some orgs in a range of dates, for the export. */
export async function listStudyForExport(
  orgIds: readonly Id[],
  year: number,
): Promise<StudyRecord[]> {
  const range = year > 0 ? yearRange(year) : { from: '', to: '\uffff' }
  const table = getDb().studyRecords
  const parts = await Promise.all(
    orgIds.map((orgId) =>
      table
        .where('[orgId+studiedOn]')
        .between([orgId, range.from], [orgId, range.to], true, true)
        .toArray(),
    ),
  )
  return parts.flat().sort((a, b) => a.studiedOn.localeCompare(b.studiedOn))
}
