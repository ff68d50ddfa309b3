import { computed, type Ref } from 'vue'
import {
  duesRevision,
  readDuesQuality,
  readMemberYearRecords,
  readRegister,
  readSettings,
  recordMonthAsDue,
  savePayment,
  type DashboardScope,
  type Register,
} from '@/db'
import { monthKey, todayIso } from '@/domain/dates'
import { collectionRate, isSettled, tallyMonth } from '@/domain/dues'
import type { PaymentInput } from '@/domain/duesRecords'
import { yearSheet } from '@/domain/duesYear'
import { exportDuesRegister, type DuesExportLabels } from '@/services/spreadsheet/duesExport'
import { useLiveQuery } from './useLiveQuery'

export type { Register, RegisterRow } from '@/db'
export { duesRevision }

/** The month the pages open on: this one. */
export function currentMonth(): string {
  return monthKey(todayIso())
}

export type RowState = 'paid' | 'partial' | 'unpaid' | 'noBase'

/** How a register line reads: paid, underpaid, unpaid, or no base on record yet. */
export function rowState(row: Register['rows'][number]): RowState {
  if (row.record && isSettled(row.record)) return 'paid'
  if (row.record && row.record.paid > 0) return 'partial'
  return row.due === null ? 'noBase' : 'unpaid'
}

/** One branch's register of a month, live. */
export function useDuesRegister(orgId: Ref<string>, month: Ref<string>) {
  const register = useLiveQuery(
    async () => (orgId.value && month.value ? readRegister(orgId.value, month.value) : null),
    [orgId, month],
  )
  const summary = computed(() => {
    const rows = register.data.value?.rows ?? []
    const tally = tallyMonth(
      rows.map((row) => ({
        month: month.value,
        due: row.due ?? 0,
        paid: row.record?.paid ?? 0,
      })),
    )
    return {
      due: tally.due,
      paid: tally.paid,
      rate: rows.length === 0 ? null : collectionRate(tally),
      unpaid: rows.filter((row) => rowState(row) !== 'paid').length,
    }
  })
  return { register, summary }
}

/** One member's yearly sheet (each month: due, paid, date, receipt, arrears), live. */
export function useDuesYear(memberId: Ref<string>, year: Ref<number>) {
  return useLiveQuery(async () => {
    if (!memberId.value) return null
    const [records, settings] = await Promise.all([
      readMemberYearRecords(memberId.value, year.value),
      readSettings(),
    ])
    return {
      member: records.member,
      orgName: records.orgName,
      sheet: yearSheet(
        records.member,
        year.value,
        records.records,
        records.before,
        todayIso(),
        settings,
      ),
    }
  }, [memberId, year])
}

export const duesWrites = {
  recordMonth: (orgId: string, month: string, paidOn: string) =>
    recordMonthAsDue(orgId, month, paidOn),
  save: (input: PaymentInput, options: { expectedRev?: string; reason?: string }) =>
    savePayment(input, options),
  exportRegister: (register: Register, labels: DuesExportLabels, includeBase: boolean) =>
    exportDuesRegister(register, labels, includeBase),
}

/** The department's dues figures of a scope and month (kept figures), live. */
export function useDuesQuality(scope: Ref<DashboardScope | null>, month: Ref<string>) {
  const key = computed(() => JSON.stringify(scope.value))
  return useLiveQuery(async () => {
    if (!scope.value) return undefined
    return readDuesQuality(scope.value, month.value, todayIso())
  }, [key, month])
}
