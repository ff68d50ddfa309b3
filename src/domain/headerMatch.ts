/**
 * Finding a register's columns by what their headers mean, not only by an exact synonym:
 * bracketed notes are ignored anywhere ('所在旗县（市、区）' = '所在旗县'), a header that
 * contains a synonym counts ('从业人员数' ⊃ '从业人员'), and a small similarity score (shared
 * two-character pieces, Dice's coefficient) catches other wordings ('员工人数' ~ '职工人数').
 * Pure: the import's mapping step shows the result and a person can change it.
 */

export type HeaderMatchKind = 'exact' | 'contains' | 'similar'

export interface HeaderMatch {
  /** 1 for an exact synonym; containment and similarity score below it. */
  score: number
  how: HeaderMatchKind
}

/** A header that merely resembles a synonym below this is no match. */
export const MIN_SIMILARITY = 0.6
/** Containment needs a synonym of at least two characters (one character says nothing). */
const MIN_CONTAINED_LENGTH = 2

/**
 * Header text as compared: NFKC (full-width letters folded), no bracketed notes of any kind
 * anywhere, no whitespace, '*' required marks or colons, lower case.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\(.*?\)|\[.*?\]|【.*?】|〔.*?〕|《.*?》|<.*?>/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase()
}

function bigrams(text: string): string[] {
  const chars = [...text]
  if (chars.length < 2) return chars
  const pieces: string[] = []
  for (let i = 0; i < chars.length - 1; i++) pieces.push(`${chars[i]}${chars[i + 1]}`)
  return pieces
}

/** Dice's coefficient over two-character pieces: 1 for equal texts, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  const left = bigrams(a)
  const right = bigrams(b)
  if (left.length === 0 || right.length === 0) return 0
  const counts = new Map<string, number>()
  for (const piece of left) counts.set(piece, (counts.get(piece) ?? 0) + 1)
  let shared = 0
  for (const piece of right) {
    const count = counts.get(piece) ?? 0
    if (count > 0) {
      shared++
      counts.set(piece, count - 1)
    }
  }
  return (2 * shared) / (left.length + right.length)
}

/** How well a (normalised) header names a field with these (normalised) synonyms; null = not. */
export function scoreHeader(header: string, synonyms: readonly string[]): HeaderMatch | null {
  if (header === '') return null
  let best: HeaderMatch | null = null
  const consider = (match: HeaderMatch) => {
    if (!best || match.score > best.score) best = match
  }
  for (const synonym of synonyms) {
    if (synonym === '') continue
    if (synonym === header) return { score: 1, how: 'exact' }
    const synonymLength = [...synonym].length
    if (synonymLength >= MIN_CONTAINED_LENGTH && header.includes(synonym)) {
      // The more of the header the synonym covers, the surer: 0.5–0.9.
      consider({ score: 0.5 + 0.4 * (synonymLength / [...header].length), how: 'contains' })
    }
    const alike = similarity(header, synonym)
    if (alike >= MIN_SIMILARITY) consider({ score: 0.8 * alike, how: 'similar' })
  }
  return best
}

export interface ColumnChoice {
  column: number
  score: number
  how: HeaderMatchKind
}

/**
 * Each field its best column and each column at most one field, best pairs first (an exact
 * '企业名称' wins the name over a '党组织名称' that merely contains '名称'). Ties go to the
 * earlier field of `fields`, then the leftmost column.
 */
export function assignColumns<F extends string>(
  headers: readonly string[],
  fields: readonly { field: F; synonyms: readonly string[] }[],
): Map<F, ColumnChoice> {
  const normalized = headers.map(normalizeHeader)
  const candidates: { field: F; order: number; choice: ColumnChoice }[] = []
  fields.forEach(({ field, synonyms }, order) => {
    const keys = synonyms.map(normalizeHeader)
    normalized.forEach((header, column) => {
      const match = scoreHeader(header, keys)
      if (match) candidates.push({ field, order, choice: { column, ...match } })
    })
  })
  candidates.sort(
    (a, b) =>
      b.choice.score - a.choice.score || a.order - b.order || a.choice.column - b.choice.column,
  )
  const chosen = new Map<F, ColumnChoice>()
  const usedColumns = new Set<number>()
  for (const { field, choice } of candidates) {
    if (chosen.has(field) || usedColumns.has(choice.column)) continue
    chosen.set(field, choice)
    usedColumns.add(choice.column)
  }
  return chosen
}
