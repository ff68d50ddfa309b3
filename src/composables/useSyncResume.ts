/** Where /data/sync keeps the server's address and the account (never the password). */
export const SYNC_STORAGE_KEY = 'zhibu.sync'

/**
 * At app start: a device set up for sync picks it up again (a closed tab, a reload); its
 * code loads only then, so the first page of a device that never syncs carries none of it.
 */
export function useSyncResume(): void {
  if (localStorage.getItem(SYNC_STORAGE_KEY) === null) return
  void import('./useSync').then(({ useSync }) => useSync().resume())
}
