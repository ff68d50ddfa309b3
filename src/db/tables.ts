/**
 * The one list of replicated tables (every record table; a new one joins here and gets
 * revisions, tombstones and exchange with no other change), and the bookkeeping tables
 * replication keeps beside them. No imports: schema.ts and the middlewares both read it.
 */
export const RECORD_TABLES = [
  'areas',
  'firms',
  'orgs',
  'partyGroups',
  'members',
  'transfers',
  'dues',
  'meetings',
  'photos',
  'constituents',
  'jointMeetings',
  'issues',
  'studyRecords',
] as const
export type RecordTable = (typeof RECORD_TABLES)[number]

/**
 * Replication state (schema v3): deleted winners, the other leaves of a record, old
 * revision bodies (common ancestors, what a merge replaced) and where records moved from.
 * They go wherever the records go (backups, snapshots), and are cleared with them.
 */
export const REPLICATION_TABLES = ['tombstones', 'leaves', 'revisionBodies', 'moves'] as const
export type ReplicationTable = (typeof REPLICATION_TABLES)[number]
