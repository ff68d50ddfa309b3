import { shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { BackupError } from '@/domain/backupFormat'
import { conflictKey, defaultChoice, type Choice, type ConflictItem } from '@/domain/exchange'
import {
  createExchangePackage,
  mergeExchangePackage,
  readExchangeFile,
  type CheckedPackage,
} from '@/services/exchange'
import { downloadFile } from '@/services/spreadsheet/download'

export type { CheckedPackage, Choice, ConflictItem }
export { conflictKey }

/** What a conflicting record is called in the list: its name, topic or title. */
export function recordLabel(row: Record<string, unknown>): string {
  for (const field of ['name', 'topic', 'title', 'month', 'studiedOn', 'heldOn']) {
    const value = row[field]
    if (typeof value === 'string' && value !== '') return value
  }
  return String(row.id ?? '')
}

/** Top-level fields whose values differ, timestamps left out. */
export function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys]
    .filter((key) => !['updatedAt', 'createdAt'].includes(key))
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .sort()
}

/**
 * Exchange packages on /data: download one org's package; read and check a package (it
 * waits in `checked` with the comparison); merge it with a choice per conflict.
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
      const n = Object.values(created.header.counts).reduce((sum, count) => sum + count, 0)
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

  /** The choice each conflict starts with: the newer side. */
  function defaultChoices(pkg: CheckedPackage): Record<string, Choice> {
    return Object.fromEntries(
      pkg.preview.plan.conflicts.map((c) => [conflictKey(c.table, c.id), defaultChoice(c)]),
    )
  }

  async function merge(choices: Record<string, Choice>) {
    const pkg = checked.value
    if (!pkg) throw new Error('no checked package')
    busy.value = 'merge'
    try {
      const result = await mergeExchangePackage(pkg, choices)
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
    defaultChoices,
    errorMessage,
    tableLabel,
  }
}
