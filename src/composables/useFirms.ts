import { reactive, ref } from 'vue'
import {
  countFirmsMatching,
  createFirm,
  getFirm,
  listAuditFor,
  listFirmsPage,
  listOrgsCoveringFirm,
  removeFirm,
  updateFirm,
  updateFirms,
  type FirmCursor,
  type FirmFilter,
} from '@/db'
import type { FirmInput } from '@/domain/validation'
import { useKeysetPages } from './useKeysetPages'
import { useLiveQuery } from './useLiveQuery'

export function emptyFirmFilter(): FirmFilter {
  return { areaPath: '', industry: '', sizeClass: '', orgStatus: '', text: '', descending: false }
}

/** The /firms table: a filter, keyset pages through an index, and the writes it offers. */
export function useFirmList() {
  const filter = reactive<FirmFilter>(emptyFirmFilter())
  const pageSize = ref(20)
  const pages = useKeysetPages(
    (after: FirmCursor, limit) => listFirmsPage({ ...filter }, after, limit),
    () => countFirmsMatching({ ...filter }),
    [() => JSON.stringify(filter)],
    pageSize,
  )
  return { filter, pageSize, ...pages }
}

export const firmWrites = {
  create: (input: FirmInput) => createFirm(input),
  update: (id: string, input: FirmInput, expectedRev?: string) =>
    updateFirm(id, input, expectedRev),
  remove: (id: string) => removeFirm(id),
  bulkUpdate: (ids: string[], change: { instructor?: string; areaId?: string }) =>
    updateFirms(ids, change),
}

/** One firm with the orgs covering it and its audit trail, live while the drawer is open. */
export function useFirmDetail(id: () => string) {
  const idRef = ref('')
  const query = useLiveQuery(async () => {
    const firmId = id()
    idRef.value = firmId
    if (!firmId) return null
    const [firm, orgs, trail] = await Promise.all([
      getFirm(firmId),
      listOrgsCoveringFirm(firmId),
      listAuditFor(firmId),
    ])
    return firm ? { firm, orgs, trail } : null
  }, [id])
  return query
}
