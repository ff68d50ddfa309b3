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
import { readSealedInfo, type SealedInfo } from '@/services/backup'
import { downloadFile } from '@/services/spreadsheet/download'
import { askPersistenceOnce } from './useStorage'

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

  /** A sealed package chosen and waiting for its passphrase, with what its header tells. */
  const sealed = shallowRef<{ file: File; info: SealedInfo; records: number } | null>(null)

  /** One org's package, sealed with `passphrase` or open (null: after the warning). */
  async function download(orgId: string, passphrase: string | null) {
    busy.value = 'download'
    try {
      const created = await createExchangePackage(orgId, new Date(), passphrase ?? undefined)
      downloadFile(await created.blob.arrayBuffer(), created.fileName, created.blob.type)
      const n = EXCHANGE_TABLES.reduce((sum, name) => sum + (created.header.counts[name] ?? 0), 0)
      return { ...created, total: n }
    } finally {
      busy.value = null
    }
  }

  /** Read and check a package; a sealed one without its passphrase waits in `sealed`. */
  async function read(file: File, passphrase?: string): Promise<CheckedPackage | null> {
    busy.value = 'read'
    checked.value = null
    try {
      if (passphrase === undefined) {
        const info = await readSealedInfo(file, 'package')
        if (info) {
          const records = EXCHANGE_TABLES.reduce((sum, name) => sum + (info.counts[name] ?? 0), 0)
          sealed.value = { file, info, records }
          return null
        }
      }
      const result = await readExchangeFile(file, undefined, passphrase)
      sealed.value = null
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
      void askPersistenceOnce()
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
    sealed,
    fileName,
    download,
    read,
    merge,
    errorMessage,
    tableLabel,
  }
}
