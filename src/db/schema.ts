import Dexie, { type Table, type Transaction } from 'dexie'
import type { Tally } from '@/domain/tallies'
import type { DuesTally } from '@/domain/duesTallies'
import type { StudyHoursRow } from '@/domain/studyTallies'
import { duesTalliesMiddleware } from './duesTallies'
import { studyTalliesMiddleware } from './studyTallies'
import { upgradeToV2, upgradeToV4, upgradeToV5, upgradeToV6, upgradeToV7 } from './migrations'
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

/** One schema version: the tables it adds or re-indexes, and what its upgrade does. */
export interface SchemaVersion {
  readonly version: number
  /** Changes only: Dexie keeps every table a version does not name as it was. */
  readonly changes: Readonly<Record<string, string>>
  /** Runs once, in the upgrade transaction, when a database older than `version` opens. */
  readonly upgrade?: (tx: Transaction) => Promise<void>
  readonly note: string
}

/**
 * Every schema version, oldest first: the one list the database, the backups of older
 * versions (backup.ts RELEASED_STORES) and the migration test read. A version's `changes`
 * are never edited once released (tests/db/migrations.test.ts holds each version's full
 * stores as literals); a new version is a new entry at the end, with its fixture
 * (src/db/README.md, "Adding a table"). Upgrade bodies live in migrations.ts.
 *
 * Version 1 indexes, by the query that needs them:
 * - `[x+name]` / `[x+heldOn]` compound indexes give keyset pages inside one parent.
 * - `areaPath` / `path` ranges select an area and everything under it.
 * - `*hostFirmIds`, `*attendeeIds` are multi-entry: "which org covers this firm",
 *   "which meetings did this member attend".
 */
export const SCHEMA_VERSIONS = [
  {
    version: 1,
    note: 'The register, the orgs and their members, meetings, joint committees, study.',
    changes: {
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
    },
  },
  /**
   * - members: keyset pages of a roster ([orgId+name+id] and its stage/status variants end in
   *   the primary key), and `lastAttendedOn` (derived, attendance.ts) for the six-month alarm.
   * - meetings: keyset pages of an org's meetings and of all meetings, newest first.
   * - issues / studyRecords: the problem list by status, study records by org and pending
   *   confirmation.
   * - tallies (new): today's coverage counts, kept by db/tallies.ts in every write
   *   transaction; derived, so never backed up or exchanged, rebuilt from the records.
   */
  {
    version: 2,
    note: 'Keyset pages of rosters and meetings, last attendance, the coverage tallies.',
    changes: {
      members:
        'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id]',
      meetings:
        'id, orgId, type, heldOn, status, *attendeeIds, updatedAt, [orgId+heldOn], [orgId+type+heldOn], [type+heldOn], [orgId+heldOn+id], [heldOn+id]',
      issues:
        'id, committeeId, status, raisedOn, dueOn, resolvedOn, *meetingIds, [committeeId+raisedOn], [committeeId+status]',
      studyRecords:
        'id, memberId, orgId, studiedOn, confirmed, [memberId+studiedOn], [orgId+studiedOn], [orgId+studiedOn+id], [orgId+confirmed]',
      tallies: 'key',
    },
    upgrade: upgradeToV2,
  },
  /**
   * Replication (db/revisions.ts): new tables only, so opening a province database rewrites
   * no record. A record stored before v3 has no `_rev` and counts as the first revision of
   * its content until it is next written.
   * - tombstones: a deleted record's winning revision; `*orgIds` (its org and the orgs above)
   *   picks those in a package's scope.
   * - leaves: a record's other leaves; `[state+id]` pages through the open conflicts.
   * - revisionBodies: old bodies (common ancestors; what a merge replaced, by `mergeId`).
   * - moves: records that left an org's subtree, by `*orgIds`, so its packages still carry them.
   */
  {
    version: 3,
    note: 'Replication: tombstones, other leaves, old revision bodies, move marks.',
    changes: {
      tombstones: 'id, *orgIds, deletedAt',
      leaves: 'id, [state+id]',
      revisionBodies: 'id, mergeId, [mergeId+id]',
      moves: 'id, *orgIds',
    } satisfies Record<(typeof REPLICATION_TABLES)[number], string>,
  },
  /**
   * Live sync (db/syncFeed.ts): this device's changes feed and sync bookkeeping.
   * - syncChanges: one row per (server database, record) at the record's latest write, with a
   *   local sequence strictly increasing across the device; `[db+seq]` pages one database's
   *   feed by keyset, `doc` finds a record's rows when only its other leaves change.
   * - syncState: the sequence counter and the replication checkpoints (device facts: never in
   *   a backup, never in a package).
   * The upgrade gives every stored record and tombstone its row, so the first sync after the
   * upgrade sends what was there.
   */
  {
    version: 4,
    note: 'Live sync: the changes feed and the sync state of this device.',
    changes: {
      syncChanges: 'key, [db+seq], doc',
      syncState: 'key',
    } satisfies Record<(typeof DEVICE_TABLES)[number], string>,
    upgrade: upgradeToV4,
  },
  /**
   * Dues:
   * - dues: the payment record of one member and month takes its full shape (category, base,
   *   due, paid, receipt, corrections: domain/duesRecords.ts upgradeDuesRecord).
   * - duesTallies (new): the kept dues figures (domain/duesTallies.ts), org-month rows by key
   *   and member rows by `clock` (paid through), kept by db/duesTallies.ts in every write
   *   transaction; derived, so never backed up or exchanged, rebuilt from the records.
   */
  {
    version: 5,
    note: 'Dues records in their full shape, the kept dues figures.',
    changes: {
      duesTallies: 'key, clock',
    },
    upgrade: upgradeToV5,
  },
  /**
   * Picker search by index:
   * - orgs, members: `*nameTokens`, the two-character pieces of the name (domain/search.ts),
   *   multi-entry like the firms' own, so a picker's search looks up the needle's pieces and
   *   never walks the table. Derived (revisions.ts DERIVED_FIELDS: no content, no revision),
   *   set on every write by db/nameTokens.ts; the upgrade fills it in pages.
   */
  {
    version: 6,
    note: 'The name pieces of orgs and members, for the pickers.',
    changes: {
      orgs: 'id, name, type, parentId, areaPath, *hostFirmIds, foundedOn, dissolvedOn, [parentId+name], [type+name], *nameTokens',
      members:
        'id, name, orgId, firmId, partyGroupId, stage, status, phone, idNumber, birthDate, fullMemberOn, updatedAt, lastAttendedOn, [orgId+stage], [orgId+name+id], [orgId+stage+name+id], [orgId+status+name+id], [name+id], [stage+name+id], [status+name+id], *nameTokens',
    },
    upgrade: upgradeToV6,
  },
  /**
   * - studyHours (new): the kept study hours of each member and calendar year
   *   (domain/studyTallies.ts), by `year`, kept by db/studyTallies.ts in every write
   *   transaction; derived, rebuilt from the records. The department's 待办 reads one year's
   *   rows, not the year's records.
   */
  {
    version: 7,
    note: 'The kept study hours of each member and year.',
    changes: {
      studyHours: 'key, year',
    },
    upgrade: upgradeToV7,
  },
] as const satisfies readonly SchemaVersion[]

/** Every table some version declares (a union over the entries, not only their common keys). */
type TablesOf<T> = T extends unknown ? keyof T : never
export type TableName = TablesOf<(typeof SCHEMA_VERSIONS)[number]['changes']>

/** The current version: the last entry's. */
export const SCHEMA_VERSION: number = Math.max(...SCHEMA_VERSIONS.map((entry) => entry.version))

/** The versions before the current one: a database or a backup file may still be at one. */
export const RELEASED_VERSIONS: readonly number[] = SCHEMA_VERSIONS.filter(
  (entry) => entry.version < SCHEMA_VERSION,
).map((entry) => entry.version)

/**
 * The full stores of a version: every version's changes up to it, the later ones winning,
 * as Dexie itself merges them. Throws for a version the registry does not have.
 */
export function storesAt(version: number): Readonly<Record<string, string>> {
  if (!SCHEMA_VERSIONS.some((entry) => entry.version === version)) {
    throw new RangeError(`no schema version ${version}`)
  }
  const stores: Record<string, string> = {}
  for (const entry of SCHEMA_VERSIONS) {
    if (entry.version <= version) Object.assign(stores, entry.changes)
  }
  return stores
}

/**
 * Declares every version up to `upTo` on a database, each with its upgrade: what the app
 * of that version declared (the migration fixtures are made at an old version this way).
 */
export function declareVersions(db: Dexie, upTo: number = SCHEMA_VERSION): void {
  const entries: readonly SchemaVersion[] = SCHEMA_VERSIONS
  for (const entry of entries) {
    if (entry.version > upTo) continue
    const declared = db.version(entry.version).stores(entry.changes)
    if (entry.upgrade) declared.upgrade(entry.upgrade)
  }
}

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
  studyHours!: Table<StudyHoursRow, string>
  tombstones!: Table<Tombstone, string>
  leaves!: Table<LeafRecord, string>
  revisionBodies!: Table<RevisionBody, string>
  moves!: Table<MoveMark, string>
  syncChanges!: Table<SyncChange, string>
  syncState!: Table<SyncStateRow, string>

  constructor(name = DB_NAME) {
    super(name)
    declareVersions(this)
    this.use(nameTokensMiddleware)
    this.use(syncFeedMiddleware)
    this.use(talliesMiddleware)
    this.use(duesTalliesMiddleware)
    this.use(studyTalliesMiddleware)
    this.use(revisionsMiddleware)
  }
}

/** The tables that hold the organisation's records (not bookkeeping): tables.ts. */
export { DEVICE_TABLES, RECORD_TABLES, REPLICATION_TABLES, type RecordTable }
RECORD_TABLES satisfies readonly TableName[]
