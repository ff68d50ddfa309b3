import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

/** searchOrgs answering when the test says: two searches in flight, answered out of order. */
const pending: {
  text: string
  scope: unknown
  resolve: (rows: { id: string; name: string }[]) => void
}[] = []
vi.mock('@/db', () => ({
  searchOrgs: (text: string, _limit: number, scope: unknown) =>
    new Promise((resolve) => pending.push({ text, scope, resolve })),
  searchMembers: vi.fn(),
  searchFirms: vi.fn(),
  getOrg: vi.fn(),
  getMember: vi.fn(),
  getFirms: vi.fn(),
}))

const { useOrgOptions } = await import('@/composables/usePickers')

describe('useOrgOptions', () => {
  it('keeps the options of the search typed last, whatever answers first', async () => {
    pending.length = 0
    const orgs = useOrgOptions()
    const first = orgs.search('')
    const second = orgs.search('信达')
    expect(pending.map((p) => p.text)).toEqual(['', '信达'])
    pending[1]!.resolve([{ id: 'o2', name: '信达党支部' }])
    await second
    expect(orgs.loading.value).toBe(false)
    // The first page, asked for on open, answers late: it must not come back.
    pending[0]!.resolve([{ id: 'o1', name: '丁党支部' }])
    await first
    expect(orgs.options.value).toEqual([{ value: 'o2', label: '信达党支部' }])
  })

  it('passes the scope as it is when the search runs', async () => {
    pending.length = 0
    const scope = ref<readonly string[] | null>(null)
    const orgs = useOrgOptions(scope)
    void orgs.search('党支部')
    scope.value = ['b1', 'b2']
    void orgs.search('党支部')
    expect(pending.map((p) => p.scope)).toEqual([null, ['b1', 'b2']])
  })
})
