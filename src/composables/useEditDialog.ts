import { ElMessage } from 'element-plus'
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FieldProblem } from '@/domain/validation'
import { reopenForm } from './useStaleSave'
import { useWrite, type WriteOptions } from './useWrite'

/**
 * What runs a save: useWrite (views), or a feature's `use…Actions` (useWriteActions), which
 * hands the work its writes: the way components write.
 */
export interface Writer<W = void> {
  saving: Ref<boolean>
  problems: ShallowRef<FieldProblem[]>
  run<T>(work: (writes: W) => Promise<T>, options?: WriteOptions): Promise<T | null>
}

/** The writes a writer hands its work: `useEditDialog<Issue, WritesOf<typeof write>>`. */
export type WritesOf<A> = A extends Writer<infer W> ? W : never

/** Message keys said once a save is written: for a changed record, and for a new one. */
export interface SavedMessages {
  saved: string
  /** Unset: a new record is said as `saved` too. */
  created?: string
}

/**
 * A create/edit dialog's state: open on a new record (`editing` null) or on one to change,
 * each time with the last save's problems cleared; a save runs through the writer, closes
 * the dialog when it is written, and a save refused as stale reopens the form on the record
 * as it is now. With `messages`, a written save also says so.
 */
export function useEditDialog<T extends object, W = void>(
  options: { messages?: SavedMessages; write?: Writer<W> } = {},
) {
  const { t } = useI18n()
  const write: Writer<W> = options.write ?? (useWrite() as Writer<unknown> as Writer<W>)
  const open = ref(false)
  const editing = shallowRef<T | null>(null)
  function start(record: T | null): void {
    editing.value = record
    write.problems.value = []
    open.value = true
  }
  /**
   * Save with the record being edited (null: a new one) and the writer's writes; the saved
   * record, or null.
   */
  async function save<R>(work: (current: T | null, writes: W) => Promise<R>): Promise<R | null> {
    const current = editing.value
    const saved = await write.run((writes) => work(current, writes), {
      reload: (fresh) => reopenForm(open, () => (editing.value = fresh as unknown as T)),
    })
    if (!saved) return null
    open.value = false
    const said = options.messages
    if (said) ElMessage.success(t(current ? said.saved : (said.created ?? said.saved)))
    return saved
  }
  return {
    open,
    editing,
    saving: write.saving,
    problems: write.problems,
    startCreate: () => start(null),
    startEdit: (record: T) => start(record),
    save,
  }
}
