import { shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { BackupError } from '@/domain/backupFormat'
import { EXCHANGE_TABLES } from '@/domain/exchange'
import {
  createExchangePackage,
  mergeExchangePackage,
  readExchangeFile,
  type CheckedPackage,
} from '@/services/exchange'
import { downloadFile } from '@/services/spreadsheet/download'

export type { CheckedPackage }

/**
 * Exchange packages on /data: download one org's package; read and check a package (it
 * waits in `checked` with the comparison); merge it. Conflicts are not chosen here: both
 * versions are kept and wait on the conflict screen.
 */
export function useExchange() {
  const { t, te } = useI18n()
  const tableLabel = (name: string) => t(`tables.${name}`)
  const busy = shallowRef<'download' | 'read' | 'merge' | null>(null)
  const checked = shallowRef<CheckedPackage | null>(null)
  const fileName = shallowRef('')

  async function download(orgId: string) {
    busy.value = 'download'
    try {
      const created = await createExchangePackage(orgId)
      downloadFile(await created.blob.arrayBuffer(), created.fileName, created.blob.type)
      const n = EXCHANGE_TABLES.reduce((sum, name) => sum + (created.header.counts[name] ?? 0), 0)
      return { ...created, total: n }
    } finally {
      busy.value = null
    }
  }

  async function read(file: File): Promise<CheckedPackage> {
    busy.value = 'read'
    checked.value = null
    try {
      const result = await readExchangeFile(file)
      checked.value = result
      fileName.value = file.name
      return result
    } finally {
      busy.value = null
    }
  }

  async function merge() {
    const pkg = checked.value
    if (!pkg) throw new Error('no checked package')
    busy.value = 'merge'
    try {
      const result = await mergeExchangePackage(pkg)
      checked.value = null
      return result
    } finally {
      busy.value = null
    }
  }

  /** The exchange wording where it differs from the backup's, the backup's otherwise. */
  function errorMessage(error: unknown): string {
    if (!(error instanceof BackupError)) {
      return t('app.error', { message: error instanceof Error ? error.message : String(error) })
    }
    const { table, row, field, found, expected } = error.detail
    const own = `exchange.errors.${error.code}`
    return t(te(own) ? own : `backup.errors.${error.code}`, {
      table: table ? tableLabel(table) : '',
      row: row ?? '',
      field: field ?? '',
      found: found ?? '',
      expected: expected ?? '',
    })
  }

  return {
    busy,
    checked,
    fileName,
    download,
    read,
    merge,
    errorMessage,
    tableLabel,
  }
}
