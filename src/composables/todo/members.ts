import { readArrears, readOrgNames, readSixMonthCandidates } from '@/db'
import { findSixMonthAlarms, type SixMonthAlarm } from '@/domain/sixMonths'
import type { TodoItem } from '@/domain/todo'
import type { TodoSource } from './sources'

function codeOf(alarm: SixMonthAlarm): string {
  if (alarm.trigger === 'dues') return 'dues.sixMonth.dues'
  if (alarm.trigger === 'work') return 'dues.sixMonth.work'
  return alarm.lastOn === '' ? 'members.todo.sixMonthAlarmNever' : 'members.todo.sixMonthAlarm'
}

/**
 * 党章 第九条, the six-month rule with its three triggers, each its own item naming it: no
 * organisational life (excused absences do not count), no dues, the work not done (the
 * secretary's flag) — read from the lastAttendedOn index and the kept dues figures. Below
 * six months, members three or more months in arrears are listed too.
 */
export const membersTodo: TodoSource = async ({ orgIds, settings, today }) => {
  const [candidates, arrears] = await Promise.all([
    readSixMonthCandidates(orgIds, settings, today),
    readArrears(orgIds, today, 3),
  ])
  const alarms = findSixMonthAlarms(candidates, settings, today)
  const months = settings['member.alarmMonths']
  const duesAlarmed = new Set(alarms.filter((a) => a.trigger === 'dues').map((a) => a.memberId))
  const owing = arrears.filter((row) => row.months < months && !duesAlarmed.has(row.memberId))
  const orgNames = await readOrgNames([
    ...alarms.map((alarm) => alarm.orgId),
    ...owing.map((row) => row.orgId),
  ])
  const items = alarms.map((alarm): TodoItem => ({
    kind: 'member',
    code: codeOf(alarm),
    orgId: alarm.orgId,
    firmId: '',
    subject: alarm.name,
    dueOn: alarm.dueOn,
    urgency: 'overdue',
    params: {
      lastAttendedOn: alarm.lastOn,
      lastOn: alarm.lastOn.slice(0, alarm.trigger === 'dues' ? 7 : 10),
      months,
      org: orgNames.get(alarm.orgId) ?? '',
      // The branch's latest step about this trigger, shown with the alarm.
      ...(alarm.step ? { stepKind: alarm.step.kind, stepOn: alarm.step.on } : {}),
    },
    link: alarm.trigger === 'dues' ? `/dues?org=${alarm.orgId}` : `/members/${alarm.memberId}`,
    action: { kind: 'sixMonthStep', memberId: alarm.memberId, trigger: alarm.trigger },
  }))
  return [
    ...items,
    ...owing.map((row): TodoItem => ({
      kind: 'member',
      code: 'dues.todo.arrears',
      orgId: row.orgId,
      firmId: '',
      subject: row.name,
      dueOn: today,
      urgency: 'soon',
      params: {
        months: row.months,
        paidThrough: row.paidThrough,
        org: orgNames.get(row.orgId) ?? '',
      },
      link: `/dues?org=${row.orgId}`,
    })),
  ]
}
