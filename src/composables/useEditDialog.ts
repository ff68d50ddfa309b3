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

export interface EditDialogOptions {
  messages?: SavedMessages
  /** Where the dialog's open state lives, when not in the dialog's own ref (the address, say). */
  open?: Ref<boolean>
}

/** A create/edit dialog's state and its save, as useEditDialog gives it. */
export interface EditDialog<T extends object, W> {
  open: Ref<boolean>
  editing: ShallowRef<T | null>
  saving: Ref<boolean>
  problems: ShallowRef<FieldProblem[]>
  startCreate: () => void
  startEdit: (record: T) => void
  /**
   * Save with the record being edited (null: a new one) and the writer's writes; the saved
   * record, or null.
   */
  save: <R>(work: (current: T | null, writes: W) => Promise<R>) => Promise<R | null>
}

/**
 * A create/edit dialog's state: open on a new record (`editing` null) or on one to change,
 * each time with the last save's problems cleared; a save runs through the writer (a view's
 * own useWrite when none is given), closes the dialog when it is written, and a save refused
 * as stale reopens the form on the record as it is now. With `messages`, a written save
 * also says so.
 */
export function useEditDialog<T extends object>(
  options?: EditDialogOptions & { write?: Writer },
): EditDialog<T, void>
export function useEditDialog<T extends object, W>(
  options: EditDialogOptions & { write: Writer<W> },
): EditDialog<T, W>
export function useEditDialog<T extends object, W>(
  options: EditDialogOptions & { write?: Writer<W> } = {},
): EditDialog<T, W> | EditDialog<T, void> {
  return options.write
    ? editDialog<T, W>(options.write, options)
    : editDialog<T, void>(useWrite(), options)
}

function editDialog<T extends object, W>(
  write: Writer<W>,
  options: EditDialogOptions,
): EditDialog<T, W> {
  const { t } = useI18n()
  const open = options.open ?? ref(false)
  const editing: ShallowRef<T | null> = shallowRef(null)
  function start(record: T | null): void {
    editing.value = record
    write.problems.value = []
    open.value = true
  }
  async function save<R>(work: (current: T | null, writes: W) => Promise<R>): Promise<R | null> {
    const current = editing.value
    const saved = await write.run((writes) => work(current, writes), {
      // The stored record as it is now: the same table, so the same kind as the one edited.
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
