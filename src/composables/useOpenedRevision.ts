import { shallowRef, watch, type Ref } from 'vue'
import { revisionOf } from '@/domain/revisions'

/**
 * The revision a form was opened on, taken the moment it opens: a form showing a live record
 * must still save against what the person saw, not against whatever arrived since.
 */
export function useOpenedRevision(
  table: string,
  open: Ref<boolean>,
  record: () => object | null | undefined,
): Ref<string | undefined> {
  const rev = shallowRef<string | undefined>()
  watch(
    open,
    (isOpen) => {
      if (!isOpen) return
      const current = record()
      rev.value = current ? revisionOf(table, current) : undefined
    },
    { immediate: true },
  )
  return rev
}
