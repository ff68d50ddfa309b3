import { describe, expect, it } from 'vitest'
import {
  countMeetingsMatching,
  createArea,
  createMeeting,
  createMember,
  createOrg,
  getMember,
  listAuditFor,
  listMeetingFactsOfLastPeriods,
  listMeetingPhotos,
  listMeetingsMatching,
  listMeetingsOfMember,
  listMeetingsPage,
  readComplianceBoard,
  saveMeeting,
  ValidationError,
  type MeetingCursor,
  type MeetingFilter,
} from '@/db'
import { getDb } from '@/db/connection'
import { area, meeting, member, org, useFreshDb } from './helpers'

useFreshDb()

async function setup() {
  const city = await createArea(area())
  const branch = await createOrg(org(city.id))
  const other = await createOrg(org(city.id, { name: '第二党支部' }))
  const wang = await createMember(member(branch.id))
  const li = await createMember(member(branch.id, { name: '李强', idNumber: '', phone: '' }))
  return { branch, other, wang, li }
}

const filter = (partial: Partial<MeetingFilter> = {}): MeetingFilter => ({
  orgIds: null,
  type: '',
  from: '',
  to: '',
  text: '',
  ...partial,
})

describe('meeting repository', () => {
  it('refuses a meeting without a topic, naming the field, as the form does', async () => {
    const { branch, wang } = await setup()
    for (const write of [
      () => createMeeting(meeting(branch.id, { topic: '  ', attendeeIds: [wang.id] })),
      () => saveMeeting('', meeting(branch.id, { topic: '', attendeeIds: [wang.id] })),
    ]) {
      const error = await write().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).problems).toEqual([{ field: 'topic', code: 'required' }])
    }
    expect(await getDb().meetings.count()).toBe(0)
  })

  it('keeps a topic it is given, trimmed', async () => {
    const { branch, wang } = await setup()
    const saved = await createMeeting(
      meeting(branch.id, { topic: ' 学习党章 ', attendeeIds: [wang.id] }),
    )
    expect((await getDb().meetings.get(saved.id))?.topic).toBe('学习党章')
  })

  it("lists a member's meetings: attended, and absent with the reason", async () => {
    const { branch, wang, li } = await setup()
    await createMeeting(meeting(branch.id, { heldOn: '2026-09-01', attendeeIds: [wang.id, li.id] }))
    await createMeeting(
      meeting(branch.id, {
        heldOn: '2026-10-01',
        attendeeIds: [wang.id],
        absentees: [{ memberId: li.id, reason: 'sick', note: '住院' }],
      }),
    )
    const rows = await listMeetingsOfMember(li.id)
    expect(rows.map((r) => [r.meeting.heldOn, r.attended, r.reason, r.note])).toEqual([
      ['2026-10-01', false, 'sick', '住院'],
      ['2026-09-01', true, '', ''],
    ])
  })

  it('pages newest first through per-org ranges and through the date index alike', async () => {
    const { branch, other } = await setup()
    for (let day = 1; day <= 7; day++) {
      const heldOn = `2026-10-0${day}`
      await createMeeting(meeting(day % 2 ? branch.id : other.id, { heldOn, topic: `议题${day}` }))
    }
    for (const orgIds of [[branch.id, other.id], null]) {
      const seen: string[] = []
      let cursor: MeetingCursor = null
      do {
        const page = await listMeetingsPage(filter({ orgIds }), cursor, 3)
        seen.push(...page.rows.map((m) => m.heldOn))
        cursor = page.next
      } while (cursor)
      expect(seen).toEqual(['07', '06', '05', '04', '03', '02', '01'].map((d) => `2026-10-${d}`))
    }
    const onlyBranch = filter({ orgIds: [branch.id], from: '2026-10-02', to: '2026-10-06' })
    expect((await listMeetingsPage(onlyBranch, null, 10)).rows.map((m) => m.topic)).toEqual([
      '议题5',
      '议题3',
    ])
    expect(await countMeetingsMatching(filter({ text: '议题1' }))).toBe(1)
    expect(await countMeetingsMatching(filter({ orgIds: [other.id] }))).toBe(3)
    expect(await listMeetingsMatching(filter({ type: 'partyLesson' }))).toEqual([])
  })

  it('saves photos and appraisal grades with the meeting in one write', async () => {
    const { branch, wang, li } = await setup()
    const blob = new Blob(['jpeg'], { type: 'image/jpeg' })
    const saved = await saveMeeting(
      '',
      meeting(branch.id, {
        type: 'appraisal',
        heldOn: '2026-12-20',
        attendeeIds: [wang.id, li.id],
      }),
      {
        addPhotos: [{ name: 'a.jpg', type: 'image/jpeg', width: 10, height: 8, blob }],
        grades: [
          { memberId: wang.id, grade: 'qualified' },
          { memberId: li.id, grade: 'qualified' },
        ],
      },
    )
    expect(saved.photoIds).toHaveLength(1)
    const photos = await listMeetingPhotos(saved.id)
    expect(photos.map((p) => [p.meetingId, p.width])).toEqual([[saved.id, 10]])
    expect((await getMember(wang.id))?.appraisals).toEqual([{ year: 2026, grade: 'qualified' }])
    expect((await getMember(wang.id))?.lastAttendedOn).toBe('2026-12-20')

    // Editing: the photo is taken off (to the recycle bin); the audit trail names the change.
    const { id: _i, createdAt: _c, updatedAt: _u, ...input } = saved
    await saveMeeting(saved.id, input, { removePhotoIds: saved.photoIds })
    expect(await listMeetingPhotos(saved.id)).toEqual([])
    expect(await getDb().recycleBin.where('table').equals('photos').count()).toBe(1)
    const trail = await listAuditFor(saved.id)
    expect(trail.map((e) => e.action)).toEqual(['create', 'update'])
    expect(trail[1]?.fields).toEqual(['photoIds'])
  })

  it('refuses more 优秀 than the cap, writing nothing', async () => {
    const { branch, wang, li } = await setup()
    const write = saveMeeting('', meeting(branch.id, { type: 'appraisal' }), {
      grades: [
        { memberId: wang.id, grade: 'excellent' },
        { memberId: li.id, grade: 'qualified' },
      ],
    })
    await expect(write).rejects.toBeInstanceOf(ValidationError)
    expect(await getDb().meetings.count()).toBe(0)
    expect((await getMember(wang.id))?.appraisals).toEqual([])
  })

  it('reads the compliance board through org ranges', async () => {
    const { branch, other } = await setup()
    await createMeeting(meeting(branch.id, { heldOn: '2026-08-15' }))
    await createMeeting(meeting(other.id, { heldOn: '2026-08-15', status: 'draft' }))
    const board = await readComplianceBoard(
      [branch.id, other.id],
      ['2026-07', '2026-08', '2026-09', '2026-10'],
      '2026-11-23',
      ['branchAssembly'],
    )
    expect(board.rows.map((row) => row.cells.map((c) => c.state))).toEqual([
      ['met', 'met', 'met', 'notDue'],
      ['missed', 'missed', 'missed', 'notDue'],
    ])
    const facts = await listMeetingFactsOfLastPeriods('2026-10-05')
    expect(facts).toHaveLength(2)
  })
})
