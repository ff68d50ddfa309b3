import { ZhibuDb } from './schema'

let current: ZhibuDb | null = null

let versionChangeListener: (() => void) | null = null

/**
 * What to do when another tab opens the database with a newer schema version: the app shows
 * "please refresh" (db/ knows no UI, so the app registers the callback).
 */
export function onDatabaseVersionChange(listener: (() => void) | null): void {
  versionChangeListener = listener
}

/** 'blocked': this tab's upgrade waits for an older tab to let go; 'resumed': it went on. */
export type UpgradeState = 'blocked' | 'resumed'

let blockedListener: ((state: UpgradeState) => void) | null = null
let blockedNow = false

/**
 * What to do when this tab's newer version cannot open the database because another tab
 * still holds the older one open (IndexedDB's 'blocked'), and when the upgrade goes on. A
 * listener registered while it is blocked (the first read may run before the app mounts)
 * hears 'blocked' at once.
 */
export function onDatabaseBlocked(listener: ((state: UpgradeState) => void) | null): void {
  blockedListener = listener
  if (listener && blockedNow) listener('blocked')
}

const guarded = new WeakSet<ZhibuDb>()

/**
 * Several tabs share one database safely: IndexedDB serialises their transactions. A tab
 * with a newer schema version asks the others to let go; this one closes for good (Dexie's
 * own handler would reopen it on the next query with the old version, and every query
 * would then fail) and says so once, instead of breaking under the user.
 */
function guard(db: ZhibuDb): ZhibuDb {
  if (guarded.has(db)) return db
  guarded.add(db)
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    if (!event.newVersion) return
    // After Dexie's own handler, which closes but leaves auto-open on.
    void Promise.resolve().then(() => db.close({ disableAutoOpen: true }))
    versionChangeListener?.()
  })
  db.on('blocked', (event: IDBVersionChangeEvent) => {
    // A delete that waits (the tests' clean-up) is no upgrade the user can help.
    if (!event.newVersion || event.newVersion < event.oldVersion) return
    if (blockedNow) return
    blockedNow = true
    blockedListener?.('blocked')
    const resumed = () => {
      blockedNow = false
      blockedListener?.('resumed')
    }
    // Fires once when the open that was blocked succeeds.
    db.on('ready', resumed)
  })
  return db
}

/** The app's database, opened on first use. */
export function getDb(): ZhibuDb {
  current ??= guard(new ZhibuDb())
  return current
}

/** Swap the database (tests open a fresh one per test; a restore may reopen). */
export function setDb(db: ZhibuDb): void {
  current = guard(db)
}

/** The name of the database in use: a worker opens the same one by it. */
export function databaseName(): string {
  return getDb().name
}

/** Use the database of this name (a worker, given the page's); the one open stays if it is it. */
export function switchDatabase(name: string): void {
  if (getDb().name !== name) setDb(new ZhibuDb(name))
}

/** Close the database in use (a worker, when its operation is done). */
export function closeDatabase(): void {
  getDb().close()
}

export { getActor, nowIso, setActor, setClock } from './clock'

/**
 * A UUIDv7 (RFC 9562): 48 bits of milliseconds, then 74 random bits. Unique across devices
 * like a v4, but new keys land at the end of the primary index: the benchmark measured
 * writes falling from ~1,100 to ~240 records/s past 200k records with random v4 keys, and
 * holding 740–990/s with time-ordered ones (bench/README.md).
 */
export function newId(now: number = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const time = BigInt(now)
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(40 - 8 * i)) & 0xffn)
  bytes[6] = 0x70 | (bytes[6]! & 0x0f)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
