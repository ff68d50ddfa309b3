import { writeExchange, type ExchangeResult } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import type { Choice } from '@/domain/exchange'
import { isQuotaExceeded } from '@/db'
import type { CheckedPackage } from './read'

/**
 * Merge a checked package with the user's choice for each conflict (key `table:id`), in one
 * transaction. A failed write rolls back entirely and comes back as a code.
 */
export async function mergeExchangePackage(
  checked: CheckedPackage,
  choices: Readonly<Record<string, Choice>>,
): Promise<ExchangeResult> {
  try {
    return await writeExchange(
      checked.tables,
      {
        deviceId: checked.header.sourceDeviceId,
        createdAt: checked.header.createdAt,
        orgName: checked.header.scope.orgName,
      },
      choices,
    )
  } catch (error) {
    if (isQuotaExceeded(error)) throw new BackupError('quota')
    throw new BackupError('writeFailed', { found: error instanceof Error ? error.message : '' })
  }
}
