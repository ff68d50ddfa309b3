import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMeeting,
  createMember,
  createOrg,
  getMember,
  listRecycleBin,
  removeMeeting,
  restoreFromRecycleBin,
  updateMeeting,
  updateMember,
} from '@/db'
import { area, meeting, member, org, useFreshDb } from './helpers'

useFreshDb()

async function setup() {
  const city = await createArea(area())
  const branch = await createOrg(org(city.id))
  const wang = await createMember(member(branch.id))
  const li = await createMember(member(branch.id, { name: '李强', idNumber: '', phone: '' }))
  return { branch, wang, li }
}

const last = async (id: string) => (await getMember(id))?.lastAttendedOn

describe('Member.lastAttendedOn is kept by the meeting writes', () => {
  it('follows create, update, delete and restore of a meeting', async () => {
    const { branch, wang, li } = await setup()
    expect(await last(wang.id)).toBe('')

    const first = await createMeeting(meeting(branch.id, { attendeeIds: [wang.id, li.id] }))
    expect(await last(wang.id)).toBe('2026-10-10')
    const later = await createMeeting(
      meeting(branch.id, { heldOn: '2026-11-05', attendeeIds: [wang.id] }),
    )
    expect(await last(wang.id)).toBe('2026-11-05')
    expect(await last(li.id)).toBe('2026-10-10')

    // Li is ticked into the later meeting, Wang out of it.
    await updateMeeting(
      later.id,
      meeting(branch.id, { heldOn: '2026-11-05', attendeeIds: [li.id] }),
    )
    expect(await last(wang.id)).toBe('2026-10-10')
    expect(await last(li.id)).toBe('2026-11-05')

    // A draft does not count.
    await updateMeeting(
      later.id,
      meeting(branch.id, { heldOn: '2026-11-05', attendeeIds: [li.id], status: 'draft' }),
    )
    expect(await last(li.id)).toBe('2026-10-10')

    await removeMeeting(first.id)
    expect(await last(wang.id)).toBe('')
    const [binEntry] = await listRecycleBin(0, 10)
    await restoreFromRecycleBin(binEntry?.id ?? '')
    expect(await last(wang.id)).toBe('2026-10-10')
  })

  it('is not lost when the member is edited, and does not bump the member’s updatedAt', async () => {
    const { branch, wang } = await setup()
    const before = await getMember(wang.id)
    await createMeeting(meeting(branch.id, { attendeeIds: [wang.id] }))
    expect((await getMember(wang.id))?.updatedAt).toBe(before?.updatedAt)
    await updateMember(wang.id, member(branch.id, { jobTitle: '高级工程师' }))
    expect(await last(wang.id)).toBe('2026-10-10')
  })
})
