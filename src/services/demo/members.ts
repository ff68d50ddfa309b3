/**
 * Party members, and people on the way in (applicants, activists, candidates), with
 * valid id numbers and development dates in the order the 发展党员工作细则 sets.
 * Exactly round(546 × scale) full or probationary members who have not transferred out.
 */
import {
  STAGE,
  type Development,
  type Education,
  type Gender,
  type IsoDate,
  type Member,
  type MemberStage,
} from '@/domain/types'
import type { AreaIndex } from './areas'
import { stamp, type DemoContext } from './context'
import { addDays, addYears, fromDayNumber, toDayNumber } from './dates'
import { ageOn } from '@/domain/dates'
import { idNumber, phone } from './ids'
import { ethnicityFor, JOB_TITLES, personName } from './names'
import type { MemberOrg } from './orgs'
import { emptyDevelopment } from '@/domain/members'

export const PARTY_MEMBERS = 546
/** People in development, not counted among the 546. */
const PEOPLE_IN_DEVELOPMENT = 40
/** Members whose membership moved out, not counted among the 546. */
export const TRANSFERRED_OUT = 3
/** Members whose membership ended otherwise (停止党籍, 死亡): kept on record, not counted. */
const ENDED = [
  ['suspended', 300, 600],
  ['deceased', 60, 500],
] as const

const EDUCATIONS: [Education, number][] = [
  ['seniorHigh', 6],
  ['vocational', 7],
  ['associate', 25],
  ['bachelor', 50],
  ['master', 10],
  ['doctorate', 2],
]
/** Birth places outside the region (Hebei, Shanxi, Liaoning, Jilin, Shaanxi, Gansu, Beijing, Shandong). */
const OUTSIDE_CODES = [
  '130102',
  '140105',
  '210102',
  '220104',
  '610113',
  '620102',
  '110105',
  '371002',
]

export interface MemberPlan {
  members: Member[]
  /** Members of each org, in creation order. */
  byOrg: Map<string, Member[]>
}

/** Tunes own branches by one member at a time until the total is exact. */
export function balanceSeats(ctx: DemoContext, memberOrgs: MemberOrg[]): void {
  const target = Math.round(PARTY_MEMBERS * ctx.scale)
  const seatsOf = (entry: MemberOrg) =>
    entry.seats.reduce((sum, seat) => sum + seat.full + seat.probationary, 0)
  let total = memberOrgs.reduce((sum, entry) => sum + seatsOf(entry), 0)
  const adjustable = memberOrgs.filter((entry) => entry.adjustable)
  if (adjustable.length === 0) throw new Error('no branch can be resized')
  for (let guard = 0; total !== target && guard < 100 * target; guard++) {
    const seat = ctx.rng.pick(adjustable).seats[0]
    if (!seat) continue
    if (total < target && seat.full < 45) {
      seat.full++
      total++
    } else if (total > target && seat.full > 3) {
      seat.full--
      total--
    }
  }
  if (total !== target) throw new Error(`cannot plan ${target} members (got ${total})`)
}

export function buildMembers(
  ctx: DemoContext,
  areaIndex: AreaIndex,
  memberOrgs: MemberOrg[],
): MemberPlan {
  const { rng, today } = ctx
  const ids = new Set<string>()
  const phones = new Set<string>()
  const members: Member[] = []
  const byOrg = new Map<string, Member[]>()
  const bannerCodes = areaIndex.banners
    .map((entry) => entry.area.code)
    .filter((code) => code !== '')
  const areaById = new Map(areaIndex.areas.map((area) => [area.id, area]))
  const todayDay = toDayNumber(today)

  const make = (entry: MemberOrg, firmId: string, stage: MemberStage): Member => {
    const gender: Gender = rng.chance(0.55) ? 'male' : 'female'
    const ethnicity = ethnicityFor(rng)
    const [minAge, maxAge] =
      stage === STAGE.full ? [24, 60] : stage === STAGE.probationary ? [22, 40] : [20, 35]
    const birthDate = addDays(addYears(today, -rng.int(minAge, maxAge)), -rng.int(1, 360))
    const firmArea = areaById.get(
      entry.seats.find((seat) => seat.firm.id === firmId)?.firm.areaId ?? '',
    )
    const roll = rng.next()
    const birthCode =
      roll < 0.6 && firmArea
        ? areaIndex.codeOf(firmArea)
        : roll < 0.88
          ? rng.pick(bannerCodes)
          : rng.pick(OUTSIDE_CODES)
    const development = developmentFor(ctx, stage, birthDate)
    const member: Member = {
      orgId: entry.org.id,
      firmId,
      partyGroupId: '',
      name: personName(rng, gender, ethnicity),
      gender,
      ethnicity,
      birthDate,
      idNumber: idNumber(rng, birthCode, birthDate, gender, ids),
      phone: phone(rng, phones),
      education:
        EDUCATIONS[rng.weightedIndex(EDUCATIONS.map((item) => item[1]))]?.[0] ?? 'bachelor',
      jobTitle: rng.pick(JOB_TITLES),
      stage,
      development,
      fullMemberOn: stage === STAGE.full ? development.fullOn : '',
      status: 'normal',
      statusSince: '',
      statusNote: '',
      lastAttendedOn: '', // set once the meetings exist (generate.ts)
      appraisals: [],
      ...stamp(ctx),
    }
    members.push(member)
    const orgMembers = byOrg.get(entry.org.id)
    if (orgMembers) orgMembers.push(member)
    else byOrg.set(entry.org.id, [member])
    return member
  }

  for (const entry of memberOrgs) {
    for (const seat of entry.seats) {
      for (let index = 0; index < seat.full; index++) make(entry, seat.firm.id, 'full')
      for (let index = 0; index < seat.probationary; index++)
        make(entry, seat.firm.id, STAGE.probationary)
    }
  }
  const counted = [...members]
  const stages: MemberStage[] = [
    STAGE.applicant,
    STAGE.applicant,
    STAGE.activist,
    STAGE.activist,
    STAGE.candidate,
  ]
  for (let index = 0; index < Math.round(PEOPLE_IN_DEVELOPMENT * ctx.scale); index++) {
    const entry = rng.pick(memberOrgs)
    make(entry, rng.pick(entry.seats).firm.id, stages[index % stages.length] ?? STAGE.applicant)
  }
  for (let index = 0; index < Math.round(TRANSFERRED_OUT * ctx.scale); index++) {
    const entry = rng.pick(memberOrgs)
    const member = make(entry, rng.pick(entry.seats).firm.id, 'full')
    member.status = 'transferredOut'
    member.statusSince = fromDayNumber(todayDay - rng.int(30, 240))
  }
  for (const [status, fromDays, toDays] of ENDED) {
    for (let index = 0; index < Math.round(ctx.scale); index++) {
      const entry = rng.pick(memberOrgs)
      const member = make(entry, rng.pick(entry.seats).firm.id, 'full')
      member.status = status
      member.statusSince = fromDayNumber(todayDay - rng.int(fromDays, toDays))
      member.statusNote = status === 'suspended' ? '失联满 6 个月，经支部大会决定停止党籍' : '病故'
    }
  }
  assignStatuses(ctx, counted)
  assignIntroducers(ctx, byOrg)
  return { members, byOrg }
}

function developmentFor(ctx: DemoContext, stage: MemberStage, birthDate: IsoDate): Development {
  const { rng, today } = ctx
  const todayDay = toDayNumber(today)
  const development: Development = emptyDevelopment()
  const upToToday = (date: IsoDate) => (date <= today ? date : '')
  const applyFrom = (activistOn: IsoDate) => {
    development.activistOn = activistOn
    development.appliedOn = addDays(activistOn, -rng.int(30, 90))
    development.talkedOn = addDays(development.appliedOn, rng.int(5, 28))
  }
  if (stage === STAGE.applicant) {
    development.appliedOn = fromDayNumber(todayDay - rng.int(3, 200))
    development.talkedOn = upToToday(addDays(development.appliedOn, rng.int(5, 28)))
    return development
  }
  if (stage === STAGE.activist) {
    applyFrom(fromDayNumber(todayDay - rng.int(10, 300)))
    return development
  }
  const candidateBeforeVote = rng.int(90, 240)
  const voteOn =
    stage === STAGE.full
      ? fromDayNumber(rng.int(toDayNumber(addYears(birthDate, 21)) + 200, todayDay - 400))
      : stage === STAGE.probationary
        ? fromDayNumber(todayDay - rng.int(20, 350))
        : ''
  development.candidateOn = voteOn
    ? addDays(voteOn, -candidateBeforeVote)
    : fromDayNumber(todayDay - rng.int(10, 170))
  applyFrom(addDays(development.candidateOn, -rng.int(366, 540)))
  development.activistFiledOn = addDays(development.activistOn, rng.int(5, 20))
  development.candidateFiledOn = upToToday(addDays(development.candidateOn, rng.int(5, 15)))
  if ((ageOn(birthDate, development.activistOn) ?? 99) <= 28 && rng.chance(0.5)) {
    development.youthLeagueOn = addDays(development.activistOn, -rng.int(5, 25))
  }
  candidateSteps(ctx, development, voteOn || today)
  development.trainingDays = 3
  development.trainingHours = 24
  if (!voteOn) return development
  development.branchVoteOn = voteOn
  development.approvedOn = upToToday(addDays(voteOn, rng.int(20, 80)))
  development.upperTalkOn = upToToday(addDays(voteOn, rng.int(8, 18)))
  if (development.approvedOn) {
    development.oathOn = upToToday(addDays(development.approvedOn, rng.int(3, 20)))
  }
  if (stage === STAGE.full) {
    // 转正: applied before probation ends, voted soon after, approved within three months;
    // 党龄 from the end of probation (党章 第七条).
    development.fullOn = addYears(voteOn, 1)
    development.fullAppliedOn = addDays(development.fullOn, -rng.int(5, 15))
    development.fullVoteOn = addDays(development.fullOn, rng.int(3, 25))
    development.fullApprovedOn = upToToday(addDays(development.fullVoteOn, rng.int(15, 60)))
  }
  return development
}

/**
 * The steps of a 发展对象 before the branch vote (细则 第十六条、第十七条、第四章): 政审, a 公示
 * of five working days (Monday to Friday), 预审, 入党志愿书 — counted back from the vote (or,
 * for a candidate still waiting, taken only as far as today).
 */
function candidateSteps(ctx: DemoContext, development: Development, voteOn: IsoDate) {
  const { rng, today } = ctx
  const upToToday = (date: IsoDate) => (date <= today ? date : '')
  const formOn = addDays(voteOn, -rng.int(5, 15))
  const preReviewOn = addDays(formOn, -rng.int(3, 10))
  const toOn = addDays(preReviewOn, -rng.int(2, 6))
  // The last Friday on or before toOn, and the Monday of that week: five working days.
  const weekday = (toDayNumber(toOn) + 3) % 7 // 1970-01-01 was a Thursday; 0 = Monday
  const publicityTo = addDays(toOn, -((weekday - 4 + 7) % 7))
  const publicityFrom = addDays(publicityTo, -4)
  const reviewOn = addDays(development.candidateOn, rng.int(10, 30))
  if (reviewOn >= publicityFrom) {
    development.politicalReviewOn = upToToday(reviewOn)
    return
  }
  development.politicalReviewOn = upToToday(reviewOn)
  development.publicityFromOn = upToToday(publicityFrom)
  development.publicityToOn = development.publicityFromOn ? upToToday(publicityTo) : ''
  development.preReviewOn = development.publicityToOn ? upToToday(preReviewOn) : ''
  development.applicationFormOn = development.preReviewOn ? upToToday(formOn) : ''
}

const PLACES = ['北京市朝阳区', '上海市浦东新区', '杭州市西湖区', '深圳市南山区']

/**
 * Statuses of members on the roll (they stay among the 546): 流动 mostly for a few months, one
 * away long enough to transfer (an intended gap); 失联 one recent and one past six months (an
 * intended gap: to be put on 停止党籍); one 出国（境）; one under 留党察看.
 */
function assignStatuses(ctx: DemoContext, counted: Member[]) {
  const { rng, today } = ctx
  const todayDay = toDayNumber(today)
  const full = counted.filter((member) => member.stage === STAGE.full)
  const picked = rng.sample(full, Math.round(full.length * 0.03))
  picked.forEach((member, index) => {
    const since = (from: number, to: number) => fromDayNumber(todayDay - rng.int(from, to))
    if (index === 0) {
      Object.assign(member, { status: 'lostContact', statusSince: since(200, 300) })
      member.statusNote = 'unreachable'
    } else if (index === 1) {
      Object.assign(member, { status: 'lostContact', statusSince: since(30, 120) })
      member.statusNote = 'movedAway'
    } else if (index === 2) {
      Object.assign(member, { status: 'abroad', statusSince: since(100, 400) })
      member.statusNote = '出国留学（澳大利亚）'
    } else if (index === 3) {
      Object.assign(member, { status: 'disciplinaryProbation', statusSince: since(60, 300) })
      member.statusNote = '受留党察看一年处分'
    } else {
      const long = index === 4
      Object.assign(member, {
        status: 'mobile',
        statusSince: long ? since(200, 300) : since(20, 160),
      })
      member.statusNote = rng.pick(PLACES)
    }
  })
}

/** Two full members of the same org introduce each admitted member, where the org has them. */
function assignIntroducers(ctx: DemoContext, byOrg: Map<string, Member[]>) {
  for (const members of byOrg.values()) {
    const fullMembers = members.filter((member) => member.stage === STAGE.full)
    for (const member of members) {
      if (member.stage === STAGE.applicant) continue
      const others = fullMembers.filter((other) => other !== member)
      if (others.length < 2) continue
      const [first, second] = ctx.rng.sample(others, 2)
      if (!first || !second) continue
      if (member.stage !== STAGE.activist) member.development.introducerIds = [first.id, second.id]
      member.development.contactNames = [first.name, second.name]
    }
  }
}
