import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { maskAmount, maskIdNumber, maskPhone } from '@/domain/mask'
import type { SheetValueField } from '@/domain/sheetValues'
import {
  VALUE_FIELDS,
  type ImportKind,
  type ParsedImport,
  type RowProblem,
} from '@/services/spreadsheet'

/** Where the app's own words for each value table's codes are (shared and feature messages). */
const VALUE_MESSAGE_PREFIX: Record<SheetValueField, string> = {
  industry: 'industry',
  sizeClass: 'firm.sizeClass',
  orgType: 'orgType',
  gender: 'members.gender',
  ethnicity: 'members.ethnicity',
  education: 'members.education',
  stage: 'members.stage',
  studyKind: 'study.kind',
  duesCategory: 'dues.category',
}

const ENTITY: Record<ImportKind, string> = {
  firms: 'firm',
  orgs: 'org',
  members: 'member',
  study: 'study',
  dues: 'dues',
}

/** A code of a value table in the UI's language. */
export function useValueLabel() {
  const { t, te } = useI18n()
  return (table: SheetValueField, code: string): string => {
    const key = `${VALUE_MESSAGE_PREFIX[table]}.${code}`
    return te(key) ? t(key) : code
  }
}

/**
 * Field labels from the shared `fields.*` sets (and the feature messages of members and
 * study), and row problems as sentences: `validation.<code>` or `import.codes.<code>` with
 * the field's label, the cell's value and, for an unknown word, the accepted words.
 */
export function useProblemText(kind: Ref<ImportKind>) {
  const { t, te } = useI18n()
  const fieldLabel = (field: string): string => {
    // The sheet names the parent (parentName); the form's label is the parentId one.
    const name = field === 'parentName' ? 'parentId' : field
    const keys = [
      // A dues sheet's columns have their own words (应交, 实交 … as the register writes them).
      ...(kind.value === 'dues' ? [`import.duesFields.${name}`] : []),
      `import.fields.${name}`,
      `fields.${ENTITY[kind.value]}.${name}`,
      `members.fields.${name}`,
      `study.fields.${name}`,
    ]
    const key = keys.find((candidate) => te(candidate))
    return key ? t(key) : field
  }
  function problemText(problem: RowProblem): string {
    const params = problem.params ?? {}
    const field = fieldLabel(problem.field)
    const value = typeof params.value === 'string' ? params.value : ''
    if (problem.code === 'duplicate' && params.row !== undefined) {
      return t('import.duplicateRow', { field, row: params.row })
    }
    if ((problem.code === 'notFound' || problem.code === 'ambiguous') && value !== '') {
      return t(`import.${problem.code}Value`, { field, value })
    }
    if (problem.code === 'invalidDate' && value !== '') {
      return t('import.invalidDateValue', { field, value })
    }
    const after = typeof params.after === 'string' ? fieldLabel(params.after) : ''
    const values = { ...params, field, other: after }
    const key = te(`import.codes.${problem.code}`)
      ? `import.codes.${problem.code}`
      : `validation.${problem.code}`
    return t(key, values)
  }
  return { fieldLabel, problemText }
}

export interface ChangeRow {
  key: string
  row: number
  label: string
  field: string
  from: string
  to: string
}

/**
 * Every field the checked import changes, one line each, in the UI's words: codes through
 * the value tables' labels, ID and phone numbers masked as in every list.
 */
export function useChangeRows(kind: Ref<ImportKind>, result: Ref<ParsedImport | null>) {
  const { t } = useI18n()
  const { fieldLabel } = useProblemText(kind)
  const valueLabel = useValueLabel()
  const show = (field: string, value: string): string => {
    if (value === '') return t('import.changes.empty')
    const table = VALUE_FIELDS[kind.value][field]
    if (table) return valueLabel(table, value)
    if (field === 'idNumber') return maskIdNumber(value)
    // The dues base is private: masked in the preview as in every list.
    if (kind.value === 'dues' && field === 'base') return maskAmount(value)
    if (field === 'phone') return maskPhone(value)
    if (field === 'hostFirmIds') return t('import.changes.firms', { n: value })
    return value
  }
  return computed<ChangeRow[]>(() =>
    (result.value?.parsed.valid ?? []).flatMap((row) =>
      row.changes.map((change) => ({
        key: `${row.row}:${change.field}`,
        row: row.row,
        label: row.label,
        field: fieldLabel(change.field),
        from: show(change.field, change.from),
        to: show(change.field, change.to),
      })),
    ),
  )
}

/** A long list shown a page at a time; back to the first page when the list changes. */
export function usePagedRows<T>(rows: Ref<readonly T[]>, pageSize = 20) {
  const page = ref(1)
  const shown = computed(() => rows.value.slice((page.value - 1) * pageSize, page.value * pageSize))
  watch(rows, () => (page.value = 1))
  return { page, shown, pageSize }
}
