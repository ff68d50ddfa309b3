import { ElMessage } from 'element-plus'
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { isQuotaExceeded, ValidationError } from '@/db'
import type { FieldProblem } from '@/domain/validation'

/**
 * Run one write: busy flag, field problems from the repository (a duplicate credit code,
 * say) kept for the form, anything else shown as a message. Returns the result or null.
 */
export function useWrite() {
  const { t } = useI18n()
  const saving = ref(false)
  const problems = shallowRef<FieldProblem[]>([])
  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    saving.value = true
    problems.value = []
    try {
      return await work()
    } catch (error) {
      if (error instanceof ValidationError) {
        problems.value = error.problems
        ElMessage.error(t('app.formInvalid'))
      } else if (isQuotaExceeded(error)) {
        // The transaction was aborted whole: this write is lost, nothing before it is.
        ElMessage.error({ message: t('exchange.db.quota'), duration: 0, showClose: true })
      } else {
        ElMessage.error(
          t('app.error', { message: error instanceof Error ? error.message : String(error) }),
        )
      }
      return null
    } finally {
      saving.value = false
    }
  }
  return { saving, problems, run }
}
