/**
 * 巴林右旗's joint committee (联合党委): 信达's branch with 5 banner departments,
 * 5 嘎查村/社区 orgs and 3 non-public firms' orgs — 14 constituents, 6 joint meetings,
 * 28 problems resolved (the article's figures).
 */
import type { Constituent, IsoDate, Issue, JointMeeting, Org, Sector } from '@/domain/types'
import { areaNamed, type AreaIndex } from './areas'
import { stamp, type DemoContext } from './context'
import { addDays, addMonths, daysBetween, minDate } from './dates'
import { OPEN_ISSUES, RESOLVED_ISSUES } from './joint-issues'
import { anyName } from './names'
import type { OrgPlan } from './orgs'

export const JOINT_COMMITTEE = '巴林右旗非公企业和社会组织联合党委'
const GOVERNMENT = [
  '巴林右旗市场监督管理局党组',
  '巴林右旗人力资源和社会保障局党组',
  '国家税务总局巴林右旗税务局党委',
  '巴林右旗工商业联合会党组',
  '巴林右旗商务局党组',
]
const VILLAGES = [
  '大板镇巴彦汉嘎查党支部',
  '大板镇红旗嘎查党支部',
  '查干沐沦苏木查干沐沦嘎查党支部',
  '索博日嘎镇索博日嘎嘎查党支部',
  '大板镇巴林社区党支部',
]
/** Resolved problems per meeting, oldest first (sums to 28). */
const RESOLVED_PER_MEETING = [6, 5, 5, 4, 4, 4]

export interface JointPlan {
  committee: Org
  constituents: Constituent[]
  jointMeetings: JointMeeting[]
  issues: Issue[]
}

export function buildJoint(ctx: DemoContext, areaIndex: AreaIndex, orgPlan: OrgPlan): JointPlan {
  const { rng, today } = ctx
  const area = areaNamed(areaIndex, '巴林右旗')
  const firstMeeting = addMonths(today, -17)
  const foundedOn = addMonths(firstMeeting, -2)
  const secretaryName = orgPlan.xindaBranch.committee[0]?.holderName ?? anyName(rng)
  const committee: Org = {
    name: JOINT_COMMITTEE,
    type: 'jointCommittee',
    parentId: '',
    areaId: area.id,
    areaPath: area.path,
    hostFirmIds: [],
    foundedOn,
    dissolvedOn: '',
    committee: [
      { post: 'secretary', memberId: '', holderName: secretaryName, since: foundedOn },
      { post: 'deputySecretary', memberId: '', holderName: anyName(rng), since: foundedOn },
      { post: 'organisation', memberId: '', holderName: anyName(rng), since: foundedOn },
      { post: 'publicity', memberId: '', holderName: anyName(rng), since: foundedOn },
      { post: 'discipline', memberId: '', holderName: anyName(rng), since: foundedOn },
    ],
    termStartOn: foundedOn,
    termYears: 0,
    note: '以扩大电商覆盖范围、提升电商服务水平为目标，研究解决涉及多个部门单位的困难问题',
    ...stamp(ctx),
  }
  const constituent = (name: string, sector: Sector, orgId = ''): Constituent => ({
    committeeId: committee.id,
    orgId,
    name,
    sector,
    joinedOn: foundedOn,
    leftOn: '',
    ...stamp(ctx, foundedOn),
  })
  const constituents = [
    constituent(orgPlan.xindaBranch.name, 'firm', orgPlan.xindaBranch.id),
    ...GOVERNMENT.map((name) => constituent(name, 'government')),
    ...VILLAGES.map((name) => constituent(name, 'villageCommunity')),
    ...orgPlan.baarinBranches.map((org) => constituent(org.name, 'nonPublicFirm', org.id)),
  ]
  const government = constituents.filter((item) => item.sector === 'government')
  const raisers = constituents.filter((item) => item.sector !== 'government')

  const jointMeetings = RESOLVED_PER_MEETING.map((_, index): JointMeeting => {
    const heldOn = addDays(addMonths(firstMeeting, index * 3), rng.int(-6, 6))
    const present = rng.sample(constituents, rng.int(11, 14))
    return {
      committeeId: committee.id,
      heldOn,
      place:
        index % 2 === 0
          ? '信达中小企业服务有限公司会议室'
          : `${rng.pick(GOVERNMENT).replace(/党(组|委)$/, '')}会议室`,
      host: secretaryName,
      presentConstituentIds: constituents
        .filter((item) => present.includes(item))
        .map((item) => item.id),
      topics: `第${index + 1}次联席会议：通报上次问题办理情况，梳理电商发展新问题`,
      minutes: `${secretaryName}主持。各成员单位通报问题办理进度，研究确定新提出问题的牵头单位和完成时限。`,
      ...stamp(ctx, heldOn),
    }
  })

  const issues: Issue[] = []
  let next = 0
  const raise = (title: string, meetingIndex: number): Issue => {
    const meeting = jointMeetings[meetingIndex]
    if (!meeting) throw new Error('no such joint meeting')
    return {
      committeeId: committee.id,
      meetingIds: [meeting.id],
      title,
      description: `${title}，影响企业和农牧民电商经营，需多部门协同解决。`,
      raisedByConstituentId: rng.pick(raisers).id,
      responsibleConstituentIds: rng.sample(government, rng.int(1, 2)).map((item) => item.id),
      raisedOn: meeting.heldOn,
      dueOn: addDays(meeting.heldOn, rng.int(30, 90)),
      status: 'open',
      progress: [],
      resolution: '',
      resolvedOn: '',
      declineReason: '',
      ...stamp(ctx, meeting.heldOn),
    }
  }
  RESOLVED_PER_MEETING.forEach((count, meetingIndex) => {
    for (let index = 0; index < count; index++) {
      const [title, resolution] = RESOLVED_ISSUES[next++] ?? ['', '']
      const issue = raise(title, meetingIndex)
      const room = daysBetween(issue.raisedOn, today)
      const resolvedOn: IsoDate = minDate(
        addDays(issue.raisedOn, rng.int(7, Math.max(7, Math.min(120, room)))),
        today,
      )
      const later = jointMeetings.filter(
        (item) => item.heldOn > issue.raisedOn && item.heldOn <= resolvedOn,
      )
      const progressOn = addDays(
        issue.raisedOn,
        Math.floor(daysBetween(issue.raisedOn, resolvedOn) / 2),
      )
      issues.push({
        ...issue,
        updatedAt: `${resolvedOn}T08:00:00.000Z`,
        meetingIds: [...issue.meetingIds, ...later.map((item) => item.id)],
        status: 'resolved',
        progress: [{ on: progressOn, note: '牵头单位已对接企业，正在办理' }],
        resolution,
        resolvedOn,
      })
    }
  })
  for (const [title, status] of OPEN_ISSUES) {
    const issue = raise(title, jointMeetings.length - 1)
    const progress =
      status === 'inProgress'
        ? [
            {
              on: minDate(addDays(issue.raisedOn, 20), today),
              note: '已纳入旗里年度计划，正在争取资金',
            },
          ]
        : []
    issues.push({ ...issue, status, progress })
  }
  return { committee, constituents, jointMeetings, issues }
}
