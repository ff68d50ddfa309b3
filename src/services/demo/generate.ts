/**
 * The demo dataset: the article's figures (875 internet firms, 121 with an org, 546
 * members, the 稀土高新区 committee's 8 branches, 巴林右旗's joint committee) as of
 * `today`. Pure and deterministic: the same options give a deep-equal dataset.
 */
import { lastAttendedByMember } from '@/domain/attendance'
import { buildDues } from './dues'
import type {
  Area,
  Constituent,
  Dues,
  Firm,
  IsoDate,
  Issue,
  JointMeeting,
  Meeting,
  Member,
  Org,
  PartyGroup,
  StudyRecord,
  Transfer,
} from '@/domain/types'
import { firmOrgStatus } from '@/domain/coverage'
import { nameBigrams } from '@/domain/search'
import { buildAreas } from './areas'
import { buildPartyGroups, seatCommittees } from './committees'
import { createContext, type DemoContext } from './context'
import { buildFirms } from './firms'
import { buildJoint } from './joint'
import { buildMeetings } from './meetings'
import { balanceSeats, buildMembers } from './members'
import { anyName } from './names'
import { buildOrgs } from './orgs'
import { buildStudyRecords } from './study'
import { buildTransfers } from './transfers'
import { describeGaps, type DemoGap } from './gaps'

export const DEMO_GENERATOR_VERSION = 3
export const DEFAULT_DEMO_SEED = 20180611
/** Firms without an org that have an instructor or liaison (工作覆盖), at scale 1. */
const WORK_COVERED_FIRMS = 300

export interface DemoOptions {
  seed?: number
  /** 'YYYY-MM-DD': the figures hold as of this day. */
  today: IsoDate
  /** 1 = the article; larger values multiply firms, orgs and members (benchmarks). */
  scale?: number
}

export interface DemoDataset {
  areas: Area[]
  firms: Firm[]
  orgs: Org[]
  partyGroups: PartyGroup[]
  members: Member[]
  meetings: Meeting[]
  constituents: Constituent[]
  jointMeetings: JointMeeting[]
  issues: Issue[]
  studyRecords: StudyRecord[]
  transfers: Transfer[]
  dues: Dues[]
}

/** The records of the demo, one array per table. */
export function generateDemo(options: DemoOptions): DemoDataset {
  return generateDemoWithGaps(options).dataset
}

/** The records and what they leave undone on purpose (demo/gaps.ts), for the description. */
export function generateDemoWithGaps(options: DemoOptions): {
  dataset: DemoDataset
  gaps: DemoGap[]
} {
  const scale = options.scale ?? 1
  if (!(scale > 0)) throw new Error('scale must be positive')
  const ctx = createContext(options.seed ?? DEFAULT_DEMO_SEED, options.today, scale)
  const areaIndex = buildAreas(ctx)
  const firmPlan = buildFirms(ctx, areaIndex)
  const orgPlan = buildOrgs(ctx, areaIndex, firmPlan)
  balanceSeats(ctx, orgPlan.memberOrgs)
  const { members, byOrg } = buildMembers(ctx, areaIndex, orgPlan.memberOrgs)
  const memberOrgIds = new Set(orgPlan.memberOrgs.map((entry) => entry.org.id))
  seatCommittees(
    ctx,
    orgPlan.memberOrgs,
    byOrg,
    orgPlan.orgs.filter((org) => !memberOrgIds.has(org.id)),
  )
  const partyGroups = buildPartyGroups(ctx, orgPlan.memberOrgs, byOrg)
  const joint = buildJoint(ctx, areaIndex, orgPlan)
  const orgs = [...orgPlan.orgs, joint.committee]
  const transfers = buildTransfers(ctx, members, orgs)
  const meetingPlan = buildMeetings(ctx, orgPlan.memberOrgs, byOrg, partyGroups, transfers)
  const meetings = meetingPlan.meetings
  const study = buildStudyRecords(ctx, members, meetings, orgs)
  const studyRecords = study.records
  const lastAttended = lastAttendedByMember(meetings)
  for (const member of members) member.lastAttendedOn = lastAttended.get(member.id) ?? ''
  fitEmployees(ctx, firmPlan.firms, members)
  assignWorkCoverage(ctx, firmPlan.firms, orgs)
  deriveOrgStatuses(firmPlan.firms, orgs, options.today)
  const demoDues = buildDues(ctx, members, orgs)
  const gaps = describeGaps({
    today: options.today,
    orgs,
    members,
    behindOrgIds: meetingPlan.behindOrgIds,
    gappyOrgIds: meetingPlan.gappyOrgIds,
    studyBehindIds: study.behindMemberIds,
    duesInArrears: demoDues.inArrears,
    duesSixMonths: demoDues.sixMonths,
  })
  const dataset: DemoDataset = {
    areas: areaIndex.areas,
    firms: firmPlan.firms,
    orgs,
    partyGroups,
    members,
    meetings,
    constituents: joint.constituents,
    jointMeetings: joint.jointMeetings,
    issues: joint.issues,
    studyRecords,
    transfers,
    dues: demoDues.dues,
  }
  return { dataset, gaps }
}

/** A firm employs at least its members and people in development, with room to spare. */
function fitEmployees(ctx: DemoContext, firms: Firm[], members: Member[]) {
  const perFirm = new Map<string, number>()
  for (const member of members) perFirm.set(member.firmId, (perFirm.get(member.firmId) ?? 0) + 1)
  for (const firm of firms) {
    const count = perFirm.get(firm.id) ?? 0
    if (firm.employees < count * 2) firm.employees = count * 2 + ctx.rng.int(1, 20)
  }
}

/** 工作覆盖: an instructor and/or liaison for some operating firms without an org. */
function assignWorkCoverage(ctx: DemoContext, firms: Firm[], orgs: Org[]) {
  const covered = new Set(
    orgs.filter((org) => org.dissolvedOn === '').flatMap((org) => org.hostFirmIds),
  )
  const open = firms.filter((firm) => firm.closedOn === '' && !covered.has(firm.id))
  for (const firm of ctx.rng.sample(open, Math.round(WORK_COVERED_FIRMS * ctx.scale))) {
    const roll = ctx.rng.next()
    if (roll < 0.75) firm.instructor = anyName(ctx.rng)
    if (roll >= 0.65) firm.liaison = anyName(ctx.rng)
  }
}

/** Firm.orgStatus as the repositories would derive it, once every org exists. */
function deriveOrgStatuses(firms: Firm[], orgs: Org[], today: string): void {
  const byFirm = new Map<string, Org[]>()
  for (const org of orgs)
    for (const id of org.hostFirmIds) byFirm.set(id, [...(byFirm.get(id) ?? []), org])
  for (const firm of firms) {
    firm.orgStatus = firmOrgStatus(firm, byFirm.get(firm.id) ?? [], today)
    firm.nameTokens = nameBigrams(firm.name)
  }
}
