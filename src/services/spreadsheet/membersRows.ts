import {
  birthDateFromIdNumber,
  genderFromIdNumber,
  isValidIdNumber,
  normalizeIdNumber,
} from '@/domain/idNumber'
import { blankMemberInput } from '@/domain/members'
import { STAGE, type Gender, type Member, type Org } from '@/domain/types'
import { validateMember, type MemberInput } from '@/domain/validation'
import { readCode, readDate, type SheetRow } from './cells'
import { normalizeHeader } from './columns'
import type { ColumnMapping } from './header'
import {
  cellReader,
  createRowPlanner,
  fieldChanges,
  mergedProblems,
  readDates,
  readValues,
  type PlannedRows,
  type RowPatch,
} from './plan'
import type { RowProblem } from './problems'
import type { ValueReader } from './values'

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

/** The member fields a sheet can give; 入党日期 and 转正日期 are development dates. */
interface MemberPatch {
  name?: string
  gender?: string
  ethnicity?: string
  birthDate?: string
  /** The birth date cell gave only a month: an ID number of that month has the day. */
  birthMonthOnly?: boolean
  idNumber?: string
  phone?: string
  education?: string
  jobTitle?: string
  orgId?: string
  stage?: string
  branchVoteOn?: string
  fullOn?: string
}

export type MemberRowPatch = RowPatch<MemberPatch>

export interface MemberRowsContext {
  findOrg: (text: string) => OrgMatch
  orgName: (id: string) => string
  values: ValueReader
}

const VALUE_COLUMNS = ['gender', 'ethnicity', 'education', 'stage'] as const

/** One roster row as the member fields its non-blank cells give; keyed by ID number. */
export function memberPatchFromRow(
  row: SheetRow,
  mapping: ColumnMapping,
  context: MemberRowsContext,
): MemberRowPatch {
  const { cell, text } = cellReader(row, mapping)
  const patch: Record<string, unknown> = {}
  const problems: RowProblem[] = []
  for (const field of ['name', 'jobTitle'] as const)
    if (text(field) !== '') patch[field] = text(field)
  for (const field of ['idNumber', 'phone'] as const) {
    const code = readCode(cell(field))
    if (!code.ok)
      problems.push({ row: row.number, field, code: code.code, params: { value: code.text } })
    else if (code.text !== '')
      patch[field] = field === 'idNumber' ? normalizeIdNumber(code.text) : code.text
  }
  if (text('orgId') !== '') {
    const org = context.findOrg(text('orgId'))
    if (org.ok) patch.orgId = org.id
    else
      problems.push({
        row: row.number,
        field: 'orgId',
        code: org.code,
        params: { value: text('orgId') },
      })
  }
  const skipped = readValues(row, VALUE_COLUMNS, text, context.values, patch, problems)
  readDates(row, ['branchVoteOn', 'fullOn'], cell, patch, problems)
  // 出生年月 is often written to the month; 党龄 counts from 转正, so those need their day.
  const birth = readDate(cell('birthDate'), true)
  if (!birth.ok) {
    problems.push({
      row: row.number,
      field: 'birthDate',
      code: birth.code,
      params: { value: birth.text },
    })
  } else if (birth.date !== '') {
    patch.birthDate = birth.date
    if (birth.monthOnly) patch.birthMonthOnly = true
  }
  return {
    row: row.number,
    key: typeof patch.idNumber === 'string' ? patch.idNumber : '',
    patch: patch as MemberPatch,
    problems,
    skipped,
  }
}

/**
 * A new member's fields before the sheet's cells are laid over them (gender is replaced from
 * the sheet, the ID number, or left for validation to ask).
 */
const memberDefaults = (): MemberInput => blankMemberInput('')

const MEMBER_INPUT_FIELDS = Object.keys(memberDefaults()) as (keyof MemberInput)[]

export function memberInputOf(member: Member): MemberInput {
  return Object.fromEntries(
    MEMBER_INPUT_FIELDS.map((field) => [field, member[field]]),
  ) as unknown as MemberInput
}

/** The birth date a month-only cell means: the ID number's, when it falls in that month. */
function birthDateOf(patch: MemberPatch, idNumber: string): string | undefined {
  if (patch.birthDate === undefined || !patch.birthMonthOnly) return patch.birthDate
  const fromId = isValidIdNumber(idNumber) ? birthDateFromIdNumber(idNumber) : ''
  return fromId.slice(0, 7) === patch.birthDate.slice(0, 7) ? fromId : patch.birthDate
}

/**
 * The patch laid over the stored member, or over a new member's defaults. A new member's
 * gender and birth date, left blank, are read from a valid ID number (GB 11643); its stage,
 * when not given, follows the dates: 转正日期 → full, 入党日期 only → probationary, neither →
 * full (a roster lists party members). An update changes only what the sheet gives.
 */
export function mergeMember(before: MemberInput | null, patch: MemberPatch): MemberInput {
  const base = before ?? memberDefaults()
  const idNumber = patch.idNumber ?? base.idNumber
  const validId = isValidIdNumber(idNumber)
  const { birthMonthOnly: _month, branchVoteOn, fullOn, ...fields } = patch
  const development = {
    ...base.development,
    ...(branchVoteOn !== undefined ? { branchVoteOn } : {}),
    ...(fullOn !== undefined ? { fullOn } : {}),
  }
  const merged = { ...base, ...fields, development } as MemberInput
  const birthDate = birthDateOf(patch, idNumber)
  if (birthDate !== undefined) merged.birthDate = birthDate
  if (!before) {
    // No gender and no valid ID number to read it from: validation asks for it.
    if (patch.gender === undefined) {
      merged.gender = validId ? genderFromIdNumber(idNumber) : (undefined as unknown as Gender)
    }
    if (patch.birthDate === undefined && validId) merged.birthDate = birthDateFromIdNumber(idNumber)
    if (patch.stage === undefined) {
      merged.stage =
        development.fullOn !== ''
          ? 'full'
          : development.branchVoteOn !== ''
            ? STAGE.probationary
            : 'full'
    }
  }
  if (!before || patch.stage !== undefined || fullOn !== undefined) {
    merged.fullMemberOn =
      merged.stage === STAGE.full ? development.fullOn || (before?.fullMemberOn ?? '') : ''
  }
  return merged
}

/** The columns problems and changes are reported on: 入党日期 and 转正日期 have their own. */
function columnOf(field: string): string {
  if (field === 'development.branchVoteOn') return 'branchVoteOn'
  if (field === 'development.fullOn') return 'fullOn'
  return field.split('.')[0] ?? field
}

type FlatMember = Omit<MemberInput, 'development'> & { branchVoteOn: string; fullOn: string }

const CHANGE_FIELDS: readonly (keyof FlatMember)[] = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'phone',
  'education',
  'jobTitle',
  'orgId',
  'stage',
  'branchVoteOn',
  'fullOn',
  'fullMemberOn',
]

function flat(input: MemberInput): FlatMember {
  const { development, ...rest } = input
  return { ...rest, branchVoteOn: development.branchVoteOn, fullOn: development.fullOn }
}

/**
 * Roster rows in two steps, as firms: a row without an ID number adds a member; one whose ID
 * number is in the register updates that member with what the row gives.
 */
export function createMemberRowParser(
  mapping: ColumnMapping,
  context: MemberRowsContext,
  hasColumn: (field: string) => boolean = (field) => mapping[field] != null,
) {
  const show = (field: keyof FlatMember, value: unknown) =>
    field === 'orgId' ? context.orgName(String(value)) : String(value ?? '')
  return createRowPlanner<MemberPatch, Member, MemberInput>(
    'idNumber',
    (row) => memberPatchFromRow(row, mapping, context),
    (item, stored) => {
      const before = stored ? memberInputOf(stored) : null
      const checked = validateMember(mergeMember(before, item.patch))
      const problems = mergedProblems(
        item.row,
        item.problems,
        checked.ok ? [] : checked.problems,
        columnOf,
      )
      if (!before && !hasColumn('orgId')) {
        const at = problems.findIndex((p) => p.field === 'orgId' && p.code === 'required')
        if (at >= 0) problems[at] = { row: item.row, field: 'orgId', code: 'requiredForNew' }
      }
      if (!checked.ok) return { problems, value: null, changes: [], label: '' }
      const changes = before
        ? fieldChanges(flat(before), flat(checked.value), CHANGE_FIELDS, show)
        : []
      return { problems, value: checked.value, changes, label: checked.value.name }
    },
  )
}

/** Every row at once (tests and small files): the stored members by ID number in `existing`. */
export function parseMemberRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  context: MemberRowsContext,
  existing: ReadonlyMap<string, Member> = new Map(),
): PlannedRows<MemberInput> {
  const parser = createMemberRowParser(mapping, context)
  for (const row of rows) parser.add(row)
  for (const item of parser.pending) parser.plan(item, existing)
  return parser.result()
}

/** The context of a member import from the register's orgs. */
export function memberContext(
  orgs: readonly Pick<Org, 'id' | 'name'>[],
  values: ValueReader,
): MemberRowsContext {
  const names = new Map(orgs.map((org) => [org.id, org.name]))
  return { findOrg: orgLookup(orgs), orgName: (id) => names.get(id) ?? id, values }
}
