import { describe, expect, it } from 'vitest'
import {
  admitMember,
  createArea,
  createMember,
  createOrg,
  decideMemberProbation,
  getMeeting,
  getMember,
  getOrg,
  listAllTallies,
  readRollOn,
  recordTransfer,
  renewOrgTerm,
  saveMeeting,
  setMemberStatus,
  updateOrg,
  ValidationError,
} from '@/db'
import { checkQuorum } from '@/domain/meetings'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import type { Member, Org } from '@/domain/types'
import type { OrgInput } from '@/domain/validation'
import { area, meeting, member, org, useFreshDb } from './helpers'

useFreshDb()
const settings = defaultSettings()

/** A branch with `full` full members (admitted 2015) and probationary ones admitted on dates. */
async function branch(full: number, probationaryOn: string[] = []) {
  const city = await createArea(area())
  const o = await createOrg(org(city.id))
  const members: Member[] = []
  for (let i = 0; i < full; i++) {
    members.push(
      await createMember(
        member(o.id, {
          name: `正式${i}`,
          idNumber: '',
          phone: '',
          development: { ...emptyDevelopment(), branchVoteOn: '2015-06-01', fullOn: '2016-06-01' },
        }),
      ),
    )
  }
  for (const [i, on] of probationaryOn.entries()) {
    members.push(
      await createMember(
        member(o.id, {
          name: `预备${i}`,
          idNumber: '',
          phone: '',
          stage: 'probationary',
          development: { ...emptyDevelopment(), branchVoteOn: on },
        }),
      ),
    )
  }
  return { city, org: o, members }
}

async function refused(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).problems.map((p) => `${p.field}:${p.code}`)
}

const toInput = (o: Org): OrgInput => {
  const { id: _i, createdAt: _c, updatedAt: _u, areaPath: _a, ...input } = o
  return input
}

describe('a meeting keeps the roll of its date (支部工作条例 第十一条)', () => {
  it('stores who had the vote when saved; the quorum holds after the roster changes', async () => {
    const { org: o, members } = await branch(4, ['2026-01-10'])
    const ids = members.map((m) => m.id)
    const saved = await saveMeeting(
      '',
      meeting(o.id, { heldOn: '2026-03-10', attendeeIds: [ids[0]!, ids[1]!, ids[2]!, ids[4]!] }),
    )
    expect(saved.roll?.voterIds).toHaveLength(4)
    expect(saved.roll?.memberIds).toHaveLength(5)
    // Later: one full member transferred out, three more arrive, the 预备党员 becomes full.
    await recordTransfer({
      memberId: ids[3]!,
      direction: 'out',
      fromOrgId: o.id,
      fromName: o.name,
      toOrgId: '',
      toName: '北京某党支部',
      letterNo: '',
      issuedOn: '2026-05-01',
      completedOn: '2026-05-01',
      status: 'completed',
    })
    for (const name of ['新甲', '新乙', '新丙', '新丁']) {
      await createMember(member(o.id, { name, idNumber: '', phone: '' }))
    }
    const stored = (await getMeeting(saved.id))!
    expect(checkQuorum(stored, stored.roll!, settings)).toMatchObject({ code: 'met', eligible: 4 })
    const today = await readRollOn(o.id, '2026-12-01')
    expect(checkQuorum(stored, today.roll, settings).code).toBe('notMet')
    // Edited later (the minutes), the record keeps its roll.
    const edited = await saveMeeting(saved.id, { ...toMeetingInput(stored), minutes: '补记' })
    expect(edited.roll).toEqual(stored.roll)
  })

  it('refuses attendees not on the roll that day (a member who joined later)', async () => {
    const { org: o, members } = await branch(3, ['2026-06-01'])
    const late = members[3]!
    expect(
      await refused(
        saveMeeting('', meeting(o.id, { heldOn: '2026-03-10', attendeeIds: [late.id] })),
      ),
    ).toEqual(['attendeeIds.0:notOnRoll'])
  })
})

describe('民主评议 on the roll of the day: 正式党员 graded, ⅓ a warning', () => {
  it('records the reason when 优秀 exceeds the share, refuses a grade for a 预备党员', async () => {
    const { org: o, members } = await branch(6, ['2026-03-01', '2026-03-01', '2026-03-01'])
    const ids = members.map((m) => m.id)
    const input = meeting(o.id, { type: 'appraisal', heldOn: '2026-12-01', attendeeIds: ids })
    const grades = ids.slice(0, 3).map((memberId) => ({ memberId, grade: 'excellent' as const }))
    expect(await refused(saveMeeting('', input, { grades }))).toEqual([
      'excellentReason:reasonRequired',
    ])
    const saved = await saveMeeting(
      '',
      { ...input, excellentReason: '抗洪抢险表现突出' },
      { grades },
    )
    expect(saved.excellentReason).toBe('抗洪抢险表现突出')
    expect((await getMember(ids[0]!))?.appraisals).toEqual([{ year: 2026, grade: 'excellent' }])
    expect(
      await refused(
        saveMeeting('', input, { grades: [{ memberId: ids[6]!, grade: 'qualified' }] }),
      ),
    ).toEqual(['grades.0.memberId:notFullMember'])
  })
})

describe('转正 by a vote of the 支部党员大会 (细则 第三十三条), 党龄 from the probation end', () => {
  it('refuses a vote that is not more than half of those with a vote, passes one that is', async () => {
    const { org: o, members } = await branch(6, ['2025-10-15'])
    const probationary = members[6]!
    const assembly = await saveMeeting(
      '',
      meeting(o.id, { heldOn: '2026-11-20', attendeeIds: members.map((m) => m.id) }),
    )
    const request = {
      decision: 'full' as const,
      meetingId: assembly.id,
      appliedOn: '2026-10-10',
      approvedOn: '',
      approvalSpecial: false,
      extendedUntil: '',
    }
    expect(
      await refused(
        decideMemberProbation(probationary.id, {
          ...request,
          counts: { approve: 3, oppose: 2, abstain: 1, written: 0 },
        }),
      ),
    ).toEqual(['approve:voteNotPassed'])
    expect(
      await refused(
        decideMemberProbation(probationary.id, {
          ...request,
          counts: { approve: 7, oppose: 0, abstain: 0, written: 0 },
        }),
      ),
    ).toEqual(['approve:voteCounts'])
    const full = await decideMemberProbation(probationary.id, {
      ...request,
      counts: { approve: 5, oppose: 0, abstain: 1, written: 0 },
    })
    expect(full).toMatchObject({ stage: 'full', fullMemberOn: '2026-10-15' })
    expect(full.development).toMatchObject({
      fullVoteOn: '2026-11-20',
      fullVoteMeetingId: assembly.id,
      fullAppliedOn: '2026-10-10',
    })
    expect((await getMeeting(assembly.id))?.votes).toEqual([
      {
        subject: 'fullMembership',
        memberId: probationary.id,
        title: probationary.name,
        approve: 5,
        oppose: 0,
        abstain: 1,
        written: 0,
      },
    ])
  })

  it('admits a 发展对象 by the vote, but not into a 临时党支部', async () => {
    const { city, org: o, members } = await branch(4)
    const candidate = await createMember(
      member(o.id, {
        name: '对象甲',
        idNumber: '',
        phone: '',
        stage: 'candidate',
        development: { ...emptyDevelopment(), candidateOn: '2025-09-01' },
      }),
    )
    const assembly = await saveMeeting(
      '',
      meeting(o.id, { heldOn: '2026-04-01', attendeeIds: members.map((m) => m.id) }),
    )
    const admitted = await admitMember(candidate.id, {
      on: '',
      meetingId: assembly.id,
      counts: { approve: 4, oppose: 0, abstain: 0, written: 0 },
    })
    expect(admitted).toMatchObject({ stage: 'probationary' })
    expect(admitted.development.branchVoteOn).toBe('2026-04-01')

    const temporary = await createOrg(
      org(city.id, { name: '项目临时党支部', type: 'temporaryBranch' }),
    )
    const other = await createMember(
      member(temporary.id, { name: '对象乙', idNumber: '', phone: '', stage: 'candidate' }),
    )
    expect(
      await refused(
        admitMember(other.id, {
          on: '',
          meetingId: assembly.id,
          counts: { approve: 4, oppose: 0, abstain: 0, written: 0 },
        }),
      ),
    ).toEqual(['orgId:temporaryBranch'])
  })
})

describe('停止党籍 leaves the roll: quorum, counts and tallies', () => {
  it('drops the member from the tallies and the roll from the status date on', async () => {
    const { org: o, members } = await branch(4)
    const sum = async () =>
      (await listAllTallies()).reduce((n, row) => n + (row.kind === 'org' ? row.full : 0), 0)
    expect(await sum()).toBe(4)
    await setMemberStatus(members[0]!.id, {
      status: 'suspended',
      statusSince: '2026-06-01',
      statusNote: '失联满 6 个月',
    })
    expect(await sum()).toBe(3)
    expect((await readRollOn(o.id, '2026-05-31')).roll.voterIds).toHaveLength(4)
    expect((await readRollOn(o.id, '2026-06-01')).roll.voterIds).toHaveLength(3)
  })
})

describe('committee seats (选举工作条例 第五条) and 换届 (届次 kept)', () => {
  it('refuses a seat for a 预备党员 or a member of another org', async () => {
    const { city, org: o, members } = await branch(3, ['2026-03-01'])
    const other = await createOrg(org(city.id, { name: '另一个支部' }))
    const outsider = await createMember(member(other.id, { name: '外人', idNumber: '', phone: '' }))
    const seat = (memberId: string, name: string) => ({
      post: 'committeeMember' as const,
      memberId,
      holderName: name,
      since: '',
    })
    expect(
      await refused(updateOrg(o.id, { ...toInput(o), committee: [seat(members[3]!.id, '预备0')] })),
    ).toEqual(['committee.0.memberId:seatNotFullMember'])
    expect(
      await refused(updateOrg(o.id, { ...toInput(o), committee: [seat(outsider.id, '外人')] })),
    ).toEqual(['committee.0.memberId:seatOutsideOrg'])
  })

  it('keeps the committee in office as history when the next is elected', async () => {
    const { org: o, members } = await branch(4)
    const seats = members.slice(0, 3).map((m, i) => ({
      post: i === 0 ? ('secretary' as const) : ('committeeMember' as const),
      memberId: m.id,
      holderName: m.name,
      since: '2023-06-01',
    }))
    await updateOrg(o.id, { ...toInput(o), committee: seats, termStartOn: '2023-06-01' })
    const renewed = await renewOrgTerm(o.id, '2026-06-01', [
      { ...seats[0]!, memberId: members[3]!.id, holderName: members[3]!.name, since: '' },
    ])
    expect(renewed.termStartOn).toBe('2026-06-01')
    expect(renewed.termNumber).toBe(2)
    expect(renewed.pastTerms).toEqual([
      { number: 1, startOn: '2023-06-01', endOn: '2026-06-01', committee: seats },
    ])
    // The committee of a meeting before the 换届 is the one then in office.
    expect((await readRollOn(o.id, '2026-01-10')).roll.committee).toEqual(
      members.slice(0, 3).map((m) => m.id),
    )
    expect((await getOrg(o.id))?.committee[0]?.memberId).toBe(members[3]!.id)
    expect(await refused(renewOrgTerm(o.id, '2026-05-01', []))).toEqual(['termStartOn:dateOrder'])
  })

  it('refuses a term shift beyond a year, and without its approval date', async () => {
    const { org: o } = await branch(3)
    expect(
      await refused(
        updateOrg(o.id, {
          ...toInput(o),
          termShift: { months: 13, approvedOn: '2026-01-01', note: '' },
        }),
      ),
    ).toEqual(['termShift.months:termShiftTooFar'])
    expect(
      await refused(
        updateOrg(o.id, { ...toInput(o), termShift: { months: 6, approvedOn: '', note: '' } }),
      ),
    ).toEqual(['termShift.approvedOn:required'])
  })
})

function toMeetingInput(m: NonNullable<Awaited<ReturnType<typeof getMeeting>>>) {
  const { id: _i, createdAt: _c, updatedAt: _u, ...input } = m
  return input
}
