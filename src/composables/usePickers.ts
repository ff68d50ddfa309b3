import { ref } from 'vue'
import { getFirms, getMember, getOrg, searchFirms, searchMembers, searchOrgs } from '@/db'

export interface Option {
  value: string
  label: string
}

/** Remote options for an org picker: a name search that reads one small page. */
export function useOrgOptions() {
  const options = ref<Option[]>([])
  const loading = ref(false)
  async function search(text: string): Promise<void> {
    loading.value = true
    try {
      options.value = (await searchOrgs(text)).map((org) => ({ value: org.id, label: org.name }))
    } finally {
      loading.value = false
    }
  }
  /** Make sure the chosen id has a label even when it is not in the current page. */
  async function ensure(id: string): Promise<void> {
    if (!id || options.value.some((o) => o.value === id)) return
    const org = await getOrg(id)
    if (org) options.value = [{ value: org.id, label: org.name }, ...options.value]
  }
  return { options, loading, search, ensure }
}

export function useMemberOptions() {
  const options = ref<Option[]>([])
  const loading = ref(false)
  async function search(text: string): Promise<void> {
    loading.value = true
    try {
      options.value = (await searchMembers(text)).map((m) => ({ value: m.id, label: m.name }))
    } finally {
      loading.value = false
    }
  }
  async function ensure(id: string): Promise<void> {
    if (!id || options.value.some((o) => o.value === id)) return
    const member = await getMember(id)
    if (member) options.value = [{ value: member.id, label: member.name }, ...options.value]
  }
  return { options, loading, search, ensure }
}

/** Remote options for a firm picker (host firms of an org). */
export function useFirmOptions() {
  const options = ref<Option[]>([])
  const loading = ref(false)
  async function search(text: string): Promise<void> {
    loading.value = true
    try {
      options.value = (await searchFirms(text)).map((firm) => ({
        value: firm.id,
        label: firm.name,
      }))
    } finally {
      loading.value = false
    }
  }
  /** Labels for ids already chosen (an org being edited), kept alongside search results. */
  async function ensure(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !options.value.some((o) => o.value === id))
    if (missing.length === 0) return
    const firms = await getFirms(missing)
    options.value = [
      ...firms.map((firm) => ({ value: firm.id, label: firm.name })),
      ...options.value,
    ]
  }
  return { options, loading, search, ensure }
}
