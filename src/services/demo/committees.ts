/**
 * Committee seats and terms (支部工作条例 2018: ≥ 7 full members → a committee of 3–5,
 * fewer → a secretary), and party groups for branches of ≥ 15 members. A few terms are
 * due within 6 months and a couple are overdue, so the renewal reminders have work.
 */
import { canHoldSeat, isOnRoll } from '@/domain/memberStatus'
import {
  STAGE,
  type CommitteePost,
  type CommitteeSeat,
  type IsoDate,
  type Member,
  type Org,
  type PartyGroup,
} from '@/domain/types'
import { stamp, type DemoContext } from './context'
import { addDays, addYears, fromDayNumber, maxDate, toDayNumber } from './dates'
import { anyName } from './names'
import type { MemberOrg } from './orgs'

const BRANCH_TERM_YEARS = 3
const COMMITTEE_TERM_YEARS = 5

function isCounted(member: Member): boolean {
  return isOnRoll(member)
}

/** Term start: mostly within the term, a few due soon, a couple overdue. */
function termStart(
  ctx: DemoContext,
  org: Org,
  years: number,
  timing: 'current' | 'dueSoon' | 'overdue',
): IsoDate {
  const { rng, today } = ctx
  const expiry = addYears(today, -years)
  if (timing === 'overdue') return addDays(expiry, -rng.int(20, 200))
  if (timing === 'dueSoon') return addDays(expiry, rng.int(15, 170))
  const start = fromDayNumber(toDayNumber(today) - rng.int(60, years * 365 - 200))
  return maxDate(start, org.foundedOn)
}

export function seatCommittees(
  ctx: DemoContext,
  memberOrgs: MemberOrg[],
  byOrg: Map<string, Member[]>,
  otherOrgs: Org[],
): void {
  const { rng, today } = ctx
  const oldEnough = memberOrgs.filter(
    (entry) => entry.org.foundedOn < addYears(today, -BRANCH_TERM_YEARS - 1),
  )
  const shuffled = rng.shuffle(oldEnough)
  const overdueCount = Math.max(2, Math.round(2 * ctx.scale))
  const overdue = new Set(shuffled.slice(0, overdueCount).map((entry) => entry.org.id))
  const dueSoon = new Set(
    shuffled.slice(overdueCount, overdueCount * 3).map((entry) => entry.org.id),
  )

  for (const entry of memberOrgs) {
    const org = entry.org
    const members = (byOrg.get(org.id) ?? []).filter(isCounted)
    const full = members.filter((member) => member.stage === STAGE.full)
    const timing = overdue.has(org.id) ? 'overdue' : dueSoon.has(org.id) ? 'dueSoon' : 'current'
    org.termStartOn = termStart(ctx, org, BRANCH_TERM_YEARS, timing)
    // 选举工作条例 第五条: seats go to full members who may stand (not 留党察看, 失联 …).
    const eligible = full.filter(canHoldSeat)
    const candidates = [
      ...eligible.filter((member) => member.status === 'normal'),
      ...eligible.filter((member) => member.status !== 'normal'),
    ]
    const secretary = entry.secretaryName
      ? (candidates.find((member) => member.gender === 'male') ?? candidates[0])
      : candidates[0]
    if (!secretary) throw new Error(`${org.name} has no full member for secretary`)
    if (entry.secretaryName) secretary.name = entry.secretaryName
    const posts: CommitteePost[] = ['secretary']
    if (full.length >= 7) {
      posts.push('organisation', 'publicity')
      const extra = rng.int(0, 2)
      if (extra >= 1) posts.push('discipline')
      if (extra >= 2) posts.push('deputySecretary')
    } else if (full.length >= 5 && rng.chance(0.3)) {
      posts.push('deputySecretary')
    }
    const holders = [
      secretary,
      ...rng.sample(
        candidates.filter((member) => member !== secretary),
        posts.length - 1,
      ),
    ]
    org.committee = posts.map((post, index): CommitteeSeat => {
      const holder = holders[index] ?? secretary
      return {
        post,
        memberId: holder.id,
        holderName: holder.name,
        since: maxDate(org.termStartOn, holder.fullMemberOn),
      }
    })
    recordPreviousTerm(ctx, org, candidates)
  }
  // Committees over other orgs (党委, 党总支, 联合党委) are recorded by name: their
  // members belong to the branches below them.
  for (const org of otherOrgs) {
    if (org.dissolvedOn !== '' || org.committee.length > 0) continue
    const isCommittee = org.type === 'baseCommittee' || org.type === 'jointCommittee'
    org.termStartOn = termStart(
      ctx,
      org,
      isCommittee ? COMMITTEE_TERM_YEARS : BRANCH_TERM_YEARS,
      'current',
    )
    const posts: CommitteePost[] = [
      'secretary',
      'deputySecretary',
      'organisation',
      'publicity',
      'discipline',
    ]
    org.committee = posts.slice(0, isCommittee ? 5 : 3).map((post) => ({
      post,
      memberId: '',
      holderName: anyName(rng),
      since: org.termStartOn,
    }))
  }
}

/**
 * 届次: an org older than its current term had a committee before; about half keep it as
 * history (the one before, mostly the same people, one seat changed hands at the 换届).
 */
function recordPreviousTerm(ctx: DemoContext, org: Org, candidates: Member[]): void {
  const { rng } = ctx
  const startOn = maxDate(org.foundedOn, addYears(org.termStartOn, -BRANCH_TERM_YEARS))
  if (org.committee.length === 0 || startOn >= addYears(org.termStartOn, -1) || rng.chance(0.5)) {
    return
  }
  const earlier = candidates.filter(
    (member) => member.fullMemberOn !== '' && member.fullMemberOn <= startOn,
  )
  const committee = org.committee
    .map((seat): CommitteeSeat | null => {
      const stays = earlier.some((member) => member.id === seat.memberId)
      const holder =
        (stays && rng.chance(0.8)) || earlier.length === 0 ? undefined : rng.pick(earlier)
      if (!stays && !holder) return null
      return holder
        ? { post: seat.post, memberId: holder.id, holderName: holder.name, since: startOn }
        : { ...seat, since: startOn }
    })
    .filter((seat): seat is CommitteeSeat => seat !== null)
  const people = new Set(committee.map((seat) => seat.memberId))
  if (committee.length === 0 || people.size < committee.length) return
  org.pastTerms = [{ number: 1, startOn, endOn: org.termStartOn, committee }]
  org.termNumber = 2
}

/** 2–3 party groups in each branch of ≥ 15 members; members are spread over them. */
export function buildPartyGroups(
  ctx: DemoContext,
  memberOrgs: MemberOrg[],
  byOrg: Map<string, Member[]>,
): PartyGroup[] {
  const { rng } = ctx
  const groups: PartyGroup[] = []
  for (const entry of memberOrgs) {
    const members = (byOrg.get(entry.org.id) ?? []).filter(isCounted)
    if (members.length < 15) continue
    const count = members.length >= 24 ? 3 : 2
    const orgGroups = Array.from({ length: count }, (_, index): PartyGroup => ({
      orgId: entry.org.id,
      name: `第${'一二三'.charAt(index)}党小组`,
      leaderMemberId: '',
      ...stamp(ctx),
    }))
    rng.shuffle(members).forEach((member, index) => {
      const group = orgGroups[index % count]
      if (!group) return
      member.partyGroupId = group.id
      if (group.leaderMemberId === '' && member.stage === STAGE.full && member.status === 'normal')
        group.leaderMemberId = member.id
    })
    groups.push(...orgGroups)
  }
  return groups
}
