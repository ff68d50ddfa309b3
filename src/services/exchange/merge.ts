import { isQuotaExceeded, writeExchange, type ExchangeResult } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import type { CheckedPackage } from './read'

/**
 * Merge a checked package in one transaction: by revision ancestry, within its scope, with
 * conflicts kept on both sides for the conflict screen. A failed write rolls back entirely
 * and comes back as a code.
 */
export async function mergeExchangePackage(checked: CheckedPackage): Promise<ExchangeResult> {
  try {
    return await writeExchange(checked.tables, {
      deviceId: checked.header.sourceDeviceId,
      rootId: checked.header.scope.orgId,
      orgName: checked.header.scope.orgName,
      checkpointId: checked.header.checkpoint?.id ?? '',
    })
  } catch (error) {
    if (isQuotaExceeded(error)) throw new BackupError('quota')
    throw new BackupError('writeFailed', { found: error instanceof Error ? error.message : '' })
  }
}
