import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg } from '@/db'
import { getDb } from '@/db/connection'
import type { Meeting } from '@/domain/types'
import type { MeetingInput } from '@/domain/validation'
import MeetingFormDialog from '@/components/meeting/MeetingFormDialog.vue'
import { area, meeting, member, org, useFreshDb } from '../db/helpers'
import { mountWithApp } from './mount'

useFreshDb()

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 80 && !check(); i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** An org with three full members and one probationary (who has no vote). */
async function seed(): Promise<string> {
  const city = await createArea(area())
  const o = await createOrg(org(city.id))
  for (const name of ['王芳', '李强', '张伟'])
    await createMember(member(o.id, { name, idNumber: '', phone: '' }))
  await createMember(member(o.id, { name: '赵敏', idNumber: '', phone: '', stage: 'probationary' }))
  return o.id
}

async function open(orgId: string, meeting: Meeting | null = null, rowCount = 4) {
  const wrapper = mountWithApp(MeetingFormDialog, {
    props: {
      modelValue: false,
      meeting,
      photos: [],
      defaultOrgId: orgId,
      saving: false,
      serverProblems: [],
    },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await until(() => rows().length === rowCount && quorum() !== null)
  return wrapper
}

const rows = () => [...document.querySelectorAll('[data-testid^="attendee-"]')]
const quorum = () => document.querySelector('[data-testid="meeting-quorum"]')
const attendees = () => document.querySelector('[data-testid="meeting-attendees"]')
const untick = async (name: string) => {
  const box = document.querySelector(`[data-testid="attendee-${name}"] input[type="checkbox"]`)
  ;(box as HTMLInputElement).click()
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

// Each case mounts the dialog over live Dexie queries: 2–3 s on this machine, as MemberFormDialog.
describe('MeetingFormDialog', { timeout: 30_000 }, () => {
  it('counts everyone on the roster present by default, with no absence reasons', async () => {
    await open(await seed())
    expect(rows().map((row) => row.getAttribute('data-testid'))).toEqual(
      expect.arrayContaining(['attendee-王芳', 'attendee-李强', 'attendee-张伟', 'attendee-赵敏']),
    )
    const boxes = [
      ...document.querySelectorAll<HTMLInputElement>('[data-testid^="attendee-"] input'),
    ]
    expect(boxes.every((box) => box.checked)).toBe(true)
    expect(attendees()?.textContent).toContain('出席 4 人，缺席 0 人')
    expect(document.querySelector('[data-testid="absence-reason"]')).toBeNull()
    expect(document.querySelector('[data-testid="attendee-赵敏"]')?.textContent).toContain('预备')
  })

  it('shows the quorum of a 党员大会 from the full members only, and warns when not met', async () => {
    await open(await seed())
    expect(quorum()?.textContent).toContain('达到法定人数：应到 3 人，实到 3 人（需 2 人）')
    expect(quorum()?.querySelector('.el-alert--success')).not.toBeNull()

    await untick('王芳')
    expect(attendees()?.textContent).toContain('出席 3 人，缺席 1 人')
    expect(document.querySelectorAll('[data-testid="absence-reason"]')).toHaveLength(1)
    expect(quorum()?.textContent).toContain('实到 2 人')

    await untick('李强')
    expect(quorum()?.textContent).toContain('未达法定人数：应到 3 人，实到 1 人（需 2 人）')
    expect(quorum()?.querySelector('.el-alert--warning')).not.toBeNull()
  })

  it('grades the full members only in a 民主评议 and gives the ⅓ share of all full members', async () => {
    const orgId = await seed()
    // Graded before: opened again, the record's grade shows (saving keeps it).
    await createMember(
      member(orgId, {
        name: '孙悦',
        idNumber: '',
        phone: '',
        appraisals: [{ year: 2026, grade: 'excellent' }],
      }),
    )
    const wrapper = mountWithApp(MeetingFormDialog, {
      props: {
        modelValue: false,
        meeting: {
          ...meeting(orgId, {
            type: 'appraisal',
            heldOn: '2026-12-01',
            attendeeIds: await getDb().members.toCollection().primaryKeys(),
          }),
          id: 'm1',
          createdAt: '',
          updatedAt: '',
        },
        photos: [],
        defaultOrgId: orgId,
        saving: false,
        serverProblems: [],
      },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    const share = () => document.querySelector('[data-testid="meeting-appraisal-share"]')
    await until(() => rows().length === 5 && share() !== null)
    expect(document.querySelectorAll('[data-testid="meeting-attendees"] .grades')).toHaveLength(4)
    expect(document.querySelector('[data-testid="attendee-孙悦"] .grades')?.textContent).toContain(
      '优秀',
    )
    expect(document.querySelector('[data-testid="attendee-赵敏"] .grades')).toBeNull()
    expect(document.querySelector('[data-testid="attendee-赵敏"]')?.textContent).toContain(
      '不评定等次',
    )
    // 4 full members: one 优秀 is within the share; no warning.
    expect(share()?.textContent).toContain('正式党员 4 人（含缺席），优秀一般不超过 1 人')
    expect(document.querySelector('[data-testid="meeting-appraisal-over"]')).toBeNull()
  })

  it('keeps a recorded attendance as it was: nobody the record omits turns up present', async () => {
    const orgId = await seed()
    const byName = new Map(
      (await getDb().members.where('orgId').equals(orgId).toArray()).map((m) => [m.name, m.id]),
    )
    const id = (name: string) => byName.get(name)!
    // Recorded elsewhere (an import, an older version): 王芳 came, 李强 was ill, 张伟 and 赵敏
    // are in neither list.
    const recorded = {
      ...meeting(orgId, {
        type: 'groupMeeting',
        heldOn: '2026-11-20',
        attendeeIds: [id('王芳')],
        absentees: [{ memberId: id('李强'), reason: 'sick', note: '' }],
      }),
      id: 'm2',
      createdAt: '',
      updatedAt: '',
    }
    const wrapper = await open(orgId, recorded)
    const ticked = (name: string) =>
      (
        document.querySelector(
          `[data-testid="attendee-${name}"] input[type="checkbox"]`,
        ) as HTMLInputElement
      ).checked
    expect(['王芳', '李强', '张伟', '赵敏'].map(ticked)).toEqual([true, false, false, false])
    expect(attendees()?.textContent).toContain('出席 1 人，缺席 1 人，2 人未登记')
    expect(document.querySelectorAll('[data-testid="attendee-unrecorded"]')).toHaveLength(2)
    ;(document.querySelector('[data-testid="meeting-save"]') as HTMLButtonElement).click()
    await until(() => (wrapper.emitted('save')?.length ?? 0) > 0)
    const [input] = wrapper.emitted('save')![0] as [MeetingInput, unknown]
    expect(input.attendeeIds).toEqual([id('王芳')])
    // Saved unchanged, the record says what it said: nobody added to either list.
    expect(input.absentees).toEqual([{ memberId: id('李强'), reason: 'sick', note: '' }])
  })

  it('shows no quorum for an org with no members, and says why no attendance', async () => {
    const city = await createArea(area())
    const o = await createOrg(org(city.id))
    const wrapper = mountWithApp(MeetingFormDialog, {
      props: {
        modelValue: false,
        meeting: null,
        photos: [],
        defaultOrgId: o.id,
        saving: false,
        serverProblems: [],
      },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await until(() => attendees() !== null)
    await until(() => false)
    expect(attendees()?.textContent).toContain('该组织暂无党员时无法登记出勤')
    expect(quorum()).toBeNull()
  })
})
