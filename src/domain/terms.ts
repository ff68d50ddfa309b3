import { addMonths, addYears, isIsoDate } from './dates'
import { effectiveTermYears, type Settings } from './settings'
import type { IsoDate, Org } from './types'

export type TermStatus = 'noTerm' | 'current' | 'dueSoon' | 'overdue'

export interface TermAlert {
  orgId: string
  status: 'dueSoon' | 'overdue'
  endsOn: IsoDate
}

/** 换届: the term ends termYears after it started (per-type default from settings). */
export function termEndsOn(
  org: Pick<Org, 'type' | 'termYears' | 'termStartOn'>,
  settings: Settings,
): IsoDate {
  if (!isIsoDate(org.termStartOn)) return ''
  return addYears(org.termStartOn, effectiveTermYears(org, settings))
}

/**
 * Remind `term.remindMonths` before the end (关于加强和改进基层党组织换届工作的意见, 2018:
 * remind 6 months ahead); overdue from the end date on. Dissolved orgs have no term.
 */
export function termStatus(
  org: Pick<Org, 'type' | 'termYears' | 'termStartOn' | 'dissolvedOn'>,
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

/** 支部工作条例 第六章: every branch has a secretary; a joint committee's posts are its own. */
export function lacksSecretary(
  org: Pick<Org, 'committee' | 'dissolvedOn' | 'type'>,
  today: IsoDate,
): boolean {
  if (org.dissolvedOn && org.dissolvedOn <= today) return false
  return !org.committee.some((seat) => seat.post === 'secretary' && seat.holderName.trim() !== '')
}
