import Dexie, { type Table } from 'dexie'
import type { Tally } from '@/domain/tallies'
import type { DuesTally } from '@/domain/duesTallies'
import { duesTalliesMiddleware } from './duesTallies'
import { upgradeToV2, upgradeToV4, upgradeToV5, upgradeToV6 } from './migrations'
import { nameTokensMiddleware } from './nameTokens'
import { revisionsMiddleware } from './revisions'
import { syncFeedMiddleware } from './syncFeed'
import { talliesMiddleware } from './tallies'
import { DEVICE_TABLES, RECORD_TABLES, REPLICATION_TABLES, type RecordTable } from './tables'
import type {
  Area,
  AuditEntry,
  Constituent,
  Dues,
  Firm,
  Issue,
  JointMeeting,
  LeafRecord,
  Meeting,
  Member,
  MetaEntry,
  MoveMark,
  Org,
  PartyGroup,
  Photo,
  RecycleEntry,
  RevisionBody,
  Setting,
  StudyRecord,
  Tombstone,
  Transfer,
} from '@/domain/types'
import type { SyncChange, SyncStateRow } from './syncFeed'

export const DB_NAME = 'zhibu'

/**
 * Version 1 indexes, by the query that needs them:
 * - `[x+name]` / `[x+heldOn]` compound indexes give keyset pages inside one parent.
 * - `areaPath` / `path` ranges select an area and everything under it.
 * - `*hostFirmIds`, `*attendeeIds` are multi-entry: "which org covers this firm",
 *   "which meetings did this member attend".
 * Later versions add blocks below; never edit a released block (the upgrade() bodies, in
 * migrations.ts, call pure, tested functions in domain/).
 */
export const SCHEMA_V1 = {
  areas: 'id, parentId, path, [parentId+sortOrder]',
  // Keyset pages: every list index ends in the primary key, so a page resumes exactly
  // after its last row even when names repeat.
  firms:
    'id, &creditCode, name, areaId, areaPath, registeredOn, closedOn, updatedAt, *nameTokens, [name+id], [areaPath+name+id], [industry+name+id], [sizeClass+name+id], [orgStatus+name+id]',
  orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name]',
  partyGroups: 'id, orgId',
  members:
    'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, [orgId+name], [orgId+stage], [stage+name], [status+name]',
  transfers: 'id, memberId, status, issuedOn, fromOrgId, toOrgId',
  dues: 'id, memberId, [orgId+month], [memberId+month]',
  meetings:
    'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn]',
  photos: 'id, meetingId',
  constituents: 'id, committeeId, orgId, sector',
  jointMeetings: 'id, committeeId, heldOn, [committeeId+heldOn]',
  issues:
    'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn]',
  studyRecords:
    'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn]',
  settings: 'key',
  auditLog: 'id, at, recordId, table, [table+at]',
  recycleBin: 'id, deletedAt, table, recordId',
  meta: 'key',
} as const

/**
 * Version 2 (changes only; Dexie keeps the other tables as they were):
 * - members: keyset pages of a roster ([orgId+name+id] and its stage/status variants end in
 *   the primary key), and `lastAttendedOn` (derived, attendance.ts) for the six-month alarm.
 * - meetings: keyset pages of an org's meetings and of all meetings, newest first.
 * - issues / studyRecords: the problem list by status, study records by org and pending
 *   confirmation.
 * - tallies (new): today's coverage counts, kept by db/tallies.ts in every write
 *   transaction; derived, so never backed up or exchanged, rebuilt from the records.
 */
export const SCHEMA_V2_CHANGES = {
  members:
    'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
  meetings:
    'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
  issues:
    'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
  studyRecords:
    'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
  tallies: 'key',
} as const

export const SCHEMA_V2 = { ...SCHEMA_V1, ...SCHEMA_V2_CHANGES }

/**
 * Version 3 (replication, db/revisions.ts): new tables only, so opening a province database
 * rewrites no record. A record stored before v3 has no `_rev` and counts as the first
 * revision of its content until it is next written.
 * - tombstones: a deleted record's winning revision; `*orgIds` (its org and the orgs above)
 *   picks those in a package's scope.
 * - leaves: a record's other leaves; `[state+id]` pages through the open conflicts.
 * - revisionBodies: old bodies (common ancestors; what a merge replaced, by `mergeId`).
 * - moves: records that left an org's subtree, by `*orgIds`, so its packages still carry them.
 */
export const SCHEMA_V3_CHANGES = {
  tombstones: 'id, *orgIds, deletedAt',
  leaves: 'id, [state+id]',
  revisionBodies: 'id, mergeId, [mergeId+id]',
  moves: 'id, *orgIds',
} as const satisfies Record<(typeof REPLICATION_TABLES)[number], string>

export const SCHEMA_V3 = { ...SCHEMA_V2, ...SCHEMA_V3_CHANGES }

/**
 * Version 4 (live sync, db/syncFeed.ts): this device's changes feed and sync bookkeeping.
 * - syncChanges: one row per (server database, record) at the record's latest write, with a
 *   local sequence strictly increasing across the device; `[db+seq]` pages one database's
 *   feed by keyset, `doc` finds a record's rows when only its other leaves change.
 * - syncState: the sequence counter and the replication checkpoints (device facts: never in
 *   a backup, never in a package).
 * The upgrade gives every stored record and tombstone its row (migrations.ts upgradeToV4), so the first
 * sync after the upgrade sends what was there.
 */
export const SCHEMA_V4_CHANGES = {
  syncChanges: 'key, [db+seq], doc',
  syncState: 'key',
} as const satisfies Record<(typeof DEVICE_TABLES)[number], string>

export const SCHEMA_V4 = { ...SCHEMA_V3, ...SCHEMA_V4_CHANGES }

/**
 * Version 5 (dues):
 * - dues: the payment record of one member and month takes its full shape (category, base,
 *   due, paid, receipt, corrections: domain/duesRecords.ts upgradeDuesRecord).
 * - duesTallies (new): the kept dues figures (domain/duesTallies.ts), org-month rows by key and
 *   member rows by `clock` (paid through), kept by db/duesTallies.ts in every write
 *   transaction; derived, so never backed up or exchanged, rebuilt from the records.
 */
export const SCHEMA_V5_CHANGES = {
  duesTallies: 'key, clock',
} as const

export const SCHEMA_V5 = { ...SCHEMA_V4, ...SCHEMA_V5_CHANGES }

/**
 * Version 6 (picker search by index):
 * - orgs, members: `*nameTokens`, the two-character pieces of the name (domain/search.ts),
 *   multi-entry like the firms' own, so a picker's search looks up the needle's pieces and
 *   never walks the table. Derived (revisions.ts DERIVED_FIELDS: no content, no revision),
 *   set on every write by db/nameTokens.ts; the upgrade fills it in pages (upgradeToV6).
 */
export const SCHEMA_V6_CHANGES = {
  orgs: `${SCHEMA_V1.orgs}, *nameTokens`,
  members: `${SCHEMA_V2_CHANGES.members}, *nameTokens`,
} as const

export const SCHEMA_V6 = { ...SCHEMA_V5, ...SCHEMA_V6_CHANGES }

export type TableName = keyof typeof SCHEMA_V6
export const SCHEMA_VERSION = 6

export class ZhibuDb extends Dexie {
  areas!: Table<Area, string>
  firms!: Table<Firm, string>
  orgs!: Table<Org, string>
  partyGroups!: Table<PartyGroup, string>
  members!: Table<Member, string>
  transfers!: Table<Transfer, string>
  dues!: Table<Dues, string>
  meetings!: Table<Meeting, string>
  photos!: Table<Photo, string>
  constituents!: Table<Constituent, string>
  jointMeetings!: Table<JointMeeting, string>
  issues!: Table<Issue, string>
  studyRecords!: Table<StudyRecord, string>
  settings!: Table<Setting, string>
  auditLog!: Table<AuditEntry, string>
  recycleBin!: Table<RecycleEntry, string>
  meta!: Table<MetaEntry, string>
  tallies!: Table<Tally, string>
  duesTallies!: Table<DuesTally, string>
  tombstones!: Table<Tombstone, string>
  leaves!: Table<LeafRecord, string>
  revisionBodies!: Table<RevisionBody, string>
  moves!: Table<MoveMark, string>
  syncChanges!: Table<SyncChange, string>
  syncState!: Table<SyncStateRow, string>

  constructor(name = DB_NAME) {
    super(name)
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2_CHANGES).upgrade(upgradeToV2)
    this.version(3).stores(SCHEMA_V3_CHANGES)
    this.version(4).stores(SCHEMA_V4_CHANGES).upgrade(upgradeToV4)
    this.version(5).stores(SCHEMA_V5_CHANGES).upgrade(upgradeToV5)
    this.version(6).stores(SCHEMA_V6_CHANGES).upgrade(upgradeToV6)
    this.use(nameTokensMiddleware)
    this.use(syncFeedMiddleware)
    this.use(talliesMiddleware)
    this.use(duesTalliesMiddleware)
    this.use(revisionsMiddleware)
  }
}

/** The tables that hold the organisation's records (not bookkeeping): tables.ts. */
export { DEVICE_TABLES, RECORD_TABLES, REPLICATION_TABLES, type RecordTable }
RECORD_TABLES satisfies readonly TableName[]
