import { markBackupDone, nowIso, readAllTables, RECORD_TABLES, SCHEMA_VERSION } from '@/db'
import {
  BACKUP_APP,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupFileName,
  canonicalJson,
  joinCanonicalTables,
  type BackupHeader,
} from '@/domain/backupFormat'
import { encodeBlobs } from './blobs'
import { gzip, sha256Hex } from './bytes'

export interface CreatedBackup {
  blob: Blob
  fileName: string
  header: BackupHeader
  /** The JSON inside, before compression. */
  jsonBytes: number
  milliseconds: number
}

/** The tables whose equality means "the same data": records and the rules in force. */
export const DATA_TABLES: readonly string[] = [...RECORD_TABLES, 'settings']

/**
 * The canonical text of each table and the two checksums: of the whole payload (the file is
 * intact) and of the records and settings (the same data, whatever the history around it).
 */
export async function canonicalPayload(
  tables: Readonly<Record<string, readonly unknown[]>>,
): Promise<{ text: string; checksum: string; dataChecksum: string }> {
  const texts: Record<string, string> = {}
  for (const [name, rows] of Object.entries(tables)) texts[name] = canonicalJson(rows)
  const text = joinCanonicalTables(texts)
  const data = Object.fromEntries(DATA_TABLES.map((name) => [name, texts[name] ?? '[]']))
  const [checksum, dataChecksum] = await Promise.all([
    sha256Hex(text),
    sha256Hex(joinCanonicalTables(data)),
  ])
  return { text, checksum, dataChecksum }
}

/**
 * One .zhibu file of everything in the database: gzip-compressed JSON with the format and
 * schema versions, counts per table and SHA-256 checksums. Records the time as the last
 * backup, which the reminder reads.
 */
export async function createBackup(now: Date = new Date()): Promise<CreatedBackup> {
  const started = performance.now()
  const raw = await readAllTables()
  const tables: Record<string, unknown[]> = {}
  for (const [name, rows] of Object.entries(raw)) tables[name] = await encodeBlobs(rows)
  const { text, checksum, dataChecksum } = await canonicalPayload(tables)
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: BACKUP_APP,
    schemaVersion: SCHEMA_VERSION,
    createdAt: nowIso(),
    counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
    checksum,
    dataChecksum,
  }
  // The header first (readable with `zcat | head`), then the payload exactly as hashed.
  const json = `${JSON.stringify(header).slice(0, -1)},"payload":${text}}`
  const bytes = await gzip(json)
  await markBackupDone(header.createdAt)
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
    fileName: backupFileName(now),
    header,
    jsonBytes: json.length,
    milliseconds: Math.round(performance.now() - started),
  }
}
