import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { countRecords, readLastBackupAt, readSettings, type RestoreMode } from '@/db'
import { BackupError, backupReminder } from '@/domain/backupFormat'
import {
  backupInWorker,
  readInWorker,
  readSealedInfo,
  restoreInWorker,
  type SealedInfo,
  type BackupProgress,
  type CheckedBackup,
  type CreatedBackup,
} from '@/services/backup'
import { downloadFile } from '@/services/spreadsheet/download'
import { useLiveQuery } from './useLiveQuery'
import { askPersistenceOnce } from './useStorage'

export type { BackupProgress, CheckedBackup, RestoreMode }
export type { IncomingNotes } from '@/domain/recordShapes'

/** '1.2 MB': binary units, one decimal, for file and storage sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

/**
 * Backup and restore for the /data page: the last backup and its reminder (live), making a
 * file, reading and checking one (nothing is written until `restore`), and messages for the
 * error codes the reader and writer give.
 */
export function useBackup() {
  const { t, n } = useI18n()
  const status = useLiveQuery(async () => {
    const [lastBackupAt, counts, settings] = await Promise.all([
      readLastBackupAt(),
      countRecords(),
      readSettings(),
    ])
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
    const limit = settings['data.backupReminderDays']
    return { lastBackupAt, limit, reminder: backupReminder(lastBackupAt, new Date(), limit, total) }
  })
  const busy = shallowRef<'download' | 'read' | 'restore' | null>(null)
  const checked = shallowRef<CheckedBackup | null>(null)
  const fileName = shallowRef('')
  /** How far the running backup, check or restore is (they run in a worker). */
  const progress = shallowRef<BackupProgress | null>(null)
  const percent = computed(() => {
    const now = progress.value
    if (!now || now.total <= 0) return 0
    return Math.min(100, Math.round((now.done / now.total) * 100))
  })
  const progressText = computed(() => {
    const now = progress.value
    if (!now) return ''
    if (now.phase === 'check') {
      return t('backup.progress.check', {
        done: formatBytes(now.done),
        total: formatBytes(now.total),
      })
    }
    const key = now.phase === 'backup' ? 'backup.progress.backup' : 'backup.progress.restore'
    return t(key, { done: n(now.done), total: n(now.total) })
  })
  const onProgress = (next: BackupProgress) => {
    progress.value = next
  }

  /** A sealed file chosen and waiting for its passphrase, with what its header tells. */
  const sealed = shallowRef<{ file: File; info: SealedInfo; records: number } | null>(null)

  /** A backup sealed with `passphrase`, or an open one (null: the user accepted the warning). */
  async function download(passphrase: string | null): Promise<CreatedBackup> {
    busy.value = 'download'
    try {
      progress.value = null
      const created = await backupInWorker(new Date(), onProgress, passphrase ?? undefined)
      downloadFile(await created.blob.arrayBuffer(), created.fileName, created.blob.type)
      return created
    } finally {
      busy.value = null
      progress.value = null
    }
  }

  /**
   * Read and check a chosen file; on success it waits in `checked` for the user's choice. A
   * sealed file without its passphrase waits in `sealed` instead (null comes back).
   */
  async function read(file: File, passphrase?: string): Promise<CheckedBackup | null> {
    busy.value = 'read'
    checked.value = null
    try {
      progress.value = null
      if (passphrase === undefined) {
        const info = await readSealedInfo(file, 'backup')
        if (info) {
          const records = Object.values(info.counts).reduce((sum, count) => sum + count, 0)
          sealed.value = { file, info, records }
          return null
        }
      }
      const result = await readInWorker(file, {}, onProgress, passphrase)
      sealed.value = null
      checked.value = result
      fileName.value = file.name
      return result
    } finally {
      busy.value = null
      progress.value = null
    }
  }

  async function restore(mode: RestoreMode) {
    const backup = checked.value
    if (!backup) throw new Error('no checked backup')
    busy.value = 'restore'
    try {
      progress.value = null
      const result = await restoreInWorker(backup, mode, onProgress)
      checked.value = null
      void askPersistenceOnce()
      return result
    } finally {
      busy.value = null
      progress.value = null
    }
  }

  /** The message for a failed read or restore, naming what is wrong where the code can. */
  function errorMessage(error: unknown): string {
    if (!(error instanceof BackupError)) {
      return t('app.error', { message: error instanceof Error ? error.message : String(error) })
    }
    const { table, row, field, found, expected } = error.detail
    const bytes = (value: string | number | undefined) =>
      typeof value === 'number' && ['tooLarge', 'decompressedTooLarge'].includes(error.code)
        ? formatBytes(value)
        : (value ?? '')
    return t(`backup.errors.${error.code}`, {
      table: table ? tableLabel(table) : '',
      row: row ?? '',
      field: field ?? '',
      found: bytes(found),
      expected: bytes(expected),
    })
  }

  /** Record tables have their names under `tables`; the bookkeeping ones under backup. */
  function tableLabel(name: string): string {
    const own = `tables.${name}`
    const key = ['meta', 'auditLog', 'recycleBin'].includes(name) ? `backup.tables.${name}` : own
    return t(key)
  }

  return {
    status,
    busy,
    progress,
    percent,
    progressText,
    checked,
    sealed,
    fileName,
    download,
    read,
    restore,
    errorMessage,
    tableLabel,
    lastBackupAt: computed(() => status.data.value?.lastBackupAt ?? ''),
  }
}
