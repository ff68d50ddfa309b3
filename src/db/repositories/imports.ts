import Dexie, { type Table } from 'dexie'
import type { Firm, Org } from '@/domain/types'
import {
  validateFirm,
  validateOrg,
  type FieldProblem,
  type FirmInput,
  type OrgInput,
} from '@/domain/validation'
import { getDb, newId, nowIso } from '../connection'
import { ConflictError, ValidationError } from '../errors'
import { auditEntry, changedFields, plain } from '../records'
import { refreshFirmStatuses, statusForFirm } from './firmStatus'
import { firmOrgStatus } from '@/domain/coverage'
import { todayIso } from '@/domain/dates'
import { nameBigrams } from '@/domain/search'

/**
 * Spreadsheet imports: many rows, one transaction, one audit entry. A row matching a
 * record already in the register updates it (keeping its id and createdAt) instead of
 * adding a second one; if any row fails, nothing is written.
 *
 * No main-thread task over 200 ms while an import runs. Validation runs in chunks
 * with a yield to the page between them, before the transaction; inside it, the records
 * are read, built and written IMPORT_CHUNK at a time: each awaited bulk write ends a task
 * (IndexedDB answers in events of their own) and keeps the one transaction alive, so the
 * import stays all rows or none.
 */
export interface ImportCounts {
  created: number
  /** Rows that matched a record of the register and changed it. */
  updated: number
  /** Rows that matched a record whose fields already read the same: not written. */
  unchanged: number
}

export interface ImportOptions {
  /** The audit entry's text; the caller translates it. */
  summary?: (counts: ImportCounts) => string
  /** The share of rows written so far, 0 to 1, after each chunk. */
  onProgress?: (fraction: number) => void
  /**
   * Key → the stored record the preview was built on (its JSON), or null when the preview
   * found none. A record that reads otherwise now (another tab, a merge, a sync changed it)
   * refuses the whole import: a preview, like a form, must not be applied stale.
   */
  expected?: ReadonlyMap<string, string | null>
}

/** The import was checked against records that have changed since: nothing was written. */
export class ImportStaleError extends ConflictError {
  readonly count: number
  constructor(count: number) {
    super('importStale')
    this.name = 'ImportStaleError'
    this.count = count
  }
}

/** Counts the rows whose stored record is not the one their preview saw. */
export function staleCounter(expected: ReadonlyMap<string, string | null> | undefined) {
  let stale = 0
  return {
    check(key: string, stored: object | undefined): void {
      if (!expected || !expected.has(key)) return
      if ((stored ? JSON.stringify(stored) : null) !== expected.get(key)) stale++
    },
    /** Throw inside the transaction, so every chunk written so far is rolled back. */
    throwIfStale(): void {
      if (stale > 0) throw new ImportStaleError(stale)
    },
  }
}

/**
 * Records built and written per step inside an import's transaction: 100 firms take
 * ~20 ms to clone into IndexedDB on an idle machine, still under 200 ms on a busy one.
 */
export const IMPORT_CHUNK = 100

/** Validation runs in slices of at most this many ms between yields to the page. */
export const SLICE_MS = 30

/** Outside a transaction only: a timer would let an IndexedDB transaction commit. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Inside a transaction: lets the page run, keeping the transaction alive meanwhile. */
export function yieldInTransaction(): Promise<void> {
  return Dexie.waitFor(yieldToPage())
}

export function chunksOf<T>(items: readonly T[], size = IMPORT_CHUNK): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size))
  return chunks
}

/** Every record of a table, read by primary key a page at a time (no one giant read). */
export async function readAllPaged<T extends { id: string }>(
  table: Table<T, string>,
  page = 2000,
): Promise<T[]> {
  const all: T[] = []
  let last: string | null = null
  for (;;) {
    const rows: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(page)
      .toArray()
    for (const row of rows) all.push(row)
    if (rows.length < page) return all
    last = rows[rows.length - 1]?.id ?? null
  }
}

/** The orgs of the register for an import's check, read a page at a time. */
export async function listOrgsForImport(): Promise<Org[]> {
  return readAllPaged(getDb().orgs)
}

/** An org row of a sheet: the parent is named when it is another row of the same import. */
export interface OrgImportInput {
  input: OrgInput
  /** Name of a parent among the imported rows or the register; '' = `input.parentId`. */
  parentName: string
}

function defaultSummary(counts: ImportCounts): string {
  return `+${counts.created} ~${counts.updated} =${counts.unchanged}`
}

/** The counts of an import from its rows, the ones it added and the ones it rewrote. */
export function importCounts(rows: number, created: number, updated: number): ImportCounts {
  return { created, updated, unchanged: rows - created - updated }
}

/** The end of every import: its one audit entry, in the caller's words (else `+N ~N =N`). */
export async function auditImport(
  table: string,
  counts: ImportCounts,
  summary: ImportOptions['summary'],
): Promise<ImportCounts> {
  await getDb().auditLog.add(auditEntry('import', table, '', (summary ?? defaultSummary)(counts)))
  return counts
}

/** A record's own fields, as changedFields compares them. */
function fieldsOf(record: object): Record<string, unknown> {
  return { ...record }
}

/**
 * What an import writes into one table, a chunk at a time: each record `note`d as new (no
 * stored one), changed (a field differs) or unchanged (left as stored: no write, no new
 * revision); `flush` writes the chunk (the changed put, the new added) and counts it;
 * `finish` writes the audit entry and returns the counts.
 */
export class ImportWrites<T extends object> {
  private added: T[] = []
  private changed: T[] = []
  private created = 0
  private updated = 0

  constructor(private readonly table: Table<T, string>) {}

  note(before: T | undefined, record: T): void {
    if (!before) this.added.push(record)
    else if (changedFields(fieldsOf(before), fieldsOf(record)).length > 0) this.changed.push(record)
  }

  async flush(): Promise<void> {
    if (this.changed.length > 0) await this.table.bulkPut(this.changed)
    if (this.added.length > 0) await this.table.bulkAdd(this.added)
    this.created += this.added.length
    this.updated += this.changed.length
    this.added = []
    this.changed = []
  }

  finish(rows: number, summary: ImportOptions['summary']): Promise<ImportCounts> {
    return auditImport(this.table.name, importCounts(rows, this.created, this.updated), summary)
  }
}

/**
 * Validate every row, yielding to the page between chunks (call it before the
 * transaction); problems carry the row's index ('3.creditCode').
 */
export async function validateAll<T>(
  rows: readonly unknown[],
  validate: (
    input: unknown,
    index: number,
  ) => { ok: true; value: T } | { ok: false; problems: FieldProblem[] },
): Promise<T[]> {
  const problems: FieldProblem[] = []
  const values: T[] = []
  let sliceStart = performance.now()
  for (let index = 0; index < rows.length; index++) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToPage()
      sliceStart = performance.now()
    }
    const result = validate(rows[index], index)
    if (result.ok) values.push(result.value)
    else problems.push(...result.problems.map((p) => ({ ...p, field: `${index}.${p.field}` })))
  }
  if (problems.length > 0) throw new ValidationError(problems)
  return values
}

async function areaPaths(areaIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(areaIds)]
  const areas = await getDb().areas.bulkGet(ids)
  const paths = new Map<string, string>()
  areas.forEach((area, index) => {
    if (!area)
      throw new ValidationError([
        { field: 'areaId', code: 'notFound', params: { id: ids[index] ?? '' } },
      ])
    paths.set(area.id, area.path)
  })
  return paths
}

function isConstraintError(error: unknown): boolean {
  if (error instanceof Dexie.ConstraintError) return true
  return (
    error instanceof Dexie.BulkError && error.failures.some((f) => f.name === 'ConstraintError')
  )
}

/** Credit code → id of the firms of the register that have one of `codes`. */
export async function firmIdsByCreditCode(codes: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const chunk of chunksOf([...new Set(codes)], 1000)) {
    const firms = await getDb().firms.where('creditCode').anyOf(chunk).toArray()
    for (const firm of firms) ids.set(firm.creditCode, firm.id)
  }
  return ids
}

/** The stored firms with one of `codes`, by credit code (a preview's "before"). */
export async function firmsByCreditCode(codes: readonly string[]): Promise<Map<string, Firm>> {
  const found = new Map<string, Firm>()
  for (const chunk of chunksOf([...new Set(codes)], 1000)) {
    for (const firm of await getDb().firms.where('creditCode').anyOf(chunk).toArray()) {
      found.set(firm.creditCode, firm)
    }
  }
  return found
}

/**
 * Upsert firms by credit code; orgStatus and areaPath are derived as in createFirm. A row
 * that matches a stored firm is laid over it (fields the input does not name stay), and a
 * firm whose fields all read the same is not written at all.
 */
export async function importFirms(
  rows: readonly FirmInput[],
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const values = await validateAll(rows, validateFirm)
  const seen = new Set<string>()
  values.forEach((value, index) => {
    if (seen.has(value.creditCode))
      throw new ValidationError([{ field: `${index}.creditCode`, code: 'duplicate' }])
    seen.add(value.creditCode)
  })
  const db = getDb()
  return db
    .transaction('rw', [db.firms, db.orgs, db.areas, db.auditLog], async () => {
      const paths = await areaPaths(values.map((value) => value.areaId))
      const now = nowIso()
      const today = todayIso()
      const stale = staleCounter(options.expected)
      const writes = new ImportWrites(db.firms)
      let done = 0
      for (const chunk of chunksOf(values)) {
        const existing = await db.firms
          .where('creditCode')
          .anyOf(chunk.map((value) => value.creditCode))
          .toArray()
        const byCode = new Map(existing.map((firm) => [firm.creditCode, firm]))
        for (const value of chunk) stale.check(value.creditCode, byCode.get(value.creditCode))
        stale.throwIfStale()
        // Only a firm already stored can be hosted by an org: a new id has none.
        const statuses = await Promise.all(
          chunk.map((value) => {
            const before = byCode.get(value.creditCode)
            return before
              ? statusForFirm({ ...value, id: before.id })
              : firmOrgStatus({ ...value, id: '' }, [], today)
          }),
        )
        chunk.forEach((value, index) => {
          const before = byCode.get(value.creditCode)
          const record: Firm = {
            ...(before ?? {}),
            ...plain(value),
            // The sheet has no 工会 / 共青团 columns: an update keeps what was recorded.
            tradeUnion: before?.tradeUnion ?? value.tradeUnion,
            youthLeague: before?.youthLeague ?? value.youthLeague,
            id: before?.id ?? newId(),
            areaPath: paths.get(value.areaId) ?? '',
            orgStatus: statuses[index] ?? 'none',
            nameTokens: nameBigrams(value.name),
            createdAt: before?.createdAt ?? now,
            updatedAt: now,
          }
          writes.note(before, record)
        })
        await writes.flush()
        done += chunk.length
        options.onProgress?.(done / values.length)
      }
      return writes.finish(values.length, options.summary)
    })
    .catch((error: unknown) => {
      if (isConstraintError(error))
        throw new ValidationError([{ field: 'creditCode', code: 'duplicate' }])
      throw error
    })
}

function orgKey(name: string, areaId: string): string {
  return `${name}\u0000${areaId}`
}

/**
 * Upsert orgs by name + area (one area does not hold two orgs of one name). The committee
 * is not in the sheet, so an updated org keeps its own. Parents named by `parentName` are
 * looked up among the imported rows first, then among the register's orgs (a unique name).
 * The firms whose coverage changes get their orgStatus refreshed in the same transaction.
 */
export async function importOrgs(
  rows: readonly OrgImportInput[],
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const values = await validateAll(rows, (row) => {
    const { input, parentName } = row as OrgImportInput
    const result = validateOrg(input)
    return result.ok
      ? { ok: true, value: { input: result.value, parentName: parentName.trim() } }
      : result
  })
  const db = getDb()
  return db.transaction('rw', [db.orgs, db.firms, db.areas, db.auditLog], async () => {
    const paths = await areaPaths(values.map((value) => value.input.areaId))
    const firmIds = [...new Set(values.flatMap((value) => value.input.hostFirmIds))]
    for (const chunk of chunksOf(firmIds, 1000)) {
      if ((await db.firms.bulkGet(chunk)).some((firm) => !firm)) {
        throw new ValidationError([{ field: 'hostFirmIds', code: 'notFound' }])
      }
    }
    const existing = await readAllPaged(db.orgs)
    const byKey = new Map(existing.map((org) => [orgKey(org.name, org.areaId), org]))
    const befores = values.map((value) => byKey.get(orgKey(value.input.name, value.input.areaId)))
    const stale = staleCounter(options.expected)
    values.forEach((value, index) =>
      stale.check(orgKey(value.input.name.trim(), value.input.areaId), befores[index]),
    )
    stale.throwIfStale()
    const ids = befores.map((before) => before?.id ?? newId())
    const idsByName = new Map<string, string[]>()
    values.forEach((value, index) => {
      const list = idsByName.get(value.input.name)
      if (list) list.push(ids[index] ?? '')
      else idsByName.set(value.input.name, [ids[index] ?? ''])
    })
    const dbIdsByName = new Map<string, string[]>()
    for (const org of existing) {
      const list = dbIdsByName.get(org.name)
      if (list) list.push(org.id)
      else dbIdsByName.set(org.name, [org.id])
    }
    const parentOf = new Map(existing.map((org) => [org.id, org.parentId]))
    const parents = values.map((value, index) => {
      if (value.parentName === '') return value.input.parentId
      const candidates = idsByName.get(value.parentName) ?? dbIdsByName.get(value.parentName) ?? []
      if (candidates.length !== 1) {
        throw new ValidationError([{ field: `${index}.parentId`, code: 'notFound' }])
      }
      return candidates[0] ?? ''
    })
    ids.forEach((id, index) => parentOf.set(id, parents[index] ?? ''))
    await yieldInTransaction()
    for (const id of ids) {
      const seen = new Set<string>()
      for (let at = parentOf.get(id) ?? ''; at !== ''; at = parentOf.get(at) ?? '') {
        if (at === id || seen.has(at)) throw new ConflictError('orgCycle')
        seen.add(at)
      }
    }
    const now = nowIso()
    const touchedFirms = new Set<string>(firmIds)
    const writes = new ImportWrites(db.orgs)
    for (let start = 0; start < values.length; start += IMPORT_CHUNK) {
      for (let index = start; index < Math.min(start + IMPORT_CHUNK, values.length); index++) {
        const value = values[index]
        if (!value) continue
        const before = befores[index]
        const record: Org = {
          ...(before ?? {}),
          ...plain(value.input),
          committee: before ? plain(before.committee) : plain(value.input.committee),
          parentId: parents[index] ?? '',
          id: ids[index] ?? newId(),
          areaPath: paths.get(value.input.areaId) ?? '',
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
        }
        before?.hostFirmIds.forEach((id) => touchedFirms.add(id))
        writes.note(before, record)
      }
      await writes.flush()
      // The firms' statuses follow: the last tenth of the progress.
      options.onProgress?.((0.9 * Math.min(start + IMPORT_CHUNK, values.length)) / values.length)
    }
    await refreshFirmStatuses(touchedFirms)
    options.onProgress?.(1)
    return writes.finish(values.length, options.summary)
  })
}
