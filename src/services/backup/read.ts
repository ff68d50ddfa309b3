import {
  backupTableNames,
  backupTableNamesOf,
  backupTableSpecs,
  checkIncomingRecords,
  RECORD_TABLES,
  SCHEMA_VERSION,
  type RecordTable,
} from '@/db'
import {
  checkRecordShape,
  checkRecycleEntry,
  creditCodeNote,
  NO_NOTES,
  NoteList,
  ReferenceCheck,
  type IncomingNotes,
  shapeError,
  type ShapeProblem,
} from '@/domain/recordShapes'
import {
  BackupError,
  checkHead,
  classifyLine,
  DEFAULT_BACKUP_STREAM_LIMITS,
  assertNoHostileKeys,
  tableRowChecker,
  type BackupFileHead,
  type BackupHeader,
  type BackupStreamLimits,
  type TableSpec,
} from '@/domain/backupFormat'
import { decodeBlobs } from './blobs'
import { readBackupFileV1, upgrade, type CheckedBackup } from './readV1'
import { openSealedFile } from './seal'
import { hexOf, LineReader, lineText, newSha256, openSyncSource, type SyncSource } from './stream'
import { DATA_TABLES, type OnProgress } from './write'

export type { CheckedBackup }

const DATA_TABLE_SET: ReadonlySet<string> = new Set(DATA_TABLES)
const RECORD_TABLE_SET: ReadonlySet<string> = new Set(RECORD_TABLES)
const NEWLINE = new Uint8Array([10])

/**
 * JSON.parse of one line, then a walk of the parsed value for hostile keys: the keys as
 * parsed, so an escaped `"__prot\u006f__"` is refused like a plain one.
 */
function parseLine(bytes: Uint8Array): unknown {
  const text = lineText(bytes)
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    throw new BackupError('notJson')
  }
  assertNoHostileKeys(value)
  return value
}

export interface ScanVisitor {
  /**
   * Check every row and both checksums (pass 1). A restore's second pass reads the same
   * file, which a browser never lets change under a File (reading a changed file fails),
   * and gzip's CRC-32 still guards every byte: it only counts.
   */
  check: boolean
  row?(table: string, row: Record<string, unknown>): void | Promise<void>
  tableEnd?(table: string): void | Promise<void>
  progress?(lines: LineReader): void
}

/**
 * One pass over a format-2 file: head, tables in name order with their rows, the end line;
 * counts and both checksums compared at the end. Synchronous but for what the visitor
 * returns, so a restore can run it inside its transaction. Throws a BackupError.
 */
export async function scanBackup(
  lines: LineReader,
  visitor: ScanVisitor,
): Promise<{
  head: BackupFileHead
  header: BackupHeader
  totalRecords: number
  notes: IncomingNotes
}> {
  const all = visitor.check ? newSha256() : null
  const data = visitor.check ? newSha256() : null
  const firstLine = lines.next()
  if (!firstLine) throw new BackupError('notJson')
  const head = checkHead(parseLine(firstLine), SCHEMA_VERSION)
  all?.update(firstLine).update(NEWLINE)
  const older = head.schemaVersion < SCHEMA_VERSION
  const names = older ? backupTableNamesOf(head.schemaVersion) : backupTableNames()
  if (!names) {
    throw new BackupError('schemaOlder', { found: head.schemaVersion, expected: SCHEMA_VERSION })
  }
  const known = new Set(names)
  // An older file's rows are checked after the upgrade, as current rows.
  const specs = new Map<string, TableSpec>(
    older || !visitor.check ? [] : backupTableSpecs().map((spec) => [spec.name, spec]),
  )
  const counted: Record<string, number> = {}
  let table = ''
  let check: ((row: unknown) => void) | null = null
  // Every field of every record, and the references they stand on (pass 1 only).
  const strict = specs.size > 0 ? new StrictRows() : null
  let lineCount = 0
  for (;;) {
    const bytes = lines.next()
    if (!bytes) throw new BackupError('corrupt', { field: 'end' })
    lineCount += 1
    if (visitor.progress && lineCount % 4096 === 0) visitor.progress(lines)
    const line = classifyLine(parseLine(bytes))
    if (line.kind === 'row') {
      if (table === '') throw new BackupError('notBackup', { field: 'table' })
      check?.(line.row)
      if (!check && (typeof line.row !== 'object' || line.row === null)) {
        throw new BackupError('shape', { table, row: counted[table]! + 1 })
      }
      strict?.row(table, line.row as Record<string, unknown>, counted[table]! + 1)
      counted[table]! += 1
      if (all && data) {
        all.update(bytes).update(NEWLINE)
        if (DATA_TABLE_SET.has(table)) data.update(bytes).update(NEWLINE)
      }
      const pending = visitor.row?.(table, line.row as Record<string, unknown>)
      if (pending) await pending
      continue
    }
    if (table !== '') {
      const pending = visitor.tableEnd?.(table)
      if (pending) await pending
    }
    if (line.kind === 'end') {
      const trailer = line.trailer
      if (lines.next() !== null || lines.unterminated) {
        throw new BackupError('notBackup', { field: 'end' })
      }
      for (const name of Object.keys(trailer.counts)) {
        if (!known.has(name)) throw new BackupError('unknownTable', { table: name })
      }
      for (const name of names) {
        if (counted[name] === undefined) throw new BackupError('missingTable', { table: name })
        if (trailer.counts[name] !== counted[name]) {
          throw new BackupError('countMismatch', {
            table: name,
            found: counted[name],
            expected: trailer.counts[name] ?? 0,
          })
        }
      }
      strict?.end()
      if (all && data) {
        const checksum = hexOf(all)
        if (checksum !== trailer.checksum) {
          throw new BackupError('checksum', { found: checksum, expected: trailer.checksum })
        }
        if (hexOf(data) !== trailer.dataChecksum) {
          throw new BackupError('checksum', { field: 'dataChecksum' })
        }
      }
      const totalRecords = Object.values(counted).reduce((sum, n) => sum + n, 0)
      const notes = strict?.notes.result ?? NO_NOTES
      return { head, header: { ...head, ...trailer }, totalRecords, notes }
    }
    const name = line.name
    if (!known.has(name)) throw new BackupError('unknownTable', { table: name })
    // Name order, each table once: the data checksum depends on the order.
    if (name <= table) throw new BackupError('notBackup', { field: 'table', table: name })
    for (const missing of names) {
      if (missing < name && counted[missing] === undefined) {
        throw new BackupError('missingTable', { table: missing })
      }
    }
    table = name
    counted[name] = 0
    const spec = specs.get(name)
    check = spec ? tableRowChecker(spec) : null
    all?.update(bytes).update(NEWLINE)
    if (DATA_TABLE_SET.has(name)) data?.update(bytes).update(NEWLINE)
  }
}

/**
 * The strict checks of a streamed file, a row at a time: records as domain/recordShapes.ts
 * has them, recycle-bin entries per their table, and at the end the references — all in
 * the file (a backup is a whole database: nothing may point outside it).
 */
class StrictRows {
  private readonly references = new ReferenceCheck()
  readonly notes = new NoteList()

  row(table: string, row: Record<string, unknown>, position: number): void {
    let problem: ShapeProblem | null = null
    if (RECORD_TABLE_SET.has(table)) {
      problem = checkRecordShape(table as RecordTable, row)
      if (!problem) {
        this.references.record(table as RecordTable, row)
        this.notes.add(creditCodeNote(table, row))
      }
    } else if (table === 'recycleBin') {
      problem = checkRecycleEntry(row, RECORD_TABLES)
      if (!problem && RECORD_TABLE_SET.has(String(row.table))) {
        this.references.present(String(row.table), String(row.recordId))
      }
    } else if (table === 'tombstones' || table === 'leaves') {
      this.references.present(String(row.table), String(row.recordId))
    }
    if (problem) throw shapeError(problem, position)
  }

  end(): void {
    for (const missing of this.references.unresolved().values()) {
      for (const problem of missing.values()) throw shapeError(problem)
    }
  }
}

/** Limits for reading: the streamed ones, and format 1's whole-document cap. */
export type ReadLimits = Partial<BackupStreamLimits>

export function lineReaderFor(source: SyncSource, limits: BackupStreamLimits): LineReader {
  return new LineReader(source, {
    // A line longer than format 1's whole document is no format-2 line.
    maxLineBytes: Math.min(limits.maxLineBytes, limits.maxJsonBytes),
    maxInflatedBytes: limits.maxInflatedBytes,
  })
}

/**
 * Read and check a .zhibu file completely before anything is written: size, gzip (caps on
 * one line and on everything inflated, CRC-32), UTF-8, JSON without hostile keys, format
 * and schema versions, every table's rows (shape, ids, unique keys, Blobs), the counts and
 * both checksums. Format 2 is read as a stream, one line at a time, and only the preview is
 * kept (the restore reads the file again); format 1 and older schema versions are read
 * into memory as before. Throws a BackupError whose code names the first thing wrong;
 * never touches the database.
 */
export async function readBackupFile(
  chosen: Blob,
  limitsIn: ReadLimits = {},
  onProgress?: OnProgress,
  passphrase?: string,
): Promise<CheckedBackup> {
  const limits = { ...DEFAULT_BACKUP_STREAM_LIMITS, ...limitsIn }
  if (chosen.size === 0) throw new BackupError('empty')
  if (chosen.size > limits.maxFileBytes) {
    throw new BackupError('tooLarge', { found: chosen.size, expected: limits.maxFileBytes })
  }
  // A sealed file is opened first (every chunk authenticated); the inner file is checked as any.
  const { inner: file, sealed } = await openSealedFile(chosen, 'backup', passphrase)
  if (file.size === 0) throw new BackupError('empty')
  const source = await openSyncSource(file)
  const lines = lineReaderFor(source, limits)
  const first = lines.peekFirstLine()
  if (first === null) {
    return { ...(await readBackupFileV1(file, limits)), fileBytes: chosen.size, sealed: !!sealed }
  }
  // An older schema's file is upgraded in memory (capped like format 1): gather its rows.
  const older = checkHead(parseLine(first), SCHEMA_VERSION).schemaVersion < SCHEMA_VERSION
  let tables: Record<string, Record<string, unknown>[]> | null = older ? {} : null
  const progress = () => onProgress?.({ phase: 'check', done: lines.position, total: file.size })
  progress()
  const scanned = await scanBackup(lines, {
    check: true,
    progress,
    row(table, row) {
      if (!tables) return
      if (lines.inflatedBytes > limits.maxJsonBytes) {
        throw new BackupError('decompressedTooLarge', { expected: limits.maxJsonBytes })
      }
      ;(tables[table] ??= []).push(row)
    },
    tableEnd(table) {
      if (tables) tables[table] ??= []
    },
  })
  const { header, head, totalRecords } = scanned
  let notes = scanned.notes
  if (tables) {
    const decoded: Record<string, Record<string, unknown>[]> = {}
    for (const [name, rows] of Object.entries(tables)) decoded[name] = decodeBlobs(rows)
    tables = await upgrade(decoded, head.schemaVersion, backupTableSpecs())
    notes = await checkIncomingRecords(tables, { onDevice: false })
  }
  progress()
  return {
    header,
    notes,
    fileBytes: chosen.size,
    jsonBytes: lines.inflatedBytes,
    totalRecords,
    tables,
    file,
    sealed: !!sealed,
  }
}
