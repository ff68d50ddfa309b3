import { ElButton, ElNotification } from 'element-plus'
import { h } from 'vue'
import { useI18n } from 'vue-i18n'
import { registerSW } from 'virtual:pwa-register'

/**
 * Register the service worker that keeps the app usable offline. A new version is
 * announced ("有新版本，刷新") and waits for the user's click: reloading on its own could
 * throw away a form being filled in.
 */
export function useAppUpdate(): void {
  const { t } = useI18n()
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const update = registerSW({
    onNeedRefresh() {
      const notice = ElNotification({
        title: t('backup.offline.newVersion'),
        message: h('div', [
          h('p', { style: 'margin: 0 0 8px' }, t('backup.offline.newVersionText')),
          h(
            ElButton,
            {
              type: 'primary',
              size: 'small',
              'data-testid': 'app-refresh',
              onClick: () => {
                notice.close()
                void update(true)
              },
            },
            () => t('backup.offline.refresh'),
          ),
        ]),
        type: 'info',
        duration: 0,
        customClass: 'zb-update-notice',
      })
    },
  })
}
