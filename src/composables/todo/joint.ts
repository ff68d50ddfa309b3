import { getOrgs, listJointCommitteeIdsFor, listOverdueIssues } from '@/db'
import { findOverdueIssues } from '@/domain/joint'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/** Problems of the scope's joint committees past their due date and still open. */
export const jointTodo: TodoSource = async ({ orgIds, today }) => {
  const committeeIds = await listJointCommitteeIdsFor(orgIds)
  if (committeeIds.length === 0) return []
  const issues = findOverdueIssues(await listOverdueIssues(today, committeeIds), today)
  const names = new Map((await getOrgs(committeeIds)).map((org) => [org.id, org.name]))
  return issues.map((issue): TodoItem => ({
    kind: 'issue',
    code: 'joint.todo.issueOverdue',
    orgId: issue.committeeId,
    firmId: '',
    subject: issue.title,
    dueOn: issue.dueOn,
    urgency: 'overdue',
    params: { title: issue.title, committee: names.get(issue.committeeId) ?? '' },
    link: `/joint?committee=${issue.committeeId}&tab=issues`,
  }))
}
