import { ElMessage } from 'element-plus'
import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useConfirmDanger } from './useConfirmDanger'
import { todayIso } from '@/domain/dates'
import { duesWrites, rowState, type Register } from './useDues'
import type { useWrite } from './useWrite'

/**
 * The register page's two whole-month actions: 全部按应交已交 after a confirmation, and the
 * Excel export (the ID number masked, the base only when asked for), each through the page's
 * write wrapper so busy state and errors are shown once.
 */
export function useDuesActions(
  register: Ref<Register | null>,
  orgId: Ref<string>,
  month: Ref<string>,
  includeBase: Ref<boolean>,
  write: ReturnType<typeof useWrite>,
) {
  const { t } = useI18n()
  const confirmDanger = useConfirmDanger()

  async function recordMonth(): Promise<void> {
    const date = todayIso()
    const ok = await confirmDanger(t('dues.bulkConfirm', { month: month.value, date }), {
      title: t('dues.bulk'),
      confirm: t('dues.bulk'),
    })
    if (!ok) return
    const result = await write.run(() => duesWrites.recordMonth(orgId.value, month.value, date))
    if (!result) return
    ElMessage.success(t('dues.bulkDone', { n: result.recorded }))
    if (result.withoutBase.length > 0) {
      ElMessage.warning({
        message: t('dues.bulkWithoutBase', { names: result.withoutBase.join('、') }),
        duration: 8000,
      })
    }
  }

  async function exportMonth(): Promise<void> {
    const current = register.value
    if (!current) return
    const file = await write.run(() =>
      duesWrites.exportRegister(
        current,
        {
          headers: ['name', 'idNumber', 'category', 'due', 'paid', 'paidOn', 'receiptNo', 'state']
            .map((c) => t(`dues.col.${c}`))
            .concat(t('dues.dialog.note')),
          baseHeader: t('dues.col.base'),
          category: (row) => (row.terms ? t(`dues.category.${row.terms.category}`) : ''),
          state: (row) => t(`dues.state.${rowState(row)}`),
          sheetName: t('dues.sheet.name'),
          fileName: t('dues.sheet.file'),
        },
        includeBase.value,
      ),
    )
    if (file) ElMessage.success(t('dues.exported', { file }))
  }

  return { recordMonth, exportMonth }
}
