import { describe, expect, it } from 'vitest'
import {
  advanceMemberStage,
  countMembersMatching,
  createArea,
  createMember,
  createOrg,
  getMember,
  importMembers,
  listAlarmCandidates,
  listMembersPage,
  listPipeline,
  listTransfersOfMember,
  moveMember,
  recordTransfer,
  searchMembers,
  setMemberStatus,
  settleTransfer,
  ValidationError,
  type MemberCursor,
} from '@/db'
import { computeIdCheckChar } from '@/domain/idNumber'
import { emptyMemberFilter, type MemberFilter } from '@/domain/memberRules'
import { defaultSettings } from '@/domain/settings'
import type { Member } from '@/domain/types'
import type { MemberInput } from '@/domain/validation'
import { area, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const today = '2026-11-23'

/** A valid ID number for person n, born 1990-01-01, odd sequence = male. */
function idFor(n: number, gender: 'male' | 'female' = 'male'): string {
  const sequence = String(n * 2 + (gender === 'male' ? 1 : 0))
    .padStart(3, '0')
    .slice(-3)
  const first17 = `15020319900101${sequence}`
  return first17 + computeIdCheckChar(first17)
}

async function setup() {
  const city = await createArea(area())
  const a = await createOrg(org(city.id, { name: '甲支部' }))
  const b = await createOrg(org(city.id, { name: '乙支部' }))
  return { city, a, b }
}

function person(orgId: string, n: number, partial: Partial<MemberInput> = {}): MemberInput {
  return member(orgId, {
    name: `张${String(n).padStart(3, '0')}`,
    gender: 'male',
    birthDate: '1990-01-01',
    idNumber: '',
    phone: `139${String(n).padStart(8, '0')}`,
    ...partial,
  })
}

async function allPages(
  scope: string[] | null,
  filter: MemberFilter,
  limit: number,
): Promise<Member[]> {
  const rows: Member[] = []
  let after: MemberCursor = null
  do {
    const page = await listMembersPage(scope, filter, after, limit, today)
    expect(page.rows.length).toBeLessThanOrEqual(limit)
    rows.push(...page.rows)
    after = page.next
  } while (after)
  return rows
}

describe('roster pages', () => {
  it('pages one org in name order through its index, resuming after the cursor', async () => {
    const { a, b } = await setup()
    for (let n = 0; n < 12; n++) await createMember(person(a.id, n, { name: `李${(n * 7) % 12}` }))
    for (let n = 12; n < 40; n++) await createMember(person(b.id, n))
    const rows = await allPages([a.id], emptyMemberFilter(), 5)
    expect(rows).toHaveLength(12)
    expect(rows.every((m) => m.orgId === a.id)).toBe(true)
    const names = rows.map((m) => m.name)
    expect(names).toEqual([...names].sort())
    expect(await countMembersMatching([a.id], emptyMemberFilter(), today)).toBe(12)
  })

  it('reads only the rows of its org for a filtered first page (no whole-table read)', async () => {
    const { a, b } = await setup()
    for (let n = 0; n < 6; n++) await createMember(person(a.id, n, { stage: 'probationary' }))
    for (let n = 6; n < 200; n++) await createMember(person(b.id, n, { stage: 'probationary' }))
    let read = 0
    const count = () => {
      read++
    }
    db().members.hook('reading', (row) => {
      count()
      return row
    })
    const page = await listMembersPage(
      [a.id],
      { ...emptyMemberFilter(), stage: 'probationary' },
      null,
      5,
      today,
    )
    expect(page.rows).toHaveLength(5)
    expect(read).toBeGreaterThanOrEqual(5)
    expect(read).toBeLessThanOrEqual(6)
  })

  it('walks a subtree org by org and everything by name, with the same filters', async () => {
    const { a, b } = await setup()
    for (let n = 0; n < 7; n++)
      await createMember(person(a.id, n, { gender: n % 2 ? 'male' : 'female', idNumber: '' }))
    for (let n = 7; n < 15; n++) await createMember(person(b.id, n, { stage: 'activist' }))
    const women = { ...emptyMemberFilter(), gender: 'female' as const }
    const subtree = await allPages([a.id, b.id], women, 2)
    expect(subtree.map((m) => m.name)).toEqual(['张000', '张002', '张004', '张006'])
    expect(await countMembersMatching([a.id, b.id], women, today)).toBe(4)
    const everything = await allPages(null, { ...emptyMemberFilter(), stage: 'activist' }, 3)
    expect(everything).toHaveLength(8)
    expect(await countMembersMatching(null, emptyMemberFilter(), today)).toBe(15)
  })

  it('searches a name start or a phone start; age bands filter by birth date', async () => {
    const { a } = await setup()
    await createMember(person(a.id, 1, { name: '王芳', gender: 'female' }))
    await createMember(person(a.id, 2, { name: '王强', birthDate: '1960-01-01' }))
    await createMember(person(a.id, 3, { name: '李王' }))
    const names = async (filter: Partial<MemberFilter>, scope: string[] | null = [a.id]) =>
      (
        await listMembersPage(scope, { ...emptyMemberFilter(), ...filter }, null, 20, today)
      ).rows.map((m) => m.name)
    expect(await names({ text: '王' })).toEqual(['王强', '王芳'].sort())
    expect(await names({ text: '王' }, null)).toEqual(['王强', '王芳'].sort())
    expect(await names({ text: '13900000003' })).toEqual(['李王'])
    expect(await names({ ageBand: 'from61' })).toEqual(['王强'])
    expect(await countMembersMatching([a.id], { ...emptyMemberFilter(), text: '王' }, today)).toBe(
      2,
    )
    expect((await searchMembers('王')).map((m) => m.name).sort()).toEqual(['王强', '王芳'].sort())
  })
})

describe('member writes', () => {
  it('refuses a wrong ID check character and an ID that disagrees with birth date or gender', async () => {
    const { a } = await setup()
    const good = idFor(5)
    const wrong = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1')
    await expect(createMember(person(a.id, 1, { idNumber: wrong }))).rejects.toMatchObject({
      problems: [{ field: 'idNumber', code: 'checkDigit' }],
    })
    await expect(
      createMember(person(a.id, 1, { idNumber: good, gender: 'female' })),
    ).rejects.toMatchObject({ problems: [{ field: 'idNumber', code: 'idGenderMismatch' }] })
    await expect(
      createMember(person(a.id, 1, { idNumber: good, birthDate: '1990-01-02' })),
    ).rejects.toMatchObject({ problems: [{ field: 'idNumber', code: 'idBirthDateMismatch' }] })
    expect((await createMember(person(a.id, 1, { idNumber: good }))).idNumber).toBe(good)
  })

  it('moves an activist through to probationary member; introducers must be full members', async () => {
    const { a, b } = await setup()
    const one = await createMember(person(a.id, 1))
    const two = await createMember(person(a.id, 2))
    const young = await createMember(person(a.id, 3, { stage: 'candidate' }))
    const activist = await createMember(
      person(a.id, 4, {
        stage: 'activist',
        development: { ...member(a.id).development, activistOn: '2024-03-10' },
      }),
    )
    const candidate = await advanceMemberStage(activist.id, { on: '2025-03-10' })
    expect(candidate).toMatchObject({
      stage: 'candidate',
      development: { candidateOn: '2025-03-10' },
    })
    await expect(
      advanceMemberStage(activist.id, {
        on: '2025-09-01',
        introducerIds: [one.id, young.id],
        trainingDays: 3,
      }),
    ).rejects.toMatchObject({
      problems: [{ field: 'development.introducerIds.1', code: 'notFullMember' }],
    })
    const probationary = await advanceMemberStage(activist.id, {
      on: '2025-09-01',
      introducerIds: [one.id, two.id],
      trainingDays: 3,
    })
    expect(probationary).toMatchObject({
      stage: 'probationary',
      development: { branchVoteOn: '2025-09-01' },
    })
    const moved = await moveMember(activist.id, b.id)
    expect(moved.orgId).toBe(b.id)
    expect(await db().auditLog.where('recordId').equals(activist.id).count()).toBe(4)
  })

  it('marks mobile and lost contact with their date and note; back to normal clears them', async () => {
    const { a } = await setup()
    const m = await createMember(person(a.id, 1))
    await expect(
      setMemberStatus(m.id, { status: 'mobile', statusSince: '', statusNote: '' }),
    ).rejects.toBeInstanceOf(ValidationError)
    const mobile = await setMemberStatus(m.id, {
      status: 'mobile',
      statusSince: '2026-05-01',
      statusNote: '深圳',
    })
    expect(mobile).toMatchObject({
      status: 'mobile',
      statusSince: '2026-05-01',
      statusNote: '深圳',
    })
    const back = await setMemberStatus(m.id, {
      status: 'normal',
      statusSince: '2026-09-01',
      statusNote: 'x',
    })
    expect(back).toMatchObject({ status: 'normal', statusSince: '', statusNote: '' })
  })
})

describe('transfers', () => {
  const letter = {
    direction: 'out' as const,
    fromName: '',
    toOrgId: '',
    toName: '北京市海淀区某党支部',
    letterNo: '内组转〔2026〕8号',
    issuedOn: '2026-10-01',
    completedOn: '2026-10-20',
    status: 'completed' as const,
  }
  it('a completed transfer out of the register leaves the roster and keeps the history', async () => {
    const { a } = await setup()
    const m = await createMember(person(a.id, 1))
    await createMember(person(a.id, 2))
    await recordTransfer({ ...letter, memberId: m.id, fromOrgId: a.id })
    expect(await getMember(m.id)).toMatchObject({
      orgId: a.id,
      status: 'transferredOut',
      statusSince: '2026-10-20',
    })
    const roster = await listMembersPage([a.id], emptyMemberFilter(), null, 20, today)
    expect(roster.rows.map((r) => r.id)).not.toContain(m.id)
    expect(await countMembersMatching([a.id], emptyMemberFilter(), today)).toBe(1)
    const gone = await listMembersPage(
      [a.id],
      { ...emptyMemberFilter(), status: 'transferredOut' },
      null,
      20,
      today,
    )
    expect(gone.rows.map((r) => r.id)).toEqual([m.id])
    expect(await listTransfersOfMember(m.id)).toHaveLength(1)
  })

  it('a pending transfer to an org of the register moves the member when it completes', async () => {
    const { a, b } = await setup()
    const m = await createMember(person(a.id, 1))
    const pending = await recordTransfer({
      ...letter,
      memberId: m.id,
      fromOrgId: a.id,
      toOrgId: b.id,
      toName: '',
      status: 'pending',
      completedOn: '',
    })
    expect((await getMember(m.id))?.orgId).toBe(a.id)
    await settleTransfer(pending.id, { status: 'completed', completedOn: '2026-10-05' })
    expect(await getMember(m.id)).toMatchObject({ orgId: b.id, status: 'normal' })
    await expect(settleTransfer(pending.id, { status: 'cancelled' })).rejects.toMatchObject({
      code: 'transferSettled',
    })
    expect((await listTransfersOfMember(m.id))[0]).toMatchObject({
      status: 'completed',
      completedOn: '2026-10-05',
    })
  })

  it('writes nothing when the transfer is invalid', async () => {
    const { a } = await setup()
    const m = await createMember(person(a.id, 1))
    await expect(
      recordTransfer({ ...letter, memberId: m.id, fromOrgId: a.id, toName: '' }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(await db().transfers.count()).toBe(0)
    expect((await getMember(m.id))?.status).toBe('normal')
  })
})

describe('pipeline and alarm candidates', () => {
  it('lists people in development by stage, and alarm candidates through lastAttendedOn', async () => {
    const { a, b } = await setup()
    await createMember(person(a.id, 1, { stage: 'applicant' }))
    await createMember(person(a.id, 2, { stage: 'candidate' }))
    await createMember(person(b.id, 3, { stage: 'candidate' }))
    const full = await createMember(person(a.id, 4))
    const recent = await createMember(person(a.id, 5))
    await db().members.update(recent.id, { lastAttendedOn: '2026-10-01' })
    const pipeline = await listPipeline([a.id])
    expect(pipeline.applicant).toHaveLength(1)
    expect(pipeline.candidate).toHaveLength(1)
    expect(pipeline.probationary).toHaveLength(0)
    const candidates = await listAlarmCandidates([a.id], defaultSettings(), today)
    expect(candidates.map((m) => m.id)).toEqual([full.id])
  })
})

describe('member import', () => {
  it('adds and updates by ID number in one transaction; a bad row writes nothing', async () => {
    const { a, b } = await setup()
    const existing = await createMember(person(a.id, 1, { idNumber: idFor(1) }))
    await setMemberStatus(existing.id, {
      status: 'mobile',
      statusSince: '2026-01-01',
      statusNote: '外地',
    })
    const counts = await importMembers([
      person(b.id, 1, { idNumber: idFor(1), name: '张一改' }),
      person(b.id, 2, { idNumber: idFor(2) }),
      person(b.id, 3),
    ])
    expect(counts).toEqual({ created: 2, updated: 1, unchanged: 0 })
    expect(await getMember(existing.id)).toMatchObject({
      name: '张一改',
      orgId: b.id,
      status: 'mobile',
    })
    const before = await db().members.count()
    await expect(
      importMembers([
        person(a.id, 4, { idNumber: idFor(4) }),
        person(a.id, 5, { idNumber: idFor(4) }),
      ]),
    ).rejects.toMatchObject({ problems: [{ field: '1.idNumber', code: 'duplicate' }] })
    await expect(importMembers([person('nowhere', 6)])).rejects.toBeInstanceOf(ValidationError)
    expect(await db().members.count()).toBe(before)
  })
})
