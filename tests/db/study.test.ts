import { describe, expect, it } from 'vitest'
import {
  confirmStudyRecords,
  countStudy,
  createArea,
  createMeeting,
  createMember,
  createOrg,
  createStudyRecord,
  creditMeetingStudy,
  importStudyRecords,
  listPendingStudy,
  listRecycleBin,
  listStudyPage,
  recordStudySession,
  removeStudyRecord,
  saveSetting,
  studyHoursOfMember,
  studyHoursOfOrgs,
  ValidationError,
  type StudyFilter,
  type StudyImportRow,
} from '@/db'
import type { StudyRecordInput } from '@/domain/validation'
import { area, meeting, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

/** An org with `n` members (names 党员1…; ID numbers only for the first). */
async function branch(n: number) {
  const city = await createArea(area())
  const o = await createOrg(org(city.id))
  const members = []
  for (let i = 1; i <= n; i++) {
    members.push(
      await createMember(
        member(o.id, { name: `党员${i}`, idNumber: i === 1 ? '11010519491231002X' : '' }),
      ),
    )
  }
  return { org: o, members }
}

const session = {
  studiedOn: '2026-11-20',
  kind: 'collective' as const,
  topic: '学习党的二十届四中全会精神',
  hours: 4,
  place: '党员活动室',
  note: '',
  meetingId: '',
}

function entry(memberId: string, orgId: string, change: Partial<StudyRecordInput> = {}) {
  return {
    memberId,
    orgId,
    studiedOn: '2026-11-01',
    kind: 'self' as const,
    topic: '自学党章',
    hours: 2,
    place: '',
    note: '',
    confirmed: 'no' as const,
    meetingId: '',
    ...change,
  }
}

describe('one session for many members', () => {
  it('writes one confirmed record each, in one transaction with an audit entry each', async () => {
    const { org: o, members } = await branch(5)
    const created = await recordStudySession(
      session,
      members.map((m) => m.id),
    )
    expect(created).toHaveLength(5)
    expect(await db().studyRecords.count()).toBe(5)
    expect(await db().auditLog.where('table').equals('studyRecords').count()).toBe(5)
    const totals = await studyHoursOfOrgs([o.id], 2026)
    expect(members.map((m) => totals.get(m.id)?.confirmedHours)).toEqual([4, 4, 4, 4, 4])
  })

  it('writes nothing when one member is unknown or the hours are wrong', async () => {
    const { members } = await branch(3)
    await expect(
      recordStudySession(session, [members[0]!.id, 'missing', members[1]!.id]),
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(
      recordStudySession({ ...session, hours: 30 }, [members[0]!.id]),
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(
      recordStudySession({ ...session, studiedOn: '2026-11-24' }, [members[0]!.id]),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(await db().studyRecords.count()).toBe(0)
    expect(await db().auditLog.where('table').equals('studyRecords').count()).toBe(0)
  })
})

describe('crediting a meeting', () => {
  it('credits each attendee once, however often it is done', async () => {
    const { org: o, members } = await branch(4)
    const lesson = await createMeeting(
      meeting(o.id, {
        type: 'partyLesson',
        heldOn: '2026-10-10',
        attendeeIds: [members[0]!.id, members[1]!.id, members[2]!.id],
        absentees: [{ memberId: members[3]!.id, reason: 'work', note: '' }],
      }),
    )
    const first = await creditMeetingStudy(lesson.id, 2)
    expect(first).toMatchObject({ skipped: 0 })
    expect(first.created.map((r) => [r.kind, r.meetingId, r.studiedOn])).toEqual(
      Array(3).fill(['lesson', lesson.id, '2026-10-10']),
    )
    const second = await creditMeetingStudy(lesson.id, 2)
    expect(second).toMatchObject({ created: [], skipped: 3 })
    expect((await studyHoursOfMember(members[0]!.id, 2026)).confirmedHours).toBe(2)
    expect((await studyHoursOfMember(members[3]!.id, 2026)).confirmedHours).toBe(0)
  })

  it('credits only 党课 and 主题党日', async () => {
    const { org: o, members } = await branch(1)
    const assembly = await createMeeting(meeting(o.id, { attendeeIds: [members[0]!.id] }))
    await expect(creditMeetingStudy(assembly.id, 2)).rejects.toBeInstanceOf(ValidationError)
    const day = await createMeeting(
      meeting(o.id, { type: 'themedDay', attendeeIds: [members[0]!.id] }),
    )
    const { created } = await creditMeetingStudy(day.id, 1.5)
    expect(created[0]?.kind).toBe('collective')
  })
})

describe('self-entries and confirmation', () => {
  it('keeps pending hours apart until the secretary confirms', async () => {
    const { org: o, members } = await branch(2)
    const m = members[0]!
    await recordStudySession({ ...session, hours: 10 }, [m.id])
    const self = await createStudyRecord(entry(m.id, o.id))
    expect(await studyHoursOfMember(m.id, 2026)).toMatchObject({
      confirmedHours: 10,
      pendingHours: 2,
    })
    expect((await listPendingStudy([o.id])).map((r) => r.id)).toEqual([self.id])
    expect(await confirmStudyRecords([self.id])).toBe(1)
    expect(await confirmStudyRecords([self.id])).toBe(0)
    // A confirmed self-study is on record but is not 集中学习培训: it stays out of the target.
    expect(await studyHoursOfMember(m.id, 2026)).toMatchObject({
      confirmedHours: 10,
      pendingHours: 0,
      otherHours: 2,
    })
    expect(await listPendingStudy([o.id])).toEqual([])
  })

  it('rejects a record of a member of another org, and a future date', async () => {
    const { members } = await branch(1)
    await expect(createStudyRecord(entry(members[0]!.id, 'other-org'))).rejects.toBeInstanceOf(
      ValidationError,
    )
    await expect(
      createStudyRecord(entry(members[0]!.id, members[0]!.orgId, { studiedOn: '2027-01-01' })),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  it('follows the daily maximum in settings', async () => {
    const { org: o, members } = await branch(1)
    await saveSetting('study.maxHoursPerDay', 3)
    await expect(
      createStudyRecord(entry(members[0]!.id, o.id, { hours: 4 })),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  it('deletes to the recycle bin', async () => {
    const { org: o, members } = await branch(1)
    const self = await createStudyRecord(entry(members[0]!.id, o.id))
    await removeStudyRecord(self.id)
    expect(await db().studyRecords.count()).toBe(0)
    expect((await listRecycleBin(0, 10))[0]?.table).toBe('studyRecords')
  })
})

describe('hours across the year boundary', () => {
  it('counts each record in the year of its date', async () => {
    const { org: o, members } = await branch(1)
    const m = members[0]!
    for (const studiedOn of ['2025-12-31', '2026-01-01', '2026-01-02'])
      await createStudyRecord(entry(m.id, o.id, { studiedOn, confirmed: 'yes', kind: 'training' }))
    expect((await studyHoursOfMember(m.id, 2025)).confirmedHours).toBe(2)
    expect((await studyHoursOfMember(m.id, 2026)).confirmedHours).toBe(4)
    expect((await studyHoursOfOrgs([o.id], 2025)).get(m.id)?.confirmedHours).toBe(2)
  })
})

describe('keyset pages', () => {
  it('walks newest first without repeating or skipping, with filters', async () => {
    const { org: o, members } = await branch(2)
    for (let day = 1; day <= 9; day++) {
      await createStudyRecord(
        entry(members[day % 2]!.id, o.id, {
          studiedOn: `2026-03-0${day}`,
          topic: `第${day}次`,
          confirmed: day % 3 === 0 ? 'no' : 'yes',
        }),
      )
    }
    const filter: StudyFilter = { orgId: o.id, memberId: '', kind: '', confirmed: '', year: 2026 }
    const seen: string[] = []
    let cursor = null
    do {
      const page = await listStudyPage(filter, cursor, 4)
      seen.push(...page.rows.map((r) => r.studiedOn))
      cursor = page.next
    } while (cursor)
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map((d) => `2026-03-0${d}`))
    expect(await countStudy(filter)).toBe(9)
    expect(await countStudy({ ...filter, confirmed: 'no' })).toBe(3)
    expect(await countStudy({ ...filter, memberId: members[1]!.id })).toBe(5)
    expect(await countStudy({ ...filter, year: 2025 })).toBe(0)
  })
})

describe('import', () => {
  const row = (change: Partial<StudyImportRow> = {}): StudyImportRow => ({
    name: '',
    idNumber: '',
    studiedOn: '2026-09-01',
    hours: 3,
    topic: '专题培训',
    kind: 'training',
    place: '',
    note: '',
    ...change,
  })

  it('matches by ID number or unique name, and a second import adds nothing', async () => {
    const { org: o, members } = await branch(3)
    const rows = [row({ idNumber: '11010519491231002x' }), row({ name: '党员2' })]
    expect(await importStudyRecords(o.id, rows)).toEqual({ created: 2, updated: 0, unchanged: 0 })
    expect(await importStudyRecords(o.id, rows)).toEqual({ created: 0, updated: 0, unchanged: 2 })
    expect((await studyHoursOfMember(members[0]!.id, 2026)).confirmedHours).toBe(3)
    expect((await studyHoursOfMember(members[1]!.id, 2026)).confirmedHours).toBe(3)
    expect(
      await db()
        .auditLog.filter((e) => e.action === 'import')
        .count(),
    ).toBe(2)
  })

  it('writes nothing when a row fails, and names each bad row', async () => {
    const { org: o } = await branch(2)
    await createMember(member(o.id, { name: '党员2', idNumber: '' }))
    const error = await importStudyRecords(o.id, [
      row({ name: '党员1' }),
      row({ name: '党员2' }),
      row({ name: '无此人' }),
      row({ name: '党员1', topic: '另一课', hours: 0 }),
    ]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      '1.name:duplicate',
      '2.name:notFound',
      '3.hours:min',
    ])
    expect(await db().studyRecords.count()).toBe(0)
  })
})
