import {
  isQuotaExceeded,
  writeBackupStream,
  writeBackupTables,
  type RestoreMode,
  type RestoreResult,
} from '@/db'
import { BackupError, DEFAULT_BACKUP_STREAM_LIMITS } from '@/domain/backupFormat'
import { decodeBlobs } from './blobs'
import { lineReaderFor, scanBackup, type CheckedBackup } from './read'
import { openSyncSource } from './stream'
import type { OnProgress } from './write'

/** Rows per bulk write: each await is one IndexedDB request, so the transaction lives on. */
const WRITE_CHUNK = 1_000
/**
 * Orgs in one go: writing more than 100 orgs makes the tallies middleware (db/tallies.ts)
 * read every member once per write; the province's 15,000 orgs are one write, not fifteen.
 * The recycle bin's entries may be snapshot pieces of 2,000 records each: a few at a time.
 */
const CHUNK_OF: Readonly<Record<string, number>> = { orgs: 20_000, recycleBin: 8 }

/**
 * Write a checked backup, replacing or merging, in one transaction. A format-2 file is read
 * again, a chunk at a time, inside that transaction (gzip's CRC-32 and the counts checked
 * again at the end); a format-1 or upgraded one is written from memory. A failed write (quota, a unique
 * index the merged data breaks, a file changed since it was checked) rolls back entirely
 * and comes back as a code.
 */
export async function restoreBackup(
  backup: CheckedBackup,
  mode: RestoreMode,
  onProgress?: OnProgress,
): Promise<RestoreResult> {
  try {
    if (backup.tables) return await writeBackupTables(backup.tables, mode)
    const source = await openSyncSource(backup.file)
    const total = backup.totalRecords
    return await writeBackupStream(async (put) => {
      let done = 0
      let batch: Record<string, unknown>[] = []
      const flush = async (table: string) => {
        if (batch.length === 0) return
        const rows = decodeBlobs(batch)
        batch = []
        await put(table, rows)
        onProgress?.({ phase: 'restore', done, total })
      }
      await scanBackup(lineReaderFor(source, DEFAULT_BACKUP_STREAM_LIMITS), {
        check: false,
        row(table, row) {
          batch.push(row)
          done += 1
          if (batch.length >= (CHUNK_OF[table] ?? WRITE_CHUNK)) return flush(table)
        },
        tableEnd: flush,
      })
    }, mode)
  } catch (error) {
    if (error instanceof BackupError) throw error
    if (isQuotaExceeded(error)) throw new BackupError('quota')
    throw new BackupError('writeFailed', { found: error instanceof Error ? error.message : '' })
  }
}
