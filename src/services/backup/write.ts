import { markBackupDone, nowIso, RECORD_TABLES, SCHEMA_VERSION, visitAllTables } from '@/db'
import {
  BACKUP_APP,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupFileName,
  canonicalJson,
  endLine,
  joinCanonicalTables,
  tableLine,
  type BackupFileHead,
  type BackupHeader,
  type BackupTrailer,
} from '@/domain/backupFormat'
import { anyBlob, canEncodeBlobsSync, encodeBlobs, encodeBlobsSync } from './blobs'
import { sha256Hex } from './bytes'
import { sealFile } from './seal'
import { GzipWriter, hexOf, newSha256 } from './stream'

export interface CreatedBackup {
  blob: Blob
  fileName: string
  header: BackupHeader
  /** Whether the file is sealed with a passphrase. */
  sealed: boolean
  /** The JSON Lines inside, before compression (bytes). */
  jsonBytes: number
  milliseconds: number
}

/** How far a backup or restore is: `done` of `total` (records, or bytes while checking). */
export interface BackupProgress {
  phase: 'backup' | 'check' | 'restore'
  done: number
  total: number
}

export type OnProgress = (progress: BackupProgress) => void

/** The tables whose equality means "the same data": records and the rules in force. */
export const DATA_TABLES: readonly string[] = [...RECORD_TABLES, 'settings']
const DATA_TABLE_SET: ReadonlySet<string> = new Set(DATA_TABLES)

/**
 * Format 1's checksums: the canonical text of each table and the SHA-256 of the whole
 * payload and of the records and settings. Only for reading format-1 files (small by
 * nature: the format failed past V8's string limit).
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
 * Writes format-2 lines: gzip and both checksums as it goes, holding one chunk of text at
 * a time (tests use it to build files of their own, good and bad).
 */
export class BackupLineWriter {
  private readonly out = new GzipWriter()
  private readonly all = newSha256()
  private readonly data = newSha256()
  private readonly encoder = new TextEncoder()
  private inData = false
  readonly counts: Record<string, number> = {}

  constructor(readonly head: BackupFileHead) {
    this.emit(`${canonicalJson(head)}\n`)
  }

  private emit(text: string): void {
    const bytes = this.encoder.encode(text)
    this.out.push(bytes)
    this.all.update(bytes)
    if (this.inData) this.data.update(bytes)
  }

  table(name: string): void {
    this.inData = DATA_TABLE_SET.has(name)
    this.counts[name] = 0
    this.emit(`${tableLine(name)}\n`)
  }

  /** Rows of the current table, Blobs already encoded; one canonical JSON line each. */
  rows(name: string, rows: readonly unknown[]): void {
    if (rows.length === 0) return
    this.counts[name] = (this.counts[name] ?? 0) + rows.length
    let text = ''
    for (const row of rows) text += `${canonicalJson(row)}\n`
    this.emit(text)
  }

  /**
   * The end line and the file; the header as format 1 had it (for the UI and tests). Tests
   * pass `override` to make files whose end line lies.
   */
  finish(override: Partial<BackupTrailer> = {}): {
    blob: Blob
    header: BackupHeader
    jsonBytes: number
  } {
    this.inData = false
    const trailer = {
      checksum: hexOf(this.all),
      counts: this.counts,
      dataChecksum: hexOf(this.data),
      ...override,
    }
    const bytes = this.encoder.encode(`${endLine(trailer)}\n`)
    this.out.push(bytes)
    return {
      blob: this.out.finish(),
      header: { ...this.head, ...trailer },
      jsonBytes: this.out.inflatedBytes,
    }
  }
}

/**
 * One .zhibu file of everything in the database (format 2: gzip of JSON Lines, see
 * domain/backupFormat.ts), read a chunk at a time in one read-only transaction, so a
 * province never becomes one string. Records the time as the last backup, which the
 * reminder reads.
 */
export async function createBackup(
  now: Date = new Date(),
  onProgress?: OnProgress,
  passphrase?: string,
): Promise<CreatedBackup> {
  const started = performance.now()
  const writer = new BackupLineWriter({
    app: BACKUP_APP,
    createdAt: nowIso(),
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
  })
  let total = 0
  let done = 0
  await visitAllTables({
    counts(counts) {
      total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      onProgress?.({ phase: 'backup', done, total })
    },
    table: (name) => writer.table(name),
    rows(name, rows) {
      done += rows.length
      onProgress?.({ phase: 'backup', done, total })
      if (!anyBlob(rows)) return writer.rows(name, rows)
      if (canEncodeBlobsSync) return writer.rows(name, encodeBlobsSync(rows))
      // No FileReaderSync (tests, the page): the transaction waits for the Blobs.
      return encodeBlobs(rows).then((encoded) => writer.rows(name, encoded))
    },
  })
  const { blob: inner, header, jsonBytes } = writer.finish()
  // With a passphrase the file is sealed; without one it is the plain gzip (the UI warns first).
  const blob = passphrase
    ? await sealFile(inner, passphrase, {
        content: 'backup',
        createdAt: header.createdAt,
        schemaVersion: header.schemaVersion,
        counts: header.counts,
      })
    : inner
  await markBackupDone(header.createdAt)
  return {
    sealed: !!passphrase,
    blob,
    fileName: backupFileName(now),
    header,
    jsonBytes,
    milliseconds: Math.round(performance.now() - started),
  }
}
