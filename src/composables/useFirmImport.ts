import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FirmFilter, ImportCounts } from '@/db'
import type { MemberFilter } from '@/domain/memberRules'
import {
  checkImport,
  columnsOf,
  exportFirms,
  exportMembers,
  exportOrgs,
  openImportFile,
  REQUIRED_FIELDS,
  SpreadsheetError,
  writeImport,
  type ColumnMapping,
  type ExportResult,
  type ImportFile,
  type ImportKind,
  type ImportMode,
  type ParsedImport,
  type RowProblem,
} from '@/services/spreadsheet'

/** Work that ends within a second needs no bar; longer work shows one (issue 4). */
export const PROGRESS_DELAY_MS = 1000

/** True once `busy` has stayed true for `delay` ms; false as soon as it ends. */
export function useDelayedFlag(busy: Ref<boolean>, delay = PROGRESS_DELAY_MS): Ref<boolean> {
  const shown = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(busy, (isBusy) => {
    clearTimeout(timer)
    shown.value = false
    if (isBusy) timer = setTimeout(() => (shown.value = isBusy), delay)
  })
  onScopeDispose(() => clearTimeout(timer))
  return shown
}

/** A failure as a message key under `import.errors` plus its parameters. */
export interface ImportFailure {
  code: string
  params: Record<string, string | number>
}

function failureOf(error: unknown): ImportFailure {
  if (error instanceof SpreadsheetError) return { code: error.code, params: error.params }
  console.error(error)
  return { code: 'writeFailed', params: {} }
}

export type ImportStep = 'pick' | 'map' | 'preview'

/** Shown at most: a file with thousands of bad rows is fixed in Excel, not read here. */
export const MAX_PROBLEMS_SHOWN = 500

/**
 * The import dialog's state and steps: pick a file → check the column mapping → preview
 * rows and problems → write. Nothing is written before `confirm`.
 */
export function useSpreadsheetImport(kind: Ref<ImportKind>) {
  const { t } = useI18n()
  const step = ref<ImportStep>('pick')
  const fileName = ref('')
  const file = shallowRef<ImportFile | null>(null)
  const mapping = ref<ColumnMapping>({})
  const result = shallowRef<ParsedImport | null>(null)
  const mode = ref<ImportMode>('validRows')
  const busy = ref(false)
  const progress = ref<number | null>(null)
  const showProgress = useDelayedFlag(busy)
  const failure = ref<ImportFailure | null>(null)

  const fields = computed(() => columnsOf(kind.value).map((column) => column.field))
  const required = computed(() => REQUIRED_FIELDS[kind.value])
  const missing = computed(() => required.value.filter((field) => mapping.value[field] == null))
  const problems = computed(() => result.value?.parsed.problems.slice(0, MAX_PROBLEMS_SHOWN) ?? [])
  const validCount = computed(() => result.value?.parsed.valid.length ?? 0)
  const invalidCount = computed(() => result.value?.parsed.invalidCount ?? 0)
  const canConfirm = computed(
    () =>
      !busy.value &&
      validCount.value > 0 &&
      !(mode.value === 'allOrNothing' && invalidCount.value > 0),
  )

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    busy.value = true
    progress.value = null
    failure.value = null
    try {
      return await work()
    } catch (error) {
      failure.value = failureOf(error)
      return null
    } finally {
      busy.value = false
    }
  }

  function reset(): void {
    step.value = 'pick'
    fileName.value = ''
    file.value = null
    result.value = null
    mapping.value = {}
    mode.value = 'validRows'
    failure.value = null
  }

  /** Read the picked file and propose a mapping from its header row. */
  async function open(picked: File): Promise<void> {
    reset()
    fileName.value = picked.name
    const opened = await run(() => openImportFile(kind.value, picked))
    if (!opened) return
    file.value = opened
    mapping.value = { ...opened.header.mapping }
    step.value = 'map'
  }

  async function check(): Promise<void> {
    const current = file.value
    if (!current) return
    const checked = await run(() =>
      checkImport(
        current,
        { ...mapping.value },
        (fraction) => (progress.value = Math.round(fraction * 100)),
      ),
    )
    if (!checked) return
    result.value = checked
    step.value = 'preview'
  }

  async function confirm(): Promise<ImportCounts | null> {
    const checked = result.value
    if (!checked || !canConfirm.value) return null
    return run(() =>
      writeImport(checked, mode.value, {
        summary: (counts) => t('import.auditSummary', { file: fileName.value, ...counts }),
        onProgress: (fraction) => (progress.value = Math.round(fraction * 100)),
      }),
    )
  }

  return {
    step,
    fileName,
    file,
    mapping,
    result,
    mode,
    busy,
    progress,
    showProgress,
    failure,
    fields,
    required,
    missing,
    problems,
    validCount,
    invalidCount,
    canConfirm,
    open,
    check,
    confirm,
    reset,
  }
}

/** The firm import, as the firms page uses it. */
export function useFirmImport() {
  return useSpreadsheetImport(ref<ImportKind>('firms'))
}

/** Export with a delayed progress flag and the count of rows read so far. */
export function useSpreadsheetExport() {
  const busy = ref(false)
  const rowsRead = ref(0)
  const showProgress = useDelayedFlag(busy)
  const failure = ref<ImportFailure | null>(null)

  async function run(work: () => Promise<ExportResult>): Promise<ExportResult | null> {
    busy.value = true
    rowsRead.value = 0
    failure.value = null
    try {
      return await work()
    } catch (error) {
      failure.value = failureOf(error)
      return null
    } finally {
      busy.value = false
    }
  }

  return {
    busy,
    rowsRead,
    showProgress,
    failure,
    exportFirms: (filter: FirmFilter) =>
      run(() => exportFirms({ ...filter }, (count) => (rowsRead.value = count))),
    exportOrgs: () => run(() => exportOrgs()),
    exportMembers: (scope: readonly string[] | null, filter: MemberFilter) =>
      run(() => exportMembers(scope, { ...filter }, (count) => (rowsRead.value = count))),
  }
}

/**
 * Field labels from the shared `fields.firm` / `fields.org` set, and row problems as
 * sentences: `validation.<code>` (or `import.codes.<code>`) with the field's label.
 */
export function useProblemText(kind: Ref<ImportKind>) {
  const { t, te } = useI18n()
  const fieldLabel = (field: string): string => {
    // The sheet names the parent (parentName); the form's label is the parentId one.
    const name = field === 'parentName' ? 'parentId' : field
    const entity = kind.value === 'firms' ? 'firm' : kind.value === 'orgs' ? 'org' : 'member'
    const key = `fields.${entity}.${name}`
    if (te(key)) return t(key)
    // Member columns beyond the shared labels are named in the members messages.
    return te(`members.fields.${name}`) ? t(`members.fields.${name}`) : field
  }
  return {
    fieldLabel,
    problemText(problem: RowProblem): string {
      const params = problem.params ?? {}
      const field = fieldLabel(problem.field)
      if (problem.code === 'duplicate' && params.row !== undefined) {
        return t('import.duplicateRow', { field, row: params.row })
      }
      if (problem.code === 'notFound' && params.value !== undefined) {
        return t('import.notFoundValue', { field, value: params.value })
      }
      const after = typeof params.after === 'string' ? fieldLabel(params.after) : ''
      const values = { ...params, field, other: after }
      const key = te(`validation.${problem.code}`)
        ? `validation.${problem.code}`
        : `import.codes.${problem.code}`
      return t(key, values)
    },
  }
}

/** Types the import components need; components may not import db or services. */
export type { FirmFilter, ImportCounts } from '@/db'
export type {
  ColumnMapping,
  DetectedHeader,
  ImportKind,
  ImportMode,
  RowProblem,
} from '@/services/spreadsheet'
