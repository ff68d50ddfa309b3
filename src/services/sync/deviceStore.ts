/**
 * This device's records as the replicator's LocalStore for one server database: the
 * database's own feed (db/ keeps it in every write transaction), revs_diff against the
 * records' leaves, and incoming revisions merged as packages are (ancestry, then the scope
 * check by this device's org tree, one transaction each batch).
 */
import {
  feedRevsDiff,
  onFeedChange,
  readFeed,
  readFeedDocs,
  readSyncCheckpoint,
  writeFeedDocs,
  writeSyncCheckpoint,
} from '@/db'
import { SyncError } from './errors'
import type {
  ChangesBatch,
  Checkpoint,
  LocalStore,
  RevisionDoc,
  RevisionRequest,
  RevsDiff,
  Seq,
  WriteRefusal,
} from './types'

export interface DeviceStoreOptions {
  /** This device's id (meta deviceId): part of the store's name, so checkpoints are its own. */
  deviceId: string
  /** The org whose database this is, or '' for the department's register. */
  orgId: string
  /** The server database's name. */
  database: string
}

/** A failure of this device's own database, in the sync's words (code `local`). */
async function local<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof SyncError) throw error
    const why = error instanceof Error ? error.message : String(error)
    throw new SyncError('local', `This device could not read or store the records: ${why}`)
  }
}

export class DeviceStore implements LocalStore {
  readonly name: string
  readonly orgId: string
  readonly database: string

  constructor(options: DeviceStoreOptions) {
    this.name = `zhibu-device-${options.deviceId}/${options.database}`
    this.orgId = options.orgId
    this.database = options.database
  }

  onChange(listener: () => void): () => void {
    return onFeedChange(listener)
  }

  changes(since: Seq, limit: number): Promise<ChangesBatch> {
    const after = typeof since === 'number' ? since : Number.parseInt(String(since), 10) || 0
    return local(() => readFeed(this.orgId, after, limit))
  }

  revsDiff(revs: Record<string, string[]>): Promise<RevsDiff> {
    return local(() => feedRevsDiff(revs))
  }

  readRevisions(requests: RevisionRequest[]): Promise<RevisionDoc[]> {
    return local(() => readFeedDocs(requests)) as Promise<RevisionDoc[]>
  }

  writeRevisions(docs: RevisionDoc[]): Promise<WriteRefusal[]> {
    return local(() => writeFeedDocs(this.orgId, this.database, docs))
  }

  async readCheckpoint(replicationId: string): Promise<Checkpoint | null> {
    return (await local(() => readSyncCheckpoint(replicationId))) as Checkpoint | null
  }

  writeCheckpoint(replicationId: string, checkpoint: Checkpoint): Promise<void> {
    return local(() => writeSyncCheckpoint(replicationId, checkpoint))
  }
}
