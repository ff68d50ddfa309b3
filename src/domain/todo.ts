import type { Settings } from './settings'
import { findTermAlerts, lacksSecretary } from './terms'
import type { IsoDate, Org } from './types'

export type TodoUrgency = 'overdue' | 'soon' | 'warning'

/** One line of the 待办 list; `code` is translated by the UI (todo.<code>). */
export interface TodoItem {
  kind: 'term' | 'committee'
  code: 'termOverdue' | 'termDueSoon' | 'noSecretary'
  orgId: string
  subject: string
  dueOn: IsoDate
  urgency: TodoUrgency
}

const URGENCY_ORDER: Record<TodoUrgency, number> = { overdue: 0, soon: 1, warning: 2 }

/**
 * Everything due or wrong that the rule checks find, most urgent first. Later issues add
 * their checks here (meetings, the six-month alarm, problems overdue …).
 */
export function gatherTodo(orgs: readonly Org[], settings: Settings, today: IsoDate): TodoItem[] {
  const byId = new Map(orgs.map((org) => [org.id, org]))
  const items: TodoItem[] = findTermAlerts(orgs, settings, today).map((alert) => ({
    kind: 'term',
    code: alert.status === 'overdue' ? 'termOverdue' : 'termDueSoon',
    orgId: alert.orgId,
    subject: byId.get(alert.orgId)?.name ?? '',
    dueOn: alert.endsOn,
    urgency: alert.status === 'overdue' ? 'overdue' : 'soon',
  }))
  for (const org of orgs) {
    if (org.type === 'jointCommittee' || !lacksSecretary(org, today)) continue
    items.push({
      kind: 'committee',
      code: 'noSecretary',
      orgId: org.id,
      subject: org.name,
      dueOn: '',
      urgency: 'warning',
    })
  }
  return items.sort(
    (a, b) =>
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.subject.localeCompare(b.subject, 'zh-CN'),
  )
}
