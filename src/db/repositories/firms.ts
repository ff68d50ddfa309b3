import Dexie from 'dexie'
import type { FirmFilter } from '@/domain/queries'
import { nameBigrams, pickerNameMatches } from '@/domain/search'
import type { Firm } from '@/domain/types'
import { validateFirm, type FirmInput } from '@/domain/validation'
import { getDb, newId } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import {
  boundedWalk,
  CANDIDATE_CAP as PICKER_CAP,
  fullTokenIds,
  prefixStarts,
  readSorted,
  tokenIds,
} from '../nameSearch'
import { createRecord, removeRecord, updateRecord } from '../records'
import { statusForFirm } from './firmStatus'
import { orThrow } from './validated'

async function areaPathOf(areaId: string): Promise<string> {
  const area = await getDb().areas.get(areaId)
  if (!area) throw new ValidationError([{ field: 'areaId', code: 'notFound' }])
  return area.path
}

/** The credit code is unique in the register: a second firm with it is a field error. */
function duplicateAsFieldError(error: unknown): never {
  if (error instanceof Dexie.ConstraintError) {
    throw new ValidationError([{ field: 'creditCode', code: 'duplicate' }])
  }
  throw error
}

function firmTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction('rw', [db.firms, db.orgs, db.areas, db.auditLog, db.recycleBin], work)
}

export async function getFirm(id: string): Promise<Firm | undefined> {
  return getDb().firms.get(id)
}

export async function getFirms(ids: readonly string[]): Promise<Firm[]> {
  return (await getDb().firms.bulkGet([...ids])).filter((firm): firm is Firm => !!firm)
}

export async function createFirm(input: FirmInput): Promise<Firm> {
  const value = orThrow(validateFirm(input))
  return firmTransaction(async () => {
    const areaPath = await areaPathOf(value.areaId)
    const id = newId()
    const orgStatus = await statusForFirm({ ...value, id })
    return createRecord<Firm>(
      'firms',
      { ...value, areaPath, orgStatus, nameTokens: nameBigrams(value.name) },
      value.name,
      id,
    )
  }).catch(duplicateAsFieldError)
}

/** `expectedRev`: the revision the form was opened on (a changed record is refused). */
export async function updateFirm(
  id: string,
  input: FirmInput,
  expectedRev?: string,
): Promise<Firm> {
  const value = orThrow(validateFirm(input))
  return firmTransaction(async () => {
    const areaPath = await areaPathOf(value.areaId)
    const orgStatus = await statusForFirm({ ...value, id })
    return updateRecord<Firm>(
      'firms',
      id,
      { ...value, areaPath, orgStatus, nameTokens: nameBigrams(value.name) },
      value.name,
      expectedRev,
    )
  }).catch(duplicateAsFieldError)
}

export async function removeFirm(id: string): Promise<void> {
  await firmTransaction(async () => {
    const firm = await getDb().firms.get(id)
    if (!firm) throw new NotFoundError('firms', id)
    await removeRecord('firms', id, firm.name)
  })
}

/** Bulk action: the same change to many firms, one transaction, one audit entry each. */
export async function updateFirms(
  ids: readonly string[],
  change: Partial<Pick<FirmInput, 'instructor' | 'areaId'>>,
): Promise<void> {
  await firmTransaction(async () => {
    for (const id of ids) {
      const firm = await getDb().firms.get(id)
      if (!firm) throw new NotFoundError('firms', id)
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        areaPath: _a,
        orgStatus: _o,
        nameTokens: _n,
        ...input
      } = firm
      await updateFirm(id, { ...input, ...change })
    }
  })
}

// ─── Keyset pages ───────────────────────────────────────────────────────────

export type { FirmFilter }

/** Where the next page starts: the index key of the last row shown. */
export type FirmCursor = unknown[] | null

export interface FirmPage {
  rows: Firm[]
  /** Cursor for the next page; null at the end. */
  next: FirmCursor
}

const HIGH = '\uffff'

/** Does a firm pass the filter? Checked on every row an index walk or a search reads. */
function firmMatcher(filter: FirmFilter): (f: Firm) => boolean {
  const text = filter.text.trim()
  const code = text.toUpperCase()
  const byCode = /^[0-9A-Z]{2,18}$/.test(code)
  return (f: Firm): boolean =>
    (!filter.areaPath || f.areaPath.startsWith(filter.areaPath)) &&
    (!filter.industry || f.industry === filter.industry) &&
    (!filter.sizeClass || f.sizeClass === filter.sizeClass) &&
    (!filter.orgStatus || f.orgStatus === filter.orgStatus) &&
    (!text || f.name.includes(text) || (byCode && f.creditCode.startsWith(code)))
}

type RangeField = 'orgStatus' | 'industry' | 'areaPath' | 'sizeClass'

/** The one field a filtered walk ranges over, in this order of preference; null: by name. */
function rangeField(filter: FirmFilter, areaIsLeaf: boolean): RangeField | null {
  if (filter.orgStatus) return 'orgStatus'
  if (filter.industry) return 'industry'
  // One area with nothing under it: an exact path, so the index is already in name order.
  if (areaIsLeaf) return 'areaPath'
  if (filter.sizeClass) return 'sizeClass'
  return null
}

/**
 * The index walk for a filter, starting after a cursor; the page and the count share it.
 * Always name order: a leaf area uses [areaPath+name+id]; an area with sub-areas walks the
 * name index and keeps the rows under its path (cost grows as the area gets rarer).
 */
async function firmCollection(filter: FirmFilter, after: FirmCursor) {
  const db = getDb()
  const areaIsLeaf =
    filter.areaPath !== '' &&
    (await db.areas.where('path').startsWith(filter.areaPath).count()) === 1
  const field = rangeField(filter, areaIsLeaf)
  const index = field ? `[${field}+name+id]` : '[name+id]'
  const head: unknown[] = field ? [filter[field]] : []
  const lower = [...head, '', '']
  const upper = [...head, HIGH, HIGH]
  const keyOf = (f: Firm): unknown[] => (field ? [f[field], f.name, f.id] : [f.name, f.id])
  const matches = firmMatcher(filter)
  return {
    // Descending walks the same index backwards from the top (or from the cursor down).
    collection: filter.descending
      ? db.firms
          .where(index)
          .between(lower, after ?? upper, true, after === null)
          .reverse()
          .filter(matches)
      : db.firms
          .where(index)
          .between(after ?? lower, upper, after === null, true)
          .filter(matches),
    keyOf,
  }
}

/** Past this many candidates a search piece is "common": walking the name index is quicker. */
const CANDIDATE_CAP = 2000

/**
 * The firms a search text can match, found through indexes: a credit-code prefix, and the
 * rarest two-character piece of the name (Firm.nameTokens). null when the text is one
 * character or every piece is common: then walking the name index finds matches at once.
 */
async function searchCandidates(filter: FirmFilter): Promise<Firm[] | null> {
  const text = filter.text.trim()
  if (text.length < 2) return null
  const db = getDb()
  let best: string[] | null = null
  for (const gram of nameBigrams(text)) {
    const keys = await db.firms
      .where('nameTokens')
      .equals(gram)
      .limit(CANDIDATE_CAP + 1)
      .primaryKeys()
    if (keys.length <= CANDIDATE_CAP && (best === null || keys.length < best.length)) best = keys
    if (best !== null && best.length < 50) break
  }
  if (best === null) return null
  const ids = new Set(best)
  const code = text.toUpperCase()
  if (/^[0-9A-Z]{2,18}$/.test(code)) {
    const keys = await db.firms
      .where('creditCode')
      .startsWith(code)
      .limit(CANDIDATE_CAP + 1)
      .primaryKeys()
    if (keys.length > CANDIDATE_CAP) return null
    for (const key of keys) ids.add(key)
  }
  const matches = firmMatcher(filter)
  return (await db.firms.bulkGet([...ids])).filter((f): f is Firm => !!f && matches(f))
}

/** Name order (then id), the order of the [name+id] index, either way round. */
function byName(descending: boolean) {
  return (a: Firm, b: Firm): number => {
    const order =
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    return descending ? -order : order
  }
}

/**
 * One page of firms in name order, read through the most selective index for the filter
 * and resumed after `after` (keyset): no offset, no whole-table read. Filters that no
 * index serves are applied while the cursor walks, so a page reads its rows plus the ones
 * it skips.
 */
export async function listFirmsPage(
  filter: FirmFilter,
  after: FirmCursor,
  limit: number,
): Promise<FirmPage> {
  const candidates = filter.text.trim() ? await searchCandidates(filter) : null
  if (candidates) {
    // A few hundred rows at most: sort them and resume after the cursor in memory.
    const sorted = candidates.sort(byName(!!filter.descending))
    const [name = '', id = ''] = (after ?? []) as string[]
    const rest = after
      ? sorted.filter((f) =>
          filter.descending
            ? f.name < name || (f.name === name && f.id < id)
            : f.name > name || (f.name === name && f.id > id),
        )
      : sorted
    const page = rest.slice(0, limit)
    const last = page.at(-1)
    return { rows: page, next: rest.length > limit && last ? [last.name, last.id] : null }
  }
  const { collection, keyOf } = await firmCollection(filter, after)
  const rows = await collection.limit(limit + 1).toArray()
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { rows: page, next: rows.length > limit && last ? keyOf(last) : null }
}

/** How many firms match (shown beside the pager, read after the page itself). */
export async function countFirmsMatching(filter: FirmFilter): Promise<number> {
  const candidates = filter.text.trim() ? await searchCandidates(filter) : null
  if (candidates) return candidates.length
  return (await firmCollection(filter, null)).collection.count()
}

/**
 * Firms for pickers (domain/search.ts pickerNameMatches, or a credit-code prefix), in name
 * order, at most `limit`, through indexes only: the name pieces, the code and name ranges.
 */
export async function searchFirms(text: string, limit = 20): Promise<Firm[]> {
  const needle = text.trim()
  const firms = getDb().firms
  if (needle === '') return firms.orderBy('name').limit(limit).toArray()
  if (needle.length === 1) {
    return firms.where('name').startsWithAnyOf(prefixStarts(needle)).limit(limit).toArray()
  }
  const code = needle.toUpperCase()
  const byCode = /^[0-9A-Z]{2,18}$/.test(code)
  const matches = (f: Firm): boolean =>
    pickerNameMatches(f.name, needle) || (byCode && f.creditCode.startsWith(code))
  let ids = await tokenIds(firms, needle)
  if (ids === null) {
    const dense = await boundedWalk(firms.orderBy('name'), matches, limit)
    if (dense) return dense
    ids = await fullTokenIds(firms, needle)
  }
  if (byCode) {
    const keys = await firms
      .where('creditCode')
      .startsWith(code)
      .limit(PICKER_CAP + 1)
      .primaryKeys()
    for (const key of keys) ids.add(key)
  }
  if (ids.size <= PICKER_CAP) return readSorted(firms, ids, matches, limit)
  // Many candidates: matches are dense, the name walk fills a page at once.
  return firms.orderBy('name').filter(matches).limit(limit).toArray()
}
