import { ElMessage } from 'element-plus'
import { onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import { whenDbLoaded, type DataLayer } from './lazyDb'

/** Rare, so the message box (and the input it brings) is fetched when needed, not on first
 * paint (first paint stays fast); its styles are in main.ts. */
const messageBox = () =>
  import('element-plus/es/components/message-box/index.mjs').then((m) => m.ElMessageBox)

/**
 * The database and the other tabs, said in words:
 * - another tab opened a newer version of the app and upgraded the database: this tab has
 *   let go of it (db/connection.ts), so say so once and offer the refresh, instead of
 *   failing every query after;
 * - this tab is the newer version and its upgrade waits for an older tab to let go: say
 *   which tabs to close, and take the notice away when the upgrade goes on.
 */
export function useDatabaseGuard(): void {
  const { t } = useI18n()
  let disposed = false
  // The data layer loads on the first read (lazyDb.ts); a listener registered while an
  // upgrade is blocked hears it at once (db/connection.ts), so registering then is in time.
  void whenDbLoaded().then((db) => {
    if (!disposed) listen(db)
  })
  onScopeDispose(() => {
    disposed = true
    void whenDbLoaded().then((db) => {
      db.onDatabaseVersionChange(null)
      db.onDatabaseBlocked(null)
    })
  })
  function listen({ onDatabaseBlocked, onDatabaseVersionChange }: DataLayer): void {
    let shown = false
    onDatabaseVersionChange(() => {
      if (shown) return
      shown = true
      void messageBox().then((box) =>
        box
          .alert(t('exchange.db.versionChangeText'), t('exchange.db.versionChange'), {
            type: 'warning',
            confirmButtonText: t('exchange.db.refresh'),
            showClose: false,
            closeOnClickModal: false,
            closeOnPressEscape: false,
          })
          .then(() => window.location.reload())
          .catch(() => undefined),
      )
    })
    let waiting = false
    onDatabaseBlocked((state) => {
      if (state === 'blocked') {
        waiting = true
        void messageBox().then((box) => {
          // The upgrade may have gone on while the box was being fetched.
          if (!waiting) return
          box
            .alert(t('exchange.db.blockedText'), t('exchange.db.blocked'), {
              type: 'warning',
              showConfirmButton: false,
              showClose: false,
              closeOnClickModal: false,
              closeOnPressEscape: false,
            })
            .catch(() => undefined)
        })
        return
      }
      if (!waiting) return
      waiting = false
      void messageBox().then((box) => box.close())
      ElMessage.success(t('exchange.db.resumed'))
    })
  }
}
