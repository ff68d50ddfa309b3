/**
 * The data layer — Dexie, the schema, the middlewares and the repositories, ~53 kB of gzip —
 * as a chunk of its own. The shell and the first route paint without it: what they read, they
 * read through `loadDb()` (useLiveQuery hands its query the loaded module), so the browser
 * parses the app's first screen before it parses the database code. Every later route imports
 * `@/db` statically and finds the same module already loaded.
 */
export type DataLayer = typeof import('@/db')

let pending: Promise<DataLayer> | null = null
let markWanted: () => void = () => undefined
const firstWanted = new Promise<void>((resolve) => {
  markWanted = resolve
})

export function loadDb(): Promise<DataLayer> {
  markWanted()
  pending ??= import('@/db')
  return pending
}

/**
 * The data layer, once something has asked for it through `loadDb()` (a page's query, the
 * router's first-run guard on any page but the welcome page, a welcome choice). The shell's background work (the actor,
 * the daily upkeep, the database guard) waits for this: the welcome page of a new device
 * fetches and runs no database code before the user makes a choice.
 */
export function whenDbLoaded(): Promise<DataLayer> {
  return firstWanted.then(loadDb)
}
