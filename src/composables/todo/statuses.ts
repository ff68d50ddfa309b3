import { readOrgNames, readStatusCandidates } from '@/db'
import { isStatusActionDue } from '@/domain/memberRules'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/**
 * 党员教育管理工作条例 2019: a 失联 member not found for six months is to be put on 停止党籍
 * (第二十四条), one on 停止党籍 for two years 除名 (同条), a member away six months or more at
 * a fixed place should transfer their membership (第二十五条).
 */
export const statusesTodo: TodoSource = async ({ orgIds, settings, today }) => {
  const due = (await readStatusCandidates(orgIds))
    .map((member) => ({ member, deadline: isStatusActionDue(member, settings, today) }))
    .filter((entry) => entry.deadline !== null)
  const orgNames = await readOrgNames(due.map((entry) => entry.member.orgId))
  return due.map(({ member, deadline }): TodoItem => ({
    kind: 'member',
    code: `members.todo.status.${deadline!.action}`,
    orgId: member.orgId,
    firmId: '',
    subject: member.name,
    dueOn: deadline!.dueOn,
    urgency: 'overdue',
    params: { since: member.statusSince, org: orgNames.get(member.orgId) ?? '' },
    link: `/members/${member.id}`,
  }))
}
