import { describe, expect, it, vi } from 'vitest'
import { computed, ref } from 'vue'
import KeysetListPager from '@/components/base/KeysetListPager.vue'
import { mountWithApp } from './mount'

function fakeList(page: number, hasNext: boolean) {
  return {
    page: ref(page),
    total: ref<number | null>(45),
    hasPrevious: computed(() => page > 1),
    hasNext: ref(hasNext),
    loading: ref(false),
    rows: ref([1, 2, 3]),
    previousPage: vi.fn(),
    nextPage: vi.fn(),
    loadMore: vi.fn(),
  }
}

describe('KeysetListPager', () => {
  it('shows the list’s page and count and moves it both ways', async () => {
    const list = fakeList(2, true)
    const wrapper = mountWithApp(KeysetListPager, { props: { list, pageSize: 20 } })
    expect(wrapper.get('[data-testid="pager-page"]').text()).toBe('第 2 页')
    expect(wrapper.text()).toContain('45')
    await wrapper.get('[data-testid="pager-next"]').trigger('click')
    await wrapper.get('[data-testid="pager-previous"]').trigger('click')
    expect(list.nextPage).toHaveBeenCalledOnce()
    expect(list.previousPage).toHaveBeenCalledOnce()
  })

  it('cannot go back from the first page nor on past the last', () => {
    const wrapper = mountWithApp(KeysetListPager, {
      props: { list: fakeList(1, false), pageSize: 20 },
    })
    expect(wrapper.get('[data-testid="pager-previous"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="pager-next"]').attributes('disabled')).toBeDefined()
  })
})
