import { getOrgs, listMembersPage, type MemberCursor } from '@/db'
import type { MemberFilter } from '@/domain/memberRules'
import type { Member } from '@/domain/types'
import { downloadFile, fileDate } from './download'
import { MEMBER_COLUMNS } from './membersColumns'
import { EDUCATION_LABELS, ETHNICITY_LABELS, GENDER_LABELS, STAGE_LABELS } from './labels'
import { writeWorkbook } from './workbook'

const PAGE = 1000

/**
 * The roster the table shows (scope and filter) as an .xlsx that import reads back. ID
 * numbers and phones are written whole: the file is for exchange with the department's
 * other registers, and import matches members by ID number.
 */
export async function buildMembersWorkbook(
  scope: readonly string[] | null,
  filter: MemberFilter,
  onRows: (count: number) => void = () => {},
): Promise<{ data: ArrayBuffer; rows: number }> {
  const members: Member[] = []
  let after: MemberCursor = null
  do {
    const page = await listMembersPage(scope, filter, after, PAGE)
    members.push(...page.rows)
    onRows(members.length)
    after = page.next
  } while (after)
  const orgs = await getOrgs([...new Set(members.map((m) => m.orgId))])
  const orgName = new Map(orgs.map((org) => [org.id, org.name]))
  const rows = members.map((m) => [
    m.name,
    GENDER_LABELS[m.gender],
    ETHNICITY_LABELS[m.ethnicity],
    m.birthDate,
    m.idNumber,
    m.phone,
    EDUCATION_LABELS[m.education],
    m.development.branchVoteOn,
    m.fullMemberOn || m.development.fullOn,
    orgName.get(m.orgId) ?? '',
    STAGE_LABELS[m.stage],
    m.jobTitle,
  ])
  const data = await writeWorkbook({
    sheetName: '党员名册',
    headers: MEMBER_COLUMNS.map((column) => column.headers[0] ?? ''),
    rows,
    widths: [10, 6, 10, 12, 22, 14, 12, 12, 12, 36, 14, 16],
  })
  return { data, rows: rows.length }
}

/** Download `党员名册-YYYYMMDD.xlsx` of what the roster shows. */
export async function exportMembers(
  scope: readonly string[] | null,
  filter: MemberFilter,
  onRows?: (count: number) => void,
): Promise<{ rows: number; fileName: string }> {
  const { data, rows } = await buildMembersWorkbook(scope, filter, onRows)
  const fileName = `党员名册-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return { rows, fileName }
}
