import {
  duesRecordKey,
  importDuesRecords,
  readDuesAt,
  readDuesImportPeople,
  type DuesAt,
  type DuesImportPeople,
  type ImportCounts,
  type ImportOptions,
} from '@/db'
import { monthKey } from '@/domain/dates'
import {
  duesRate,
  duesStartMonth,
  formatYuan,
  monthlyDue,
  termsFor,
  type Month,
} from '@/domain/dues'
import { paymentProblems, paymentValue, type PaymentInput } from '@/domain/duesRecords'
import { normalizeIdNumber } from '@/domain/idNumber'
import { maskIdNumber } from '@/domain/mask'
import { orgDuties } from '@/domain/terms'
import type { Dues, DuesCategory, Member } from '@/domain/types'
import { isEmptyRow, readCode, readDate, readMoney, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import {
  cellReader,
  duplicateKeys,
  fieldChanges,
  fingerprint,
  mergedProblems,
  readValues,
} from './plan'
import type { PlannedRows } from './plan'
import { emptyParsed, type RowProblem } from './problems'
import { feedRows, type OnProgress } from './slices'
import type { ValueReader } from './values'

/**
 * A dues sheet (党费收缴登记) through the shared import steps: each row is one member's month —
 * who (身份证号, or 姓名 in the org of the 党组织 column or of the page), the month (the
 * column, or the page's month: the register's own export has none), the base, what was paid,
 * when, the receipt. A row lands on the member's record of that month: one there already is a
 * change, shown field by field. A new base applies from the month it comes with and runs on
 * (dues.ts termsFor); without one the month carries the member's latest terms.
 */

/** A row that writes nothing (a member's month with no record, no payment, no new base) is null. */
export type DuesImportPlan = PlannedRows<PaymentInput | null> & {
  /** Rows that will be written but differ from what the rules compute: the user accepts them. */
  warnings: RowProblem[]
}

export interface DuesImportTarget {
  /** The page's org: a name without a 党组织 column is looked for there. */
  orgId: string
  /** The page's month: rows without a month column are that month's. */
  month: Month
  /** The secretary's org (its subtree is what they may write); '' = the department: all. */
  scopeOrgId: string
}

interface DuesPatch {
  idNumber?: string
  /** An ID number masked as the register's export writes it (1101**********002X). */
  maskedId?: string
  name?: string
  orgName?: string
  month?: Month
  category?: DuesCategory
  base?: number
  due?: number
  paid?: number
  paidOn?: string
  receiptNo?: string
  note?: string
}

interface DuesItem {
  row: number
  patch: DuesPatch
  problems: RowProblem[]
  skipped: RowProblem | null
}

/** One row's cells into the fields they give (blank cells give none). */
export function readDuesRow(row: SheetRow, mapping: ColumnMapping, values: ValueReader): DuesItem {
  const { cell, text } = cellReader(row, mapping)
  const problems: RowProblem[] = []
  const patch: Record<string, unknown> = {}
  for (const field of ['name', 'orgName', 'receiptNo', 'note'] as const)
    if (text(field) !== '') patch[field] = text(field)
  const id = readCode(cell('idNumber'))
  if (!id.ok)
    problems.push({ row: row.number, field: 'idNumber', code: id.code, params: { value: id.text } })
  else if (id.text.includes('*')) patch.maskedId = id.text
  else if (id.text !== '') patch.idNumber = normalizeIdNumber(id.text)
  const month = readDate(cell('month'), true)
  if (!month.ok)
    problems.push({
      row: row.number,
      field: 'month',
      code: 'invalidMonth',
      params: { value: month.text },
    })
  else if (month.date !== '') patch.month = monthKey(month.date)
  const paidOn = readDate(cell('paidOn'))
  if (!paidOn.ok)
    problems.push({
      row: row.number,
      field: 'paidOn',
      code: paidOn.code,
      params: { value: paidOn.text },
    })
  else if (paidOn.date !== '') patch.paidOn = paidOn.date
  for (const field of ['base', 'due', 'paid'] as const) {
    const money = readMoney(cell(field))
    if (!money.ok)
      problems.push({
        row: row.number,
        field,
        code: money.code === 'min' ? 'negativeAmount' : 'notAmount',
        params: { value: money.text },
      })
    else if (money.fen !== null) patch[field] = money.fen
  }
  const skipped = readValues(row, ['category'], text, values, patch, problems)
  return { row: row.number, patch: patch as DuesPatch, problems, skipped }
}

type Match =
  | { member: Member; field: string }
  | {
      field: string
      code: 'notFound' | 'orgNamesake' | 'namesake' | 'required'
      value: string
    }

/** ID number first; else the name in the org the row names, or the page's org. */
function matchMember(patch: DuesPatch, people: DuesImportPeople, pageOrgId: string): Match {
  if (patch.idNumber) {
    const member = people.byIdNumber.get(patch.idNumber)
    return member
      ? { member, field: 'idNumber' }
      : { field: 'idNumber', code: 'notFound', value: patch.idNumber }
  }
  if (!patch.name) return { field: 'name', code: 'required', value: '' }
  let orgId = pageOrgId
  if (patch.orgName) {
    const orgs = people.orgsByName.get(patch.orgName) ?? []
    if (orgs.length !== 1 || !orgs[0])
      return {
        field: 'orgName',
        code: orgs.length === 0 ? 'notFound' : 'orgNamesake',
        value: patch.orgName,
      }
    orgId = orgs[0].id
  }
  if (orgId === '') return { field: 'orgName', code: 'required', value: '' }
  // A masked ID number (the export's) tells two members of one name apart.
  const candidates = (people.rosters.get(orgId) ?? []).filter(
    (m) =>
      m.name === patch.name && (!patch.maskedId || maskIdNumber(m.idNumber) === patch.maskedId),
  )
  if (candidates.length === 1 && candidates[0]) return { member: candidates[0], field: 'name' }
  // Two members of one name in one org: the sheet must give the ID number.
  return {
    field: 'name',
    code: candidates.length === 0 ? 'notFound' : 'namesake',
    value: patch.name,
  }
}

const CHANGE_FIELDS = ['category', 'base', 'due', 'paid', 'paidOn', 'receiptNo', 'note'] as const
const MONEY_FIELDS: readonly string[] = ['base', 'due', 'paid']
/** A validation problem of the record named on the sheet's column. */
const COLUMN_OF: Readonly<Record<string, string>> = { memberId: 'name', orgId: 'orgName' }

/**
 * Lay each read row over the member's stored month (pure: the people and records are read
 * before). Errors leave the row out; warnings (paid or due other than the rules compute) do not.
 */
export function planDuesRows(
  items: readonly DuesItem[],
  people: DuesImportPeople,
  records: ReadonlyMap<string, DuesAt>,
  target: DuesImportTarget,
  rowCount: number,
): DuesImportPlan {
  const result: DuesImportPlan = {
    ...emptyParsed<PaymentInput | null>(),
    rowCount,
    expected: new Map(),
    warnings: [],
  }
  const repeated = duplicateKeys()
  const fileTerms = new Map<string, Pick<Dues, 'month' | 'category' | 'base' | 'reduction'>[]>()
  const thisMonth = monthKey(people.today)
  for (const item of items) {
    if (item.skipped) {
      result.skipped.push(item.skipped)
      continue
    }
    const { row, patch } = item
    const problems = [...item.problems]
    const fail = (): void => {
      result.problems.push(...problems)
      result.invalidCount++
    }
    const match = matchMember(patch, people, target.orgId)
    if (!('member' in match)) {
      problems.push({
        row,
        field: match.field,
        code: match.code,
        ...(match.value !== '' ? { params: { value: match.value } } : {}),
      })
      fail()
      continue
    }
    const { member } = match
    const org = people.orgs.get(member.orgId)
    if (org && !orgDuties(org).collectsDues) {
      problems.push({ row, field: 'orgName', code: 'temporaryNoDues', params: { value: org.name } })
      fail()
      continue
    }
    if (people.scope && !people.scope.has(member.orgId)) {
      problems.push({ row, field: match.field, code: 'outOfScope', params: { value: member.name } })
      fail()
      continue
    }
    const month = patch.month ?? target.month
    if (month === '') {
      if (!problems.some((p) => p.field === 'month'))
        problems.push({ row, field: 'month', code: 'required' })
      fail()
      continue
    }
    if (month > thisMonth)
      problems.push({ row, field: 'month', code: 'futureMonth', params: { value: month } })
    const start = duesStartMonth(member)
    if (start === '')
      problems.push({ row, field: 'month', code: 'noDuesStart', params: { value: member.name } })
    else if (month < start)
      problems.push({
        row,
        field: 'month',
        code: 'beforeDuesStart',
        params: { value: month, start },
      })
    const key = duesRecordKey(member.id, month)
    const duplicate = repeated(key, row, 'month')
    if (duplicate) problems.push(duplicate)
    const { stored, before } = records.get(key) ?? { stored: undefined, before: undefined }
    // A new base applies from its month and runs on: from the latest earlier record, stored
    // or in an earlier row of this sheet.
    const earlier = [...(before ? [before] : []), ...(fileTerms.get(member.id) ?? [])]
    const carriedTerms = termsFor(earlier, month)
    const carried = stored ?? carriedTerms ?? undefined
    const category = patch.category ?? carried?.category ?? 'employed'
    // A flat-rate category (students, the unemployed, 低保, 农牧民) owes the same on any base.
    const flat = duesRate(0, category, people.settings).kind === 'flat'
    const base = patch.base ?? carried?.base ?? (flat ? 0 : undefined)
    const paymentGiven =
      (patch.paid ?? 0) > 0 || !!patch.paidOn || !!patch.receiptNo || !!patch.note
    const newTerms =
      (patch.base !== undefined && patch.base !== carried?.base) ||
      (patch.category !== undefined && patch.category !== carried?.category)
    if (!stored && !paymentGiven && !newTerms && problems.length === 0) {
      // Nothing to record: an unpaid month with the terms it already carries (an export's row).
      result.valid.push({
        row,
        value: null,
        action: 'unchanged',
        changes: [],
        label: `${member.name} · ${month}`,
      })
      continue
    }
    if (base === undefined) {
      // A base cell that could not be read is named already.
      if (!problems.some((p) => p.field === 'base'))
        problems.push({ row, field: 'base', code: 'noBase', params: { value: member.name } })
      fail()
      continue
    }
    const input: PaymentInput = {
      memberId: member.id,
      orgId: member.orgId,
      month,
      category,
      base,
      reduction: stored?.reduction ?? carried?.reduction ?? null,
      paid: patch.paid ?? stored?.paid ?? 0,
      paidOn: patch.paidOn ?? stored?.paidOn ?? '',
      receiptNo: patch.receiptNo ?? stored?.receiptNo ?? '',
      note: patch.note ?? stored?.note ?? '',
    }
    if (input.paidOn > people.today)
      problems.push({ row, field: 'paidOn', code: 'futureDate', params: { value: input.paidOn } })
    const all = mergedProblems(row, problems, paymentProblems(input), (field) => {
      const column = field.split('.')[0] ?? field
      return COLUMN_OF[column] ?? column
    })
    if (all.length > 0) {
      result.problems.push(...all)
      result.invalidCount++
      continue
    }
    const after = paymentValue(input, people.settings, stored?.corrections ?? [])
    const changes = stored
      ? fieldChanges(stored, { ...stored, ...after }, CHANGE_FIELDS, (field, value) =>
          MONEY_FIELDS.includes(field) && typeof value === 'number'
            ? formatYuan(value)
            : String(value ?? ''),
        )
      : []
    const action = stored ? (changes.length > 0 ? 'update' : 'unchanged') : 'create'
    // What the rules compute for the month (an approved reduction included): a row that
    // writes another figure is a warning the user accepts, not an error.
    const due = monthlyDue(input, month, people.settings)
    if (action !== 'unchanged' && patch.due !== undefined && patch.due !== due)
      result.warnings.push({
        row,
        field: 'due',
        code: 'dueDiffers',
        params: { value: formatYuan(patch.due), due: formatYuan(due) },
      })
    if (action !== 'unchanged' && input.paid > 0 && input.paid !== due)
      result.warnings.push({
        row,
        field: 'paid',
        code: 'paidDiffers',
        params: { value: formatYuan(input.paid), due: formatYuan(due) },
      })
    fileTerms.set(member.id, [...(fileTerms.get(member.id) ?? []), input])
    result.valid.push({
      row,
      value: input,
      action,
      changes,
      label: `${member.name} · ${month}`,
    })
    result.expected.set(key, fingerprint(stored))
  }
  return result
}

/** Read, match and plan a dues sheet against the register (reads, writes nothing). */
export async function checkDuesImport(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  values: ValueReader,
  target: DuesImportTarget,
  onProgress: OnProgress,
): Promise<DuesImportPlan> {
  const items: DuesItem[] = []
  await feedRows(
    rows,
    (row) => {
      if (!isEmptyRow(row)) items.push(readDuesRow(row, mapping, values))
    },
    onProgress,
    0,
    0.4,
  )
  const people = await readDuesImportPeople({
    idNumbers: items.map((item) => item.patch.idNumber ?? ''),
    orgNames: items.map((item) => item.patch.orgName ?? ''),
    pageOrgId: target.orgId,
    scopeOrgId: target.scopeOrgId,
  })
  const pairs = items.flatMap((item) => {
    const match = matchMember(item.patch, people, target.orgId)
    const month = item.patch.month ?? target.month
    return 'member' in match && month !== '' ? [{ memberId: match.member.id, month }] : []
  })
  const records = await readDuesAt(pairs)
  onProgress(0.8)
  const plan = planDuesRows(items, people, records, target, items.length)
  onProgress(1)
  return plan
}

/** Write the planned rows in one transaction; rows that record nothing count as unchanged. */
export async function writeDuesImport(
  plan: DuesImportPlan,
  options: ImportOptions & { reason?: string },
): Promise<ImportCounts> {
  const rows = plan.valid.flatMap((row) => (row.value ? [row.value] : []))
  const idle = plan.valid.length - rows.length
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: idle }
  const counts = await importDuesRecords(rows, options)
  return { ...counts, unchanged: counts.unchanged + idle }
}
