import Dexie from 'dexie'
import {
  ASKED_ORG_TYPES,
  complianceBoard,
  MEETING_REQUIREMENTS,
  previousPeriod,
  type BoardRow,
  type ComplianceOrg,
  type MeetingFact,
} from '@/domain/meetings'
import type { Settings } from '@/domain/settings'
import type {
  AbsenceReason,
  AppraisalGrade,
  IsoDate,
  Meeting,
  MeetingType,
  Member,
  Org,
  PartyGroup,
  Photo,
} from '@/domain/types'
import { MEETING_TYPES } from '@/domain/types'
import { validateMeeting, type MeetingInput } from '@/domain/validation'
import { getDb, newId } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
export { readRollOn } from './rolls'
import { createRecord, removeRecord, updateRecord } from '../records'
import { readPartyGroupsOf } from './todoReads'
import { readSettings } from './settings'
import { refreshLastAttended } from './attendance'
import { checkAgainstRoll } from './rolls'
import { orThrow } from './validated'

/**
 * A meeting write changes its attendees' last attendance, and takes the roll of its date
 * from the org, members and transfers: all in one transaction.
 */
function inMeetingTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction(
    'rw',
    [db.meetings, db.members, db.orgs, db.transfers, db.settings, db.auditLog, db.recycleBin],
    work,
  )
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
  const checked = orThrow(validateMeeting(input))
  await checkOrg(checked)
  return inMeetingTransaction(async () => {
    const value = await checkAgainstRoll(checked, undefined, [], await readSettings())
    const meeting = await createRecord<Meeting>('meetings', value, `${value.heldOn} ${value.topic}`)
    await refreshLastAttended(meeting.attendeeIds)
    return meeting
  })
}

export async function updateMeeting(
  id: string,
  input: MeetingInput,
  expectedRev?: string,
): Promise<Meeting> {
  const checked = orThrow(validateMeeting(input))
  await checkOrg(checked)
  return inMeetingTransaction(async () => {
    const before = await getDb().meetings.get(id)
    const value = await checkAgainstRoll(checked, before, [], await readSettings())
    const meeting = await updateRecord<Meeting>(
      'meetings',
      id,
      value,
      `${value.heldOn} ${value.topic}`,
      expectedRev,
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

// ─── Saving a meeting with its photos and appraisal results ─────────────────

/** A photo chosen in the form, already resized (services/photos.ts). */
export interface NewPhoto {
  name: string
  type: string
  width: number
  height: number
  blob: Blob
}

export interface MeetingExtras {
  /** Photos to add; they join `photoIds` in the same transaction. */
  addPhotos?: NewPhoto[]
  /** Photos taken off the record: they go to the recycle bin. */
  removePhotoIds?: string[]
  /** 民主评议 results of 正式党员, written on the members for the meeting's year. */
  grades?: { memberId: string; grade: AppraisalGrade }[]
  /** The revision the form was opened on: a meeting changed meanwhile is refused. */
  expectedRev?: string
}

function memberInput(member: Member) {
  const { id: _i, createdAt: _c, updatedAt: _u, ...input } = member
  return input
}

/**
 * Create (id '') or update a meeting together with its photos and, for a 民主评议, the grades
 * on the members — one transaction, so a record never points at a photo that is not there
 * and no grade is saved for a meeting that failed.
 */
export async function saveMeeting(
  id: string,
  input: MeetingInput,
  extras: MeetingExtras = {},
): Promise<Meeting> {
  const removed = new Set(extras.removePhotoIds ?? [])
  const newPhotos = (extras.addPhotos ?? []).map((photo) => ({ ...photo, id: newId() }))
  const photoIds = [
    ...input.photoIds.filter((photoId) => !removed.has(photoId)),
    ...newPhotos.map((photo) => photo.id),
  ]
  const checked = orThrow(validateMeeting({ ...input, photoIds }))
  await checkOrg(checked)
  const grades = checked.type === 'appraisal' ? (extras.grades ?? []) : []
  const db = getDb()
  return db.transaction(
    'rw',
    [
      db.meetings,
      db.members,
      db.orgs,
      db.transfers,
      db.settings,
      db.photos,
      db.auditLog,
      db.recycleBin,
    ],
    async () => {
      const before = id ? await db.meetings.get(id) : undefined
      if (id && !before) throw new NotFoundError('meetings', id)
      const value = await checkAgainstRoll(checked, before, grades, await readSettings())
      const meetingId = id || newId()
      const summary = `${value.heldOn} ${value.topic}`
      const meeting = before
        ? await updateRecord<Meeting>('meetings', meetingId, value, summary, extras.expectedRev)
        : await createRecord<Meeting>('meetings', value, summary, meetingId)
      for (const photo of newPhotos) {
        await createRecord<Photo>('photos', { ...photo, meetingId }, photo.name, photo.id)
      }
      for (const photoId of removed) {
        if (await db.photos.get(photoId)) await removeRecord('photos', photoId, photoId)
      }
      const year = Number(value.heldOn.slice(0, 4))
      for (const { memberId, grade } of grades) {
        const member = await db.members.get(memberId)
        if (!member) continue
        const appraisals = [
          ...member.appraisals.filter((entry) => entry.year !== year),
          { year, grade },
        ].sort((a, b) => a.year - b.year)
        await updateRecord<Member>(
          'members',
          memberId,
          { ...memberInput(member), appraisals },
          member.name,
        )
      }
      await refreshLastAttended([...(before?.attendeeIds ?? []), ...meeting.attendeeIds])
      return meeting
    },
  )
}

/** The photos of a meeting, in the order the record lists them. */
export async function listMeetingPhotos(meetingId: string): Promise<Photo[]> {
  const meeting = await getDb().meetings.get(meetingId)
  if (!meeting) return []
  const photos = await getDb().photos.bulkGet(meeting.photoIds)
  return photos.filter((photo): photo is Photo => !!photo)
}

// ─── Keyset pages ───────────────────────────────────────────────────────────

export interface MeetingFilter {
  /** The orgs shown (the scope, or a chosen org and everything under it); null = all. */
  orgIds: string[] | null
  type: MeetingType | ''
  /** Held on or after / on or before; '' = open. */
  from: IsoDate
  to: IsoDate
  /** Text in the topic. */
  text: string
}

/** [heldOn, id] of the last row shown; pages run newest first. */
export type MeetingCursor = [string, string] | null

export interface MeetingPage {
  rows: Meeting[]
  next: MeetingCursor
}

const HIGH = '\uffff'
/** Up to this many orgs a page merges per-org index ranges; past it one walk of all dates. */
const MERGE_MAX_ORGS = 60

function meetingMatcher(filter: MeetingFilter): (meeting: Meeting) => boolean {
  const text = filter.text.trim()
  const orgs = filter.orgIds ? new Set(filter.orgIds) : null
  return (meeting) =>
    (!orgs || orgs.has(meeting.orgId)) &&
    (!filter.type || meeting.type === filter.type) &&
    (!text || meeting.topic.includes(text))
}

/** One org's meetings in the date range, newest first, below the cursor. */
function orgRange(orgId: string, filter: MeetingFilter, after: MeetingCursor) {
  const lower = [orgId, filter.from || '', '']
  const upper = after ? [orgId, ...after] : [orgId, filter.to || HIGH, HIGH]
  return getDb()
    .meetings.where('[orgId+heldOn+id]')
    .between(lower, upper, true, after === null)
    .reverse()
    .filter(meetingMatcher(filter))
}

/** Every meeting in the date range, newest first, below the cursor. */
function dateRange(filter: MeetingFilter, after: MeetingCursor) {
  const lower = [filter.from || '', '']
  const upper = after ?? [filter.to || HIGH, HIGH]
  return getDb()
    .meetings.where('[heldOn+id]')
    .between(lower, upper, true, after === null)
    .reverse()
    .filter(meetingMatcher(filter))
}

function newestFirst(a: Meeting, b: Meeting): number {
  return b.heldOn.localeCompare(a.heldOn) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

/**
 * One page of meetings, newest first, resumed after the cursor: for a few orgs each org's
 * '[orgId+heldOn+id]' range gives its next rows and the pages merge; for many (or all) one
 * walk of '[heldOn+id]' keeps the matching rows. No offset, no whole-table read.
 */
export async function listMeetingsPage(
  filter: MeetingFilter,
  after: MeetingCursor,
  limit: number,
): Promise<MeetingPage> {
  let rows: Meeting[]
  if (filter.orgIds && filter.orgIds.length <= MERGE_MAX_ORGS) {
    const perOrg = await Promise.all(
      filter.orgIds.map((orgId) =>
        orgRange(orgId, filter, after)
          .limit(limit + 1)
          .toArray(),
      ),
    )
    rows = perOrg
      .flat()
      .sort(newestFirst)
      .slice(0, limit + 1)
  } else {
    rows = await dateRange(filter, after)
      .limit(limit + 1)
      .toArray()
  }
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { rows: page, next: rows.length > limit && last ? [last.heldOn, last.id] : null }
}

export async function countMeetingsMatching(filter: MeetingFilter): Promise<number> {
  if (filter.orgIds && filter.orgIds.length <= MERGE_MAX_ORGS) {
    const counts = await Promise.all(
      filter.orgIds.map((orgId) => orgRange(orgId, filter, null).count()),
    )
    return counts.reduce((sum, n) => sum + n, 0)
  }
  return dateRange(filter, null).count()
}

/** Every matching meeting (the Excel export), newest first. */
export async function listMeetingsMatching(filter: MeetingFilter): Promise<Meeting[]> {
  if (filter.orgIds && filter.orgIds.length <= MERGE_MAX_ORGS) {
    const perOrg = await Promise.all(
      filter.orgIds.map((orgId) => orgRange(orgId, filter, null).toArray()),
    )
    return perOrg.flat().sort(newestFirst)
  }
  return dateRange(filter, null).toArray()
}

/** One org's meetings between two dates (the calendar's month), through '[orgId+heldOn]'. */
export async function listMeetingsOfOrg(
  orgId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<Meeting[]> {
  return getDb()
    .meetings.where('[orgId+heldOn]')
    .between([orgId, from], [orgId, to], true, true)
    .toArray()
}

// ─── Compliance reads ───────────────────────────────────────────────────────

/** The orgs asked for organisational life among `orgIds` (null = all), with their groups. */
export async function listComplianceOrgs(orgIds: readonly string[] | null): Promise<Org[]> {
  const db = getDb()
  const orgs = orgIds
    ? (await db.orgs.bulkGet([...orgIds])).filter((org): org is Org => !!org)
    : // One equality range per type: `anyOf` would walk 15,000 orgs a cursor step at a time.
      (
        await Promise.all(
          ASKED_ORG_TYPES.map((type) => db.orgs.where('type').equals(type).toArray()),
        )
      ).flat()
  return orgs
    .filter((org) => ASKED_ORG_TYPES.includes(org.type))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/** What compliance needs of some orgs: their committee, dates, and whether they have groups. */
export async function toComplianceOrgs(orgs: readonly Org[]): Promise<ComplianceOrg[]> {
  const withGroups = new Set(
    (await readPartyGroupsOf(orgs.map((org) => org.id))).map((group) => group.orgId),
  )
  return orgs.map((org) => ({
    id: org.id,
    type: org.type,
    committee: org.committee,
    foundedOn: org.foundedOn,
    dissolvedOn: org.dissolvedOn,
    hasGroups: withGroups.has(org.id),
  }))
}

/**
 * The meetings of some orgs between two dates, read org by org through '[orgId+heldOn]'
 * ranges only (never the whole table), as the small facts compliance counts.
 */
export async function listMeetingFactsOfOrgs(
  orgIds: readonly string[],
  from: IsoDate,
  to: IsoDate,
): Promise<MeetingFact[]> {
  const db = getDb()
  return db.transaction('r', db.meetings, async () => {
    const perOrg = await Promise.all(
      orgIds.map((orgId) =>
        db.meetings
          .where('[orgId+heldOn]')
          .between([orgId, from], [orgId, to], true, true)
          .toArray(),
      ),
    )
    return perOrg.flat().map(({ orgId, type, heldOn, status }) => ({ orgId, type, heldOn, status }))
  })
}

/**
 * The meetings of every org in the last ended month / quarter / year of each type, through
 * '[type+heldOn]' ranges: what the department's 待办 needs without reading older meetings.
 */
export async function listMeetingFactsOfLastPeriods(today: IsoDate): Promise<MeetingFact[]> {
  const db = getDb()
  const perType = await Promise.all(
    MEETING_TYPES.map((type) => {
      const period = previousPeriod(MEETING_REQUIREMENTS[type].frequency, today)
      return db.meetings
        .where('[type+heldOn]')
        .between([type, period.start], [type, period.end], true, true)
        .toArray()
    }),
  )
  return perType.flat().map(({ orgId, type, heldOn, status }) => ({ orgId, type, heldOn, status }))
}

export interface ComplianceBoardData {
  orgs: Org[]
  rows: BoardRow[]
}

/**
 * The compliance board for some orgs over some months ('YYYY-MM', oldest first): the orgs,
 * their groups and the '[orgId+heldOn]' ranges covering whole years around the months, then the
 * pure domain board. This is the function the benchmark times (100 orgs × 12 months).
 */
export async function readComplianceBoard(
  orgIds: readonly string[],
  months: readonly string[],
  today: IsoDate,
  types: readonly MeetingType[] = MEETING_TYPES,
  settings?: Settings,
): Promise<ComplianceBoardData> {
  const db = getDb()
  const first = months[0] ?? today.slice(0, 7)
  const last = months.at(-1) ?? first
  const [orgs, rules] = await Promise.all([
    db.orgs.bulkGet([...orgIds]),
    settings ? Promise.resolve(settings) : readSettings(),
  ])
  const present = orgs.filter((org): org is Org => !!org)
  const [complianceOrgs, facts] = await Promise.all([
    toComplianceOrgs(present),
    listMeetingFactsOfOrgs(
      present.map((org) => org.id),
      `${first.slice(0, 4)}-01-01`,
      `${last.slice(0, 4)}-12-31`,
    ),
  ])
  return {
    orgs: present,
    rows: complianceBoard(complianceOrgs, facts, months, rules, today, types),
  }
}

/** The party groups of an org, for the 党小组会 picker. */
export async function listPartyGroupsOfOrg(orgId: string): Promise<PartyGroup[]> {
  return getDb().partyGroups.where('orgId').equals(orgId).toArray()
}
