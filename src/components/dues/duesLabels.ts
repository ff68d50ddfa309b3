import { formatYuan } from '@/domain/dues'
import type { RegisterRow } from '@/composables/useDues'

/** The reduction a row's month carries, for its tag: '' when none applies. */
export function reductionOf(row: RegisterRow): '' | 'reduced' | 'waived' {
  const reduction = row.record?.reduction ?? row.terms?.reduction ?? null
  return reduction && reduction.approvedOn !== '' ? reduction.kind : ''
}

export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : formatYuan(fen)
}

/** A collection rate as '87.5%' ('—' when nothing is recorded). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** The tag colour of a month's state, in the register and in the yearly sheet alike. */
export const STATE_TAG_TYPES = {
  paid: 'success',
  partial: 'warning',
  unpaid: 'danger',
  noBase: 'info',
  notOwed: 'info',
  upcoming: 'info',
} as const
