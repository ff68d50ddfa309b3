/**
 * Whether this origin holds no IndexedDB database at all: a brand-new device, told by the
 * browser without opening one, so the welcome page needs neither Dexie nor the schema. False
 * where the browser cannot tell (no `indexedDB.databases`): then the caller asks the data.
 */
export async function noDatabaseYet(): Promise<boolean> {
  // Once a database is seen it stays for this page's life: the router asks on every navigation.
  if (seen) return false
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false
  try {
    seen = (await indexedDB.databases()).length > 0
    return !seen
  } catch {
    return false
  }
}

let seen = false

/**
 * Set while the app is past the welcome page on this device. index.html's inline script reads
 * this key before the first paint: unset, it paints the welcome page; set, the app shell.
 */
export const PAST_WELCOME_KEY = 'zhibu.returning'

/** Records whether the route just allowed is past the welcome page (storage may refuse). */
export function rememberPastWelcome(past: boolean, storage: Storage = localStorage): void {
  try {
    if (past) storage.setItem(PAST_WELCOME_KEY, '1')
    else storage.removeItem(PAST_WELCOME_KEY)
  } catch {
    // Private modes may refuse storage: the next visit then paints the welcome page first.
  }
}
