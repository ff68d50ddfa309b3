import { onScopeDispose } from 'vue'
import { useI18n } from 'vue-i18n'
import { onDatabaseVersionChange } from '@/db'

/**
 * Another tab opened a newer version of the app and upgraded the database: this tab has let
 * go of it (db/connection.ts), so say so once and offer the refresh, instead of failing
 * every query after.
 */
export function useDatabaseGuard(): void {
  const { t } = useI18n()
  let shown = false
  onDatabaseVersionChange(() => {
    if (shown) return
    shown = true
    // Rare, so the message box (and the input it brings) is fetched when needed, not on first
    // paint (first paint stays fast); its styles are in main.ts.
    void import('element-plus/es/components/message-box/index.mjs').then(({ ElMessageBox }) =>
      ElMessageBox.alert(t('exchange.db.versionChangeText'), t('exchange.db.versionChange'), {
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
  onScopeDispose(() => onDatabaseVersionChange(null))
}
