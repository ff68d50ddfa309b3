import { readAlarmCandidates, readOrgNames } from '@/db'
import { findAttendanceAlarms } from '@/domain/memberRules'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

/**
 * 党章 第九条, the six-month alarm: members whose last attended meeting is before the cut-off,
 * read as one range of the lastAttendedOn index, then judged by the domain rule.
 */
export const membersTodo: TodoSource = async ({ orgIds, settings, today }) => {
  const candidates = await readAlarmCandidates(orgIds, settings, today)
  const alarms = findAttendanceAlarms(candidates, settings, today)
  const orgNames = await readOrgNames(alarms.map((alarm) => alarm.orgId))
  return alarms.map((alarm): TodoItem => ({
    kind: 'member',
    code:
      alarm.lastAttendedOn === ''
        ? 'members.todo.sixMonthAlarmNever'
        : 'members.todo.sixMonthAlarm',
    orgId: alarm.orgId,
    firmId: '',
    subject: alarm.name,
    dueOn: alarm.dueOn,
    urgency: 'overdue',
    params: {
      lastAttendedOn: alarm.lastAttendedOn,
      months: settings['member.alarmMonths'],
      org: orgNames.get(alarm.orgId) ?? '',
    },
    link: `/members/${alarm.memberId}`,
  }))
}
