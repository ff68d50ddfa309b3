/**
 * The one typed door to the data: services and composables import from here. `getDb` is
 * not in it: a read or write outside db/ goes through a repository (the lint block for
 * services forbids the deep `@/db/connection` path). Tests and db/ code import it there.
 */
export {
  databaseName,
  switchDatabase,
  closeDatabase,
  setDb,
  setActor,
  getActor,
  setClock,
  nowIso,
  newId,
  onDatabaseVersionChange,
  onDatabaseBlocked,
  type UpgradeState,
} from './connection'
export { ValidationError, NotFoundError, ConflictError, StaleRevisionError } from './errors'
export { isDatabaseClosed, isQuotaExceeded } from './quota'
export { checkIncomingRecords, knownOnDevice } from './incoming'
export { readDraft, writeDraft, discardDraft, type DraftEntry } from './drafts'
export {
  ZhibuDb,
  DB_NAME,
  SCHEMA_VERSION,
  RECORD_TABLES,
  REPLICATION_TABLES,
  type RecordTable,
  type TableName,
} from './schema'
export * from './repositories/areas'
export * from './repositories/firms'
export * from './repositories/orgs'
export * from './repositories/orgWrites'
export * from './repositories/members'
export * from './repositories/memberWrites'
export * from './repositories/transfers'
export * from './repositories/memberImports'
export * from './repositories/meetings'
export * from './repositories/settings'
export * from './repositories/meta'
export * from './repositories/history'
export * from './repositories/bulk'
export * from './repositories/stats'
/** Re-exported so composables can observe queries without importing Dexie themselves. */
export { liveQuery, type Subscription } from 'dexie'
export * from './repositories/firmStatus'
export * from './repositories/imports'
export * from './repositories/importChoices'
export * from './repositories/tallies'
export * from './repositories/dashboard'
export * from './repositories/dashboardQuality'
export * from './repositories/backup'
export * from './repositories/backupStream'
export * from './repositories/exchange'
export * from './repositories/joint'
export * from './repositories/study'
export * from './repositories/studyImports'
export * from './repositories/todoReads'
export * from './repositories/conflicts'
export * from './repositories/probation'
export * from './repositories/syncStore'
export { REGISTER_DB } from './syncFeed'
export * from './repositories/dues'
export * from './repositories/duesReports'
export * from './repositories/duesImports'
export * from './repositories/erase'
