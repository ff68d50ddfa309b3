import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  ImportStaleError,
  isDatabaseClosed,
  isQuotaExceeded,
  type FirmFilter,
  type ImportCounts,
} from '@/db'
import type { MemberFilter } from '@/domain/memberRules'
import {
  checkImport,
  columnsOf,
  exportFirms,
  exportMembers,
  exportOrgs,
  missingGroups,
  NEW_RECORD_FIELDS,
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
} from '@/services/spreadsheet'
import { useImportValues } from './useImportValues'
import { askPersistenceOnce } from './useStorage'

/** Work that ends within a second needs no bar; longer work shows one. */
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

/** What was under way when it failed: reading the file, writing it, or an export. */
type Phase = 'read' | 'write' | 'export'

const UNEXPECTED: Readonly<Record<Phase, string>> = {
  read: 'readFailed',
  write: 'writeFailed',
  export: 'exportFailed',
}

/**
 * A failure said by what happened: the disk is full, the database was let go (a newer
 * version in another tab), the file is bad (the reader's own codes), or something else,
 * named by its message.
 */
export function failureOf(error: unknown, phase: Phase): ImportFailure {
  if (error instanceof SpreadsheetError) return { code: error.code, params: error.params }
  if (error instanceof ImportStaleError) return { code: 'stale', params: { count: error.count } }
  if (isQuotaExceeded(error)) return { code: 'quota', params: {} }
  if (isDatabaseClosed(error)) return { code: 'closed', params: {} }
  console.error(error)
  const found =
    (error instanceof Error ? error.message || error.name : String(error)).slice(0, 200) || '?'
  return { code: UNEXPECTED[phase], params: { found } }
}

export type ImportStep = 'pick' | 'map' | 'values' | 'preview'

/** Shown at most: a file with thousands of bad rows is fixed in Excel, not read here. */
export const MAX_PROBLEMS_SHOWN = 500

/**
 * The import dialog's state and steps: pick a file → check the column mapping → say what
 * the enumerated columns' words mean (only when some need it) → preview the rows, their
 * problems and every field an update changes → write. Nothing is written before `confirm`.
 */
export function useSpreadsheetImport(
  kind: Ref<ImportKind>,
  orgId: Ref<string> = ref(''),
  /** A dues sheet: the page's month and the secretary's org (their scope; '' = all). */
  dues: Ref<{ month: string; scopeOrgId: string }> = ref({ month: '', scopeOrgId: '' }),
) {
  const { t } = useI18n()
  const step = ref<ImportStep>('pick')
  const fileName = ref('')
  const file = shallowRef<ImportFile | null>(null)
  const mapping = ref<ColumnMapping>({})
  const result = shallowRef<ParsedImport | null>(null)
  const mode = ref<ImportMode>('validRows')
  /** A dues sheet's warnings (paid or due other than the rules compute), accepted by the user. */
  const acceptWarnings = ref(false)
  const busy = ref(false)
  const progress = ref<number | null>(null)
  const showProgress = useDelayedFlag(busy)
  const failure = ref<ImportFailure | null>(null)
  const values = useImportValues(kind)

  const fields = computed(() => columnsOf(kind.value).map((column) => column.field))
  const required = computed(() => REQUIRED_FIELDS[kind.value])
  const missing = computed(() => missingGroups(mapping.value, required.value))
  /** Fields a new record needs that the mapping leaves out: only updates can land. */
  const newRecordGaps = computed(() => missingGroups(mapping.value, NEW_RECORD_FIELDS[kind.value]))
  const problems = computed(() => result.value?.parsed.problems.slice(0, MAX_PROBLEMS_SHOWN) ?? [])
  const warnings = computed(() =>
    result.value?.kind === 'dues' ? result.value.parsed.warnings.slice(0, MAX_PROBLEMS_SHOWN) : [],
  )
  const warningCount = computed(() =>
    result.value?.kind === 'dues' ? result.value.parsed.warnings.length : 0,
  )
  const validCount = computed(() => result.value?.parsed.valid.length ?? 0)
  const invalidCount = computed(() => result.value?.parsed.invalidCount ?? 0)
  const actions = computed(() => {
    const counts = { create: 0, update: 0, unchanged: 0 }
    for (const row of result.value?.parsed.valid ?? []) counts[row.action]++
    return counts
  })
  const canConfirm = computed(
    () =>
      !busy.value &&
      validCount.value > 0 &&
      (warningCount.value === 0 || acceptWarnings.value) &&
      !(mode.value === 'allOrNothing' && invalidCount.value > 0),
  )

  async function run<T>(work: () => Promise<T>, phase: Phase = 'read'): Promise<T | null> {
    busy.value = true
    progress.value = null
    failure.value = null
    try {
      return await work()
    } catch (error) {
      failure.value = failureOf(error, phase)
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
    acceptWarnings.value = false
    failure.value = null
    values.clear()
  }

  /** Read the picked file and propose a mapping from its header row. */
  async function open(picked: File): Promise<void> {
    reset()
    fileName.value = picked.name
    const opened = await run(async () => {
      const read = await openImportFile(kind.value, picked)
      await values.loadRemembered()
      return read
    })
    if (!opened) return
    file.value = opened
    mapping.value = { ...opened.header.mapping }
    step.value = 'map'
  }

  /** After the columns: the value step when some words need a decision, else the check. */
  async function next(): Promise<void> {
    const current = file.value
    if (!current || missing.value.length > 0) return
    if (values.review(current, mapping.value) > 0) step.value = 'values'
    else await check()
  }

  async function check(): Promise<void> {
    const current = file.value
    if (!current) return
    const checked = await run(async () => {
      await values.remember()
      return checkImport(
        current,
        { ...mapping.value },
        (fraction) => (progress.value = Math.round(fraction * 100)),
        values.choices.value,
        { orgId: orgId.value, month: dues.value.month, scopeOrgId: dues.value.scopeOrgId },
      )
    })
    if (!checked) return
    result.value = checked
    acceptWarnings.value = false
    step.value = 'preview'
  }

  function back(): void {
    failure.value = null
    if (step.value === 'preview') step.value = values.items.value.length > 0 ? 'values' : 'map'
    else if (step.value === 'values') step.value = 'map'
    else reset()
  }

  async function confirm(): Promise<ImportCounts | null> {
    const checked = result.value
    if (!checked || !canConfirm.value) return null
    const counts = await run(
      () =>
        writeImport(checked, mode.value, {
          summary: (counts) => t('import.auditSummary', { file: fileName.value, ...counts }),
          onProgress: (fraction) => (progress.value = Math.round(fraction * 100)),
          acceptWarnings: acceptWarnings.value,
          reason: t('import.duesReason', { file: fileName.value }),
        }),
      'write',
    )
    if (counts && counts.created + counts.updated > 0) void askPersistenceOnce()
    return counts
  }

  return {
    step,
    fileName,
    file,
    mapping,
    result,
    mode,
    acceptWarnings,
    warnings,
    warningCount,
    busy,
    progress,
    showProgress,
    failure,
    fields,
    required,
    missing,
    newRecordGaps,
    problems,
    validCount,
    invalidCount,
    actions,
    canConfirm,
    values,
    open,
    next,
    check,
    back,
    confirm,
    reset,
  }
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
      failure.value = failureOf(error, 'export')
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

export { useProblemText, useChangeRows } from './useImportText'

/** Types the import components need; components may not import db or services. */
export type { FirmFilter, ImportCounts } from '@/db'
export type {
  ColumnMapping,
  DetectedHeader,
  FieldChange,
  ImportKind,
  ImportMode,
  ParsedImport,
  RowProblem,
  ValidRow,
  ValueReviewItem,
} from '@/services/spreadsheet'
export type { ImportValues } from './useImportValues'
