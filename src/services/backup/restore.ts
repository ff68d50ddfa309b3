import { writeBackupTables, type RestoreMode, type RestoreResult } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import type { CheckedBackup } from './read'

/**
 * Write a checked backup, replacing or merging, in one transaction. A failed write (quota,
 * a unique index the merged data breaks) rolls back entirely and comes back as a code.
 */
export async function restoreBackup(
  backup: CheckedBackup,
  mode: RestoreMode,
): Promise<RestoreResult> {
  try {
    return await writeBackupTables(backup.tables, mode)
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? ''
    if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
      throw new BackupError('quota')
    }
    throw new BackupError('writeFailed', { found: error instanceof Error ? error.message : '' })
  }
}
