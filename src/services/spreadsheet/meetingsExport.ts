import { getMembers, getOrgs, listMeetingsMatching, type MeetingFilter } from '@/db'
import type { MeetingType } from '@/domain/types'
import { downloadFile, fileDate } from './download'
import { writeWorkbook } from './workbook'

/** Chinese labels, as the rest of the workbook writers (services hold no i18n). */
const TYPE_LABELS: Record<MeetingType, string> = {
  branchAssembly: '支部党员大会',
  committeeMeeting: '支委会',
  groupMeeting: '党小组会',
  partyLesson: '党课',
  themedDay: '主题党日',
  orgLifeMeeting: '组织生活会',
  appraisal: '民主评议党员',
  heartToHeart: '谈心谈话',
}
const REASON_LABELS: Record<string, string> = {
  work: '因公',
  sick: '因病',
  personal: '因事',
  other: '其他',
}

const HEADERS = [
  '党组织',
  '会议类型',
  '日期',
  '时间',
  '地点',
  '主持人',
  '记录人',
  '主讲人',
  '议题',
  '实到人数',
  '缺席人员',
  '决议',
  '状态',
  '录入时间',
]

/** The filtered meeting list as a workbook (every matching row, not only the page shown). */
export async function buildMeetingsWorkbook(
  filter: MeetingFilter,
): Promise<{ data: ArrayBuffer; rows: number }> {
  const meetings = await listMeetingsMatching(filter)
  const orgs = await getOrgs([...new Set(meetings.map((m) => m.orgId))])
  const orgName = new Map(orgs.map((org) => [org.id, org.name]))
  const absentIds = [...new Set(meetings.flatMap((m) => m.absentees.map((a) => a.memberId)))]
  const members = await getMembers(absentIds)
  const memberName = new Map(members.map((m) => [m.id, m.name] as const))
  const rows = meetings.map((meeting) => [
    orgName.get(meeting.orgId) ?? '',
    TYPE_LABELS[meeting.type],
    meeting.heldOn,
    meeting.startTime,
    meeting.place,
    meeting.host,
    meeting.recorder,
    meeting.lecturer,
    meeting.topic,
    meeting.attendeeIds.length,
    meeting.absentees
      .map((a) => `${memberName.get(a.memberId) ?? ''}（${REASON_LABELS[a.reason] ?? a.reason}）`)
      .join('、'),
    meeting.resolutions,
    meeting.status === 'final' ? '已定稿' : '草稿',
    meeting.createdAt.slice(0, 10),
  ])
  const data = await writeWorkbook({
    sheetName: '会议记录',
    headers: HEADERS,
    rows,
    widths: [30, 14, 12, 8, 16, 10, 10, 10, 36, 10, 30, 30, 8, 12],
  })
  return { data, rows: rows.length }
}

export async function exportMeetings(filter: MeetingFilter): Promise<number> {
  const { data, rows } = await buildMeetingsWorkbook(filter)
  downloadFile(data, `会议记录_${fileDate()}.xlsx`)
  return rows
}
