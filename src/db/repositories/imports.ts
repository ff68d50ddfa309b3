import Dexie from 'dexie'
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
import { nameBigrams } from '@/domain/search'

/**
 * Spreadsheet imports: many rows, one transaction, one audit entry. A row matching a
 * record already in the register updates it (keeping its id and createdAt) instead of
 * adding a second one; if any row fails, nothing is written.
 */
export interface ImportCounts {
  created: number
  /** Rows that matched a record of the register (rewritten only if something differs). */
  updated: number
}

export interface ImportOptions {
  /** The audit entry's text; the caller translates it. */
  summary?: (counts: ImportCounts) => string
}

/** An org row of a sheet: the parent is named when it is another row of the same import. */
export interface OrgImportInput {
  input: OrgInput
  /** Name of a parent among the imported rows or the register; '' = `input.parentId`. */
  parentName: string
}

function defaultSummary(counts: ImportCounts): string {
  return `+${counts.created} ~${counts.updated}`
}

/** Validate every row; problems carry the row's index ('3.creditCode'). */
function validateAll<T>(
  rows: readonly unknown[],
  validate: (input: unknown) => { ok: true; value: T } | { ok: false; problems: FieldProblem[] },
): T[] {
  const problems: FieldProblem[] = []
  const values: T[] = []
  rows.forEach((row, index) => {
    const result = validate(row)
    if (result.ok) values.push(result.value)
    else problems.push(...result.problems.map((p) => ({ ...p, field: `${index}.${p.field}` })))
  })
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
  const firms = await getDb()
    .firms.where('creditCode')
    .anyOf([...new Set(codes)])
    .toArray()
  return new Map(firms.map((firm) => [firm.creditCode, firm.id]))
}

/** Upsert firms by credit code; orgStatus and areaPath are derived as in createFirm. */
export async function importFirms(
  rows: readonly FirmInput[],
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const values = validateAll(rows, validateFirm)
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
      const existing = await db.firms
        .where('creditCode')
        .anyOf([...seen])
        .toArray()
      const byCode = new Map(existing.map((firm) => [firm.creditCode, firm]))
      const now = nowIso()
      const added: Firm[] = []
      const changed: Firm[] = []
      for (const value of values) {
        const before = byCode.get(value.creditCode)
        const id = before?.id ?? newId()
        const record: Firm = {
          ...plain(value),
          id,
          areaPath: paths.get(value.areaId) ?? '',
          orgStatus: await statusForFirm({ ...value, id }),
          nameTokens: nameBigrams(value.name),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
        }
        if (!before) added.push(record)
        else if (changedFields({ ...before }, { ...record }).length > 0) changed.push(record)
      }
      await db.firms.bulkPut(changed)
      await db.firms.bulkAdd(added)
      const counts = { created: added.length, updated: values.length - added.length }
      await db.auditLog.add(
        auditEntry('import', 'firms', '', (options.summary ?? defaultSummary)(counts)),
      )
      return counts
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
  const values = validateAll(rows, (row) => {
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
    if ((await db.firms.bulkGet(firmIds)).some((firm) => !firm)) {
      throw new ValidationError([{ field: 'hostFirmIds', code: 'notFound' }])
    }
    const existing = await db.orgs.toArray()
    const byKey = new Map(existing.map((org) => [orgKey(org.name, org.areaId), org]))
    const befores = values.map((value) => byKey.get(orgKey(value.input.name, value.input.areaId)))
    const ids = befores.map((before) => before?.id ?? newId())
    const idsByName = new Map<string, string[]>()
    values.forEach((value, index) =>
      idsByName.set(value.input.name, [
        ...(idsByName.get(value.input.name) ?? []),
        ids[index] ?? '',
      ]),
    )
    const dbIdsByName = new Map<string, string[]>()
    for (const org of existing)
      dbIdsByName.set(org.name, [...(dbIdsByName.get(org.name) ?? []), org.id])
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
    for (const id of ids) {
      const seen = new Set<string>()
      for (let at = parentOf.get(id) ?? ''; at !== ''; at = parentOf.get(at) ?? '') {
        if (at === id || seen.has(at)) throw new ConflictError('orgCycle')
        seen.add(at)
      }
    }
    const now = nowIso()
    const added: Org[] = []
    const changed: Org[] = []
    const touchedFirms = new Set<string>(firmIds)
    values.forEach((value, index) => {
      const before = befores[index]
      const record: Org = {
        ...plain(value.input),
        committee: before ? plain(before.committee) : plain(value.input.committee),
        parentId: parents[index] ?? '',
        id: ids[index] ?? newId(),
        areaPath: paths.get(value.input.areaId) ?? '',
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      }
      before?.hostFirmIds.forEach((id) => touchedFirms.add(id))
      if (!before) added.push(record)
      else if (changedFields({ ...before }, { ...record }).length > 0) changed.push(record)
    })
    await db.orgs.bulkPut(changed)
    await db.orgs.bulkAdd(added)
    await refreshFirmStatuses(touchedFirms)
    const counts = { created: added.length, updated: values.length - added.length }
    await db.auditLog.add(
      auditEntry('import', 'orgs', '', (options.summary ?? defaultSummary)(counts)),
    )
    return counts
  })
}
