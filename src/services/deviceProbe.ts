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
