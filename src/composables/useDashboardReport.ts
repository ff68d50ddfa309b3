import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import type { DashboardScope } from '@/db'
import type { DashboardFigures } from './useDashboard'

export interface ReportInput {
  areaName: string
  asOf: string
  scope: DashboardScope
  data: DashboardFigures
}

/** Export the current view's figures; the report's code and exceljs come on the click. */
export function useDashboardReport() {
  const { t } = useI18n()
  const busy = ref(false)
  async function exportXlsx(input: ReportInput): Promise<void> {
    busy.value = true
    try {
      const { exportReport } = await import('./dashboardReport')
      const result = await exportReport(t, input)
      ElMessage.success(t('dashboardX.report.exported', { file: result.fileName }))
    } catch (error) {
      console.error(error)
      ElMessage.error(t('dashboardX.report.exportFailed'))
    } finally {
      busy.value = false
    }
  }
  return { busy: computed(() => busy.value), exportXlsx }
}
