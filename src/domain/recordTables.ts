/**
 * The one list of replicated record tables: each gets revisions, tombstones, exchange and
 * backup with no other change (db/tables.ts and the exchange rules read it from here).
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
