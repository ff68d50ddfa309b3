import { computed, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  countOpenConflicts,
  countReplacedByMerges,
  listOpenConflicts,
  listReplacedByMerges,
  readConflict,
  readRecordNames,
  resolveConflict,
  restoreReplacedBody,
  StaleRevisionError,
  type ConflictDetail,
  type ConflictRow,
  type RecordTable,
  type ReplacedRow,
} from '@/db'
import { compareFields, mergeChosen, type FieldComparison, type Side } from '@/domain/fieldMerge'
import { maskIdNumber, maskPhone } from '@/domain/mask'
import type { Row } from '@/domain/revisions'
import { useKeysetPages } from './useKeysetPages'

export type { ConflictDetail, ConflictRow, FieldComparison, RecordTable, ReplacedRow, Side }

/** The open conflicts, a page at a time; the count follows every write (live). */
export function useConflictList() {
  const pageSize = ref(20)
  const pages = useKeysetPages(listOpenConflicts, countOpenConflicts, [], pageSize)
  return { pageSize, ...pages }
}

export function useReplacedList() {
  const pageSize = ref(20)
  const pages = useKeysetPages(listReplacedByMerges, countReplacedByMerges, [], pageSize)
  return { pageSize, ...pages, restore: restoreReplacedBody }
}

/** Fields whose values are personal numbers: masked wherever they are compared. */
const MASKED: Readonly<Record<string, (value: string) => string>> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
}
const MASKED_NUMBERS: ReadonlySet<string> = new Set(['base'])
const ENTITY_OF: Readonly<Record<string, string>> = {
  firms: 'firm',
  orgs: 'org',
  areas: 'area',
  members: 'member',
}

/** Code fields and where their words are (shown when those messages are loaded). */
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  industry: 'industry',
  sizeClass: 'firm.sizeClass',
  'orgs.type': 'orgType',
  'meetings.type': 'meetings.type',
  stage: 'members.stage',
  gender: 'members.gender',
  ethnicity: 'members.ethnicity',
  education: 'members.education',
}

function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return []
}

/** Labels and values of fields as a comparison shows them (i18n, masked, ids as names). */
export function useFieldDisplay(names: Ref<Record<string, string>>) {
  const { t, te } = useI18n()
  function label(table: string, field: string): string {
    const entity = ENTITY_OF[table]
    if (entity && te(`fields.${entity}.${field}`)) return t(`fields.${entity}.${field}`)
    if (te(`replication.fields.${table}.${field}`)) return t(`replication.fields.${table}.${field}`)
    return field
  }
  function display(table: string, field: string, value: unknown): string {
    if (value === undefined || value === null || value === '') return t('replication.dialog.none')
    const mask = MASKED[field]
    if (mask && typeof value === 'string') return mask(value)
    const codes = CODE_MESSAGES[`${table}.${field}`] ?? CODE_MESSAGES[field]
    if (codes && typeof value === 'string' && te(`${codes}.${value}`)) return t(`${codes}.${value}`)
    if (MASKED_NUMBERS.has(field) && table === 'dues') return t('replication.dialog.masked')
    if (typeof value === 'object' && value !== null && 'size' in value && 'type' in value) {
      return `${String((value as Blob).type)} · ${String((value as Blob).size)} B`
    }
    const ids = idsIn(value)
    if (ids.length > 0 && ids.every((id) => id in names.value)) {
      return ids.map((id) => names.value[id]).join('、')
    }
    if (Array.isArray(value) && value.length === 0) return t('replication.dialog.none')
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : JSON.stringify(value)
  }
  return { label, display }
}

/** Every id a comparison might show, for readRecordNames. */
function idsOfRows(rows: readonly FieldComparison[]): string[] {
  return rows.flatMap((row) => [...idsIn(row.mine), ...idsIn(row.theirs), ...idsIn(row.ancestor)])
}

/** The names of the records a comparison's ids point to. */
export function loadRecordNames(rows: readonly FieldComparison[]): Promise<Record<string, string>> {
  return readRecordNames(idsOfRows(rows))
}

/** One record's conflict: the versions, the comparison with the chosen other, the resolution. */
export function useConflict() {
  const detail = shallowRef<ConflictDetail | null>(null)
  const otherIndex = ref(0)
  const names = ref<Record<string, string>>({})
  const busy = ref(false)
  const other = computed(() => detail.value?.others[otherIndex.value] ?? null)
  const rows = computed<FieldComparison[]>(() => {
    const mine = detail.value?.current.body
    const theirs = other.value?.body
    if (!detail.value || !mine || !theirs) return []
    return compareFields(detail.value.table, mine, theirs, other.value?.ancestor ?? null)
  })

  async function open(table: RecordTable, recordId: string): Promise<ConflictDetail | null> {
    detail.value = await readConflict(table, recordId)
    otherIndex.value = 0
    const all = (detail.value?.others ?? []).map((o) =>
      compareFields(table, detail.value!.current.body ?? {}, o.body ?? {}, o.ancestor),
    )
    names.value = await readRecordNames(all.flatMap(idsOfRows))
    return detail.value
  }

  async function resolve(choice: Side | 'merged' | 'delete', picks: Record<string, Side> = {}) {
    const current = detail.value
    if (!current) return 'stale' as const
    const mine = current.current.body
    const theirs = other.value?.body ?? null
    let chosen: Row | null
    if (choice === 'delete') chosen = null
    else if (choice === 'theirs') chosen = theirs
    else if (choice === 'merged' && mine && theirs)
      chosen = mergeChosen(current.table, mine, theirs, picks)
    else chosen = mine
    busy.value = true
    try {
      await resolveConflict(current.table, current.recordId, chosen, current.revisions)
      return 'resolved' as const
    } catch (error) {
      // The record got another version meanwhile: nothing was written.
      if (error instanceof StaleRevisionError) return 'stale' as const
      throw error
    } finally {
      busy.value = false
    }
  }

  return { detail, otherIndex, other, rows, names, busy, open, resolve }
}
