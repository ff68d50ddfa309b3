/** DOMException's legacy code for QUOTA_EXCEEDED_ERR (older engines set only the code). */
const QUOTA_CODE = 22

/** The errors an error carries: Dexie's `inner`, ES2022 `cause`, a bulk write's failures. */
function carried(error: object): unknown[] {
  const { inner, cause, failures, errors } = error as {
    inner?: unknown
    cause?: unknown
    failures?: unknown
    errors?: unknown
  }
  const list: unknown[] = [inner, cause]
  // Dexie's BulkError and ModifyError: an array (or an object by position) of failures.
  if (failures && typeof failures === 'object') list.push(...Object.values(failures))
  // AggregateError, and Dexie's own copy of it.
  if (Array.isArray(errors)) list.push(...errors)
  return list.filter((e) => e !== undefined && e !== null)
}

function findError(error: unknown, test: (e: object) => boolean): boolean {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  // Bounded: a failed bulk write of many rows carries one error per row.
  while (queue.length > 0 && seen.size < 1_000) {
    const e = queue.shift()
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    if (test(e)) return true
    queue.push(...carried(e))
  }
  return false
}

/**
 * A write refused because the browser's storage for the site is full. IndexedDB reports it
 * as a QuotaExceededError (a DOMException), which Dexie passes on in several wrappings: its
 * own QuotaExceededError, an AbortError of the transaction with the original as `inner`, a
 * BulkError or ModifyError listing it among `failures`. The transaction is aborted, so
 * nothing of it was written and nothing written before is touched.
 */
export function isQuotaExceeded(error: unknown): boolean {
  return findError(error, (e) => {
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown }
    return (
      name === 'QuotaExceededError' ||
      (e instanceof DOMException && code === QUOTA_CODE) ||
      // Dexie's AbortError names its inner error in its message; the inner one may be lost
      // on the way (a worker passes messages, not error objects).
      (typeof message === 'string' && message.includes('QuotaExceededError'))
    )
  })
}

/**
 * A read or write refused because this tab let go of the database: another tab opened a
 * newer version (connection.ts closes this one for good). Only a reload helps.
 */
export function isDatabaseClosed(error: unknown): boolean {
  return findError(error, (e) => (e as { name?: unknown }).name === 'DatabaseClosedError')
}
