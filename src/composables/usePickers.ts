import { ref } from 'vue'
import { getFirms, getMember, getOrg, searchFirms, searchMembers, searchOrgs } from '@/db'

export interface Option {
  value: string
  label: string
}

interface Named {
  id: string
  name: string
}

/**
 * Remote options for a picker: a name search that reads one small page, plus labels for
 * ids already chosen that the current page does not hold (a record being edited).
 */
function useRemoteOptions(
  search: (text: string) => Promise<Named[]>,
  byIds: (ids: string[]) => Promise<Named[]>,
) {
  const options = ref<Option[]>([])
  const loading = ref(false)
  const toOption = (record: Named): Option => ({ value: record.id, label: record.name })
  async function run(text: string): Promise<void> {
    loading.value = true
    try {
      options.value = (await search(text)).map(toOption)
    } finally {
      loading.value = false
    }
  }
  async function ensure(ids: string | readonly string[]): Promise<void> {
    const wanted = (typeof ids === 'string' ? [ids] : [...ids]).filter(
      (id) => id && !options.value.some((o) => o.value === id),
    )
    if (wanted.length === 0) return
    options.value = [...(await byIds(wanted)).map(toOption), ...options.value]
  }
  return { options, loading, search: run, ensure }
}

function present<T>(records: (T | undefined)[]): T[] {
  return records.filter((r): r is T => r !== undefined)
}

export const useOrgOptions = () =>
  useRemoteOptions(searchOrgs, async (ids) => present(await Promise.all(ids.map(getOrg))))
export const useMemberOptions = () =>
  useRemoteOptions(searchMembers, async (ids) => present(await Promise.all(ids.map(getMember))))
export const useFirmOptions = () => useRemoteOptions(searchFirms, getFirms)
