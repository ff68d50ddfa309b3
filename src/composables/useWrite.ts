import { ElMessage } from 'element-plus'
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { isDatabaseClosed, isQuotaExceeded, StaleRevisionError, ValidationError } from '@/db'
import type { FieldProblem } from '@/domain/validation'
import { useStaleSave, type StaleSave } from './useStaleSave'
import { askPersistenceOnce } from './useStorage'

export interface WriteOptions {
  /** A save refused as stale offers to reopen the form on the record as it is now. */
  reload?: StaleSave['reload']
}

/**
 * Run one write: busy flag, field problems from the repository (a duplicate credit code,
 * say) kept for the form, a save from a stale form said in words (useStaleSave), anything
 * else shown as a message. Returns the result or null.
 */
export function useWrite() {
  const { t } = useI18n()
  const stale = useStaleSave()
  const saving = ref(false)
  const problems = shallowRef<FieldProblem[]>([])
  async function run<T>(work: () => Promise<T>, options: WriteOptions = {}): Promise<T | null> {
    saving.value = true
    problems.value = []
    try {
      const result = await work()
      // The first real save on this device asks the browser to keep the data (once).
      void askPersistenceOnce()
      return result
    } catch (error) {
      if (error instanceof StaleRevisionError) {
        // Nothing was written; the dialog says why and what changed.
        stale.show(error, options.reload)
      } else if (error instanceof ValidationError) {
        problems.value = error.problems
        ElMessage.error(t('app.formInvalid'))
      } else if (isQuotaExceeded(error)) {
        // The transaction was aborted whole: this write is lost, nothing before it is.
        ElMessage.error({ message: t('exchange.db.quota'), duration: 0, showClose: true })
      } else if (isDatabaseClosed(error)) {
        // Another tab opened a newer version: this one let go of the database for good.
        ElMessage.error({ message: t('exchange.db.closed'), duration: 0, showClose: true })
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

/**
 * What a component writes through (the data boundary, src/composables/README.md): a feature's
 * raw `…Writes` object handed out only inside useWrite's `run`, so every write a component
 * makes has the busy flag, the field problems, the stale-save dialog and the full-disk message.
 * `write` is the runner to use (useWrite unless a feature adds messages of its own).
 */
export function useWriteActions<W>(
  writes: W,
  write: Pick<ReturnType<typeof useWrite>, 'saving' | 'problems' | 'run'> = useWrite(),
) {
  function run<T>(work: (writes: W) => Promise<T>, options?: WriteOptions): Promise<T | null> {
    return write.run(() => work(writes), options)
  }
  return { saving: write.saving, problems: write.problems, run }
}
