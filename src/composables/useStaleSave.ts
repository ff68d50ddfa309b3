import { nextTick, shallowRef, type Ref } from 'vue'
import type { StaleRevisionError } from '@/db'

/**
 * A save refused because the record changed after the form was opened (another tab, an
 * import, a merge). One for the whole app: the dialog in App.vue says so, compares the two
 * versions and offers to reload the form with the record as it is now.
 */
export interface StaleSave {
  table: string
  id: string
  /** What the form would have saved. */
  attempted: Record<string, unknown> | undefined
  /** The record as stored now (undefined: deleted meanwhile). */
  current: Record<string, unknown> | undefined
  /** Open the form again on the current record (the view knows how). */
  reload?: (current: Record<string, unknown>) => void
}

const state = shallowRef<StaleSave | null>(null)

export function useStaleSave() {
  function show(error: StaleRevisionError, reload?: StaleSave['reload']): void {
    state.value = {
      table: error.table,
      id: error.id,
      attempted: error.attempted,
      current: error.current,
      reload,
    }
  }
  return { state, show, close: () => (state.value = null) }
}

/** Reopen a form dialog on a fresh record: its fields are filled when it opens. */
export async function reopenForm(open: Ref<boolean>, setRecord: () => void): Promise<void> {
  open.value = false
  await nextTick()
  setRecord()
  open.value = true
}
