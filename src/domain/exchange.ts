/**
 * Exchange packages between devices, as pure rules: the header of a package, how each
 * incoming record compares with the one here (new / newer / same / older / conflict /
 * deleted here), and what the merge writes once the user has chosen for each conflict.
 * The file itself (gzip, canonical JSON, checksum, hostile keys) is the backup's
 * (backupFormat.ts); only the header differs.
 */
import { BackupError, canonicalJson } from './backupFormat'

export const EXCHANGE_FORMAT = 'zhibu-exchange'
export const EXCHANGE_FORMAT_VERSION = 1
export const EXCHANGE_EXTENSION = '.zhibupkg'

/**
 * The record tables a package can carry. Tallies, Member.lastAttendedOn and Firm.orgStatus
 * are derived and recomputed on arrival; settings, the audit log and the recycle bin are
 * this device's own and never travel.
 */
export const EXCHANGE_TABLES = [
  'areas',
  'firms',
  'orgs',
  'partyGroups',
  'members',
  'transfers',
  'dues',
  'meetings',
  'photos',
  'constituents',
  'jointMeetings',
  'issues',
  'studyRecords',
] as const
export type ExchangeTable = (typeof EXCHANGE_TABLES)[number]

/** Fields that are recomputed here after a merge, so a difference in them is no change. */
const DERIVED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  members: ['lastAttendedOn'],
  firms: ['orgStatus'],
}

export interface ExchangeScope {
  /** The org the package was made for: a branch, a committee, or a joint committee. */
  orgId: string
  orgName: string
  orgType: string
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
  counts: Record<string, number>
  /** SHA-256 (hex) of the canonical JSON of the payload. */
  checksum: string
}

export const EXCHANGE_HEADER_KEYS = [
  'format',
  'formatVersion',
  'app',
  'schemaVersion',
  'createdAt',
  'sourceDeviceId',
  'scope',
  'counts',
  'checksum',
] as const

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const SHORT_ID = /^[\w-]{1,200}$/

/**
 * The header of a parsed package. A package must be of this app's schema version: rows of
 * another version would merge field by field into records of this one, so both devices
 * update first (an older package is refused with 'schemaOlder', a newer with 'schemaNewer').
 */
export function checkExchangeHeader(file: unknown, schemaVersion: number): ExchangeHeader {
  if (!isPlainObject(file) || file.format !== EXCHANGE_FORMAT || file.app !== 'zhibu') {
    throw new BackupError('notBackup')
  }
  if (file.formatVersion !== EXCHANGE_FORMAT_VERSION) {
    throw new BackupError('formatVersion', {
      found: String(file.formatVersion),
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
  if (version < schemaVersion) {
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
    formatVersion: EXCHANGE_FORMAT_VERSION,
    app: 'zhibu',
    schemaVersion: version,
    createdAt,
    sourceDeviceId,
    scope: { orgId: scope.orgId, orgName: scope.orgName, orgType: scope.orgType },
    counts: counts as Record<string, number>,
    checksum,
  }
}

/** 'zhibu-exchange-<org>-2026-11-23-0800.zhibupkg', the org name made safe for a file name. */
export function exchangeFileName(orgName: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  const safe = orgName.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'org'
  return `zhibu-exchange-${safe}-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${EXCHANGE_EXTENSION}`
}

// ─── Merge ──────────────────────────────────────────────────────────────────

export type Row = Record<string, unknown>

/**
 * When this device last exchanged with the package's device: `mine` is this device's clock
 * at that import, `theirs` the package's createdAt (their clock). Comparing each side's
 * updatedAt with its own clock's mark keeps clock skew between devices out of the decision.
 * '' = never.
 */
export interface ExchangeMark {
  mine: string
  theirs: string
}

export const NO_MARK: ExchangeMark = { mine: '', theirs: '' }

export const VERDICTS = ['new', 'newer', 'same', 'older', 'conflict', 'deletedHere'] as const
export type Verdict = (typeof VERDICTS)[number]

function stampOf(row: Row | undefined): string {
  return typeof row?.updatedAt === 'string' ? row.updatedAt : ''
}

function contentOf(table: string, row: Row): string {
  const skip = new Set(['updatedAt', ...(DERIVED_FIELDS[table] ?? [])])
  const kept: Row = {}
  for (const [key, value] of Object.entries(row)) {
    if (skip.has(key)) continue
    kept[key] = isBlob(value) ? { $blobSize: value.size, type: value.type } : value
  }
  return canonicalJson(kept)
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

/** Equal but for updatedAt and derived fields. */
export function sameContent(table: string, a: Row, b: Row): boolean {
  return contentOf(table, a) === contentOf(table, b)
}

/**
 * One incoming record against the one here:
 * - none here → 'new', unless it was deleted here after its last change → 'deletedHere';
 * - equal content → 'same';
 * - changed on both sides since the last exchange with that device → 'conflict' (never
 *   exchanged with it before: no conflicts, there is no common point to compare with);
 * - otherwise the newer updatedAt wins ('newer' takes theirs, 'older' keeps mine; a tie
 *   keeps mine).
 */
export function classifyRecord(
  table: string,
  here: Row | undefined,
  incoming: Row,
  mark: ExchangeMark,
  deletedHereAt = '',
): Verdict {
  if (!here) {
    return deletedHereAt !== '' && deletedHereAt >= stampOf(incoming) ? 'deletedHere' : 'new'
  }
  if (sameContent(table, here, incoming)) return 'same'
  // Never exchanged with that device: there is no common point to tell "changed since" from,
  // so the newer version wins as in a backup merge.
  if (mark.theirs === '' && mark.mine === '') {
    return stampOf(incoming) > stampOf(here) ? 'newer' : 'older'
  }
  const changedHere = stampOf(here) > mark.mine
  const changedThere = stampOf(incoming) > mark.theirs
  if (changedHere && changedThere) return 'conflict'
  return stampOf(incoming) > stampOf(here) ? 'newer' : 'older'
}

export interface ConflictItem {
  table: ExchangeTable
  id: string
  mine: Row
  theirs: Row
}

export type Choice = 'mine' | 'theirs'

export type VerdictCounts = Record<Verdict, number>

export interface ExchangePlan {
  /** Per table, the verdict of each incoming row, in the package's order. */
  verdicts: Record<string, Verdict[]>
  counts: Record<string, VerdictCounts>
  totals: VerdictCounts
  conflicts: ConflictItem[]
}

export function emptyCounts(): VerdictCounts {
  return { new: 0, newer: 0, same: 0, older: 0, conflict: 0, deletedHere: 0 }
}

export interface MergeInput {
  incoming: Readonly<Record<string, readonly Row[]>>
  /** Per table, the row here with the same id as each incoming row (same order). */
  here: Readonly<Record<string, readonly (Row | undefined)[]>>
  /** Per table, when this device deleted the record with that id ('' = never). */
  deletedAt: Readonly<Record<string, readonly string[]>>
  mark: ExchangeMark
}

export function planMerge(input: MergeInput): ExchangePlan {
  const plan: ExchangePlan = { verdicts: {}, counts: {}, totals: emptyCounts(), conflicts: [] }
  for (const table of EXCHANGE_TABLES) {
    const rows = input.incoming[table] ?? []
    const here = input.here[table] ?? []
    const deleted = input.deletedAt[table] ?? []
    const counts = emptyCounts()
    plan.verdicts[table] = rows.map((row, i) => {
      const verdict = classifyRecord(table, here[i], row, input.mark, deleted[i] ?? '')
      counts[verdict] += 1
      plan.totals[verdict] += 1
      if (verdict === 'conflict') {
        plan.conflicts.push({ table, id: String(row.id), mine: here[i]!, theirs: row })
      }
      return verdict
    })
    plan.counts[table] = counts
  }
  return plan
}

export function conflictKey(table: string, id: string): string {
  return `${table}:${id}`
}

/** What the user would most likely pick: the newer side (mine on a tie). */
export function defaultChoice(conflict: Pick<ConflictItem, 'mine' | 'theirs'>): Choice {
  return stampOf(conflict.theirs) > stampOf(conflict.mine) ? 'theirs' : 'mine'
}

export interface MergeWrites {
  /** Per table: rows to add (new), rows to put (newer, conflicts taken from theirs). */
  add: Record<string, Row[]>
  put: Record<string, Row[]>
  /**
   * Conflicts kept as mine, with a new updatedAt: now, and always after theirs, so the choice
   * is a fresh change here that wins the next exchange either way (their clock may be ahead).
   */
  touch: Record<string, { id: string; updatedAt: string }[]>
}

/**
 * The writes a plan makes once each conflict has a choice. A conflict with no choice keeps
 * mine: nothing here is overwritten without the user saying so.
 */
export function mergeWrites(
  input: Pick<MergeInput, 'incoming'>,
  plan: ExchangePlan,
  choices: Readonly<Record<string, Choice>>,
  now: string,
): MergeWrites {
  const out: MergeWrites = { add: {}, put: {}, touch: {} }
  for (const table of EXCHANGE_TABLES) {
    const rows = input.incoming[table] ?? []
    const verdicts = plan.verdicts[table] ?? []
    const add: Row[] = []
    const put: Row[] = []
    const touch: { id: string; updatedAt: string }[] = []
    rows.forEach((row, i) => {
      const verdict = verdicts[i]
      if (verdict === 'new') add.push(row)
      else if (verdict === 'newer') put.push(row)
      else if (verdict === 'conflict') {
        if (choices[conflictKey(table, String(row.id))] === 'theirs') put.push(row)
        else touch.push({ id: String(row.id), updatedAt: after(stampOf(row), now) })
      }
    })
    out.add[table] = add
    out.put[table] = put
    out.touch[table] = touch
  }
  return out
}

/** `now`, or just after `theirs` when their clock is ahead of ours. */
function after(theirs: string, now: string): string {
  const next = Date.parse(theirs) + 1
  if (Number.isNaN(next)) return now
  const bumped = new Date(next).toISOString()
  return bumped > now ? bumped : now
}

/** The mark to keep after an import: now here, and the newest package seen from there. */
export function nextMark(
  previous: ExchangeMark,
  now: string,
  packageCreatedAt: string,
): ExchangeMark {
  return {
    mine: now > previous.mine ? now : previous.mine,
    theirs: packageCreatedAt > previous.theirs ? packageCreatedAt : previous.theirs,
  }
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
  out.firms = (out.firms ?? []).filter((row) => !firmIdMap.has(String(row.id)))
  out.orgs = (out.orgs ?? []).map((row) =>
    Array.isArray(row.hostFirmIds) && row.hostFirmIds.some((id) => firmIdMap.has(String(id)))
      ? { ...row, hostFirmIds: row.hostFirmIds.map(to) }
      : row,
  )
  out.members = (out.members ?? []).map((row) =>
    firmIdMap.has(String(row.firmId)) ? { ...row, firmId: to(row.firmId) } : row,
  )
  return out
}

/** Area ids of a materialised path '/root/city/banner/' (the area itself included). */
export function areaIdsOfPath(path: unknown): string[] {
  return typeof path === 'string' ? path.split('/').filter((id) => id !== '') : []
}
