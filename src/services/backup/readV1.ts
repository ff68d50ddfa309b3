import {
  backupTableNames,
  backupTableNamesOf,
  backupTableSpecs,
  SCHEMA_VERSION,
  upgradeBackupTables,
} from '@/db'
import {
  BackupError,
  checkHeader,
  checkPayloadTables,
  checkTableRows,
  DEFAULT_BACKUP_LIMITS,
  parseBackupJson,
  type BackupHeader,
  type BackupLimits,
} from '@/domain/backupFormat'
import { decodeBlobs } from './blobs'
import { decodeUtf8, gunzipCapped } from './bytes'
import { canonicalPayload } from './write'

/** A file that passed every check: what it holds, ready to restore. */
export interface CheckedBackup {
  header: BackupHeader
  fileBytes: number
  jsonBytes: number
  totalRecords: number
  /** Rows per table with Blobs decoded. */
  tables: Record<string, Record<string, unknown>[]>
}

/**
 * Read and check a .zhibu file completely before anything is written: size, gzip (with a
 * cap on the inflated size), UTF-8, JSON without hostile keys, format and schema versions,
 * the checksum over the canonical payload, then every table's shape. Throws a BackupError
 * whose code names the first thing wrong; never touches the database.
 */
export async function readBackupFile(
  file: Blob,
  limits: BackupLimits = DEFAULT_BACKUP_LIMITS,
): Promise<CheckedBackup> {
  if (file.size === 0) throw new BackupError('empty')
  if (file.size > limits.maxFileBytes) {
    throw new BackupError('tooLarge', { found: file.size, expected: limits.maxFileBytes })
  }
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
  let tables: CheckedBackup['tables'] = {}
  let totalRecords = 0
  for (const [name, rows] of Object.entries(payload)) {
    tables[name] = decodeBlobs(rows)
    totalRecords += rows.length
  }
  if (older) tables = await upgrade(tables, header.schemaVersion, specs)
  return { header, fileBytes: file.size, jsonBytes: inflated.byteLength, totalRecords, tables }
}

/** An older backup's rows through the app's migrations, then checked again as current rows. */
async function upgrade(
  tables: CheckedBackup['tables'],
  version: number,
  specs: ReturnType<typeof backupTableSpecs>,
): Promise<CheckedBackup['tables']> {
  let upgraded: CheckedBackup['tables'] | null
  try {
    upgraded = await upgradeBackupTables(tables, version)
  } catch {
    throw new BackupError('schemaOlder', { found: version, expected: SCHEMA_VERSION })
  }
  if (!upgraded) throw new BackupError('schemaOlder', { found: version, expected: SCHEMA_VERSION })
  for (const spec of specs) checkTableRows(spec, upgraded[spec.name] ?? [])
  return upgraded
}
