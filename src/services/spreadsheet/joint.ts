/**
 * Excel of a joint committee's problem list and of one joint meeting's minutes. The sheets
 * are for reading and filing (not for import), in Chinese whatever the UI language, like the
 * register's sheets (labels.ts).
 */
import {
  getJointMeeting,
  getOrg,
  listConstituents,
  listIssues,
  listJointMeetings,
  type JointRecords,
} from '@/db'
import { daysToResolve, isIssueOverdue } from '@/domain/joint'
import type { Constituent, Issue, IssueStatus, JointMeeting, Sector } from '@/domain/types'
import { downloadFile, fileDate } from './download'
import type { ExportResult } from './exportFlow'
import { writeWorkbook } from './workbook'

export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  open: '待办',
  inProgress: '办理中',
  resolved: '已解决',
  declined: '不予解决',
}

export const SECTOR_LABELS: Record<Sector, string> = {
  firm: '企业',
  government: '党政机关/部门',
  villageCommunity: '嘎查村/社区',
  nonPublicFirm: '非公企业',
  socialOrganisation: '社会组织',
  other: '其他',
}

const ISSUE_HEADERS = [
  '序号',
  '问题',
  '具体情况',
  '提出单位',
  '牵头单位',
  '提出日期',
  '办结期限',
  '状态',
  '办理进展',
  '解决情况',
  '解决日期',
  '用时（天）',
  '研究会议',
] as const

/** Names of constituents by id, '、'-joined for a list of ids. */
function namer(constituents: readonly Constituent[]) {
  const byId = new Map(constituents.map((c) => [c.id, c.name]))
  return (ids: readonly string[]) => ids.map((id) => byId.get(id) ?? '').join('、')
}

/** '第 n 次 (date)' for each meeting, by the order they were held. */
function meetingLabels(meetings: readonly JointMeeting[]) {
  const sorted = [...meetings].sort((a, b) => a.heldOn.localeCompare(b.heldOn))
  const byId = new Map(sorted.map((m, index) => [m.id, `第${index + 1}次（${m.heldOn}）`]))
  return (ids: readonly string[]) => ids.map((id) => byId.get(id) ?? '').join('、')
}

/** One row per problem, in the order given, as the sheet and the print show them. */
export function issueRows(
  issues: readonly Issue[],
  records: Pick<JointRecords, 'constituents' | 'meetings'>,
  today: string,
): (string | number)[][] {
  const names = namer(records.constituents)
  const meetings = meetingLabels(records.meetings)
  return issues.map((issue, index) => {
    const status = ISSUE_STATUS_LABELS[issue.status]
    return [
      index + 1,
      issue.title,
      issue.description,
      names([issue.raisedByConstituentId]),
      names(issue.responsibleConstituentIds),
      issue.raisedOn,
      issue.dueOn,
      isIssueOverdue(issue, today) ? `${status}（已逾期）` : status,
      issue.progress.map((step) => `${step.on} ${step.note}`).join('\n'),
      issue.status === 'declined' ? `不予解决：${issue.declineReason}` : issue.resolution,
      issue.resolvedOn,
      daysToResolve(issue) ?? '',
      meetings(issue.meetingIds),
    ]
  })
}

/** A committee's whole problem list, in the order raised. */
export async function buildIssuesWorkbook(
  committeeId: string,
  today: string,
): Promise<{ data: ArrayBuffer; rows: number; name: string }> {
  const [committee, constituents, meetings, issues] = await Promise.all([
    getOrg(committeeId),
    listConstituents(committeeId),
    listJointMeetings(committeeId),
    listIssues(committeeId),
  ])
  const rows = issueRows(issues, { constituents, meetings }, today)
  const data = await writeWorkbook({
    sheetName: '问题清单',
    headers: ISSUE_HEADERS,
    rows,
    widths: [6, 30, 40, 30, 36, 12, 12, 16, 40, 40, 12, 10, 30],
  })
  return { data, rows: rows.length, name: committee?.name ?? '联合党委' }
}

/** The minutes as label / text rows, then the problems the meeting raised. */
export function minutesRows(
  meeting: JointMeeting,
  number: number,
  committeeName: string,
  records: Pick<JointRecords, 'constituents' | 'issues'>,
): string[][] {
  const names = namer(records.constituents)
  const present = new Set(meeting.presentConstituentIds)
  const absent = records.constituents
    .filter(
      (c) =>
        !present.has(c.id) &&
        (c.joinedOn === '' || c.joinedOn <= meeting.heldOn) &&
        (c.leftOn === '' || c.leftOn > meeting.heldOn),
    )
    .map((c) => c.id)
  const raised = records.issues.filter((issue) => issue.meetingIds[0] === meeting.id)
  const followed = records.issues.filter(
    (issue) => issue.meetingIds.includes(meeting.id) && issue.meetingIds[0] !== meeting.id,
  )
  return [
    ['联合党委', committeeName],
    ['会议', `第${number}次联席会议`],
    ['日期', meeting.heldOn],
    ['地点', meeting.place],
    ['主持人', meeting.host],
    ['出席单位', names(meeting.presentConstituentIds)],
    ['未出席单位', names(absent)],
    ['议题', meeting.topics],
    ['会议纪要', meeting.minutes],
    ...raised.map((issue, index): string[] => [
      index === 0 ? '提出问题' : '',
      `${index + 1}. ${issue.title}（牵头：${names(issue.responsibleConstituentIds)}；期限：${issue.dueOn || '未定'}）`,
    ]),
    ...followed.map((issue, index): string[] => [
      index === 0 ? '跟进问题' : '',
      `${index + 1}. ${issue.title}（${ISSUE_STATUS_LABELS[issue.status]}）`,
    ]),
  ]
}

export async function buildMinutesWorkbook(
  meetingId: string,
): Promise<{ data: ArrayBuffer; heldOn: string }> {
  const meeting = await getJointMeeting(meetingId)
  if (!meeting) throw new Error(`joint meeting ${meetingId} not found`)
  const [committee, constituents, meetings, issues] = await Promise.all([
    getOrg(meeting.committeeId),
    listConstituents(meeting.committeeId),
    listJointMeetings(meeting.committeeId),
    listIssues(meeting.committeeId),
  ])
  const number = meetings.findIndex((m) => m.id === meeting.id) + 1
  const data = await writeWorkbook({
    sheetName: '联席会议纪要',
    headers: ['项目', '内容'],
    rows: minutesRows(meeting, number, committee?.name ?? '', { constituents, issues }),
    widths: [14, 90],
  })
  return { data, heldOn: meeting.heldOn }
}

/** Download `<committee>问题清单-YYYYMMDD.xlsx`. */
export async function exportIssues(committeeId: string, today: string): Promise<ExportResult> {
  const { data, rows, name } = await buildIssuesWorkbook(committeeId, today)
  const fileName = `${name}问题清单-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return { rows, fileName }
}

/** Download `联席会议纪要-<date>.xlsx`. */
export async function exportMinutes(meetingId: string): Promise<ExportResult> {
  const { data, heldOn } = await buildMinutesWorkbook(meetingId)
  const fileName = `联席会议纪要-${heldOn}.xlsx`
  downloadFile(data, fileName)
  return { rows: 1, fileName }
}
