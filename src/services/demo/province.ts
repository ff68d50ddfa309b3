/**
 * The benchmark's "province" data set: exact counts, generated in chunks so a
 * page can write 900k records without holding them all. Every record is a pure function
 * of (seed, table, index): a chunk can be generated alone, and references to records of
 * other tables (an org's host firm, a meeting's attendees) are recomputed, not looked up.
 * Same rules as the rest of this folder: seeded, no Dexie, no Date.now, no Math.random.
 */
import {
  STAGE,
  INDUSTRIES,
  MEETING_TYPES,
  STUDY_KINDS,
  type Area,
  type Dues,
  type DuesCategory,
  type Firm,
  type Gender,
  type IsoDate,
  type Issue,
  type Meeting,
  type MeetingType,
  type Member,
  type MemberStage,
  type MemberStatus,
  type Org,
  type OrgType,
  type StudyRecord,
} from '@/domain/types'
import { firmOrgStatus } from '@/domain/coverage'
import { monthKey } from '@/domain/dates'
import { addMonthsTo, monthlyDue } from '@/domain/dues'
import { isPartyStage, paysDues } from '@/domain/memberStatus'
import { defaultSettings } from '@/domain/settings'
import { buildAreas } from './areas'
import { createContext, timestamp } from './context'
import { addDays, addYears } from './dates'
import { DEMO_GENERATOR_VERSION, DEFAULT_DEMO_SEED } from './generate'
import { creditCheckChar, idCheckChar, orgCodeCheckChar } from './ids'
import { OPEN_ISSUES, RESOLVED_ISSUES } from './joint-issues'
import { anyName, ethnicityFor, firmName, JOB_TITLES, personName } from './names'
import { Rng } from './random'
import { MEETING_RESOLUTIONS, MEETING_TOPICS, STUDY_TOPICS } from './topics'
import { nameBigrams } from '@/domain/search'

/** Bump when a province record changes shape or content: the bench's cache is keyed by it. */
export const PROVINCE_GENERATOR_VERSION = `${DEMO_GENERATOR_VERSION}.p3`

/** Months of 党费 records each paying member holds: the twelve up to last month. */
export const DUES_MONTHS = 12
/**
 * Members who owe dues through the whole year (full or probationary, a paying status, in an
 * org that collects, admitted before the year began) with the default seed and
 * PROVINCE_TODAY of the bench: counted by `duesPayers()` (a unit test keeps them equal).
 */
export const DUES_PAYERS = 81_458

export const PROVINCE_COUNTS = {
  firms: 100_000,
  orgs: 15_000,
  members: 100_000,
  meetings: 500_000,
  studyRecords: 200_000,
  issues: 2_000,
  dues: DUES_PAYERS * DUES_MONTHS,
} as const

export type ProvinceTable = keyof typeof PROVINCE_COUNTS
export type ProvinceRecord = Firm | Org | Member | Meeting | StudyRecord | Issue | Dues

/** Org index ranges by type (15,000 in all). */
const OWN_ORGS = 12_000
const JOINT_BRANCHES = 2_600
const JOINT_BRANCH_HOSTS = 4
const TEMPORARY_BRANCHES = 300
const FIRST_JOINT = OWN_ORGS
const FIRST_TEMPORARY = FIRST_JOINT + JOINT_BRANCHES
const FIRST_COMMITTEE = FIRST_TEMPORARY + TEMPORARY_BRANCHES
const JOINT_COMMITTEES = PROVINCE_COUNTS.orgs - FIRST_COMMITTEE
/** Own orgs in groups: a base committee, a general branch, and branches under them. */
const GROUP = 40

/** Firms are hosted in the order of a fixed permutation, so hosts never repeat. */
const FIRM_STRIDE = 7_919 // prime, coprime with 100,000
const hostFirm = (slot: number) => (slot * FIRM_STRIDE + 13) % PROVINCE_COUNTS.firms
/** 7,919 × 17,679 ≡ 1 (mod 100,000): the slot a firm is hosted in, if any. */
const FIRM_STRIDE_INVERSE = 17_679
// Products stay below 2^53, so plain numbers are exact.
const slotOfFirm = (firm: number) =>
  ((firm - 13 + PROVINCE_COUNTS.firms) * FIRM_STRIDE_INVERSE) % PROVINCE_COUNTS.firms
/** 2020-01-01T00:00:00Z: the time part of record i's id is this + i ms. */
const ID_EPOCH_MS = 1_577_836_800_000
/** Members and meetings are numbered org by org (ids in org order, as a register grows). */
const ORGS_WITH_7_MEMBERS = 10_000 // 10,000 × 7 + 5,000 × 6 = 100,000
const ORGS_WITH_34_MEETINGS = 5_000 // 5,000 × 34 + 10,000 × 33 = 500,000
const STUDY_PER_MEMBER = 2
const HOSTED_SLOTS = OWN_ORGS + JOINT_BRANCHES * JOINT_BRANCH_HOSTS + TEMPORARY_BRANCHES

const KIND = {
  firm: 1,
  org: 2,
  member: 3,
  meeting: 4,
  studyRecord: 5,
  issue: 6,
  firmArea: 7,
  memberName: 8,
  dues: 9,
} as const

export interface ProvinceOptions {
  /** 'YYYY-MM-DD': the day the data set is "as of". */
  today: IsoDate
  seed?: number
}

export interface ProvinceGenerator {
  readonly version: string
  readonly today: IsoDate
  areas: Area[]
  /** Records `start` … `start + count - 1` of a table (clamped to its count). */
  rows(table: ProvinceTable, start: number, count: number): ProvinceRecord[]
  /** Indexes of the members who owe dues through the whole dues year, in index order. */
  duesPayers(): number[]
}

export function createProvince(options: ProvinceOptions): ProvinceGenerator {
  const seed = options.seed ?? DEFAULT_DEMO_SEED
  const today = options.today
  const ctx = createContext(seed, today, 1)
  const areaIndex = buildAreas(ctx)
  const areas = areaIndex.areas
  // Leaves where firms register: banners, and parks for about a third of a banner's firms.
  const leaves = areaIndex.banners.map(({ area, firmWeight }) => ({
    banner: area,
    parks: areaIndex.parksOf.get(area.id) ?? [],
    weight: firmWeight,
  }))
  const weights = leaves.map((leaf) => leaf.weight)
  const seedMix = Math.imul(seed, 0x9e3779b1)

  const rngOf = (kind: number, index: number) =>
    new Rng((seedMix ^ (kind * 1_048_576 + index)) >>> 0)
  /**
   * Time-ordered ids (UUIDv7 layout: 48-bit ms, version 7, the kind, then random bits from
   * the record's own stream), so any table can name a record by its index. Records written
   * in index order then land at the end of the primary key range: with random v4 ids the
   * cold write fell to ~240 records/s past ~200,000 records on this machine (LevelDB
   * compactions); a register that grows over time has time-ordered creation anyway.
   */
  const orderedId = (kind: number, index: number, rng: Rng) => {
    const a = rng.nextUint32()
    const b = rng.nextUint32()
    const time = (ID_EPOCH_MS + index).toString(16).padStart(12, '0')
    const variant = (((a >>> 16) & 0x3fff) | 0x8000).toString(16)
    const tail = b.toString(16).padStart(8, '0') + (a & 0xffff).toString(16).padStart(4, '0')
    const version = `7${kind.toString(16).padStart(3, '0')}`
    return `${time.slice(0, 8)}-${time.slice(8)}-${version}-${variant}-${tail}`
  }
  const idOf = (kind: number, index: number) => orderedId(kind, index, rngOf(kind, index))
  const dayBefore = (rng: Rng, maxDays: number, minDays = 0) =>
    addDays(today, -rng.int(minDays, maxDays))
  const stamped = (id: string, on: IsoDate) => {
    const at = timestamp(on > today ? today : on)
    return { id, createdAt: at, updatedAt: at }
  }

  function firmArea(index: number): Area {
    const rng = rngOf(KIND.firmArea, index)
    const leaf = leaves[rng.weightedIndex(weights)] ?? leaves[0]
    if (!leaf) throw new Error('province: no areas')
    return leaf.parks.length > 0 && rng.chance(0.3) ? rng.pick(leaf.parks) : leaf.banner
  }

  function firm(index: number): Firm {
    const rng = rngOf(KIND.firm, index)
    const id = orderedId(KIND.firm, index, rng)
    const area = firmArea(index)
    const industry = INDUSTRIES[rng.weightedIndex([8, 6, 30, 4, 14, 24, 3, 11])] ?? 'other'
    const registeredOn = dayBefore(rng, 20 * 365, 30)
    const closed = rng.chance(0.03)
    // The body of the organisation code is the index, so credit codes are unique; its GB 11714
    // check character is computed, as the credit code check (GB 32100 §4) requires.
    const body = String(index).padStart(8, '0')
    const first17 = `91${areaIndex.codeOf(area)}${body}${orgCodeCheckChar(body)}`
    const workCovered = rng.chance(0.2)
    const instructor = workCovered && rng.chance(0.8) ? anyName(rng) : ''
    const liaison = workCovered && rng.chance(0.4) ? anyName(rng) : ''
    const hostOrg = orgOfFirm(index)
    const name = firmName(rng, industry, area.name, new Set())
    return {
      name,
      nameTokens: nameBigrams(name),
      creditCode: first17 + creditCheckChar(first17),
      areaId: area.id,
      areaPath: area.path,
      industry,
      sizeClass: rng.chance(0.15) ? 'above' : 'below',
      employees: rng.int(5, 400),
      registeredOn,
      closedOn: closed ? addDays(registeredOn, rng.int(200, 3000)) : '',
      instructor,
      liaison,
      orgStatus: firmOrgStatus(
        { id, instructor, liaison },
        hostOrg === undefined ? [] : [org(hostOrg)],
        today,
      ),
      address: `${area.name}${rng.int(1, 300)}号`,
      note: '',
      ...stamped(id, registeredOn),
    } satisfies Firm
  }

  /** The one org hosting a firm (the permutation gives each firm at most one). */
  function orgOfFirm(firm: number): number | undefined {
    const slot = slotOfFirm(firm)
    if (slot < OWN_ORGS) return slot
    if (slot < OWN_ORGS + JOINT_BRANCHES * JOINT_BRANCH_HOSTS)
      return FIRST_JOINT + Math.floor((slot - OWN_ORGS) / JOINT_BRANCH_HOSTS)
    if (slot < HOSTED_SLOTS)
      return FIRST_TEMPORARY + (slot - OWN_ORGS - JOINT_BRANCHES * JOINT_BRANCH_HOSTS)
    return undefined
  }

  function orgType(index: number): OrgType {
    if (index >= FIRST_COMMITTEE) return 'jointCommittee'
    if (index >= FIRST_TEMPORARY) return 'temporaryBranch'
    if (index >= FIRST_JOINT) return 'jointBranch'
    if (index % GROUP === 0) return 'baseCommittee'
    if (index % GROUP === GROUP / 2) return 'generalBranch'
    return 'branch'
  }

  /** Firm indexes an org is set up in. */
  function orgHosts(index: number): number[] {
    if (index < FIRST_JOINT) return [hostFirm(index)]
    if (index < FIRST_TEMPORARY) {
      const first = OWN_ORGS + (index - FIRST_JOINT) * JOINT_BRANCH_HOSTS
      return Array.from({ length: JOINT_BRANCH_HOSTS }, (_, slot) => hostFirm(first + slot))
    }
    if (index < FIRST_COMMITTEE) {
      return [hostFirm(OWN_ORGS + JOINT_BRANCHES * JOINT_BRANCH_HOSTS + (index - FIRST_TEMPORARY))]
    }
    return []
  }

  /** Branches of a group sit under its base committee or general branch; half stand alone. */
  function orgParent(index: number): string {
    if (index >= FIRST_JOINT || index % (GROUP / 2) === 0) return ''
    const head = index - (index % (GROUP / 2))
    return index % 2 === 0 ? idOf(KIND.org, head) : ''
  }

  const person = (index: number) => {
    const rng = rngOf(KIND.memberName, index)
    const gender: Gender = rng.chance(0.6) ? 'male' : 'female'
    const ethnicity = ethnicityFor(rng)
    return { gender, ethnicity, name: personName(rng, gender, ethnicity) }
  }
  const memberName = (index: number) => person(index).name

  function org(index: number): Org {
    const rng = rngOf(KIND.org, index)
    const id = orderedId(KIND.org, index, rng)
    const type = orgType(index)
    const hosts = orgHosts(index)
    const area =
      hosts[0] !== undefined
        ? firmArea(hosts[0])
        : (leaves[index % leaves.length]?.banner ?? areas[0])
    if (!area) throw new Error('province: no areas')
    const foundedOn = dayBefore(rng, 15 * 365, 60)
    const suffix: Record<OrgType, string> = {
      baseCommittee: '党委',
      generalBranch: '党总支',
      branch: '党支部',
      jointBranch: '联合党支部',
      jointCommittee: '非公企业和社会组织联合党委',
      temporaryBranch: '临时党支部',
    }
    const termStartOn = addYears(today, -rng.int(0, 4))
    return {
      name: `${area.name}${firmName(rng, 'other', '', new Set()).replace(/有限公司$/, '')}${suffix[type]}`,
      type,
      parentId: orgParent(index),
      areaId: area.id,
      areaPath: area.path,
      hostFirmIds: hosts.map((host) => idOf(KIND.firm, host)),
      foundedOn,
      dissolvedOn: rng.chance(0.02) ? addDays(foundedOn, rng.int(100, 2000)) : '',
      committee: [
        {
          post: 'secretary',
          memberId: idOf(KIND.member, orgMembers(index)[0] ?? 0),
          holderName: memberName(orgMembers(index)[0] ?? 0),
          since: termStartOn,
        },
      ],
      termStartOn: termStartOn > foundedOn ? termStartOn : foundedOn,
      termYears: 0,
      note: '',
      ...stamped(id, foundedOn),
    }
  }

  /** Members of org k: 7 consecutive indexes for the first 10,000 orgs, then 6. */
  function orgMembers(orgIndex: number): number[] {
    const [first, size] =
      orgIndex < ORGS_WITH_7_MEMBERS
        ? [orgIndex * 7, 7]
        : [ORGS_WITH_7_MEMBERS * 7 + (orgIndex - ORGS_WITH_7_MEMBERS) * 6, 6]
    return Array.from({ length: size }, (_, offset) => first + offset)
  }

  function orgOfMember(index: number): { orgIndex: number; position: number } {
    if (index < ORGS_WITH_7_MEMBERS * 7)
      return { orgIndex: Math.floor(index / 7), position: index % 7 }
    const rest = index - ORGS_WITH_7_MEMBERS * 7
    return { orgIndex: ORGS_WITH_7_MEMBERS + Math.floor(rest / 6), position: rest % 6 }
  }

  function orgOfMeeting(index: number): { orgIndex: number; slot: number } {
    if (index < ORGS_WITH_34_MEETINGS * 34)
      return { orgIndex: Math.floor(index / 34), slot: index % 34 }
    const rest = index - ORGS_WITH_34_MEETINGS * 34
    return { orgIndex: ORGS_WITH_34_MEETINGS + Math.floor(rest / 33), slot: rest % 33 }
  }

  function firstMeetingOf(orgIndex: number): number {
    return orgIndex < ORGS_WITH_34_MEETINGS
      ? orgIndex * 34
      : ORGS_WITH_34_MEETINGS * 34 + (orgIndex - ORGS_WITH_34_MEETINGS) * 33
  }

  /** The org's newest meeting the member attended (slot 0 is the newest), as the repositories derive it. */
  function lastAttendedOf(memberIndex: number, orgIndex: number): string {
    const memberId = idOf(KIND.member, memberIndex)
    const slots = orgIndex < ORGS_WITH_34_MEETINGS ? 34 : 33
    for (let slot = 0; slot < slots; slot += 1) {
      const held = meeting(firstMeetingOf(orgIndex) + slot)
      if (held.attendeeIds.includes(memberId)) return held.heldOn
    }
    return ''
  }

  /**
   * A member's first draws (id, birth, stage, status, application), in the order member()
   * has always drawn them: the dues can tell who pays without building the whole record.
   */
  function memberCore(index: number) {
    const rng = rngOf(KIND.member, index)
    const id = orderedId(KIND.member, index, rng)
    const birthDate = addDays(today, -rng.int(22 * 365, 60 * 365))
    const roll = rng.next()
    const stage: MemberStage =
      roll < 0.85
        ? 'full'
        : roll < 0.93
          ? STAGE.probationary
          : rng.pick([STAGE.applicant, STAGE.activist, STAGE.candidate] as const)
    const statusRoll = rng.next()
    const status: MemberStatus =
      statusRoll < 0.92
        ? 'normal'
        : statusRoll < 0.96
          ? 'mobile'
          : statusRoll < 0.98
            ? 'lostContact'
            : 'transferredOut'
    const appliedOn = dayBefore(rng, 12 * 365, 400)
    return { rng, id, birthDate, stage, status, appliedOn }
  }

  function member(index: number): Member {
    const { rng, id, birthDate, stage, status, appliedOn } = memberCore(index)
    const { orgIndex, position } = orgOfMember(index)
    const hosts = orgHosts(orgIndex)
    const host = hosts.length > 0 ? hosts[position % hosts.length] : undefined
    const area = host !== undefined ? firmArea(host) : areas[0]
    const { gender, ethnicity, name } = person(index)
    const fullOn = stage === STAGE.full ? addDays(appliedOn, rng.int(400, 900)) : ''
    const id17 = `${area ? areaIndex.codeOf(area) : '150000'}${birthDate.replaceAll('-', '')}${String(index % 1000).padStart(3, '0')}`
    return {
      orgId: idOf(KIND.org, orgIndex),
      firmId: host !== undefined ? idOf(KIND.firm, host) : '',
      partyGroupId: '',
      name,
      gender,
      ethnicity,
      birthDate,
      idNumber: id17 + idCheckChar(id17),
      phone: `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`,
      education: rng.pick(['seniorHigh', 'associate', 'bachelor', 'bachelor', 'master'] as const),
      jobTitle: rng.pick(JOB_TITLES),
      stage,
      development: {
        appliedOn,
        talkedOn: appliedOn,
        activistOn: stage === STAGE.applicant ? '' : addDays(appliedOn, 60),
        candidateOn:
          stage === STAGE.candidate || isPartyStage(stage) ? addDays(appliedOn, 300) : '',
        trainingDays: 3,
        trainingHours: 24,
        introducerIds: [],
        contactNames: [],
        branchVoteOn: isPartyStage(stage) ? addDays(appliedOn, 380) : '',
        approvedOn: isPartyStage(stage) ? addDays(appliedOn, 390) : '',
        extendedUntil: '',
        fullOn,
      },
      fullMemberOn: fullOn,
      status,
      statusSince: status === 'normal' ? '' : dayBefore(rng, 700),
      statusNote: '',
      appraisals: [],
      lastAttendedOn: lastAttendedOf(index, orgIndex),
      ...stamped(id, appliedOn),
    }
  }

  /** Each org holds 33 or 34 meetings, one slot a month back from today, types in a cycle. */
  const MEETING_CYCLE: MeetingType[] = [
    'committeeMeeting',
    'themedDay',
    'branchAssembly',
    'partyLesson',
    'groupMeeting',
    'committeeMeeting',
    'themedDay',
    'groupMeeting',
    'committeeMeeting',
    'themedDay',
    'orgLifeMeeting',
    'appraisal',
    'heartToHeart',
  ]

  function meeting(index: number): Meeting {
    const rng = rngOf(KIND.meeting, index)
    const id = orderedId(KIND.meeting, index, rng)
    const { orgIndex, slot } = orgOfMeeting(index)
    const type = MEETING_CYCLE[slot % MEETING_CYCLE.length] ?? MEETING_TYPES[0]
    const heldOn = addDays(today, -(slot * 30 + rng.int(0, 25)))
    const people = orgMembers(orgIndex)
    const absent = rng.chance(0.3) ? people[rng.int(0, people.length - 1)] : undefined
    const attendees = people.filter((m) => m !== absent)
    return {
      orgId: idOf(KIND.org, orgIndex),
      type,
      heldOn,
      startTime: rng.pick(['09:00', '14:30', '16:00', '19:00']),
      place: rng.pick(['会议室', '党员活动室', '线上会议']),
      host: memberName(people[0] ?? 0),
      recorder: memberName(people[1] ?? 0),
      lecturer: type === 'partyLesson' ? memberName(people[0] ?? 0) : '',
      partyGroupId: '',
      topic: rng.pick(MEETING_TOPICS[type]),
      attendeeIds: attendees.map((m) => idOf(KIND.member, m)),
      absentees:
        absent === undefined
          ? []
          : [{ memberId: idOf(KIND.member, absent), reason: 'work', note: '' }],
      minutes: '传达学习上级精神，结合本单位实际讨论落实措施。',
      resolutions: rng.pick(MEETING_RESOLUTIONS[type] ?? ['']),
      status: 'final',
      photoIds: [],
      ...stamped(id, heldOn),
    }
  }

  function studyRecord(index: number): StudyRecord {
    const rng = rngOf(KIND.studyRecord, index)
    const id = orderedId(KIND.studyRecord, index, rng)
    const memberIndex = Math.floor(index / STUDY_PER_MEMBER)
    const studiedOn = dayBefore(rng, 2 * 365)
    return {
      memberId: idOf(KIND.member, memberIndex),
      orgId: idOf(KIND.org, orgOfMember(memberIndex).orgIndex),
      studiedOn,
      kind: rng.pick(STUDY_KINDS),
      topic: rng.pick(STUDY_TOPICS),
      hours: rng.int(1, 4),
      place: '',
      note: '',
      confirmed: rng.chance(0.9) ? 'yes' : 'no',
      meetingId: '',
      ...stamped(id, studiedOn),
    }
  }

  function issue(index: number): Issue {
    const rng = rngOf(KIND.issue, index)
    const id = orderedId(KIND.issue, index, rng)
    const raisedOn = dayBefore(rng, 3 * 365, 10)
    const open = rng.chance(0.15)
    const [title, resolution] = rng.pick(RESOLVED_ISSUES)
    const [openTitle, openStatus] = rng.pick(OPEN_ISSUES)
    const resolvedOn = open ? '' : addDays(raisedOn, rng.int(5, 120))
    return {
      committeeId: idOf(KIND.org, FIRST_COMMITTEE + (index % JOINT_COMMITTEES)),
      meetingIds: [],
      title: open ? openTitle : title,
      description: '',
      raisedByConstituentId: '',
      responsibleConstituentIds: [],
      raisedOn,
      dueOn: addDays(raisedOn, 90),
      status: open ? openStatus : 'resolved',
      progress: [],
      resolution: open ? '' : resolution,
      resolvedOn: resolvedOn > today ? today : resolvedOn,
      declineReason: '',
      ...stamped(id, raisedOn),
    }
  }

  // ─── 党费: twelve months for every member who owes them all ──────────────
  const settings = defaultSettings()
  const duesYear = Array.from({ length: DUES_MONTHS }, (_, slot) =>
    addMonthsTo(monthKey(today), slot - DUES_MONTHS),
  )
  let payers: number[] | null = null
  /** Who owes every month of the dues year; the draws member() itself makes (memberCore). */
  function duesPayers(): number[] {
    if (payers) return payers
    const first = duesYear[0]!
    payers = []
    for (let index = 0; index < PROVINCE_COUNTS.members; index += 1) {
      const core = memberCore(index)
      if (!isPartyStage(core.stage)) continue
      if (!paysDues(core)) continue
      if (orgType(orgOfMember(index).orgIndex) === 'temporaryBranch') continue
      // The branch vote (appliedOn + 380 days) starts the dues: before the year, for all 12.
      if (monthKey(addDays(core.appliedOn, 380)) > first) continue
      payers.push(index)
    }
    return payers
  }

  /**
   * Record i: payer floor(i / 12), month i % 12 of the year. A base from the member's own
   * stream (retired below 1965 births); one payer in 50 has the last three months unpaid,
   * one in 500 the last seven (the six-month rule), as records still open (paid 0).
   */
  function duesRecord(index: number): Dues {
    const payer = Math.floor(index / DUES_MONTHS)
    const slot = index % DUES_MONTHS
    const memberIndex = duesPayers()[payer]
    if (memberIndex === undefined) throw new Error(`province: no dues payer ${payer}`)
    const core = memberCore(memberIndex)
    const rng = rngOf(KIND.dues, index)
    const id = orderedId(KIND.dues, index, rng)
    const terms = new Rng((seedMix ^ (KIND.dues * 1_048_576 + payer * 7919)) >>> 0)
    const retired = Number(core.birthDate.slice(0, 4)) < 1965
    const category: DuesCategory = retired ? 'retired' : 'employed'
    const base = (retired ? terms.int(3000, 7000) : terms.int(2500, 15000)) * 100
    const month = duesYear[slot]!
    const due = monthlyDue({ category, base, reduction: null }, month, settings)
    const unpaid = payer % 500 === 0 ? 7 : payer % 50 === 0 ? 3 : 0
    const paid = slot < DUES_MONTHS - unpaid
    const paidOn = paid ? `${month}-${String(rng.int(3, 25)).padStart(2, '0')}` : ''
    return {
      memberId: core.id,
      orgId: idOf(KIND.org, orgOfMember(memberIndex).orgIndex),
      month,
      category,
      base,
      reduction: null,
      due,
      paid: paid ? due : 0,
      paidOn,
      receiptNo: paid ? `DF${month.replace('-', '')}${String(payer).padStart(6, '0')}` : '',
      note: '',
      corrections: [],
      ...stamped(id, paidOn || `${month}-28`),
    }
  }

  const builders: Record<ProvinceTable, (index: number) => ProvinceRecord> = {
    firms: firm,
    orgs: org,
    members: member,
    meetings: meeting,
    studyRecords: studyRecord,
    issues: issue,
    dues: duesRecord,
  }

  return {
    version: PROVINCE_GENERATOR_VERSION,
    today,
    areas,
    rows(table, start, count) {
      // Another `today` has other payers: its dues end with them.
      const total =
        table === 'dues'
          ? Math.min(PROVINCE_COUNTS.dues, duesPayers().length * DUES_MONTHS)
          : PROVINCE_COUNTS[table]
      const end = Math.min(start + count, total)
      const out: ProvinceRecord[] = []
      for (let index = Math.max(0, start); index < end; index++) out.push(builders[table](index))
      return out
    },
    duesPayers,
  }
}
