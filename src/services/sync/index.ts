/** Live sync with a CouchDB server: the HTTP client, the server's databases, the replicator. */
export * from './types'
export * from './errors'
export {
  CouchClient,
  isPlainHttpBeyondLoopback,
  normaliseServerUrl,
  type SessionInfo,
} from './http'
export { RemoteDatabase, type DatabaseInfo } from './remote'
export { LOWEST_SEQ, replicationId, seqNumber, startingSeq } from './checkpoint'
export { Replication, type ReplicationOptions, type ReplicationProgress } from './replicate'
export { LiveSync, type LiveSyncOptions, type SyncState, type SyncStatus } from './live'
export * from './names'
export { DeviceStore, type DeviceStoreOptions } from './deviceStore'
export {
  DeviceSync,
  idleWaitMs,
  type DeviceSyncOptions,
  type DeviceSyncStatus,
  type SyncTarget,
  type TargetState,
  type TargetStatus,
} from './deviceSync'
