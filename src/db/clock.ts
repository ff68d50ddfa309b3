/**
 * Who writes and when, for the audit trail and tombstones. A module of its own (connection.ts
 * re-exports it) so the DBCore middlewares can read it without importing the database class.
 */
let actor = '系统'

/** Who is writing, recorded in the audit log (the session's role and name). */
export function setActor(name: string): void {
  actor = name
}

export function getActor(): string {
  return actor
}

/** Clock seam so tests can pin time; the audit trail must be honest about when. */
let clock: () => Date = () => new Date()

let last = 0

export function setClock(next: () => Date): void {
  clock = next
  last = 0
}

/**
 * Strictly increasing within this tab: two writes in the same millisecond still get
 * ordered timestamps, so a record's trail sorts in the order it happened.
 */
export function nowIso(): string {
  last = Math.max(clock().getTime(), last + 1)
  return new Date(last).toISOString()
}
