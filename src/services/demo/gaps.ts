/**
 * What the demo leaves undone on purpose, in words a department recognises: the branches
 * behind with their meetings, those with gaps, terms due, members short of study hours, the
 * statuses and development steps whose deadlines have come. Found with the app's own rules,
 * so the demo's description says exactly what its 待办 shows.
 */
import { nextStep } from '@/domain/development'
import { isStatusActionDue } from '@/domain/memberRules'
import { endsMembership } from '@/domain/memberStatus'
import { defaultSettings } from '@/domain/settings'
import { findTermAlerts } from '@/domain/terms'
import type { IsoDate, Member, Org } from '@/domain/types'
import { addMonths } from './dates'

export const DEMO_GAP_KINDS = [
  'meetingsBehind', // nothing monthly in the last four months
  'meetingGaps', // some periods missed here and there
  'termOverdue',
  'termDueSoon',
  'studyBehind',
  'lostContactLong', // 失联 past six months: to be put on 停止党籍
  'awayLong', // 流动 past six months: to transfer
  'developmentDue', // a development deadline within a month or past
  'duesInArrears', // three months of dues unpaid
  'duesSixMonths', // six months of dues unpaid: the six-month rule's dues trigger
] as const
export type DemoGapKind = (typeof DEMO_GAP_KINDS)[number]

export interface DemoGap {
  kind: DemoGapKind
  /** Names of the orgs or members concerned. */
  subjects: string[]
}

export interface GapFacts {
  today: IsoDate
  orgs: readonly Org[]
  members: readonly Member[]
  behindOrgIds: readonly string[]
  gappyOrgIds: readonly string[]
  studyBehindIds: readonly string[]
  duesInArrears?: readonly string[]
  duesSixMonths?: readonly string[]
}

export function describeGaps(facts: GapFacts): DemoGap[] {
  const settings = defaultSettings()
  const orgName = new Map(facts.orgs.map((org) => [org.id, org.name]))
  const memberName = new Map(facts.members.map((member) => [member.id, member.name]))
  const names = (ids: readonly string[], from: Map<string, string>) =>
    ids.map((id) => from.get(id) ?? '').filter((name) => name !== '')
  const active = facts.orgs.filter((org) => org.dissolvedOn === '')
  const alerts = findTermAlerts(active, settings, facts.today)
  const statusDue = (action: string) =>
    facts.members
      .filter((member) => isStatusActionDue(member, settings, facts.today)?.action === action)
      .map((member) => member.name)
  const soon = addMonths(facts.today, 1)
  const developmentDue = facts.members
    .filter((member) => !endsMembership(member.status))
    .filter((member) => {
      const step = nextStep(member, settings)
      return step !== null && step.latest !== '' && step.latest <= soon
    })
    .map((member) => member.name)
  const gaps: DemoGap[] = [
    { kind: 'meetingsBehind', subjects: names(facts.behindOrgIds, orgName) },
    { kind: 'meetingGaps', subjects: names(facts.gappyOrgIds, orgName) },
    {
      kind: 'termOverdue',
      subjects: names(
        alerts.filter((a) => a.status === 'overdue').map((a) => a.orgId),
        orgName,
      ),
    },
    {
      kind: 'termDueSoon',
      subjects: names(
        alerts.filter((a) => a.status === 'dueSoon').map((a) => a.orgId),
        orgName,
      ),
    },
    { kind: 'studyBehind', subjects: names(facts.studyBehindIds, memberName) },
    { kind: 'lostContactLong', subjects: statusDue('suspend') },
    { kind: 'awayLong', subjects: statusDue('transfer') },
    { kind: 'developmentDue', subjects: developmentDue },
    { kind: 'duesInArrears', subjects: [...(facts.duesInArrears ?? [])] },
    { kind: 'duesSixMonths', subjects: [...(facts.duesSixMonths ?? [])] },
  ]
  return gaps.filter((gap) => gap.subjects.length > 0)
}
