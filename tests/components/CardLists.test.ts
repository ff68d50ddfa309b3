import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import KeysetPager from '@/components/base/KeysetPager.vue'
import FilterSheet from '@/components/base/FilterSheet.vue'
import MeetingCards from '@/components/meeting/MeetingCards.vue'
import MemberCards from '@/components/member/MemberCards.vue'
import StudyRecordCards from '@/components/study/StudyRecordCards.vue'
import TodoCards from '@/components/todo/TodoCards.vue'
import type { Meeting, Member, StudyRecord } from '@/domain/types'
import type { TodoItem } from '@/domain/todo'
import { emptyDevelopment } from '@/domain/members'
import { mountWithApp } from './mount'

// The phone breakpoint (390 px): the lists render as cards, the pager as "load more".
beforeAll(() => {
  ;(window as unknown as { happyDOM: { setViewport(size: object): void } }).happyDOM.setViewport({
    width: 390,
    height: 844,
  })
})
afterEach(() => {
  document.body.innerHTML = ''
})

/** router-link as the link it renders (the cards' targets are what is checked). */
const RouterLink = defineComponent({
  props: { to: { type: String, required: true } },
  setup:
    (props, { slots }) =>
    () =>
      h('a', { href: props.to }, slots.default?.()),
})
// Props are checked by each component at run time; the helper takes them loosely.
const mount = (component: object, props: Record<string, unknown>) =>
  mountWithApp(component as never, {
    props: props as never,
    global: { stubs: { RouterLink } },
    attachTo: document.body,
  })

const meeting = (partial: Partial<Meeting>): Meeting => ({
  id: 'm1',
  orgId: '',
  type: 'branchAssembly',
  heldOn: '2026-11-20',
  startTime: '14:30',
  place: '',
  host: '',
  recorder: '',
  lecturer: '',
  partyGroupId: '',
  topic: '学习党的二十大精神',
  attendeeIds: ['a', 'b', 'c'],
  absentees: [{ memberId: 'd', reason: 'sick', note: '' }],
  minutes: '',
  resolutions: '',
  status: 'final',
  photoIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  ...partial,
})

describe('card lists at the phone breakpoint', () => {
  it('shows a meeting as a card: topic, status, when and what, attendance, opening the record', async () => {
    const wrapper = mount(MeetingCards, {
      rows: [meeting({}), meeting({ id: 'm2', topic: '', type: 'partyLesson', status: 'draft' })],
      loading: false,
    })
    await flushPromises()
    const cards = wrapper.findAll('[data-testid="meeting-card"]')
    expect(cards).toHaveLength(2)
    expect(cards[0]!.text()).toContain('学习党的二十大精神')
    expect(cards[0]!.text()).toContain('2026-11-20 14:30')
    expect(cards[0]!.text()).toContain('支部党员大会')
    expect(cards[0]!.find('[data-testid="meeting-card-attendance"]').text()).toContain('3/4')
    expect(cards[0]!.find('a').attributes('href')).toBe('/meetings/m1')
    // No topic: the type is the title; a draft says so.
    expect(cards[1]!.find('a').text()).toBe('党课')
    expect(cards[1]!.text()).toContain('草稿')
    expect(wrapper.find('table').exists()).toBe(false)
  })

  it('says when there are no meetings, and shows placeholders while the first are read', async () => {
    const empty = mount(MeetingCards, { rows: [], loading: false })
    await flushPromises()
    expect(empty.text()).toContain('暂无会议记录')
    empty.unmount()
    const loading = mount(MeetingCards, { rows: [], loading: true })
    expect(loading.findAll('.el-skeleton')).toHaveLength(3)
    expect(loading.text()).not.toContain('暂无会议记录')
  })

  it('shows a member with the phone masked and the actions visible, emitting edit', async () => {
    const member = {
      id: 'p1',
      name: '王芳',
      gender: 'female',
      birthDate: '1990-05-01',
      orgId: 'o1',
      stage: 'full',
      status: 'mobile',
      phone: '13812345678',
      idNumber: '150102199005011234',
      development: emptyDevelopment(),
    } as unknown as Member
    const wrapper = mount(MemberCards, {
      rows: [member],
      loading: false,
      orgNames: new Map([['o1', '包头稀土高新区互联网企业党委']]),
    })
    await flushPromises()
    const card = wrapper.find('[data-testid="member-card"]')
    expect(card.text()).toContain('王芳')
    expect(card.text()).toContain('正式党员')
    expect(card.text()).toContain('流动党员')
    expect(card.text()).toContain('包头稀土高新区互联网企业党委')
    expect(card.text()).toContain('138****5678')
    expect(card.text()).not.toContain('13812345678')
    expect(card.text()).not.toContain('150102199005011234')
    expect(card.find('a').attributes('href')).toBe('/members/p1')
    await card.find('.list-card__actions button').trigger('click')
    expect(wrapper.emitted('edit')?.[0]).toEqual([member])
  })

  it('shows a study record with its hours and emits remove from its own button', async () => {
    const record = {
      id: 's1',
      memberId: 'p1',
      orgId: 'o1',
      studiedOn: '2026-10-09',
      kind: 'selfStudy',
      topic: '学习党的二十大报告',
      hours: 2.5,
      place: '党员活动室',
      confirmed: 'no',
      meetingId: '',
    } as unknown as StudyRecord
    const wrapper = mount(StudyRecordCards, {
      rows: [record],
      loading: false,
      names: new Map([['p1', '李强']]),
    })
    await flushPromises()
    const card = wrapper.find('[data-testid="study-card"]')
    expect(card.text()).toContain('学习党的二十大报告')
    expect(card.text()).toContain('李强')
    expect(card.find('[data-testid="study-card-hours"]').text()).toBe('2.5 学时')
    expect(card.text()).toContain('待确认')
    const buttons = card.findAll('.list-card__actions button')
    await buttons[1]!.trigger('click')
    expect(wrapper.emitted('remove')?.[0]).toEqual([record])
  })

  it('shows 待办 twenty at a time, with "load more" for the next twenty', async () => {
    const items: TodoItem[] = Array.from({ length: 45 }, (_, n) => ({
      kind: 'meeting',
      code: 'meetings.todo.overdue',
      orgId: `o${n}`,
      firmId: '',
      subject: `第${n + 1}支部`,
      dueOn: '2026-12-31',
      urgency: n % 2 ? 'soon' : 'overdue',
      params: {},
      link: n === 0 ? '/orgs?org=o0' : '',
    }))
    const wrapper = mount(TodoCards, { items, loading: false })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="todo-card"]')).toHaveLength(20)
    expect(wrapper.find('[data-testid="todo-card"] a').attributes('href')).toBe('/orgs?org=o0')
    expect(wrapper.text()).toContain('已显示 20 / 45 条')
    await wrapper.find('[data-testid="load-more-button"]').trigger('click')
    expect(wrapper.findAll('[data-testid="todo-card"]')).toHaveLength(40)
    await wrapper.find('[data-testid="load-more-button"]').trigger('click')
    expect(wrapper.findAll('[data-testid="todo-card"]')).toHaveLength(45)
    expect(wrapper.find('[data-testid="load-more-button"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('已全部显示（45 条）')
  })

  it('turns the keyset pager into "load more" on the same cursor', async () => {
    const wrapper = mount(KeysetPager, {
      page: 1,
      total: 875,
      hasPrevious: false,
      hasNext: true,
      loading: false,
      shown: 20,
      pageSize: 20,
    })
    expect(wrapper.find('[data-testid="pager-next"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('已显示 20 / 875 条')
    await wrapper.find('[data-testid="load-more-button"]').trigger('click')
    expect(wrapper.emitted('more')).toHaveLength(1)
    expect(wrapper.emitted('next')).toBeUndefined()
  })

  it('folds filters into one sheet behind a button that counts them, and clears them', async () => {
    const wrapper = mount(FilterSheet, { active: 2 })
    await flushPromises()
    const trigger = wrapper.find('[data-testid="filter-open"]')
    expect(trigger.text()).toBe('筛选（2）')
    await trigger.trigger('click')
    await flushPromises()
    const clear = [...document.querySelectorAll<HTMLButtonElement>('.filter-sheet button')].find(
      (button) => button.textContent?.includes('清除筛选'),
    )!
    clear.click()
    expect(wrapper.emitted('clear')).toHaveLength(1)
  })
})
