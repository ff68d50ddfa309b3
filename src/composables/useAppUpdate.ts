import { ElButton } from 'element-plus'
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
    // The notice (and its styles, which nothing else imports) is fetched only when it shows.
    async onNeedRefresh() {
      const [{ ElNotification }] = await Promise.all([
        import('element-plus/es/components/notification/index.mjs'),
        import('element-plus/theme-chalk/el-notification.css'),
      ])
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
