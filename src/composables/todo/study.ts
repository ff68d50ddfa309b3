import { readOrgNames, readStudyStanding } from '@/db'
import { findMembersBehind, isBehindSeason, studyYearOf } from '@/domain/study'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/**
 * Members short of the yearly study hours, from the last quarter on (study.behindAfterMonths):
 * nothing is read the rest of the year.
 */
export const studyTodo: TodoSource = async ({ orgIds, settings, today }) => {
  if (!isBehindSeason(today, settings)) return []
  const year = studyYearOf(today)
  const standing = await readStudyStanding(orgIds, year)
  const behind = findMembersBehind(
    standing.members,
    standing.hours,
    today,
    settings,
    standing.onCommittee,
  )
  const orgNames = await readOrgNames(behind.map((member) => member.orgId))
  return behind.map((member): TodoItem => ({
    kind: 'study',
    code: 'study.todo.behind',
    orgId: member.orgId,
    firmId: '',
    subject: member.name,
    dueOn: `${year}-12-31`,
    urgency: 'soon',
    params: {
      name: member.name,
      hours: member.confirmedHours,
      target: member.target,
      shortfall: member.shortfall,
      org: orgNames.get(member.orgId) ?? '',
    },
    link: `/study?org=${member.orgId}&tab=progress`,
  }))
}
