import {
  listComplianceOrgs,
  listMeetingFactsOfLastPeriods,
  listMeetingFactsOfOrgs,
  toComplianceOrgs,
} from '@/db'
import { findOverdueMeetings, overdueRange } from '@/domain/meetings'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/**
 * 待办: the last ended month / quarter / year in which an org fell short of a meeting type
 * ("第三季度未召开支部党员大会"). A scope reads its orgs' '[orgId+heldOn]' ranges; the whole
 * department reads only the last periods of each type through '[type+heldOn]'.
 */
export const meetingsTodo: TodoSource = async ({ orgIds, settings, today }) => {
  const orgs = await listComplianceOrgs(orgIds)
  if (orgs.length === 0) return []
  const range = overdueRange(today)
  const facts = orgIds
    ? await listMeetingFactsOfOrgs(
        orgs.map((org) => org.id),
        range.from,
        range.to,
      )
    : await listMeetingFactsOfLastPeriods(today)
  const names = new Map(orgs.map((org) => [org.id, org.name]))
  const overdue = findOverdueMeetings(await toComplianceOrgs(orgs), facts, settings, today)
  return overdue.map((item): TodoItem => {
    const { period } = item
    const code =
      period.frequency === 'quarter'
        ? `meetings.todo.q${period.index}.${item.type}`
        : `meetings.todo.${period.frequency}.${item.type}`
    return {
      kind: 'meeting',
      code,
      orgId: item.orgId,
      firmId: '',
      subject: names.get(item.orgId) ?? '',
      dueOn: period.end,
      urgency: 'overdue',
      params: { year: period.year, month: period.index, held: item.held, required: item.required },
      link: `/meetings/board?org=${item.orgId}`,
    }
  })
}
