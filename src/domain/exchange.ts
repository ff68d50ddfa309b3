/**
 * Exchange packages between devices, as pure rules: the header, what a package carries, and
 * the words of the preview. What a merge does is revisions.ts (CouchDB's rules, decided by
 * revision ancestry alone) and replicationScope.ts (what the package may change here).
 * The file itself (gzip, canonical JSON, checksum, hostile keys) is the backup's
 * (backupFormat.ts); only the header differs. The checksum is an integrity check only.
 */
import { BackupError } from './backupFormat'
import { RECORD_TABLES } from './recordTables'
import { isRev } from './revisions'
import type { TodoItem } from './todo'

export const EXCHANGE_FORMAT = 'zhibu-exchange'
/**
 * 1: records only, winners by the later updatedAt (still read: judged by ancestry, its
 *    records count as first revisions, so anything changed on both sides is a conflict).
 * 2: a replication batch: records with `_rev`/`_revisions`, tombstones and other leaves.
 */
export const EXCHANGE_FORMAT_VERSION = 2
export const EXCHANGE_FORMAT_V1 = 1
export const EXCHANGE_EXTENSION = '.zhibupkg'
/** The schema of this app's packages. A format-1 package came from schema 1 or 2. */
export const EXCHANGE_SCHEMA_VERSION = 3

/**
 * The record tables a package can carry. Tallies and derived fields are recomputed on
 * arrival; settings, the audit log, the recycle bin and device marks are this device's own
 * and never travel.
 */
export const EXCHANGE_TABLES = RECORD_TABLES
export type ExchangeTable = (typeof EXCHANGE_TABLES)[number]

/** Format 2's replication tables: deleted winners and the other leaves of records. */
export const EXCHANGE_REPLICATION_TABLES = ['tombstones', 'leaves'] as const
export const EXCHANGE_PAYLOAD_TABLES_V2 = [
  ...EXCHANGE_TABLES,
  ...EXCHANGE_REPLICATION_TABLES,
] as const

export interface ExchangeScope {
  /** The org the package was made for: a branch, a committee, or a joint committee. */
  orgId: string
  orgName: string
  orgType: string
}

/** Where the sender was when it made the package (for the record, never for a decision). */
export interface ExchangeCheckpoint {
  /** The package's own id (a UUIDv7). */
  id: string
  /** How many revisions, tombstones and leaves it carries. */
  revisions: number
}

export interface ExchangeHeader {
  format: typeof EXCHANGE_FORMAT
  formatVersion: number
  app: string
  schemaVersion: number
  createdAt: string
  /** The random id of the device that made the package (meta 'deviceId' there). */
  sourceDeviceId: string
  scope: ExchangeScope
  /** Format 2 only. */
  checkpoint: ExchangeCheckpoint | null
  counts: Record<string, number>
  /** SHA-256 (hex) of the canonical JSON of the payload. */
  checksum: string
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const SHORT_ID = /^[\w-]{1,200}$/

function checkCheckpoint(value: unknown): ExchangeCheckpoint {
  if (
    !isPlainObject(value) ||
    typeof value.id !== 'string' ||
    !SHORT_ID.test(value.id) ||
    typeof value.revisions !== 'number' ||
    !Number.isInteger(value.revisions) ||
    value.revisions < 0
  ) {
    throw new BackupError('notBackup', { field: 'checkpoint' })
  }
  return { id: value.id, revisions: value.revisions }
}

/**
 * The header of a parsed package. Format 2 must be of this app's schema (its rows merge into
 * records of this one); format 1 came from schema 1 or 2, whose records have the same shape
 * but for the revision fields they lack.
 */
export function checkExchangeHeader(file: unknown, schemaVersion: number): ExchangeHeader {
  if (!isPlainObject(file) || file.format !== EXCHANGE_FORMAT || file.app !== 'zhibu') {
    throw new BackupError('notBackup')
  }
  const formatVersion = file.formatVersion
  if (formatVersion !== EXCHANGE_FORMAT_VERSION && formatVersion !== EXCHANGE_FORMAT_V1) {
    throw new BackupError('formatVersion', {
      found: String(formatVersion),
      expected: EXCHANGE_FORMAT_VERSION,
    })
  }
  const version = file.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BackupError('notBackup', { field: 'schemaVersion' })
  }
  if (version > schemaVersion) {
    throw new BackupError('schemaNewer', { found: version, expected: schemaVersion })
  }
  if (formatVersion === EXCHANGE_FORMAT_VERSION && version < schemaVersion) {
    throw new BackupError('schemaOlder', { found: version, expected: schemaVersion })
  }
  const { createdAt, sourceDeviceId, scope, counts, checksum } = file
  if (typeof createdAt !== 'string' || !ISO_DATE_TIME.test(createdAt)) {
    throw new BackupError('notBackup', { field: 'createdAt' })
  }
  if (typeof sourceDeviceId !== 'string' || !SHORT_ID.test(sourceDeviceId)) {
    throw new BackupError('notBackup', { field: 'sourceDeviceId' })
  }
  if (
    !isPlainObject(scope) ||
    typeof scope.orgId !== 'string' ||
    !SHORT_ID.test(scope.orgId) ||
    typeof scope.orgName !== 'string' ||
    typeof scope.orgType !== 'string'
  ) {
    throw new BackupError('notBackup', { field: 'scope' })
  }
  if (typeof checksum !== 'string' || !SHA256_HEX.test(checksum)) {
    throw new BackupError('notBackup', { field: 'checksum' })
  }
  if (!isPlainObject(counts)) throw new BackupError('notBackup', { field: 'counts' })
  for (const [table, count] of Object.entries(counts)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new BackupError('notBackup', { field: 'counts', table })
    }
  }
  return {
    format: EXCHANGE_FORMAT,
    formatVersion,
    app: 'zhibu',
    schemaVersion: version,
    createdAt,
    sourceDeviceId,
    scope: { orgId: scope.orgId, orgName: scope.orgName, orgType: scope.orgType },
    checkpoint: formatVersion === EXCHANGE_FORMAT_VERSION ? checkCheckpoint(file.checkpoint) : null,
    counts: counts as Record<string, number>,
    checksum,
  }
}

const RECORD_TABLE_SET: ReadonlySet<string> = new Set(EXCHANGE_TABLES)

/**
 * The revision fields of a format-2 package's rows, and the tombstone and leaf rows' own
 * fields: a record's `_rev` CouchDB-shaped; a tombstone or leaf naming a record table, a
 * record id and a revision, a live leaf carrying its body (whose id is the record's).
 */
export function checkReplicationRows(table: string, rows: readonly unknown[]): void {
  rows.forEach((value, index) => {
    const where = { table, row: index + 1 }
    const row = value as Record<string, unknown>
    if (RECORD_TABLE_SET.has(table)) {
      if (row._rev !== undefined && !isRev(row._rev)) {
        throw new BackupError('shape', { ...where, field: '_rev' })
      }
      return
    }
    if (!RECORD_TABLE_SET.has(String(row.table))) {
      throw new BackupError('shape', { ...where, field: 'table' })
    }
    if (typeof row.recordId !== 'string' || row.recordId === '' || row.recordId.length > 200) {
      throw new BackupError('badId', { ...where, field: 'recordId' })
    }
    if (!isRev(row._rev)) throw new BackupError('shape', { ...where, field: '_rev' })
    if (table === 'tombstones' && !Array.isArray(row.orgIds)) {
      throw new BackupError('shape', { ...where, field: 'orgIds' })
    }
    if (table === 'leaves' && row.deleted !== true) {
      const body = row.body as Record<string, unknown> | null | undefined
      if (!isPlainObject(body) || body.id !== row.recordId) {
        throw new BackupError('shape', { ...where, field: 'body' })
      }
    }
  })
}

/** 'zhibu-exchange-<org>-2026-11-23-0800.zhibupkg', the org name made safe for a file name. */
export function exchangeFileName(orgName: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  const safe = orgName.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'org'
  return `zhibu-exchange-${safe}-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${EXCHANGE_EXTENSION}`
}

// ─── The preview ────────────────────────────────────────────────────────────

export type Row = Record<string, unknown>

/**
 * What a package does to one record here:
 * - new: not here (or deleted here and brought back there) and arrives;
 * - updated: another revision becomes the one shown;
 * - deleted: the record here is deleted there, after everything seen here;
 * - conflict: a branch beside ours (an edit against an edit, a deletion against an edit):
 *   both are kept and wait on the conflict screen, a deterministic winner shown meanwhile;
 * - refused: the package may not change this record (it lies outside its scope here);
 * - unchanged: this device already has every revision of it.
 */
export const VERDICTS = ['new', 'updated', 'deleted', 'conflict', 'refused', 'unchanged'] as const
export type Verdict = (typeof VERDICTS)[number]
export type VerdictCounts = Record<Verdict, number>

export function emptyCounts(): VerdictCounts {
  return { new: 0, updated: 0, deleted: 0, conflict: 0, refused: 0, unchanged: 0 }
}

/** What a record is called in a list: its name, topic or title. */
export function recordLabel(row: Row | null | undefined): string {
  if (!row) return ''
  for (const field of ['name', 'topic', 'title', 'month', 'studiedOn', 'heldOn', 'letterNo']) {
    const value = row[field]
    if (typeof value === 'string' && value !== '') return value
  }
  return String(row.id ?? '')
}

/**
 * A firm of the package that is already here under another id (the same credit code entered
 * on both devices): the package's references follow the firm here, and its own copy is
 * dropped, so the unique credit-code index never breaks the merge.
 */
export function remapFirmIds(
  incoming: Readonly<Record<string, readonly Row[]>>,
  firmIdMap: ReadonlyMap<string, string>,
): Record<string, Row[]> {
  const out: Record<string, Row[]> = {}
  for (const [table, rows] of Object.entries(incoming)) out[table] = [...rows]
  if (firmIdMap.size === 0) return out
  const to = (id: unknown) => (typeof id === 'string' ? (firmIdMap.get(id) ?? id) : id)
  const remapBody = (table: string, row: Row): Row => {
    if (table === 'orgs' && Array.isArray(row.hostFirmIds)) {
      return row.hostFirmIds.some((id) => firmIdMap.has(String(id)))
        ? { ...row, hostFirmIds: row.hostFirmIds.map(to) }
        : row
    }
    if (table === 'members' && firmIdMap.has(String(row.firmId))) {
      return { ...row, firmId: to(row.firmId) }
    }
    return row
  }
  out.firms = (out.firms ?? []).filter((row) => !firmIdMap.has(String(row.id)))
  out.orgs = (out.orgs ?? []).map((row) => remapBody('orgs', row))
  out.members = (out.members ?? []).map((row) => remapBody('members', row))
  out.leaves = (out.leaves ?? [])
    .filter((row) => !(row.table === 'firms' && firmIdMap.has(String(row.recordId))))
    .map((row) =>
      row.body && typeof row.body === 'object'
        ? { ...row, body: remapBody(String(row.table), row.body as Row) }
        : row,
    )
  out.tombstones = (out.tombstones ?? []).filter(
    (row) => !(row.table === 'firms' && firmIdMap.has(String(row.recordId))),
  )
  return out
}

/** Area ids of a materialised path '/root/city/banner/' (the area itself included). */
export function areaIdsOfPath(path: unknown): string[] {
  return typeof path === 'string' ? path.split('/').filter((id) => id !== '') : []
}

/**
 * The 待办 line while records wait on the conflict screen: both versions are kept, but the
 * one shown was picked by a rule, not by a person, so someone should look.
 */
export function conflictsTodoItem(open: number): TodoItem | null {
  if (open <= 0) return null
  return {
    kind: 'data',
    code: 'backup.todo.conflicts',
    orgId: '',
    firmId: '',
    subject: '',
    dueOn: '',
    urgency: 'soon',
    params: { n: open },
    link: '/data/conflicts',
  }
}
