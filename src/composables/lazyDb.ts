/**
 * The data layer — Dexie, the schema, the middlewares and the repositories, ~53 kB of gzip —
 * as a chunk of its own. The shell and the first route paint without it: what they read, they
 * read through `loadDb()` (useLiveQuery hands its query the loaded module), so the browser
 * parses the app's first screen before it parses the database code. Every later route imports
 * `@/db` statically and finds the same module already loaded.
 */
export type DataLayer = typeof import('@/db')

let pending: Promise<DataLayer> | null = null

export function loadDb(): Promise<DataLayer> {
  pending ??= import('@/db')
  return pending
}
