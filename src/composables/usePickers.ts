import { ref, unref, type Ref } from 'vue'
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
  // The last search typed wins: an earlier one answering later (the first page asked for on
  // open, a keystroke before) must not put its options back.
  let asked = 0
  async function run(text: string): Promise<void> {
    const ticket = ++asked
    loading.value = true
    try {
      const found = (await search(text)).map(toOption)
      if (ticket === asked) options.value = found
    } finally {
      if (ticket === asked) loading.value = false
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

/**
 * `scope`: the org ids the role sees (useScope().orgIds), for a picker that stays inside
 * them (a list's filter); without it the picker searches the whole register (a transfer's
 * destination, a role to switch to).
 */
type Scope = Ref<readonly string[] | null> | undefined

export const useOrgOptions = (scope?: Scope) =>
  useRemoteOptions(
    (text) => searchOrgs(text, 20, unref(scope) ?? null),
    async (ids) => present(await Promise.all(ids.map(getOrg))),
  )
export const useMemberOptions = (scope?: Scope) =>
  useRemoteOptions(
    (text) => searchMembers(text, 20, unref(scope) ?? null),
    async (ids) => present(await Promise.all(ids.map(getMember))),
  )
export const useFirmOptions = () => useRemoteOptions((text) => searchFirms(text), getFirms)
