/**
 * A write refused because the browser's storage for the site is full. IndexedDB reports it
 * as a QuotaExceededError (a DOMException), which Dexie passes on as its own error with the
 * original as `inner`; the transaction is aborted, so nothing of it was written and nothing
 * written before is touched.
 */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name
    if (name === 'QuotaExceededError') return true
    e = (e as { inner?: unknown }).inner
  }
  return false
}
