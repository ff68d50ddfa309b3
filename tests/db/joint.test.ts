import { describe, expect, it } from 'vitest'
import {
  addConstituent,
  addIssueProgress,
  changeIssueStatus,
  ConflictError,
  createArea,
  createJointMeeting,
  createOrg,
  deleteConstituent,
  getIssue,
  listConstituents,
  listIssues,
  listJointCommitteeIdsFor,
  listJointCommittees,
  listJointMeetings,
  listOverdueIssues,
  listRecycleBin,
  raiseIssue,
  readJointRecords,
  removeConstituent,
  removeJointMeeting,
  updateJointMeeting,
  ValidationError,
} from '@/db'
import { getDb } from '@/db/connection'
import { jointFigures } from '@/domain/joint'
import type { Sector } from '@/domain/types'
import type { IssueInput } from '@/domain/validation'
import { loadDemoData } from '@/services/demoLoader'
import { area, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const TODAY = '2026-11-23'

async function committeeWithConstituents() {
  const city = await createArea(area({ name: '赤峰市', code: '150400' }))
  const branch = await createOrg(org(city.id, { name: '信达公司党支部' }))
  const committee = await createOrg(
    org(city.id, { name: '巴林右旗联合党委', type: 'jointCommittee' }),
  )
  const add = (name: string, sector: Sector, orgId = '') =>
    addConstituent({
      committeeId: committee.id,
      orgId,
      name,
      sector,
      joinedOn: '2025-01-01',
      leftOn: '',
    })
  const firm = await add(branch.name, 'firm', branch.id)
  const department = await add('商务局党组', 'government')
  const village = await add('巴彦汉嘎查党支部', 'villageCommunity')
  return { city, branch, committee, firm, department, village }
}

function issueInput(committeeId: string, partial: Partial<IssueInput>): IssueInput {
  return {
    committeeId,
    meetingIds: [],
    title: '快递进村',
    description: '',
    raisedByConstituentId: '',
    responsibleConstituentIds: [],
    raisedOn: '2026-03-01',
    dueOn: '2026-05-01',
    status: 'open',
    progress: [],
    resolution: '',
    resolvedOn: '',
    declineReason: '',
    ...partial,
  }
}

describe('joint committee repository', () => {
  it('lists committees and the ones a scope sees through its constituents', async () => {
    const { committee, branch, city } = await committeeWithConstituents()
    const other = await createOrg(org(city.id, { name: '无关支部' }))
    expect((await listJointCommittees()).map((c) => c.id)).toEqual([committee.id])
    expect(await listJointCommitteeIdsFor(null)).toEqual([committee.id])
    expect(await listJointCommitteeIdsFor([branch.id])).toEqual([committee.id])
    expect(await listJointCommitteeIdsFor([committee.id])).toEqual([committee.id])
    expect(await listJointCommitteeIdsFor([other.id])).toEqual([])
  })

  it('a constituent leaves with a date (kept), is not added twice, and a named one is not deleted', async () => {
    const { committee, branch, department } = await committeeWithConstituents()
    await expect(
      addConstituent({
        committeeId: committee.id,
        orgId: branch.id,
        name: '另一个名字',
        sector: 'firm',
        joinedOn: '2025-06-01',
        leftOn: '',
      }),
    ).rejects.toThrow(ValidationError)
    await expect(removeConstituent(department.id, '2024-12-31')).rejects.toThrow(/dateOrder/)
    await removeConstituent(department.id, '2026-06-30')
    const kept = await listConstituents(committee.id)
    expect(kept).toHaveLength(3)
    expect(kept.find((c) => c.id === department.id)?.leftOn).toBe('2026-06-30')
    // A constituent of a non-committee org is refused.
    await expect(
      addConstituent({
        committeeId: branch.id,
        orgId: '',
        name: '某单位',
        sector: 'other',
        joinedOn: '',
        leftOn: '',
      }),
    ).rejects.toThrow(/committeeId:notFound/)
  })

  it('deletes a constituent entered by mistake, unless meetings or problems name it', async () => {
    const { committee, department, village } = await committeeWithConstituents()
    await createJointMeeting({
      committeeId: committee.id,
      heldOn: '2026-03-01',
      place: '',
      host: '',
      presentConstituentIds: [department.id],
      topics: '',
      minutes: '',
    })
    await expect(deleteConstituent(department.id)).rejects.toThrow(ConflictError)
    await deleteConstituent(village.id)
    expect(await listConstituents(committee.id)).toHaveLength(2)
    expect((await listRecycleBin(0, 5)).map((e) => e.table)).toEqual(['constituents'])
  })

  it('a meeting raises a problem, a later meeting follows it, it is resolved: the figures move by one', async () => {
    const { committee, department, village, firm } = await committeeWithConstituents()
    const meeting = await createJointMeeting({
      committeeId: committee.id,
      heldOn: '2026-03-01',
      place: '信达会议室',
      host: '李明',
      presentConstituentIds: [firm.id, department.id, village.id],
      topics: '电商物流',
      minutes: '研究快递进村',
    })
    const issue = await raiseIssue(
      issueInput(committee.id, {
        meetingIds: [meeting.id],
        raisedByConstituentId: firm.id,
        responsibleConstituentIds: [village.id],
      }),
    )
    const before = jointFigures({ ...(await readJointRecords([committee.id])), today: TODAY })
    expect([before.meetings, before.raised, before.resolved, before.open, before.overdue]).toEqual([
      1, 1, 0, 1, 1,
    ])
    expect((await listOverdueIssues(TODAY, null)).map((i) => i.id)).toEqual([issue.id])
    expect(await listOverdueIssues(TODAY, ['elsewhere'])).toEqual([])

    const followUp = await createJointMeeting(
      {
        committeeId: committee.id,
        heldOn: '2026-06-01',
        place: '',
        host: '',
        presentConstituentIds: [],
        topics: '',
        minutes: '',
      },
      [issue.id],
    )
    expect((await getIssue(issue.id))?.meetingIds).toEqual([meeting.id, followUp.id])
    await addIssueProgress(issue.id, { on: '2026-04-01', note: '已对接快递企业' }, TODAY)

    await expect(
      changeIssueStatus(issue.id, { to: 'resolved', on: '2026-02-01', text: '已共配' }, TODAY),
    ).rejects.toThrow(/on:dateOrder/)
    await expect(
      changeIssueStatus(issue.id, { to: 'resolved', on: '2026-07-01', text: '' }, TODAY),
    ).rejects.toThrow(/text:required/)
    await changeIssueStatus(issue.id, { to: 'resolved', on: '2026-07-01', text: '已共配' }, TODAY)

    const after = jointFigures({ ...(await readJointRecords([committee.id])), today: TODAY })
    expect([after.meetings, after.raised, after.resolved, after.open, after.overdue]).toEqual([
      2, 1, 1, 0, 0,
    ])
    expect(after.medianDaysToResolve).toBe(122)
    expect(after.bySector).toEqual([
      expect.objectContaining({ sector: 'villageCommunity', resolved: 1 }),
    ])
    expect(await listOverdueIssues(TODAY, null)).toEqual([])
    // Every change is in the audit trail.
    expect(await db().auditLog.where('recordId').equals(issue.id).count()).toBe(4)
  })

  it('refuses a problem without a responsible constituent or from another committee', async () => {
    const { committee, city, firm } = await committeeWithConstituents()
    await expect(
      raiseIssue(issueInput(committee.id, { raisedByConstituentId: firm.id })),
    ).rejects.toThrow(/responsibleConstituentIds:required/)
    const second = await createOrg(org(city.id, { name: '另一联合党委', type: 'jointCommittee' }))
    await expect(
      raiseIssue(
        issueInput(second.id, {
          raisedByConstituentId: firm.id,
          responsibleConstituentIds: [firm.id],
        }),
      ),
    ).rejects.toThrow(/raisedByConstituentId:notFound/)
  })

  it('a meeting that raised problems is not deleted; one that only followed them is', async () => {
    const { committee, firm, department } = await committeeWithConstituents()
    const blank = {
      committeeId: committee.id,
      place: '',
      host: '',
      presentConstituentIds: [],
      topics: '',
      minutes: '',
    }
    const first = await createJointMeeting({ ...blank, heldOn: '2026-03-01' })
    const issue = await raiseIssue(
      issueInput(committee.id, {
        meetingIds: [first.id],
        raisedByConstituentId: firm.id,
        responsibleConstituentIds: [department.id],
      }),
    )
    const second = await createJointMeeting({ ...blank, heldOn: '2026-04-01' }, [issue.id])
    await expect(removeJointMeeting(first.id)).rejects.toThrow(ConflictError)
    // Unticking the problem on the follow-up takes the meeting off it.
    await updateJointMeeting(second.id, { ...blank, heldOn: '2026-04-02' }, [])
    expect((await getIssue(issue.id))?.meetingIds).toEqual([first.id])
    await updateJointMeeting(second.id, { ...blank, heldOn: '2026-04-02' }, [issue.id])
    await removeJointMeeting(second.id)
    expect((await getIssue(issue.id))?.meetingIds).toEqual([first.id])
    expect((await listJointMeetings(committee.id)).map((m) => m.id)).toEqual([first.id])
  })

  it('the demo committee: 14 constituents, 6 meetings, 28 resolved', async () => {
    await loadDemoData(TODAY)
    const [committee] = await listJointCommittees()
    expect(committee?.name).toBe('巴林右旗非公企业和社会组织联合党委')
    const records = await readJointRecords([committee!.id])
    const figures = jointFigures({ ...records, today: TODAY })
    expect(figures.constituents).toBe(14)
    expect(figures.meetings).toBe(6)
    expect(figures.resolved).toBe(28)
    expect(figures.raised).toBe(30)
    expect(figures.open).toBe(2)
    expect(figures.medianDaysToResolve).toBeGreaterThan(0)
    expect((await listIssues(committee!.id)).length).toBe(30)
    expect(await getDb().constituents.where('sector').equals('villageCommunity').count()).toBe(5)
    // The whole demo load: a few seconds alone, more on a busy machine.
  }, 60_000)
})
