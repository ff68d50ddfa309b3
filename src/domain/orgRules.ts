/**
 * Rule checks of the organisation register (docs/rules.md, 组织设置): structure,
 * committee, secretary, term and firms with members but no org. Plain data in, findings
 * out; each finding is a code with parameters that the UI translates. Every threshold is
 * read from `Settings`.
 *
 * Counting, the same everywhere below:
 * - only active orgs are checked (founded on or before today, not dissolved by it);
 * - a member counts when it is on the roll (memberStatus.ts isOnRoll); probationary members
 *   are never full members;
 * - a member counts for its org (when that org is active) and for its firm (member.firmId,
 *   whatever the state of its org: members left without an active org are exactly what
 *   `firmWithMembersNoOrg` is there to find).
 */
import { givesJointOrg, givesOwnOrg, isFirmOperating, isOrgActive } from './coverage'
import { canHoldSeat, isOnRoll } from './memberStatus'
import type { Settings } from './settings'
import { committeePeople, findTermAlerts, lacksSecretary } from './terms'
import type { Firm, Id, IsoDate, Member, Org, OrgType } from './types'

export const RULE_CODES = [
  'tooFewFullMembers',
  'seatNotFullMember',
  'seatOutsideOrg',
  'firmNeedsOwnBranch',
  'jointBranchTooManyUnits',
  'branchTooLarge',
  'shouldBeBaseCommittee',
  'committeeMissing',
  'committeeTooLarge',
  'noSecretary',
  'termDueSoon',
  'termOverdue',
  'firmWithMembersNoOrg',
] as const
export type RuleCode = (typeof RULE_CODES)[number]

export type RuleSeverity = 'overdue' | 'soon' | 'warning'

export interface RuleFinding {
  code: RuleCode
  severity: RuleSeverity
  /** The org the finding is about (its badge), '' when no active org is concerned. */
  orgId: Id | ''
  /** The firm the finding is about, '' for findings about an org alone. */
  firmId: Id | ''
  params: Record<string, string | number>
  /** The term's end for term findings; '' for the others, which have no deadline. */
  dueOn: IsoDate
}

export type RuleFirm = Pick<Firm, 'id' | 'name' | 'closedOn' | 'registeredOn'>
export type RuleMember = Pick<Member, 'id' | 'orgId' | 'firmId' | 'stage' | 'status'>

export interface RuleInput {
  orgs: readonly Org[]
  firms: readonly RuleFirm[]
  members: readonly RuleMember[]
  settings: Settings
  today: IsoDate
}

/** 支部: the size and committee rules of 支部工作条例 apply to these. */
const BRANCH_TYPES: ReadonlySet<OrgType> = new Set(['branch', 'jointBranch'])
/** Branch types plus the general branch, which may grow into a base committee. */
const SIZED_TYPES: ReadonlySet<OrgType> = new Set(['branch', 'jointBranch', 'generalBranch'])

const SEVERITY_ORDER: Record<RuleSeverity, number> = { overdue: 0, soon: 1, warning: 2 }

interface Headcount {
  full: number
  probationary: number
}

function isCountedMember(member: RuleMember): boolean {
  return isOnRoll(member)
}

function countInto(map: Map<Id, Headcount>, key: Id, member: RuleMember): void {
  let count = map.get(key)
  if (!count) {
    count = { full: 0, probationary: 0 }
    map.set(key, count)
  }
  if (member.stage === 'full') count.full += 1
  else count.probationary += 1
}

/** People on the committee: one holder of two posts is one person (memberId, else name). */
function committeeSize(org: Pick<Org, 'committee'>): number {
  return committeePeople(org.committee).length
}

function warning(
  code: RuleCode,
  orgId: Id | '',
  firmId: Id | '',
  params: RuleFinding['params'],
): RuleFinding {
  return { code, severity: 'warning', orgId, firmId, params, dueOn: '' }
}

/** Size, committee and secretary of one active org. */
function checkOrg(
  org: Org,
  count: Headcount,
  settings: Settings,
  today: IsoDate,
  findings: RuleFinding[],
): void {
  const members = count.full + count.probationary
  // 支部工作条例 第四条、第五条: a 支部 or 联合党支部 is set up with 3 or more 正式党员.
  if (BRANCH_TYPES.has(org.type) && count.full < settings['org.ownBranchMinFull']) {
    findings.push(
      warning('tooFewFullMembers', org.id, '', {
        fullMembers: count.full,
        limit: settings['org.ownBranchMinFull'],
      }),
    )
  }
  if (org.type === 'jointBranch') {
    const units = new Set(org.hostFirmIds).size
    // 支部工作条例 第五条: a joint branch generally covers no more than 5 units.
    if (units > settings['org.jointBranchMaxUnits']) {
      findings.push(
        warning('jointBranchTooManyUnits', org.id, '', {
          units,
          limit: settings['org.jointBranchMaxUnits'],
        }),
      )
    }
  }
  if (SIZED_TYPES.has(org.type) && members >= settings['org.baseCommitteeMinMembers']) {
    // Practice for non-public firms: 100 members or more may set up a base committee.
    findings.push(
      warning('shouldBeBaseCommittee', org.id, '', {
        members,
        limit: settings['org.baseCommitteeMinMembers'],
      }),
    )
  } else if (BRANCH_TYPES.has(org.type) && members > settings['org.branchMaxMembers']) {
    // 支部工作条例 第四条: a branch generally has no more than 50 members (split it, or, as
    // practice goes for non-public firms, form a general branch from 50 on).
    findings.push(
      warning('branchTooLarge', org.id, '', {
        members,
        limit: settings['org.branchMaxMembers'],
        generalBranchMin: settings['org.generalBranchMinMembers'],
      }),
    )
  }
  if (BRANCH_TYPES.has(org.type)) {
    const seats = committeeSize(org)
    const params = {
      fullMembers: count.full,
      seats,
      min: settings['org.committeeMinSize'],
      max: settings['org.committeeMaxSize'],
    }
    // 支部工作条例 第六章: a committee has at most 7 members, whatever the branch's size.
    if (seats > settings['org.committeeMaxSize']) {
      findings.push(warning('committeeTooLarge', org.id, '', params))
    } else if (
      // 支部工作条例 第六章: 7 or more full members elect a committee of 3 to 5 (at most 7).
      count.full >= settings['org.committeeMinFull'] &&
      seats < settings['org.committeeMinSize']
    ) {
      findings.push(warning('committeeMissing', org.id, '', params))
    }
  }
  // 支部工作条例 第六章: every org has a secretary; a joint committee's posts are its own.
  if (org.type !== 'jointCommittee' && lacksSecretary(org, today)) {
    findings.push(warning('noSecretary', org.id, '', {}))
  }
}

/** Every rule finding of the register as of `today`, most urgent first. */
export function checkOrgRules(input: RuleInput): RuleFinding[] {
  const { settings, today } = input
  const activeOrgs = input.orgs.filter((org) => isOrgActive(org, today))
  const activeOrgIds = new Set(activeOrgs.map((org) => org.id))

  const byOrg = new Map<Id, Headcount>()
  const byFirm = new Map<Id, Headcount>()
  /** Per firm, how many of its members each active org holds: names the org to badge. */
  const holdersByFirm = new Map<Id, Map<Id, number>>()
  const seenMembers = new Set<Id>()
  for (const member of input.members) {
    if (seenMembers.has(member.id) || !isCountedMember(member)) continue
    seenMembers.add(member.id)
    if (activeOrgIds.has(member.orgId)) countInto(byOrg, member.orgId, member)
    if (member.firmId === '') continue
    countInto(byFirm, member.firmId, member)
    if (activeOrgIds.has(member.orgId)) {
      const holders = holdersByFirm.get(member.firmId) ?? new Map<Id, number>()
      holders.set(member.orgId, (holders.get(member.orgId) ?? 0) + 1)
      holdersByFirm.set(member.firmId, holders)
    }
  }

  const findings: RuleFinding[] = []
  for (const org of activeOrgs) {
    checkOrg(org, byOrg.get(org.id) ?? { full: 0, probationary: 0 }, settings, today, findings)
  }
  findings.push(...checkSeats(activeOrgs, input.orgs, input.members))

  // 支部工作条例 第六章: remind before the term ends, overdue after.
  for (const alert of findTermAlerts(activeOrgs, settings, today)) {
    const overdue = alert.status === 'overdue'
    findings.push({
      code: overdue ? 'termOverdue' : 'termDueSoon',
      severity: overdue ? 'overdue' : 'soon',
      orgId: alert.orgId,
      firmId: '',
      params: { date: alert.endsOn },
      dueOn: alert.endsOn,
    })
  }

  const coveringOrgs = new Map<Id, Org[]>()
  for (const org of activeOrgs) {
    for (const firmId of new Set(org.hostFirmIds)) {
      const list = coveringOrgs.get(firmId)
      if (list) list.push(org)
      else coveringOrgs.set(firmId, [org])
    }
  }
  const seenFirms = new Set<Id>()
  for (const firm of input.firms) {
    if (seenFirms.has(firm.id) || !isFirmOperating(firm, today)) continue
    seenFirms.add(firm.id)
    const count = byFirm.get(firm.id)
    if (!count) continue
    const covering = coveringOrgs.get(firm.id) ?? []
    if (covering.length === 0) {
      // 支部工作条例 第四条、第五条: members in a firm need an org there.
      findings.push(
        warning('firmWithMembersNoOrg', mainHolder(holdersByFirm.get(firm.id)), firm.id, {
          members: count.full + count.probationary,
          firmName: firm.name,
        }),
      )
      continue
    }
    const jointBranch = covering.find(givesJointOrg)
    if (
      // 支部工作条例 第四条: a unit with 3 or more full members sets up its own branch.
      jointBranch &&
      !covering.some(givesOwnOrg) &&
      count.full >= settings['org.ownBranchMinFull']
    ) {
      findings.push(
        warning('firmNeedsOwnBranch', jointBranch.id, firm.id, {
          fullMembers: count.full,
          firmName: firm.name,
          limit: settings['org.ownBranchMinFull'],
        }),
      )
    }
  }

  return findings.sort(compareFindings)
}

/**
 * 选举工作条例 第五条: a committee seat is held by a 正式党员 of the org (or of an org under it,
 * for a 党委 or 党总支), not by a 预备党员 or someone under 留党察看, nor by a member of
 * another org. Seats known by name only cannot be checked and are left alone.
 */
export function checkSeats(
  orgs: readonly Org[],
  allOrgs: readonly Pick<Org, 'id' | 'parentId'>[],
  members: readonly RuleMember[],
): RuleFinding[] {
  const memberById = new Map(members.map((member) => [member.id, member]))
  const children = new Map<Id, Id[]>()
  for (const org of allOrgs) {
    const list = children.get(org.parentId)
    if (list) list.push(org.id)
    else children.set(org.parentId, [org.id])
  }
  const findings: RuleFinding[] = []
  for (const org of orgs) {
    if (org.type === 'jointCommittee') continue
    const subtree = subtreeOf(org.id, children)
    for (const seat of org.committee) {
      if (seat.memberId === '') continue
      const member = memberById.get(seat.memberId)
      if (!member) continue
      const params = { name: seat.holderName }
      if (!subtree.has(member.orgId)) {
        findings.push(warning('seatOutsideOrg', org.id, '', params))
      } else if (!canHoldSeat(member)) {
        findings.push(warning('seatNotFullMember', org.id, '', params))
      }
    }
  }
  return findings
}

function subtreeOf(rootId: Id, children: ReadonlyMap<Id, Id[]>): Set<Id> {
  const subtree = new Set<Id>([rootId])
  const queue = [rootId]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const child of children.get(id) ?? []) {
      if (subtree.has(child)) continue
      subtree.add(child)
      queue.push(child)
    }
  }
  return subtree
}

/** The active org holding most of a firm's members (ties: the smaller id), '' if none. */
function mainHolder(holders: Map<Id, number> | undefined): Id | '' {
  let best: Id | '' = ''
  let most = 0
  for (const [orgId, count] of holders ?? []) {
    if (count > most || (count === most && orgId < best)) {
      best = orgId
      most = count
    }
  }
  return best
}

function compareFindings(a: RuleFinding, b: RuleFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.dueOn.localeCompare(b.dueOn) ||
    a.code.localeCompare(b.code) ||
    a.orgId.localeCompare(b.orgId) ||
    a.firmId.localeCompare(b.firmId)
  )
}

/** Findings grouped by org, for the badges of the org tree; findings with no org are left out. */
export function findingsByOrg(findings: readonly RuleFinding[]): Map<Id, RuleFinding[]> {
  const map = new Map<Id, RuleFinding[]>()
  for (const finding of findings) {
    if (finding.orgId === '') continue
    const list = map.get(finding.orgId)
    if (list) list.push(finding)
    else map.set(finding.orgId, [finding])
  }
  return map
}
