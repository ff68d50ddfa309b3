/**
 * 换届: when a committee's term ends, the reminder before it, an approved 延期 or 提前, and the
 * committee history (届次) a 换届 leaves behind.
 */
import { addMonths, addYears, isIsoDate } from './dates'
import { effectiveTermYears, type Settings } from './settings'
import type { CommitteeSeat, IsoDate, Org, PastTerm, TermShift } from './types'

export type TermStatus = 'noTerm' | 'current' | 'dueSoon' | 'overdue'

export interface TermAlert {
  orgId: string
  status: 'dueSoon' | 'overdue'
  endsOn: IsoDate
}

type TermFacts = Pick<
  Org,
  'type' | 'termYears' | 'termStartOn' | 'villageOrCommunity' | 'termShift'
>

/** Months an approved 延期 (+) or 提前 (−) moves the term's end; 0 when none is recorded. */
export function termShiftMonths(org: Pick<Org, 'termShift'>): number {
  const months = org.termShift?.months ?? 0
  return Number.isInteger(months) ? months : 0
}

/**
 * 党章 第三十一条 and 关于党的基层组织任期的意见 2018: the term ends termYears after it started
 * (per-type default, 5 years for 村/社区), moved by an approved shift (选举工作条例 第三条).
 * '' when there is no term: no start recorded, or a 临时党支部, which holds no 换届.
 */
export function termEndsOn(org: TermFacts, settings: Settings): IsoDate {
  if (!isIsoDate(org.termStartOn)) return ''
  const years = effectiveTermYears(org, settings)
  if (years <= 0) return ''
  return addMonths(addYears(org.termStartOn, years), termShiftMonths(org))
}

/**
 * Remind `term.remindMonths` before the end (支部工作条例 第六章: 任期届满前提醒); overdue from
 * the end date on. Dissolved orgs have no term.
 */
export function termStatus(
  org: TermFacts & Pick<Org, 'dissolvedOn'>,
  settings: Settings,
  today: IsoDate,
): TermStatus {
  const endsOn = termEndsOn(org, settings)
  if (!endsOn || (org.dissolvedOn && org.dissolvedOn <= today)) return 'noTerm'
  if (endsOn <= today) return 'overdue'
  if (addMonths(today, settings['term.remindMonths']) >= endsOn) return 'dueSoon'
  return 'current'
}

/** Orgs whose renewal is due or overdue, most urgent (earliest end) first. */
export function findTermAlerts(
  orgs: readonly Org[],
  settings: Settings,
  today: IsoDate,
): TermAlert[] {
  const alerts: TermAlert[] = []
  for (const org of orgs) {
    const status = termStatus(org, settings, today)
    if (status === 'dueSoon' || status === 'overdue') {
      alerts.push({ orgId: org.id, status, endsOn: termEndsOn(org, settings) })
    }
  }
  return alerts.sort((a, b) => a.endsOn.localeCompare(b.endsOn))
}

export type TermShiftProblem = 'tooFar' | 'approvalMissing' | 'noTerm'

/**
 * 选举工作条例 第三条: a 延期 or 提前 换届 needs the upper org's approval and is generally no more
 * than term.maxShiftYears; a 临时党支部 has no term to move. null when the shift is acceptable.
 */
export function checkTermShift(
  org: Pick<Org, 'type'>,
  shift: TermShift | null | undefined,
  settings: Settings,
): TermShiftProblem | null {
  if (!shift || shift.months === 0) return null
  if (org.type === 'temporaryBranch') return 'noTerm'
  if (Math.abs(shift.months) > settings['term.maxShiftYears'] * 12) return 'tooFar'
  if (!isIsoDate(shift.approvedOn)) return 'approvalMissing'
  return null
}

/** 支部工作条例 第六章: every branch has a secretary; a joint committee's posts are its own. */
export function lacksSecretary(
  org: Pick<Org, 'committee' | 'dissolvedOn' | 'type'>,
  today: IsoDate,
): boolean {
  if (org.dissolvedOn && org.dissolvedOn <= today) return false
  return !org.committee.some((seat) => seat.post === 'secretary' && seat.holderName.trim() !== '')
}

/** A committee seat's person: the member, or the name of a holder outside the register. */
export function seatHolderKey(seat: Pick<CommitteeSeat, 'memberId' | 'holderName'>): string {
  return seat.memberId !== '' ? seat.memberId : `name:${seat.holderName.trim()}`
}

/** Committee size counts people, not seats: one holder of two posts is one member. */
export function committeePeople(committee: readonly CommitteeSeat[]): string[] {
  const people = new Set<string>()
  for (const seat of committee) {
    if (seat.memberId === '' && seat.holderName.trim() === '') continue
    people.add(seatHolderKey(seat))
  }
  return [...people]
}

type CommitteeHistory = Pick<Org, 'committee' | 'termStartOn' | 'pastTerms'>

/**
 * The committee in office on a date: the current one from its term's start (a seat taken
 * later counts from its own `since`), else the 届 of the history that covered the date. With
 * no history the current committee is the best knowledge there is.
 */
export function committeeOn(org: CommitteeHistory, date: IsoDate): CommitteeSeat[] {
  const past = org.pastTerms ?? []
  if (org.termStartOn === '' || date >= org.termStartOn || past.length === 0) {
    return org.committee.filter((seat) => seat.since === '' || seat.since <= date)
  }
  const term = past.find((entry) => entry.startOn <= date && date < entry.endOn)
  return term ? term.committee : []
}

/**
 * 换届: the committee in office becomes history (its 届次, start and end) and the newly
 * elected one takes over from `on`. The previous committee is kept, never overwritten.
 */
export function renewTerm(
  org: CommitteeHistory & Pick<Org, 'termNumber' | 'termShift'>,
  on: IsoDate,
  committee: readonly CommitteeSeat[],
): Pick<Org, 'committee' | 'termStartOn' | 'termNumber' | 'pastTerms' | 'termShift'> {
  const past = [...(org.pastTerms ?? [])]
  const number = org.termNumber && org.termNumber > 0 ? org.termNumber : past.length + 1
  if (org.committee.length > 0 || org.termStartOn !== '') {
    const ended: PastTerm = {
      number,
      startOn: org.termStartOn,
      endOn: on,
      committee: org.committee.map((seat) => ({ ...seat })),
    }
    past.push(ended)
  }
  return {
    committee: committee.map((seat) => ({ ...seat, since: seat.since || on })),
    termStartOn: on,
    termNumber: past.length > 0 ? number + 1 : number,
    pastTerms: past,
    termShift: null,
  }
}

/**
 * What an org of this type does: a 临时党支部 (for a project or a training course) holds no
 * 换届 — its officers are appointed —, admits no members and collects no dues; the dues and
 * development rules ask these.
 */
export function orgDuties(org: Pick<Org, 'type'>): {
  renews: boolean
  admitsMembers: boolean
  collectsDues: boolean
} {
  const standing = org.type !== 'temporaryBranch'
  return { renews: standing, admitsMembers: standing, collectsDues: standing }
}
