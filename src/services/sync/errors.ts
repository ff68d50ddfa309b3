/**
 * What went wrong talking to the server, as codes the UI puts in words (`sync.errors.<code>`).
 * The English message is for logs and the command line.
 */
export const SYNC_ERROR_CODES = [
  /** No answer: no network, the server is down or restarting, the connection dropped. */
  'offline',
  /** Not signed in, or the session expired: sign in again (nothing is lost meanwhile). */
  'unauthorized',
  /** Wrong name or password at sign-in. */
  'badCredentials',
  /** Signed in, but this account's roles do not open this database (another branch's). */
  'forbidden',
  /** The database does not exist: the department's setup has not created it. */
  'notFound',
  /** The server answered with an error of its own (5xx) or something that is not CouchDB. */
  'server',
  /** The server refused the request as malformed (4xx other than the above). */
  'badRequest',
  /** This device could not read or store the records (its store failed: disk full, closed). */
  'local',
  /** Stopped by the app (sign-out, page closed). */
  'aborted',
] as const
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number]

/** Codes after which the app retries by itself; the others wait for the user. */
export const RETRYABLE_CODES: ReadonlySet<SyncErrorCode> = new Set(['offline', 'server'])

export class SyncError extends Error {
  readonly code: SyncErrorCode
  /** The HTTP status, 0 when there was no answer. */
  readonly status: number
  /** The database the request was for, '' for the server itself. */
  readonly database: string

  constructor(code: SyncErrorCode, message: string, status = 0, database = '') {
    super(message)
    this.name = 'SyncError'
    this.code = code
    this.status = status
    this.database = database
  }

  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code)
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError
}

/** A caller's abort (not a timeout of ours) is not an error to report. */
export function isAbort(error: unknown): boolean {
  return (
    (error instanceof SyncError && error.code === 'aborted') ||
    (error instanceof DOMException && error.name === 'AbortError')
  )
}
