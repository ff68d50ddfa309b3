import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg } from '@/db'
import MeetingFormDialog from '@/components/meeting/MeetingFormDialog.vue'
import { meetingDrafts } from '@/composables/useMeetingDraft'
import { area, member, org, useFreshDb } from '../db/helpers'
import { mountWithApp } from './mount'

useFreshDb()

// The phone breakpoint: happy-dom evaluates the app's one media query against this width.
beforeAll(() => {
  ;(window as unknown as { happyDOM: { setViewport(size: object): void } }).happyDOM.setViewport({
    width: 390,
    height: 844,
  })
})

async function until(check: () => boolean, rounds = 80): Promise<void> {
  for (let i = 0; i < rounds && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
/** Past the draft's keeping delay (400 ms after the last change). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600))

async function seed(): Promise<string> {
  const city = await createArea(area())
  const o = await createOrg(org(city.id))
  for (const name of ['王芳', '李强', '张伟', '刘洋'])
    await createMember(member(o.id, { name, idNumber: '', phone: '' }))
  return o.id
}

let mounted: { unmount(): void }[] = []
async function open(orgId: string) {
  const wrapper = mountWithApp(MeetingFormDialog, {
    props: {
      modelValue: false,
      meeting: null,
      photos: [],
      defaultOrgId: orgId,
      saving: false,
      serverProblems: [],
    },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await wrapper.setProps({ modelValue: true })
  await until(() => rows().length === 4)
  return wrapper
}

const $ = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E>(selector)
const rows = () => [...document.querySelectorAll('[data-testid^="attendee-"]')]
const count = () => $('[data-testid="attendees-count"]')?.textContent?.trim()
const toggle = async (name: string) => {
  $<HTMLInputElement>(`[data-testid="attendee-${name}"] input[type="checkbox"]`)!.click()
  await flushPromises()
}
const topic = () => $<HTMLInputElement>('input[data-testid="meeting-topic"]')!

afterEach(async () => {
  for (const wrapper of mounted) wrapper.unmount()
  mounted = []
  await meetingDrafts.discard()
  document.body.innerHTML = ''
})

describe('the meeting form at the phone breakpoint', () => {
  it('is a full-screen sheet: labels above the fields, a toggle a member, the camera offered', async () => {
    await open(await seed())
    expect($('.el-dialog')!.classList.contains('is-fullscreen')).toBe(true)
    const items = [...document.querySelectorAll('[data-testid="meeting-form"] .el-form-item')]
    expect(items.length).toBeGreaterThan(5)
    expect(items.every((item) => item.classList.contains('el-form-item--label-top'))).toBe(true)
    // Each member a bordered toggle across the width, saying present or absent.
    const boxes = [...document.querySelectorAll('[data-testid^="attendee-"] .el-checkbox')]
    expect(boxes).toHaveLength(4)
    expect(boxes.every((box) => box.classList.contains('is-bordered'))).toBe(true)
    expect($('[data-testid="attendee-王芳"]')!.textContent).toContain('出席')
    const camera = $<HTMLInputElement>('[data-testid="meeting-photo-capture"]')!
    expect(camera.getAttribute('capture')).toBe('environment')
    expect(camera.accept).toBe('image/*')
  })

  it('marks two absent, each with a reason, and 全部出席 makes everyone present again', async () => {
    await open(await seed())
    const allPresent = $<HTMLButtonElement>('[data-testid="attendees-all-present"]')!
    expect(allPresent.disabled).toBe(true)
    await toggle('王芳')
    await toggle('李强')
    expect(count()).toBe('出席 2 人，缺席 2 人')
    expect($('[data-testid="attendee-李强"]')!.textContent).toContain('缺席')
    expect(document.querySelectorAll('[data-testid="absence-reason"]')).toHaveLength(2)
    expect(allPresent.disabled).toBe(false)
    allPresent.click()
    await flushPromises()
    expect(count()).toBe('出席 4 人，缺席 0 人')
    expect(document.querySelectorAll('[data-testid="absence-reason"]')).toHaveLength(0)
  })

  it(
    'keeps what is typed as a draft and brings it back when the form opens again',
    { timeout: 20_000 },
    async () => {
      const orgId = await seed()
      const first = await open(orgId)
      expect(await meetingDrafts.read()).toBeUndefined()
      topic().value = '手机上登记的党员大会'
      topic().dispatchEvent(new Event('input'))
      await toggle('张伟')
      await settle()
      // The reason of an absence is kept too: the select writes into the absence entry itself
      // (v-model on absence[id].reason), a change inside the attendance, not a new one.
      const attendees = first.findComponent({ name: 'MeetingFormAttendees' })
      const entries = attendees.props('absence') as Record<string, { reason: string }>
      Object.values(entries)[0]!.reason = 'sick'
      const reason = () => $('[data-testid="absence-reason"]')?.textContent ?? ''
      await until(() => reason().includes('因病'))
      expect(reason()).toContain('因病')
      await settle()
      const kept = await meetingDrafts.read()
      expect(kept?.value.model.topic).toBe('手机上登记的党员大会')
      expect(Object.values(kept?.value.absence ?? {})).toEqual([{ reason: 'sick', note: '' }])
      expect($('[data-testid="meeting-draft-saved"]')?.textContent).toContain('草稿已自动保存')
      first.unmount()
      document.body.innerHTML = ''

      // The page was dropped (a call, the lock screen): the form opens with all of it.
      await open(orgId)
      await until(() => topic()?.value !== '')
      expect(topic().value).toBe('手机上登记的党员大会')
      expect(count()).toBe('出席 3 人，缺席 1 人')
      await until(() => reason().includes('因病'))
      expect(reason()).toContain('因病')
      expect($('[data-testid="meeting-draft-note"]')?.textContent).toContain('已恢复')
    },
  )
})
