import { birthDateFromIdNumber, genderFromIdNumber, isValidIdNumber } from '@/domain/idNumber'
import { emptyDevelopment } from '@/domain/members'
import {
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  MEMBER_STAGES,
  type Education,
  type Ethnicity,
  type Gender,
  type MemberStage,
  type Org,
} from '@/domain/types'
import { validateMember, type MemberInput } from '@/domain/validation'
import { cellDate, cellText, isEmptyRow, type SheetRow } from './cells'
import { normalizeHeader } from './columns'
import type { ColumnMapping } from './header'
import { atRow, type ParsedRows, type RowProblem } from './problems'

/** The Chinese words of the sheet for coded fields (part of the file format, not i18n). */
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' }
export const ETHNICITY_LABELS: Record<Ethnicity, string> = {
  han: '汉族',
  mongol: '蒙古族',
  hui: '回族',
  manchu: '满族',
  daur: '达斡尔族',
  ewenki: '鄂温克族',
  oroqen: '鄂伦春族',
  korean: '朝鲜族',
  other: '其他',
}
export const EDUCATION_LABELS: Record<Education, string> = {
  primary: '小学',
  juniorHigh: '初中',
  seniorHigh: '高中',
  vocational: '中专',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
}
export const STAGE_LABELS: Record<MemberStage, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
}

function lookup<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  extra: Record<string, T> = {},
): Map<string, T> {
  const map = new Map<string, T>()
  for (const code of codes) {
    map.set(normalizeHeader(code), code)
    map.set(normalizeHeader(labels[code]), code)
  }
  for (const [word, code] of Object.entries(extra)) map.set(normalizeHeader(word), code)
  return map
}

const GENDER_BY_WORD = lookup(GENDERS, GENDER_LABELS, { 男性: 'male', 女性: 'female' })
const ETHNICITY_BY_WORD = lookup(ETHNICITIES, ETHNICITY_LABELS, {
  汉: 'han',
  蒙古: 'mongol',
  蒙: 'mongol',
  回: 'hui',
  满: 'manchu',
  达斡尔: 'daur',
  鄂温克: 'ewenki',
  鄂伦春: 'oroqen',
  朝鲜: 'korean',
})
const EDUCATION_BY_WORD = lookup(EDUCATIONS, EDUCATION_LABELS, {
  大学本科: 'bachelor',
  大学: 'bachelor',
  大学专科: 'associate',
  专科: 'associate',
  高职: 'associate',
  中技: 'vocational',
  技校: 'vocational',
  职高: 'vocational',
  硕士: 'master',
  研究生: 'master',
  博士: 'doctorate',
})
const STAGE_BY_WORD = lookup(MEMBER_STAGES, STAGE_LABELS, {
  党员: 'full',
  正式: 'full',
  预备: 'probationary',
  积极分子: 'activist',
  申请人: 'applicant',
})

/** The code of a word; the text itself when unknown, so validation reports 'oneOf'. */
function codeOf<T extends string>(map: Map<string, T>, text: string): T | string {
  return map.get(normalizeHeader(text)) ?? text
}

export type OrgMatch =
  { ok: true; id: string } | { ok: false; code: 'required' | 'notFound' | 'ambiguous' }

/** Orgs by their name (one department does not hold two orgs of one name, usually). */
export function orgLookup(orgs: readonly Pick<Org, 'id' | 'name'>[]): (text: string) => OrgMatch {
  const byName = new Map<string, string[]>()
  for (const org of orgs) {
    const key = normalizeHeader(org.name)
    const ids = byName.get(key)
    if (ids) ids.push(org.id)
    else byName.set(key, [org.id])
  }
  return (text) => {
    if (text.trim() === '') return { ok: false, code: 'required' }
    const ids = byName.get(normalizeHeader(text)) ?? []
    if (ids.length === 0) return { ok: false, code: 'notFound' }
    if (ids.length > 1) return { ok: false, code: 'ambiguous' }
    return { ok: true, id: ids[0] ?? '' }
  }
}

/** Stands in for an org the sheet names wrongly, so the row's other fields still validate. */
const UNRESOLVED = '?'

/**
 * One sheet row as a member input. Gender and birth date left empty are read from a valid
 * ID number (GB 11643); the stage, when not given, follows the dates: 转正日期 → full,
 * 入党日期 only → probationary, neither → full (a roster sheet lists party members).
 */
export function memberFromRow(
  row: SheetRow,
  mapping: ColumnMapping,
  findOrg: (text: string) => OrgMatch,
): { input: Record<keyof MemberInput, unknown>; orgProblem: RowProblem | null } {
  const cell = (field: string) => {
    const column = mapping[field]
    return column === null || column === undefined ? null : (row.cells[column] ?? null)
  }
  const text = (field: string) => cellText(cell(field))
  const idNumber = text('idNumber').replace(/\s/g, '').toUpperCase()
  const validId = isValidIdNumber(idNumber)
  const org = findOrg(text('orgId'))
  const branchVoteOn = cellDate(cell('branchVoteOn'))
  const fullOn = cellDate(cell('fullOn'))
  const stageText = text('stage')
  const stage =
    stageText !== ''
      ? codeOf(STAGE_BY_WORD, stageText)
      : fullOn !== ''
        ? 'full'
        : branchVoteOn !== ''
          ? 'probationary'
          : 'full'
  const genderText = text('gender')
  return {
    input: {
      orgId: org.ok ? org.id : UNRESOLVED,
      firmId: '',
      partyGroupId: '',
      name: text('name'),
      gender:
        genderText !== ''
          ? codeOf(GENDER_BY_WORD, genderText)
          : validId
            ? genderFromIdNumber(idNumber)
            : undefined,
      ethnicity: text('ethnicity') === '' ? 'han' : codeOf(ETHNICITY_BY_WORD, text('ethnicity')),
      birthDate: cellDate(cell('birthDate')) || (validId ? birthDateFromIdNumber(idNumber) : ''),
      idNumber,
      phone: text('phone'),
      education:
        text('education') === '' ? 'bachelor' : codeOf(EDUCATION_BY_WORD, text('education')),
      jobTitle: text('jobTitle'),
      stage,
      development: { ...emptyDevelopment(), branchVoteOn, fullOn },
      fullMemberOn: stage === 'full' ? fullOn : '',
      status: 'normal',
      statusSince: '',
      statusNote: '',
      appraisals: [],
    },
    orgProblem: org.ok ? null : { row: row.number, field: 'orgId', code: org.code },
  }
}

/**
 * Reads member rows one at a time (so a caller can yield to the page between chunks):
 * valid inputs and row-numbered problems (an ID number repeated too).
 */
export function createMemberRowParser(
  mapping: ColumnMapping,
  orgs: readonly Pick<Org, 'id' | 'name'>[],
) {
  const findOrg = orgLookup(orgs)
  const result: ParsedRows<MemberInput> = { valid: [], problems: [], rowCount: 0, invalidCount: 0 }
  const firstRowOfId = new Map<string, number>()
  return {
    add(row: SheetRow): void {
      if (isEmptyRow(row)) return
      result.rowCount++
      const { input, orgProblem } = memberFromRow(row, mapping, findOrg)
      const checked = validateMember(input)
      const problems: RowProblem[] = checked.ok ? [] : atRow(row.number, checked.problems)
      if (orgProblem) problems.push(orgProblem)
      const id = String(input.idNumber)
      const first = firstRowOfId.get(id)
      if (id !== '' && first !== undefined) {
        problems.push({
          row: row.number,
          field: 'idNumber',
          code: 'duplicate',
          params: { row: first },
        })
      } else if (id !== '') firstRowOfId.set(id, row.number)
      if (problems.length > 0) {
        result.problems.push(...problems)
        result.invalidCount++
      } else if (checked.ok) {
        result.valid.push({ row: row.number, value: checked.value })
      }
    },
    result: (): ParsedRows<MemberInput> => result,
  }
}

/** Every row validated: valid inputs and row-numbered problems (an ID number repeated too). */
export function parseMemberRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  orgs: readonly Pick<Org, 'id' | 'name'>[],
): ParsedRows<MemberInput> {
  const parser = createMemberRowParser(mapping, orgs)
  for (const row of rows) parser.add(row)
  return parser.result()
}
