import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'

export interface ConfirmDangerOptions {
  /** The box's title; "请确认" unless the question has a name of its own. */
  title?: string
  /** The confirm button says what it does: "删除" unless told otherwise. */
  confirm?: string
  /** The cancel button; "取消" unless told otherwise ("关闭" where nothing is at stake). */
  cancel?: string
  /** A red confirm button, for what cannot be undone (purging the recycle bin). */
  danger?: boolean
}

/**
 * One question before a destructive or consequential step, asked the same way everywhere:
 * a warning box whose buttons are translated, answered as a boolean (a cancel is an answer,
 * not an error). The confirm button takes the focus, so Enter confirms; Esc, the close
 * button and a click beside the box cancel.
 */
export function useConfirmDanger() {
  const { t } = useI18n()
  return async function confirmDanger(
    message: string,
    options: ConfirmDangerOptions = {},
  ): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, options.title ?? t('data.confirmTitle'), {
        type: 'warning',
        confirmButtonText: options.confirm ?? t('app.delete'),
        cancelButtonText: options.cancel ?? t('app.cancel'),
        confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
        autofocus: true,
        closeOnPressEscape: true,
      })
      return true
    } catch {
      return false
    }
  }
}
