import type { Ref } from 'vue'
import { countAudit, countRecycleBin, listAudit, listRecycleBin, restoreFromRecycleBin } from '@/db'
import { useLiveQuery } from './useLiveQuery'

/** One page of the recycle bin and its size, live. */
export function useRecycleBin(page: Ref<number>, pageSize: Ref<number>) {
  return useLiveQuery(async () => {
    const [total, rows] = await Promise.all([
      countRecycleBin(),
      listRecycleBin((page.value - 1) * pageSize.value, pageSize.value),
    ])
    return { total, rows }
  }, [page, pageSize])
}

/** One page of the audit log and its size, live. */
export function useAuditLog(page: Ref<number>, pageSize: Ref<number>) {
  return useLiveQuery(async () => {
    const [total, rows] = await Promise.all([
      countAudit(),
      listAudit((page.value - 1) * pageSize.value, pageSize.value),
    ])
    return { total, rows }
  }, [page, pageSize])
}

/** Put one recycle-bin entry back (a record, or a whole-database snapshot). */
export const restoreFromBin = restoreFromRecycleBin
