/**
 * The replicated tables (every record table: the one list is domain/recordTables.ts, a new
 * table joins there), and the bookkeeping tables replication keeps beside them. Imports
 * nothing of db/: schema.ts and the middlewares both read it.
 */
export { RECORD_TABLES, type RecordTable } from '@/domain/recordTables'

/**
 * Replication state (schema v3): deleted winners, the other leaves of a record, old
 * revision bodies (common ancestors, what a merge replaced) and where records moved from.
 * They go wherever the records go (backups, snapshots), and are cleared with them.
 */
export const REPLICATION_TABLES = ['tombstones', 'leaves', 'revisionBodies', 'moves'] as const
export type ReplicationTable = (typeof REPLICATION_TABLES)[number]

/**
 * This device's sync bookkeeping (schema v4): its changes feed and its checkpoints. Facts
 * about this device, not data: never in a backup or a package, never restored.
 */
export const DEVICE_TABLES = ['syncChanges', 'syncState'] as const
export type DeviceTable = (typeof DEVICE_TABLES)[number]
