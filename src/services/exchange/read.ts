import type { IncomingNotes } from '@/domain/recordShapes'
import {
  backupTableSpecs,
  checkIncomingRecords,
  prepareMerge,
  readDeviceId,
  SCHEMA_VERSION,
  type PreparedMerge,
} from '@/db'
import {
  BackupError,
  checkPayloadTables,
  checkTableRows,
  DEFAULT_BACKUP_LIMITS,
  parseBackupJson,
  type BackupLimits,
} from '@/domain/backupFormat'
import {
  checkExchangeHeader,
  checkReplicationRows,
  EXCHANGE_FORMAT_V1,
  EXCHANGE_PAYLOAD_TABLES_V2,
  EXCHANGE_TABLES,
  type ExchangeHeader,
  type Row,
} from '@/domain/exchange'
import { decodeBlobs } from '../backup/blobs'
import { decodeUtf8, gunzipCapped } from '../backup/bytes'
import { openSealedFile } from '../backup/seal'
import { canonicalPackagePayload } from './write'

/** A package that passed every check, compared with what is here; nothing written yet. */
export interface CheckedPackage {
  header: ExchangeHeader
  fileBytes: number
  totalRecords: number
  /** Whether the file was sealed with a passphrase. */
  sealed: boolean
  /** Whether this device made the package itself. */
  fromThisDevice: boolean
  /** A format-1 file (records judged as first revisions: changes on both sides conflict). */
  oldFormat: boolean
  /** Rows per table (the record tables, then tombstones and leaves), Blobs decoded. */
  tables: Record<string, Row[]>
  preview: PreparedMerge
  /** What the checks let through but the user should hear of (legacy credit codes). */
  notes: IncomingNotes
}

/**
 * Read and check a package as the backup reader checks a backup (size, gzip with a cap on
 * the inflated size, UTF-8, JSON without hostile keys, header, counts, SHA-256, every
 * table's shape), then compare it with this device's records. Throws a BackupError whose
 * code names the first thing wrong; never writes a record.
 */
export async function readExchangeFile(
  chosen: Blob,
  limits: BackupLimits = DEFAULT_BACKUP_LIMITS,
  passphrase?: string,
): Promise<CheckedPackage> {
  if (chosen.size === 0) throw new BackupError('empty')
  if (chosen.size > limits.maxFileBytes) {
    throw new BackupError('tooLarge', { found: chosen.size, expected: limits.maxFileBytes })
  }
  const { inner: file, sealed } = await openSealedFile(chosen, 'package', passphrase)
  const inflated = await gunzipCapped(new Uint8Array(await file.arrayBuffer()), limits.maxJsonBytes)
  const parsed = parseBackupJson(decodeUtf8(inflated))
  const header = checkExchangeHeader(parsed, SCHEMA_VERSION)
  const oldFormat = header.formatVersion === EXCHANGE_FORMAT_V1
  const names: readonly string[] = oldFormat ? EXCHANGE_TABLES : EXCHANGE_PAYLOAD_TABLES_V2
  const payload = checkPayloadTables(
    (parsed as { payload?: unknown }).payload,
    header.counts,
    names,
  )
  let checksum: string
  try {
    checksum = (await canonicalPackagePayload(payload)).checksum
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError('tooDeep')
  }
  if (checksum !== header.checksum) {
    throw new BackupError('checksum', { found: checksum, expected: header.checksum })
  }
  const known = new Set<string>(names)
  for (const spec of backupTableSpecs()) {
    if (!known.has(spec.name)) continue
    // Format 1 came from schema 1 or 2: its rows carry neither revision fields nor these.
    const rows = payload[spec.name] ?? []
    checkTableRows(spec, rows)
    if (!oldFormat) checkReplicationRows(spec.name, rows)
  }
  // Every field, and the references: in the package or on this device.
  const notes = await checkIncomingRecords(payload, { onDevice: true })
  const tables: Record<string, Row[]> = {}
  let totalRecords = 0
  for (const name of names) {
    tables[name] = decodeBlobs(payload[name] ?? [])
    if ((EXCHANGE_TABLES as readonly string[]).includes(name)) totalRecords += tables[name].length
  }
  const [deviceId, preview] = await Promise.all([
    readDeviceId(),
    prepareMerge(tables, header.scope.orgId),
  ])
  return {
    header,
    fileBytes: chosen.size,
    sealed: !!sealed,
    totalRecords,
    fromThisDevice: deviceId === header.sourceDeviceId,
    oldFormat,
    tables,
    preview,
    notes,
  }
}
