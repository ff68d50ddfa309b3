/**
 * The .zhibu backup file, as pure rules: its header, canonical JSON (the checksum is taken
 * over it), hostile-key detection and the shape checks every table must pass before a
 * restore touches the database. Errors are codes with details; the UI translates them.
 */
import { addDays } from './dates'
import type { TodoItem } from './todo'

export const BACKUP_FORMAT = 'zhibu-backup'
/**
 * Bump when the file layout changes (not the database schema: that is schemaVersion).
 * 1: one JSON document (header and payload); still read, never written.
 * 2: JSON Lines, streamed (see BackupLine below), so a province fits in no single string.
 * 3: the same lines; records carry their revisions and the file has the replication tables
 *    (tombstones, leaves, kept bodies, move marks), so a restore keeps the replication state.
 *    Format 2 is still read (its records count as first revisions).
 */
export const BACKUP_FORMAT_VERSION = 3
export const BACKUP_FORMAT_V1 = 1
/** The streamed formats this app reads. */
export const BACKUP_STREAMED_FORMATS: readonly number[] = [2, 3]
export const BACKUP_APP = 'zhibu'
export const BACKUP_EXTENSION = '.zhibu'

export interface BackupLimits {
  /** The compressed file as chosen by the user. */
  maxFileBytes: number
  /** The JSON after decompression: a gzip bomb stops here, not when memory runs out. */
  maxJsonBytes: number
}

/** A province's register compresses to a few MB; these leave room and stay under V8's string limit. */
export const DEFAULT_BACKUP_LIMITS: BackupLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxJsonBytes: 400 * 1024 * 1024,
}

/**
 * Limits of a streamed (format 2) file, beyond the compressed size: one line (one record,
 * a photo's base64 included) and everything inflated. A bomb stops at whichever comes first.
 */
export interface BackupStreamLimits extends BackupLimits {
  maxLineBytes: number
  maxInflatedBytes: number
}

export const DEFAULT_BACKUP_STREAM_LIMITS: BackupStreamLimits = {
  ...DEFAULT_BACKUP_LIMITS,
  maxFileBytes: 2 * 1024 * 1024 * 1024,
  maxLineBytes: 64 * 1024 * 1024,
  maxInflatedBytes: 16 * 1024 * 1024 * 1024,
}

/** Deeper nesting than any record has: a file built to overflow the stack stops here. */
const MAX_DEPTH = 64

export const BACKUP_ERROR_CODES = [
  'empty',
  'tooLarge',
  'notGzip',
  'corrupt',
  'decompressedTooLarge',
  'notJson',
  'hostileKey',
  'tooDeep',
  'notBackup',
  'formatVersion',
  'schemaNewer',
  'schemaOlder',
  'checksum',
  'unknownTable',
  'missingTable',
  'countMismatch',
  'shape',
  'badId',
  'duplicateId',
  'badKey',
  'badBlob',
  'quota',
  'writeFailed',
  'passphraseNeeded',
  'wrongPassphrase',
  'tampered',
  'badReference',
] as const
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number]

/** Where a problem is, for the message ("表 members 第 12 条：字段 orgId"). */
export interface BackupErrorDetail {
  table?: string
  /** 1-based position of the row in its table. */
  row?: number
  field?: string
  found?: string | number
  expected?: string | number
}

export class BackupError extends Error {
  readonly code: BackupErrorCode
  readonly detail: BackupErrorDetail

  constructor(code: BackupErrorCode, detail: BackupErrorDetail = {}) {
    super(`backup: ${code}${detail.table ? ` (${detail.table})` : ''}`)
    this.name = 'BackupError'
    this.code = code
    this.detail = detail
  }
}

export type BackupCounts = Record<string, number>

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  app: string
  schemaVersion: number
  /** Full ISO timestamp of when the file was made. */
  createdAt: string
  counts: BackupCounts
  /** SHA-256 (hex) of the canonical JSON of the whole payload. */
  checksum: string
  /** SHA-256 (hex) of the records and settings alone: equal data, equal dataChecksum. */
  dataChecksum: string
}

export type BackupPayload = Record<string, unknown[]>

export const HEADER_KEYS = [
  'format',
  'formatVersion',
  'app',
  'schemaVersion',
  'createdAt',
  'counts',
  'checksum',
  'dataChecksum',
] as const

/** Keys that could reach an object's prototype when a careless caller spreads the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
])

/**
 * JSON with object keys sorted at every level: the same data gives the same text whatever
 * order IndexedDB or a merge left the keys in, so its SHA-256 identifies the data.
 * `undefined` members are dropped as JSON.stringify does; non-JSON values are refused.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new BackupError('tooDeep')
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null'
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item, depth + 1))).join(',')}]`
      }
      const record = value as Record<string, unknown>
      const parts: string[] = []
      for (const key of Object.keys(record).sort()) {
        const item = record[key]
        if (item === undefined) continue
        parts.push(`${JSON.stringify(key)}:${canonicalJson(item, depth + 1)}`)
      }
      return `{${parts.join(',')}}`
    }
    default:
      throw new BackupError('shape', { found: typeof value })
  }
}

/** The canonical payload, from the canonical text of each table (computed once, used twice). */
export function joinCanonicalTables(tableTexts: Readonly<Record<string, string>>): string {
  const names = Object.keys(tableTexts).sort()
  return `{${names.map((name) => `${JSON.stringify(name)}:${tableTexts[name]}`).join(',')}}`
}

/**
 * JSON.parse that refuses `__proto__`, `constructor` and `prototype` as keys anywhere:
 * JSON.parse itself makes them harmless own properties, but one `Object.assign` or spread
 * further on would not be. Anything else that fails is 'notJson'.
 */
export function parseBackupJson(text: string): unknown {
  try {
    return JSON.parse(text, function (key: string, value: unknown) {
      if (FORBIDDEN_KEYS.has(key)) throw new BackupError('hostileKey', { field: key })
      return value
    })
  } catch (error) {
    if (error instanceof BackupError) throw error
    if (isStreamedBackup(text)) throw new BackupError('notBackup', { field: 'format' })
    throw new BackupError('notJson')
  }
}

/**
 * A walk of a parsed value that refuses `__proto__`, `constructor` and `prototype` as own
 * keys at any depth: on the parsed objects, so an escaped key (`"__prot\u006f__"`) is caught
 * as surely as a plain one. For readers that parse with plain JSON.parse (faster than a
 * reviver) and for records arriving by other roads (sync).
 */
export function assertNoHostileKeys(
  value: unknown,
  where: BackupErrorDetail = {},
  depth = 0,
): void {
  if (depth > MAX_DEPTH) throw new BackupError('tooDeep', where)
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) assertNoHostileKeys(item, where, depth + 1)
    return
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new BackupError('hostileKey', { ...where, field: key })
    assertNoHostileKeys((value as Record<string, unknown>)[key], where, depth + 1)
  }
}

/**
 * Text that is no one JSON document but a format-2 backup's lines (its first line a backup
 * head): what a reader of single documents (format 1, exchange packages) was handed is a
 * backup of another kind, not garbage.
 */
function isStreamedBackup(text: string): boolean {
  const end = text.indexOf('\n')
  if (end < 0 || end > 4096) return false
  try {
    const head = JSON.parse(text.slice(0, end)) as unknown
    return isPlainObject(head) && head.format === BACKUP_FORMAT
  } catch {
    return false
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** The first line of a format-2 file (and the start of a format-1 header). */
export interface BackupFileHead {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  app: string
  schemaVersion: number
  createdAt: string
}

/** The last line of a format-2 file: what the reader must have counted and hashed. */
export interface BackupTrailer {
  counts: BackupCounts
  checksum: string
  dataChecksum: string
}

/**
 * The identity of a file: a Zhibu backup, of the format version expected, of a schema not
 * newer than this app's. An older schema version passes here; the reader upgrades its rows
 * through the database's own migrations.
 */
export function checkHead(
  file: unknown,
  currentSchemaVersion: number,
  formatVersionExpected: number | readonly number[] = BACKUP_STREAMED_FORMATS,
): BackupFileHead {
  if (!isPlainObject(file) || file.format !== BACKUP_FORMAT || file.app !== BACKUP_APP) {
    throw new BackupError('notBackup')
  }
  const { formatVersion, schemaVersion, createdAt } = file
  const accepted =
    typeof formatVersionExpected === 'number' ? [formatVersionExpected] : formatVersionExpected
  if (typeof formatVersion !== 'number' || !accepted.includes(formatVersion)) {
    throw new BackupError('formatVersion', {
      found: typeof formatVersion === 'number' ? formatVersion : String(formatVersion),
      expected: BACKUP_FORMAT_VERSION,
    })
  }
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new BackupError('notBackup', { field: 'schemaVersion' })
  }
  if (schemaVersion > currentSchemaVersion) {
    throw new BackupError('schemaNewer', { found: schemaVersion, expected: currentSchemaVersion })
  }
  if (typeof createdAt !== 'string' || !ISO_DATE_TIME.test(createdAt)) {
    throw new BackupError('notBackup', { field: 'createdAt' })
  }
  return { format: BACKUP_FORMAT, formatVersion, app: BACKUP_APP, schemaVersion, createdAt }
}

/** Counts and checksums in the right form (a format-1 header, a format-2 trailer). */
export function checkTrailer(file: unknown): BackupTrailer {
  if (!isPlainObject(file)) throw new BackupError('notBackup')
  const { counts, checksum, dataChecksum } = file
  if (typeof checksum !== 'string' || !SHA256_HEX.test(checksum)) {
    throw new BackupError('notBackup', { field: 'checksum' })
  }
  if (typeof dataChecksum !== 'string' || !SHA256_HEX.test(dataChecksum)) {
    throw new BackupError('notBackup', { field: 'dataChecksum' })
  }
  if (!isPlainObject(counts)) throw new BackupError('notBackup', { field: 'counts' })
  for (const [table, count] of Object.entries(counts)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new BackupError('notBackup', { field: 'counts', table })
    }
  }
  return { counts: counts as BackupCounts, checksum, dataChecksum }
}

/** The header of a parsed format-1 file: identity, counts and checksums. */
export function checkHeader(
  file: unknown,
  currentSchemaVersion: number,
  formatVersionExpected: number = BACKUP_FORMAT_V1,
): BackupHeader {
  const head = checkHead(file, currentSchemaVersion, formatVersionExpected)
  return { ...head, ...checkTrailer(file) }
}

/**
 * Format 2, line by line (each line one canonical JSON value, '\n' after each):
 * - the head: `{"app","createdAt","format","formatVersion":2,"schemaVersion"}`;
 * - per table, in name order: `["table","<name>"]`, then one record per line (key order);
 * - the end: `["end",{"checksum","counts","dataChecksum"}]`.
 * `checksum` is the SHA-256 of every byte before the end line; `dataChecksum` that of the
 * record and settings tables' lines alone (marker and records), so equal data gives an
 * equal dataChecksum whatever the history tables hold. Control lines are arrays, records
 * objects: no record can pass for a marker.
 */
export const LINE_TABLE = 'table'
export const LINE_END = 'end'

export type BackupLine =
  | { kind: 'table'; name: string }
  | { kind: 'end'; trailer: BackupTrailer }
  | { kind: 'row'; row: unknown }

/** What one parsed line of a format-2 file is. */
export function classifyLine(value: unknown): BackupLine {
  if (!Array.isArray(value)) return { kind: 'row', row: value }
  const [tag, body] = value as unknown[]
  if (value.length === 2 && tag === LINE_TABLE && typeof body === 'string') {
    return { kind: 'table', name: body }
  }
  if (value.length === 2 && tag === LINE_END) return { kind: 'end', trailer: checkTrailer(body) }
  throw new BackupError('notBackup', { field: 'line' })
}

export function tableLine(name: string): string {
  return JSON.stringify([LINE_TABLE, name])
}

export function endLine(trailer: BackupTrailer): string {
  return canonicalJson([LINE_END, trailer])
}

/** The payload is one array of rows per table of this database, each as the header counts. */
export function checkPayloadTables(
  payload: unknown,
  counts: BackupCounts,
  tableNames: readonly string[],
): BackupPayload {
  if (!isPlainObject(payload)) throw new BackupError('notBackup', { field: 'payload' })
  const known = new Set(tableNames)
  for (const name of Object.keys(payload)) {
    if (!known.has(name)) throw new BackupError('unknownTable', { table: name })
  }
  for (const name of Object.keys(counts)) {
    if (!known.has(name)) throw new BackupError('unknownTable', { table: name })
  }
  for (const name of tableNames) {
    const rows = payload[name]
    if (!Array.isArray(rows)) throw new BackupError('missingTable', { table: name })
    if (counts[name] !== rows.length) {
      throw new BackupError('countMismatch', {
        table: name,
        found: rows.length,
        expected: counts[name] ?? 0,
      })
    }
  }
  return payload as BackupPayload
}

/** What the database says about one table, so the checks need no Dexie. */
export interface TableSpec {
  name: string
  /** 'id' for records, 'key' for settings and meta. */
  primaryKey: string
  /** Records carry createdAt/updatedAt; the merge compares updatedAt. */
  stamped: boolean
  /** Indexed field paths; multi-entry ones hold arrays of keys. */
  indexes: readonly { path: string; multi: boolean; unique: boolean }[]
}

const MAX_ID_LENGTH = 200

function isIndexKey(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
}

/** An encoded Blob: `{ "$blob": base64, "type": mime }` and nothing else. */
export interface EncodedBlob {
  $blob: string
  type: string
}

export function isEncodedBlob(value: unknown): value is EncodedBlob {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return (
    keys.length === 2 &&
    typeof value.$blob === 'string' &&
    typeof value.type === 'string' &&
    keys.includes('$blob') &&
    keys.includes('type')
  )
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * One table's rows: plain objects with a non-empty string primary key, unique in the table;
 * stamped records with string timestamps; every indexed field a valid key (a string or a
 * number; an array of them when multi-entry) so no row lands outside the indexes the pages
 * walk; unique indexes unique; encoded Blobs well formed.
 */
export function checkTableRows(spec: TableSpec, rows: readonly unknown[]): void {
  const check = tableRowChecker(spec)
  rows.forEach((row) => check(row))
}

/**
 * checkTableRows one row at a time, for a file read as a stream: the checker remembers the
 * ids and unique keys it has seen (a set of strings, not the rows).
 */
export function tableRowChecker(spec: TableSpec): (row: unknown) => void {
  const seen = new Set<string>()
  const unique = spec.indexes.filter((index) => index.unique).map((index) => index.path)
  const uniqueSeen = new Map(unique.map((path) => [path, new Set<unknown>()]))
  let position = 0
  return (row) => {
    position += 1
    const where = { table: spec.name, row: position }
    if (!isPlainObject(row)) throw new BackupError('shape', where)
    const id = row[spec.primaryKey]
    if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) {
      throw new BackupError('badId', { ...where, field: spec.primaryKey })
    }
    if (seen.has(id)) throw new BackupError('duplicateId', { ...where, field: spec.primaryKey })
    seen.add(id)
    if (spec.stamped) {
      for (const field of ['createdAt', 'updatedAt']) {
        if (typeof row[field] !== 'string') throw new BackupError('shape', { ...where, field })
      }
    }
    for (const index of spec.indexes) {
      const value = row[index.path]
      if (value === undefined) continue
      const valid = index.multi
        ? Array.isArray(value) && value.every(isIndexKey)
        : isIndexKey(value)
      if (!valid) throw new BackupError('badKey', { ...where, field: index.path })
      const values = uniqueSeen.get(index.path)
      if (values) {
        if (values.has(value)) throw new BackupError('badKey', { ...where, field: index.path })
        values.add(value)
      }
    }
    checkBlobs(row, where, 0)
  }
}

function checkBlobs(value: unknown, where: BackupErrorDetail, depth: number): void {
  if (depth > MAX_DEPTH) throw new BackupError('tooDeep', where)
  if (Array.isArray(value)) {
    for (const item of value) checkBlobs(item, where, depth + 1)
    return
  }
  if (!isPlainObject(value)) return
  if ('$blob' in value) {
    if (!isEncodedBlob(value) || !BASE64.test(value.$blob) || value.$blob.length % 4 !== 0) {
      throw new BackupError('badBlob', where)
    }
    return
  }
  for (const item of Object.values(value)) checkBlobs(item, where, depth + 1)
}

/** The newer of two versions of a record wins a merge; a tie keeps what is here. */
export function incomingIsNewer(
  current: { updatedAt?: unknown } | undefined,
  incoming: { updatedAt?: unknown },
): boolean {
  if (!current) return true
  const here = typeof current.updatedAt === 'string' ? current.updatedAt : ''
  const there = typeof incoming.updatedAt === 'string' ? incoming.updatedAt : ''
  return there > here
}

export interface BackupReminder {
  due: boolean
  /** Whole days since the last backup, null when there was none. */
  daysSince: number | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Remind when the last backup is older than the setting (data.backupReminderDays), or when
 * there never was one; an empty database has nothing to lose and gets no reminder.
 */
export function backupReminder(
  lastBackupAt: string,
  now: Date,
  reminderDays: number,
  recordCount: number,
): BackupReminder {
  const last = lastBackupAt === '' ? Number.NaN : Date.parse(lastBackupAt)
  const daysSince = Number.isNaN(last)
    ? null
    : Math.max(0, Math.floor((now.getTime() - last) / DAY_MS))
  if (recordCount === 0) return { due: false, daysSince }
  return { due: daysSince === null || daysSince >= reminderDays, daysSince }
}

/** 'zhibu-backup-2026-11-23-0800.zhibu', in the user's local time. */
export function backupFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  return `zhibu-backup-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${BACKUP_EXTENSION}`
}

/**
 * The 待办 line for an overdue backup, or null. Due the day the interval ran out after the
 * last backup (local date of `lastBackupAt` + the setting); with no backup ever there is no
 * such day, and '' sorts it first among the overdue lines: nothing else is at risk like it.
 */
export function backupTodoItem(
  reminder: BackupReminder,
  reminderDays: number,
  lastBackupDay: string,
): TodoItem | null {
  if (!reminder.due) return null
  const never = reminder.daysSince === null
  const dueOn = never ? '' : addDays(lastBackupDay, reminderDays)
  return {
    kind: 'data',
    code: never ? 'backup.todo.never' : 'backup.todo.due',
    orgId: '',
    firmId: '',
    subject: '',
    dueOn,
    urgency: never || (reminder.daysSince ?? 0) > reminderDays ? 'overdue' : 'soon',
    params: { days: reminder.daysSince ?? 0, limit: reminderDays },
    link: '/data',
  }
}
