import { computed, reactive, watch, type Ref } from 'vue'
import type { RegisterRow } from '@/composables/useDues'
import { todayIso } from '@/domain/dates'
import { monthlyDue, yuanToFen, formatYuan } from '@/domain/dues'
import type { PaymentInput } from '@/domain/duesRecords'
import type { Settings } from '@/domain/settings'
import type { DuesCategory, DuesReduction } from '@/domain/types'

/** The dialog's model in 元 (as typed), and the payment input it becomes (分). */
export interface PaymentForm {
  category: DuesCategory
  base: string
  reduction: '' | 'reduced' | 'waived'
  reducedDue: string
  decidedOn: string
  approvedOn: string
  until: string
  reductionNote: string
  paid: string
  paidOn: string
  receiptNo: string
  note: string
  reason: string
}

function fen(text: string): number {
  const value = Number(text.trim())
  return text.trim() === '' ? 0 : Number.isFinite(value) ? yuanToFen(value) : Number.NaN
}

export function usePaymentForm(
  row: Ref<RegisterRow | null>,
  settings: Ref<Settings | undefined>,
  where: Ref<{ orgId: string; month: string }>,
) {
  const form = reactive<PaymentForm>({} as PaymentForm)
  function reset(): void {
    const r = row.value
    const terms = r?.record ?? r?.terms
    const reduction = terms?.reduction ?? null
    Object.assign(form, {
      category: terms?.category ?? 'employed',
      base: terms ? formatYuan(terms.base) : '',
      reduction: reduction?.kind ?? '',
      reducedDue: reduction ? formatYuan(reduction.due) : '',
      decidedOn: reduction?.decidedOn ?? '',
      approvedOn: reduction?.approvedOn ?? '',
      until: reduction?.until ?? '',
      reductionNote: reduction?.note ?? '',
      paid: r?.record ? formatYuan(r.record.paid) : r?.due !== null && r ? formatYuan(r.due) : '',
      paidOn: r?.record?.paidOn || todayIso(),
      receiptNo: r?.record?.receiptNo ?? '',
      note: r?.record?.note ?? '',
      reason: '',
    })
  }
  watch(row, reset, { immediate: true })
  const reduction = computed<DuesReduction | null>(() =>
    form.reduction === ''
      ? null
      : {
          kind: form.reduction,
          due: form.reduction === 'waived' ? 0 : fen(form.reducedDue),
          decidedOn: form.decidedOn ?? '',
          approvedOn: form.approvedOn ?? '',
          until: form.until ?? '',
          note: form.reductionNote,
        },
  )
  const input = computed<PaymentInput | null>(() => {
    const r = row.value
    if (!r) return null
    const paid = fen(form.paid)
    return {
      memberId: r.member.id,
      orgId: where.value.orgId,
      month: where.value.month,
      category: form.category,
      base: fen(form.base),
      reduction: reduction.value,
      paid,
      paidOn: paid > 0 ? (form.paidOn ?? '') : '',
      receiptNo: form.receiptNo,
      note: form.note,
    }
  })
  const due = computed(() => {
    const value = input.value
    if (!value || !settings.value || Number.isNaN(value.base)) return null
    return monthlyDue(value, value.month, settings.value)
  })
  /** A change to a month already paid is a correction: it needs its reason. */
  const isCorrection = computed(() => !!row.value?.record && row.value.record.paid > 0)
  return { form, input, due, isCorrection, reset }
}
