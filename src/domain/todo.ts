import type { SixMonthTrigger } from './memberRules'
import { checkOrgRules, type RuleCode, type RuleInput, type RuleSeverity } from './orgRules'
import type { Id, IsoDate } from './types'

/** An action the list offers on an item: the six-month alarm's "record the talk or decision". */
export interface TodoAction {
  kind: 'sixMonthStep'
  memberId: Id
  trigger: SixMonthTrigger
}

export type TodoUrgency = RuleSeverity

/** Kinds of the rule checks here plus those of the feature sources (composables/todo/). */
export type TodoKind =
  | 'term'
  | 'committee'
  | 'structure'
  | 'firm'
  | 'member'
  | 'development'
  | 'meeting'
  | 'issue'
  | 'study'
  | 'data'

/**
 * One line of the 待办 list. `code` is translated by the UI with `params`: a bare code means
 * `todo.<code>`; a dotted code (`members.todo.sixMonthAlarm`) is a full message key, so each
 * feature keeps its messages in its own file.
 */
export interface TodoItem {
  kind: TodoKind
  code: RuleCode | string
  /** The org concerned, '' when none (a firm with members but no org of any kind). */
  orgId: Id | ''
  /** The firm concerned, '' for findings about an org alone. */
  firmId: Id | ''
  /** The firm's name for firm findings, else the org's name. */
  subject: string
  dueOn: IsoDate
  urgency: TodoUrgency
  params: Record<string, string | number>
  /** Where the subject opens (a route path), '' when the list offers no link. */
  link?: string
  action?: TodoAction
}

export type TodoInput = RuleInput

const KIND_BY_CODE: Record<RuleCode, TodoKind> = {
  tooFewFullMembers: 'structure',
  seatNotFullMember: 'committee',
  seatOutsideOrg: 'committee',
  termDueSoon: 'term',
  termOverdue: 'term',
  committeeMissing: 'committee',
  committeeTooLarge: 'committee',
  noSecretary: 'committee',
  jointBranchTooManyUnits: 'structure',
  branchTooLarge: 'structure',
  shouldBeBaseCommittee: 'structure',
  firmNeedsOwnBranch: 'firm',
  firmWithMembersNoOrg: 'firm',
}

const URGENCY_ORDER: Record<TodoUrgency, number> = { overdue: 0, soon: 1, warning: 2 }

/**
 * Everything due or wrong that the rule checks find, most urgent first (overdue, soon,
 * warning; then the earlier deadline; then the subject). Later issues add their checks here
 * (meetings, the six-month alarm, problems overdue …)
 * through `more`, gathered by the sources in composables/todo/.
 */
export function gatherTodo(input: TodoInput, more: readonly TodoItem[] = []): TodoItem[] {
  const orgNames = new Map(input.orgs.map((org) => [org.id, org.name]))
  const firmNames = new Map(input.firms.map((firm) => [firm.id, firm.name]))
  const items: TodoItem[] = checkOrgRules(input).map((finding) => {
    const kind = KIND_BY_CODE[finding.code]
    const subject =
      kind === 'firm' && finding.firmId !== ''
        ? (firmNames.get(finding.firmId) ?? '')
        : (orgNames.get(finding.orgId) ?? '')
    return {
      kind,
      code: finding.code,
      orgId: finding.orgId,
      firmId: finding.firmId,
      subject,
      dueOn: finding.dueOn,
      urgency: finding.severity,
      params: finding.params,
    }
  })
  return sortTodo([...items, ...more])
}

/** One collator for every comparison: `localeCompare` builds one per call. */
const SUBJECT_ORDER = new Intl.Collator('zh-CN')

/** Most urgent first (overdue, soon, warning); then the earlier deadline; then the subject. */
export function sortTodo(items: readonly TodoItem[]): TodoItem[] {
  return [...items].sort(
    (a, b) =>
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
      SUBJECT_ORDER.compare(a.subject, b.subject),
  )
}
