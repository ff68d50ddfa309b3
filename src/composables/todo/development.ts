import { readDevelopmentCandidates, readOrgNames } from '@/db'
import { addMonths } from '@/domain/dates'
import { nextStep } from '@/domain/development'
import { endsMembership } from '@/domain/memberStatus'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/**
 * The development deadlines that fall due (发展党员工作细则): the talk within a month of the
 * application (第七条), the upper committee's talk and approval within 3 months of the branch
 * vote (第四章), the 转正 when probation ends (党章 第七条) and its approval (第三十三条). A
 * deadline passed is overdue; one within the next month is soon.
 */
export const developmentTodo: TodoSource = async ({ orgIds, settings, today }) => {
  const soon = addMonths(today, 1)
  const steps = (await readDevelopmentCandidates(orgIds, today))
    .filter((member) => !endsMembership(member.status))
    .map((member) => ({ member, step: nextStep(member, settings) }))
    .filter(({ step }) => step !== null && step.latest !== '' && step.latest <= soon)
  const orgNames = await readOrgNames(steps.map((entry) => entry.member.orgId))
  return steps.map(({ member, step }): TodoItem => ({
    kind: 'development',
    code: `members.todo.next.${step!.code}`,
    orgId: member.orgId,
    firmId: '',
    subject: member.name,
    dueOn: step!.latest,
    urgency: step!.latest < today ? 'overdue' : 'soon',
    params: { date: step!.latest, org: orgNames.get(member.orgId) ?? '' },
    link: `/members/${member.id}`,
  }))
}
