import type { Collection, Table } from 'dexie'
import { nameBigrams } from '@/domain/search'

/**
 * The pieces of a picker search over a table whose records keep `nameTokens` (firms, orgs,
 * members), by index only; domain/search.ts pickerNameMatches says what matches. Two or more
 * characters: the ids holding every piece of the needle (the `*nameTokens` index, keys
 * only), read when few, then checked and sorted; a needle whose pieces meet in no record
 * reads no record at all. One character: a range of the name index (prefixStarts).
 */

interface Named {
  id: string
  name: string
}

/** Past this many ids, reading the records and sorting them costs more than walking in order. */
export const CANDIDATE_CAP = 2000

export function intersect(sets: readonly ReadonlySet<string>[]): Set<string> {
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size)
  const out = new Set<string>()
  if (!first) return out
  for (const id of first) if (rest.every((set) => set.has(id))) out.add(id)
  return out
}

/** Pieces looked up at once; after each batch a small enough candidate set stops the lookups. */
const BATCH = 4
/** Candidates few enough to read and check: no further piece is looked up. */
const FEW = 50

/**
 * The ids whose name may hold `text` (two characters or more): those holding its rare
 * pieces (at most CANDIDATE_CAP records each), met, looked up a few pieces at a time until
 * few are left — a superset the caller checks on the records. Null when every piece is
 * common ("党支部" among branch names): then fullTokenIds, or a walk (boundedWalk).
 */
export async function tokenIds<T extends Named>(
  table: Table<T, string>,
  text: string,
): Promise<Set<string> | null> {
  const grams = nameBigrams(text)
  let met: Set<string> | null = null
  for (let at = 0; at < grams.length; at += BATCH) {
    const capped = await Promise.all(
      grams.slice(at, at + BATCH).map((gram) =>
        table
          .where('nameTokens')
          .equals(gram)
          .limit(CANDIDATE_CAP + 1)
          .primaryKeys(),
      ),
    )
    const rare = capped.filter((keys) => keys.length <= CANDIDATE_CAP).map((keys) => new Set(keys))
    if (rare.length > 0) met = intersect(met ? [met, ...rare] : rare)
    if (met && met.size <= FEW) break
  }
  return met
}

/** Every piece common: their full key lists, met (still keys only, no record read). */
export async function fullTokenIds<T extends Named>(
  table: Table<T, string>,
  text: string,
): Promise<Set<string>> {
  const full = await Promise.all(
    nameBigrams(text).map(
      async (gram) => new Set(await table.where('nameTokens').equals(gram).primaryKeys()),
    ),
  )
  return intersect(full)
}

/**
 * A walk in name order that gives up after CANDIDATE_CAP rows: a page when the matches are
 * dense (every piece of the needle is common), else null and the caller meets the keys.
 */
export async function boundedWalk<T>(
  walk: Collection<T, string>,
  matches: (row: T) => boolean,
  limit: number,
): Promise<T[] | null> {
  let seen = 0
  const rows = await walk
    .until(() => seen >= CANDIDATE_CAP)
    .filter((row) => {
      seen += 1
      return matches(row)
    })
    .limit(limit)
    .toArray()
  return rows.length >= limit ? rows : null
}

/** The starts a one-character search looks up: the character as typed and in either case. */
export function prefixStarts(text: string): string[] {
  const needle = text.trim()
  return [...new Set([needle, needle.toLowerCase(), needle.toUpperCase()])]
}

/** Name order, then id: the order of a name index walk. */
export function byNameThenId(a: Named, b: Named): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Read a few ids (at most CANDIDATE_CAP), keep the matches, first `limit` in name order. */
export async function readSorted<T extends Named>(
  table: Table<T, string>,
  ids: ReadonlySet<string>,
  matches: (row: T) => boolean,
  limit: number,
): Promise<T[]> {
  if (ids.size === 0) return []
  const rows = await table.bulkGet([...ids])
  return rows
    .filter((row): row is T => row !== undefined && matches(row))
    .sort(byNameThenId)
    .slice(0, limit)
}
