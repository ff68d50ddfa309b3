import Dexie, { type Table } from 'dexie'

/**
 * Half-typed forms, kept on this device as they are typed (a meeting logged on a phone right
 * after it: a call or a locked screen must lose nothing). A database of its own, apart from
 * `zhibu`: a draft is not a record yet, so it is never replicated, exchanged, backed up,
 * audited or counted, and it holds Blobs (camera photos) as they are, which localStorage
 * cannot. A saved record clears its draft.
 */
export const DRAFTS_DB_NAME = 'zhibu-drafts'

export interface DraftEntry<T = unknown> {
  /** What the draft is of, e.g. 'meeting:new'. */
  key: string
  /** When it was last kept (this device's clock: shown to the user, decides nothing). */
  savedAt: string
  value: T
}

class DraftsDb extends Dexie {
  drafts!: Table<DraftEntry, string>
  constructor() {
    super(DRAFTS_DB_NAME)
    this.version(1).stores({ drafts: 'key' })
  }
}

let current: DraftsDb | null = null
const drafts = (): Table<DraftEntry, string> => (current ??= new DraftsDb()).drafts

export async function readDraft<T>(key: string): Promise<DraftEntry<T> | undefined> {
  return (await drafts().get(key)) as DraftEntry<T> | undefined
}

/** Keep `value` (structured-cloneable: plain data and Blobs) as the draft under `key`. */
export async function writeDraft<T>(key: string, value: T, savedAt: string): Promise<void> {
  await drafts().put({ key, savedAt, value })
}

export async function discardDraft(key: string): Promise<void> {
  await drafts().delete(key)
}
