/**
 * Whether this origin holds no IndexedDB database at all: a brand-new device, told by the
 * browser without opening one, so the welcome page needs neither Dexie nor the schema. False
 * where the browser cannot tell (no `indexedDB.databases`): then the caller asks the data.
 */
export async function noDatabaseYet(): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false
  try {
    return (await indexedDB.databases()).length === 0
  } catch {
    return false
  }
}
