import { ElMessage } from 'element-plus'
import { shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  countAudit,
  countRecycleBin,
  EMPTY_BIN_SUMMARY,
  emptyRecycleBin,
  ERASE_SUMMARY,
  ERASED_SUMMARY,
  pruneSnapshots,
  snapshotRetention,
  type RetentionReport,
  listAudit,
  listMergeSnapshots,
  listRecycleBin,
  purgeMergeSnapshots,
  PURGE_SUMMARY,
  purgeRecycleEntry,
  restoreFromRecycleBin,
  SNAPSHOT_TABLE,
} from '@/db'
import type { AuditEntry, RecycleEntry } from '@/domain/types'
import { useLiveQuery } from './useLiveQuery'
import { useWrite } from './useWrite'

/** One page of the recycle bin and its size, live. */
export function useRecycleBin(page: Ref<number>, pageSize: Ref<number>) {
  return useLiveQuery(async () => {
    const [total, rows] = await Promise.all([
      countRecycleBin(),
      listRecycleBin((page.value - 1) * pageSize.value, pageSize.value),
    ])
    return { total, rows }
  }, [page, pageSize])
}

/** One page of the audit log and its size, live. */
export function useAuditLog(page: Ref<number>, pageSize: Ref<number>) {
  return useLiveQuery(async () => {
    const [total, rows] = await Promise.all([
      countAudit(),
      listAudit((page.value - 1) * pageSize.value, pageSize.value),
    ])
    return { total, rows }
  }, [page, pageSize])
}

/**
 * The bin's writes, each with its message: restore, purge one entry for good, empty the bin.
 * The list is live, so a row purged goes and the count follows without a reload. An entry
 * purged or restored meanwhile in another tab is said in words rather than as "not found".
 */
export function useRecycleBinActions() {
  const { t } = useI18n()
  const { saving, run } = useWrite()

  async function write(work: () => Promise<void>, done: () => string): Promise<boolean> {
    const ok = await run(async () => {
      try {
        await work()
        return true
      } catch (error) {
        // By name: Dexie rethrows an error from inside a transaction as its own NotFoundError.
        if (!(error instanceof Error && error.name === 'NotFoundError')) throw error
        ElMessage.error(t('backup.recycle.gone'))
        return false
      }
    })
    if (ok) ElMessage.success(done())
    return ok === true
  }

  async function restore(entry: RecycleEntry): Promise<boolean> {
    // A snapshot whose pieces are damaged is NotFound too: keep its own message for that.
    const ok = await run(async () => {
      await restoreFromRecycleBin(entry.id)
      return true
    })
    if (ok) ElMessage.success(t('data.restored'))
    return ok === true
  }

  function purge(entry: RecycleEntry): Promise<boolean> {
    return write(
      () => purgeRecycleEntry(entry.id),
      () => t('backup.recycle.purged'),
    )
  }

  async function empty(): Promise<boolean> {
    let removed = 0
    return write(
      async () => {
        removed = await emptyRecycleBin()
      },
      () => t('backup.recycle.emptied', { n: removed }),
    )
  }

  return { busy: saving, restore, purge, empty }
}

/**
 * What the bin and the audit log call their entries. A snapshot's label is a code
 * (data.snapshotLabels); a record's is its own name. Purge and empty audit a code, a colon
 * and the label or the count (history.ts).
 */
export function useHistoryLabels() {
  const { t, te } = useI18n()

  function snapshotName(code: string): string {
    const key = `data.snapshotLabels.${code}`
    return te(key) ? t(key) : code
  }
  const isSnapshot = (entry: RecycleEntry): boolean => entry.table === SNAPSHOT_TABLE
  /** Records a snapshot holds (the list keeps only its total), 0 for a record entry. */
  const snapshotSize = (entry: RecycleEntry): number =>
    isSnapshot(entry) ? Number(entry.record.total ?? 0) : 0
  const binName = (entry: RecycleEntry): string =>
    isSnapshot(entry) ? snapshotName(entry.label) : entry.label
  const binKind = (entry: RecycleEntry): string =>
    isSnapshot(entry) ? t('tables.*') : t(`tables.${entry.table}`)

  function auditSummary(entry: AuditEntry): string {
    if (entry.summary === ERASE_SUMMARY) return t('backup.recycle.auditErase')
    if (entry.summary === ERASED_SUMMARY) return t('backup.recycle.auditErased')
    const colon = entry.summary.indexOf(':')
    // Only a delete can be a purge: a record may well be named "purge:…".
    const code = entry.action === 'delete' && colon > 0 ? entry.summary.slice(0, colon) : ''
    const rest = entry.summary.slice(colon + 1)
    if (code === PURGE_SUMMARY) {
      const label = entry.table === '*' ? snapshotName(rest) : rest
      return t('backup.recycle.auditPurge', { label })
    }
    if (code === EMPTY_BIN_SUMMARY && entry.table === '*') {
      return t('backup.recycle.auditEmpty', { n: Number(rest) })
    }
    // A conflict resolved, or a version a merge replaced brought back (db conflicts.ts).
    const [kind, label = ''] = [entry.summary.slice(0, colon), entry.summary.slice(colon + 1)]
    if (colon > 0 && entry.table !== '*' && (kind === 'resolve' || kind === 'revert')) {
      const name = kind === 'revert' ? label.slice(0, label.lastIndexOf(':')) : label
      return t(`backup.recycle.audit${kind === 'resolve' ? 'Resolve' : 'Revert'}`, { label: name })
    }
    // Other whole-database actions store a snapshot code as their summary: the action says it.
    const key = `data.snapshotLabels.${entry.summary}`
    return entry.table === '*' && te(key) ? t(`data.actions.${entry.action}`) : entry.summary
  }

  return { isSnapshot, snapshotSize, binName, binKind, auditSummary }
}

/** The snapshots earlier merges left in the bin (live), and removing them all at once. */
export function useMergeSnapshots() {
  const query = useLiveQuery(listMergeSnapshots)
  return { ...query, purge: purgeMergeSnapshots }
}

/**
 * The snapshots in the bin against the retention settings (measured on demand, not live: a
 * snapshot's size is read piece by piece once), and pruning the oldest over the limit after
 * the person confirmed.
 */
export function useSnapshotRetention() {
  const { t } = useI18n()
  const { saving, run } = useWrite()
  const report = shallowRef<RetentionReport | null>(null)
  async function refresh(): Promise<void> {
    report.value = await snapshotRetention()
  }
  async function prune(ids: readonly string[]): Promise<number> {
    const pruned = await run(() => pruneSnapshots(ids))
    if (pruned !== null) ElMessage.success(t('backup.retention.pruned', { n: pruned }))
    await refresh()
    return pruned ?? 0
  }
  return { report, busy: saving, refresh, prune }
}
