import type { IncomingNotes } from '@/domain/recordShapes'
import {
  backupTableNames,
  backupTableNamesOf,
  backupTableSpecs,
  checkIncomingRecords,
  SCHEMA_VERSION,
  upgradeBackupTables,
} from '@/db'
import {
  BackupError,
  checkHeader,
  checkPayloadTables,
  checkTableRows,
  parseBackupJson,
  type BackupHeader,
  type BackupLimits,
} from '@/domain/backupFormat'
import { decodeBlobs } from './blobs'
import { decodeUtf8, gunzipCapped } from './bytes'
import { canonicalPayload } from './write'

type Tables = Record<string, Record<string, unknown>[]>

/** A file that passed every check: what it holds, ready to restore. */
export interface CheckedBackup {
  header: BackupHeader
  fileBytes: number
  /** The text inside, inflated (bytes). */
  jsonBytes: number
  totalRecords: number
  /**
   * Rows per table with Blobs decoded, when the file was read into memory (format 1, or
   * an older schema upgraded); null when the restore streams `file` again (format 2).
   */
  tables: Record<string, Record<string, unknown>[]> | null
  /** The file itself (opened, when it was sealed), read again by a streamed restore. */
  file: Blob
  /** Whether the file was sealed with a passphrase. */
  sealed: boolean
  /** What the checks let through but the user should hear of (legacy credit codes). */
  notes: IncomingNotes
}

/**
 * A format-1 file (one JSON document): read and checked whole, as before format 2. Size and
 * emptiness are checked by the caller. Throws a BackupError; never touches the database.
 */
export async function readBackupFileV1(file: Blob, limits: BackupLimits): Promise<CheckedBackup> {
  const compressed = new Uint8Array(await file.arrayBuffer())
  const inflated = await gunzipCapped(compressed, limits.maxJsonBytes)
  const parsed = parseBackupJson(decodeUtf8(inflated))
  const header = checkHeader(parsed, SCHEMA_VERSION)
  const older = header.schemaVersion < SCHEMA_VERSION
  const tableNames = older ? backupTableNamesOf(header.schemaVersion) : backupTableNames()
  if (!tableNames) {
    throw new BackupError('schemaOlder', { found: header.schemaVersion, expected: SCHEMA_VERSION })
  }
  const payload = checkPayloadTables(
    (parsed as { payload?: unknown }).payload,
    header.counts,
    tableNames,
  )
  let canonical: Awaited<ReturnType<typeof canonicalPayload>>
  try {
    canonical = await canonicalPayload(payload)
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError('tooDeep')
  }
  if (canonical.checksum !== header.checksum) {
    throw new BackupError('checksum', { found: canonical.checksum, expected: header.checksum })
  }
  if (canonical.dataChecksum !== header.dataChecksum) {
    throw new BackupError('checksum', { field: 'dataChecksum' })
  }
  const specs = backupTableSpecs()
  for (const spec of specs) checkTableRows(spec, payload[spec.name] ?? [])
  let tables: Tables = {}
  let totalRecords = 0
  for (const [name, rows] of Object.entries(payload)) {
    tables[name] = decodeBlobs(rows)
    totalRecords += rows.length
  }
  if (older) tables = await upgrade(tables, header.schemaVersion, specs)
  const notes = await checkIncomingRecords(tables, { onDevice: false })
  return {
    header,
    notes,
    fileBytes: file.size,
    jsonBytes: inflated.byteLength,
    totalRecords,
    tables,
    file,
    sealed: false,
  }
}

/** An older backup's rows through the app's migrations, then checked again as current rows. */
export async function upgrade(
  tables: Tables,
  version: number,
  specs: ReturnType<typeof backupTableSpecs>,
): Promise<Tables> {
  let upgraded: Tables | null
  try {
    upgraded = await upgradeBackupTables(tables, version)
  } catch {
    throw new BackupError('schemaOlder', { found: version, expected: SCHEMA_VERSION })
  }
  if (!upgraded) throw new BackupError('schemaOlder', { found: version, expected: SCHEMA_VERSION })
  for (const spec of specs) checkTableRows(spec, upgraded[spec.name] ?? [])
  return upgraded
}
