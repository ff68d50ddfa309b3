/**
 * The one check every record that arrives from outside passes before it is written: by a
 * restore, an exchange merge or sync. Every field is checked with the same validators the
 * forms use (validation.ts), plus the fields the database derives, the stamps and the
 * revision fields; a field no record has is refused; references to other records resolve
 * (in the same file, among its deletions, or on this device). A problem names the table,
 * the record's id and the field.
 */
import * as v from 'valibot'
import { BackupError } from './backupFormat'
import { legacyCreditCodeKind, type LegacyCreditCodeKind } from './creditCode'
import { isPhotoType, sniffPhotoType } from './imageType'
import type { RecordTable } from './recordTables'
import { isRev, REVISION_FIELDS } from './revisions'
import { DUES_CATEGORIES, FIRM_ORG_STATUSES, TRANSFER_STATUSES } from './types'
import { LIMITS } from './limits'
import {
  validateArea,
  validateConstituent,
  validateStoredFirm,
  validateIssue,
  validateJointMeeting,
  validateStoredMeeting,
  validateMember,
  validateOrg,
  validateStudyRecord,
  type ValidationResult,
} from './validation'

export interface ShapeProblem {
  table: string
  id: string
  field: string
  /** A validation code, 'unknownField', or 'badReference' (then `target` is the missing id). */
  code: string
  target?: string
}

/**
 * A record let in with a legacy credit code: the restore (or merge) goes on and the user is
 * told which firms to bring up to date (a form will ask for an 18-character code).
 */
export interface CreditCodeNote {
  table: 'firms'
  id: string
  name: string
  creditCode: string
  kind: LegacyCreditCodeKind
}

/** Notes kept at most: the count goes on past them. */
export const MAX_NOTES = 100

/** The note for a record that passed checkRecordShape with a legacy credit code, or null. */
export function creditCodeNote(table: string, value: unknown): CreditCodeNote | null {
  if (table !== 'firms' || typeof value !== 'object' || value === null) return null
  const { id, name, creditCode } = value as { id?: unknown; name?: unknown; creditCode?: unknown }
  if (typeof creditCode !== 'string') return null
  const kind = legacyCreditCodeKind(creditCode)
  if (!kind) return null
  return {
    table: 'firms',
    id: String(id),
    name: typeof name === 'string' ? name : '',
    creditCode: creditCode.trim().toUpperCase(),
    kind,
  }
}

/** Notes of a check: the first MAX_NOTES, and how many there were. */
export class NoteList {
  readonly notes: CreditCodeNote[] = []
  count = 0

  add(note: CreditCodeNote | null): void {
    if (!note) return
    this.count += 1
    if (this.notes.length < MAX_NOTES) this.notes.push(note)
  }

  get result(): IncomingNotes {
    return { creditCodes: [...this.notes], creditCodeCount: this.count }
  }
}

/** What a check let through but the user should hear about. */
export interface IncomingNotes {
  creditCodes: CreditCodeNote[]
  /** All of them (creditCodes holds the first MAX_NOTES). */
  creditCodeCount: number
}

export const NO_NOTES: IncomingNotes = { creditCodes: [], creditCodeCount: 0 }

const MAX_ID = 200
/** A photo as stored after the canvas re-encode is well under this. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const text = (max: number) => v.pipe(v.string(), v.maxLength(max))
const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_ID))
const optionalId = v.pipe(v.string(), v.maxLength(MAX_ID))
const optionalDate = v.pipe(
  v.string(),
  v.check((value) => value === '' || ISO_DATE.test(value)),
)

const MONTH = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/))
/** Money in 分: whole, not negative, under ten million 元. */
const FEN = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))

/** Tables no form writes whole: their own strict schemas, field by field. */
const OWN_SCHEMAS: Partial<Record<RecordTable, v.GenericSchema>> = {
  partyGroups: v.object({
    orgId: id,
    name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.name)),
    leaderMemberId: optionalId,
  }),
  transfers: v.object({
    memberId: id,
    direction: v.picklist(['in', 'out']),
    fromOrgId: optionalId,
    fromName: text(LIMITS.name),
    toOrgId: optionalId,
    toName: text(LIMITS.name),
    letterNo: text(LIMITS.name),
    issuedOn: optionalDate,
    completedOn: optionalDate,
    status: v.picklist(TRANSFER_STATUSES),
  }),
  // A payment as the dues register records it (duesRecords.ts), money in 分.
  dues: v.object({
    memberId: id,
    orgId: id,
    month: MONTH,
    category: v.picklist(DUES_CATEGORIES),
    base: FEN,
    reduction: v.nullable(
      v.object({
        kind: v.picklist(['reduced', 'waived']),
        due: FEN,
        decidedOn: optionalDate,
        approvedOn: optionalDate,
        until: MONTH,
        note: text(LIMITS.note),
      }),
    ),
    due: FEN,
    paid: FEN,
    paidOn: optionalDate,
    receiptNo: text(LIMITS.name),
    note: text(LIMITS.note),
    corrections: v.pipe(
      v.array(
        v.object({
          at: v.pipe(v.string(), v.regex(ISO_DATE_TIME)),
          actor: text(LIMITS.name),
          reason: text(LIMITS.note),
          paid: FEN,
          paidOn: optionalDate,
          receiptNo: text(LIMITS.name),
        }),
      ),
      v.maxLength(1000),
    ),
  }),
  photos: v.object({
    meetingId: id,
    name: text(LIMITS.title),
    type: v.pipe(
      v.string(),
      v.check((value) => isPhotoType(value)),
    ),
    width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
    height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
    blob: v.any(),
  }),
}

type Validator = (input: unknown) => ValidationResult<unknown>
const FORM_VALIDATORS: Partial<Record<RecordTable, Validator>> = {
  areas: validateArea,
  // A legacy credit code (an older register's, an older version's) is let through and named.
  firms: validateStoredFirm,
  orgs: validateOrg,
  members: validateMember,
  // An older version saved meetings without a topic: a restore keeps them.
  meetings: validateStoredMeeting,
  studyRecords: validateStudyRecord,
  issues: validateIssue,
  constituents: validateConstituent,
  jointMeetings: validateJointMeeting,
}

function isNameTokens(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length <= 1000 &&
    value.every((token) => typeof token === 'string' && token.length <= LIMITS.name)
  )
}

/** Fields the database sets itself, checked by type here. */
const DERIVED: Partial<Record<RecordTable, Record<string, (value: unknown) => boolean>>> = {
  areas: { path: (value) => typeof value === 'string' && value.length <= 4000 },
  firms: {
    areaPath: (value) => typeof value === 'string' && value.length <= 4000,
    orgStatus: (value) => (FIRM_ORG_STATUSES as readonly unknown[]).includes(value),
    nameTokens: isNameTokens,
  },
  orgs: {
    areaPath: (value) => typeof value === 'string' && value.length <= 4000,
    nameTokens: (value) => value === undefined || isNameTokens(value),
  },
  members: {
    lastAttendedOn: (value) => typeof value === 'string' && (value === '' || ISO_DATE.test(value)),
    // Absent on records of a version before 6; the database sets it from the name on write.
    nameTokens: (value) => value === undefined || isNameTokens(value),
  },
}

function isRevisions(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const { start, ids } = value as { start?: unknown; ids?: unknown }
  return (
    Number.isInteger(start) &&
    (start as number) >= 1 &&
    Array.isArray(ids) &&
    ids.length <= 10_000 &&
    ids.every((hash) => typeof hash === 'string' && /^[0-9a-f]{32}$/.test(hash))
  )
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** A photo's bytes: a Blob (already decoded) or `{ $blob, type }` as a file carries it. */
function photoBlobProblem(value: unknown): string | null {
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return isPhotoType(value.type) && value.size <= MAX_PHOTO_BYTES ? null : 'type'
  }
  if (typeof value !== 'object' || value === null) return 'required'
  const { $blob, type } = value as { $blob?: unknown; type?: unknown }
  if (typeof $blob !== 'string' || !BASE64.test($blob) || $blob.length % 4 !== 0) return 'type'
  if ($blob.length > (MAX_PHOTO_BYTES / 3) * 4) return 'tooLong'
  if (!isPhotoType(type)) return 'type'
  const head = Uint8Array.from(atob($blob.slice(0, 16)), (c) => c.charCodeAt(0))
  // The bytes decide: a PNG label on an SVG or a page is refused.
  return sniffPhotoType(head) === type ? null : 'type'
}

/**
 * Every field of one record of `table`, or the first problem. Ids and stamps, the fields
 * a form validates (by the form's own validator), what the database derives, the revision
 * fields; and nothing else.
 */
export function checkRecordShape(table: RecordTable, value: unknown): ShapeProblem | null {
  const recordId = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : ''
  const where = { table, id: typeof recordId === 'string' ? recordId : '' }
  const problem = (field: string, code: string): ShapeProblem => ({ ...where, field, code })
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problem('', 'type')
  const row = value as Record<string, unknown>
  if (typeof row.id !== 'string' || row.id === '' || row.id.length > MAX_ID)
    return problem('id', 'type')
  for (const field of ['createdAt', 'updatedAt']) {
    if (typeof row[field] !== 'string' || !ISO_DATE_TIME.test(row[field]))
      return problem(field, 'type')
  }
  if (row._rev !== undefined && !isRev(row._rev)) return problem('_rev', 'type')
  if (row._revisions !== undefined && !isRevisions(row._revisions))
    return problem('_revisions', 'type')
  const known = new Set<string>(['id', 'createdAt', 'updatedAt', ...REVISION_FIELDS])
  const validator = FORM_VALIDATORS[table]
  const schema = OWN_SCHEMAS[table]
  if (validator) {
    const result = validator(row)
    if (!result.ok) {
      const first = result.problems[0]!
      return problem(first.field, first.code)
    }
    for (const key of Object.keys(result.value as object)) known.add(key)
  } else if (schema) {
    const result = v.safeParse(schema, row, { abortPipeEarly: true })
    if (!result.success) {
      const first = result.issues[0]!
      return problem(v.getDotPath(first) ?? '', 'type')
    }
    for (const key of Object.keys(result.output as object)) known.add(key)
  }
  for (const [field, check] of Object.entries(DERIVED[table] ?? {})) {
    known.add(field)
    if (!check(row[field])) return problem(field, 'type')
  }
  if (table === 'photos') {
    const blob = photoBlobProblem(row.blob)
    if (blob) return problem('blob', blob)
  }
  for (const key of Object.keys(row)) if (!known.has(key)) return problem(key, 'unknownField')
  return null
}

/** A link from a record to another: field (a dotted path into arrays with `[]`) → table. */
interface Reference {
  field: string
  target: RecordTable
  /** '' means "none" and is allowed. */
  optional: boolean
}

/**
 * The links a record cannot stand without: its owner, its place in a tree, its area. Links
 * in lists that record history (attendees, introducers, photos of a meeting) may point at a
 * record deleted since, and are not required to resolve.
 */
export const REFERENCES: Readonly<Partial<Record<RecordTable, readonly Reference[]>>> = {
  areas: [{ field: 'parentId', target: 'areas', optional: true }],
  firms: [{ field: 'areaId', target: 'areas', optional: false }],
  orgs: [
    { field: 'parentId', target: 'orgs', optional: true },
    { field: 'areaId', target: 'areas', optional: false },
  ],
  partyGroups: [{ field: 'orgId', target: 'orgs', optional: false }],
  members: [
    { field: 'orgId', target: 'orgs', optional: false },
    { field: 'firmId', target: 'firms', optional: true },
    { field: 'partyGroupId', target: 'partyGroups', optional: true },
  ],
  transfers: [{ field: 'memberId', target: 'members', optional: false }],
  dues: [
    { field: 'memberId', target: 'members', optional: false },
    { field: 'orgId', target: 'orgs', optional: false },
  ],
  meetings: [{ field: 'orgId', target: 'orgs', optional: false }],
  photos: [{ field: 'meetingId', target: 'meetings', optional: false }],
  constituents: [{ field: 'committeeId', target: 'orgs', optional: false }],
  jointMeetings: [{ field: 'committeeId', target: 'orgs', optional: false }],
  issues: [{ field: 'committeeId', target: 'orgs', optional: false }],
  studyRecords: [
    { field: 'memberId', target: 'members', optional: false },
    { field: 'orgId', target: 'orgs', optional: false },
  ],
}

/**
 * Collects the ids a set of incoming records holds and the references they make, a record
 * at a time (a streamed file never needs its rows twice), then answers which references
 * resolve nowhere: not in the file, not among the deletions it carries, not in `elsewhere`
 * (this device's records, for a merge). Memory: one id per record and one per distinct
 * referenced id.
 */
export class ReferenceCheck {
  private readonly ids = new Map<string, Set<string>>()
  private readonly wanted = new Map<RecordTable, Map<string, ShapeProblem>>()

  /** A record (or a deletion: a tombstone or recycle-bin entry) present in the file. */
  present(table: string, recordId: string): void {
    let set = this.ids.get(table)
    if (!set) this.ids.set(table, (set = new Set()))
    set.add(recordId)
  }

  record(table: RecordTable, row: Record<string, unknown>): void {
    this.present(table, String(row.id))
    for (const reference of REFERENCES[table] ?? []) {
      const value = row[reference.field]
      if (typeof value !== 'string' || (value === '' && reference.optional)) continue
      let targets = this.wanted.get(reference.target)
      if (!targets) this.wanted.set(reference.target, (targets = new Map()))
      if (!targets.has(value)) {
        targets.set(value, {
          table,
          id: String(row.id),
          field: reference.field,
          code: 'badReference',
          target: value,
        })
      }
    }
  }

  /** References not found in the file, per target table, for a look on this device. */
  unresolved(): Map<RecordTable, Map<string, ShapeProblem>> {
    const out = new Map<RecordTable, Map<string, ShapeProblem>>()
    for (const [target, wanted] of this.wanted) {
      const here = this.ids.get(target)
      for (const [targetId, problem] of wanted) {
        if (here?.has(targetId)) continue
        let missing = out.get(target)
        if (!missing) out.set(target, (missing = new Map()))
        missing.set(targetId, problem)
      }
    }
    return out
  }
}

/** A shape problem as the readers report it: table, record id, field. */
export function shapeError(problem: ShapeProblem, row?: number): BackupError {
  if (problem.code === 'badReference') {
    return new BackupError('badReference', {
      table: problem.table,
      field: problem.field,
      found: problem.id,
      expected: problem.target ?? '',
      ...(row === undefined ? {} : { row }),
    })
  }
  return new BackupError('shape', {
    table: problem.table,
    field: problem.field,
    found: problem.id,
    ...(row === undefined ? {} : { row }),
  })
}

/** The recycle bin's kinds of entry besides one record (db/repositories/bulk.ts). */
export const SNAPSHOT_ENTRY = '*snapshot'
export const SNAPSHOT_CHUNK_ENTRY = '*snapshot-chunk'
const REPLICATION_TABLE_NAMES: readonly string[] = [
  'tombstones',
  'leaves',
  'revisionBodies',
  'moves',
]

function isRecordTable(table: unknown, tables: readonly string[]): table is RecordTable {
  return typeof table === 'string' && tables.includes(table)
}

/**
 * One recycle-bin entry arriving in a file: a deleted record of a record table (checked as
 * that table's records are, its id the entry's), a snapshot's head, or a piece of one whose
 * rows are checked per their table. Any other table (settings, meta, the device's identity,
 * the bin itself) is refused: restoring the entry could otherwise write there.
 */
export function checkRecycleEntry(
  value: unknown,
  recordTables: readonly string[],
): ShapeProblem | null {
  const row = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const where = { table: 'recycleBin', id: typeof row.id === 'string' ? row.id : '' }
  const problem = (field: string, code = 'type'): ShapeProblem => ({ ...where, field, code })
  for (const field of ['id', 'table', 'label', 'deletedAt', 'deletedBy']) {
    if (typeof row[field] !== 'string') return problem(field)
  }
  if ((row.label as string).length > LIMITS.text) return problem('label', 'tooLong')
  if (typeof row.recordId !== 'string' || row.recordId.length > MAX_ID) return problem('recordId')
  const record = row.record
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return problem('record')
  }
  const body = record as Record<string, unknown>
  if (isRecordTable(row.table, recordTables)) {
    if (body.id !== row.recordId) return problem('record.id')
    const inner = checkRecordShape(row.table, body)
    return inner ? { ...where, field: `record.${inner.field}`, code: inner.code } : null
  }
  if (row.table === SNAPSHOT_ENTRY) {
    if (body.tables !== undefined) {
      // A format-1 snapshot: every record in the entry itself.
      if (typeof body.tables !== 'object' || body.tables === null) return problem('record.tables')
      for (const [table, rows] of Object.entries(body.tables)) {
        if (!isRecordTable(table, recordTables) || !Array.isArray(rows)) {
          return problem(`record.tables.${table}`)
        }
        for (const inner of rows) {
          const found = checkRecordShape(table, inner)
          if (found)
            return { ...where, field: `record.tables.${table}.${found.field}`, code: found.code }
        }
      }
      return null
    }
    return Number.isInteger(body.total) && Number.isInteger(body.chunks) ? null : problem('record')
  }
  if (row.table === SNAPSHOT_CHUNK_ENTRY) {
    const table = body.table
    if (!Array.isArray(body.rows)) return problem('record.rows')
    if (isRecordTable(table, recordTables)) {
      for (const inner of body.rows) {
        const found = checkRecordShape(table, inner)
        if (found) return { ...where, field: `record.rows.${found.field}`, code: found.code }
      }
      return null
    }
    if (typeof table === 'string' && REPLICATION_TABLE_NAMES.includes(table)) {
      const plainObjects = body.rows.every(
        (inner) => typeof inner === 'object' && inner !== null && !Array.isArray(inner),
      )
      return plainObjects ? null : problem('record.rows')
    }
    return problem('record.table')
  }
  return problem('table', 'oneOf')
}
