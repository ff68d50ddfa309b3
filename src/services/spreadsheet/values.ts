import {
  acceptedWords,
  matchSheetValue,
  normalizeWord,
  valueLabel,
  type SheetValueField,
  type ValueMatch,
} from '@/domain/sheetValues'
import { cellText, isEmptyRow, type SheetRow } from './cells'
import { VALUE_FIELDS, type ImportKind } from './columns'
import type { ColumnMapping } from './header'

/**
 * The value step: what the words of a file's enumerated columns mean. A person's choice for a
 * word (this import's, or one remembered on this device) comes first, then the tables of
 * domain/sheetValues.ts; a word neither knows is refused with the accepted words named.
 */

/** The choice that leaves a word's rows out of the import. */
export const SKIP_ROWS = '__skip__'

/** Field → normalised word → app code or SKIP_ROWS. */
export type ValueChoices = Record<string, Record<string, string>>

export type ValueRead =
  { kind: 'code'; code: string } | { kind: 'skip' } | { kind: 'unknown'; allowed: string }

export type ValueReader = (field: string, text: string) => ValueRead

/** The reader of one import: `field` is the sheet's field ('industry', 'type' …). */
export function createValueReader(kind: ImportKind, choices: ValueChoices): ValueReader {
  const tables = VALUE_FIELDS[kind]
  return (field, text) => {
    const table = tables[field]
    if (!table) return { kind: 'unknown', allowed: '' }
    const chosen = choices[field]?.[normalizeWord(text)]
    if (chosen === SKIP_ROWS) return { kind: 'skip' }
    if (chosen) return { kind: 'code', code: chosen }
    const match = matchSheetValue(table, text)
    return match
      ? { kind: 'code', code: match.code }
      : { kind: 'unknown', allowed: acceptedWords(table).join('、') }
  }
}

/**
 * A translation worth a look: a national name whose app label it does not contain (or is not
 * contained in). '软件和信息技术服务业' → 软件和信息技术服务 and '大学本科毕业' → 本科 go
 * without saying; '互联网信息服务' → 新闻信息 and '壮族' → 其他 do not.
 */
function needsLook(match: ValueMatch, word: string, table: SheetValueField): boolean {
  if (match.source !== 'national') return false
  const label = normalizeWord(valueLabel(table, match.code))
  return !(word.includes(label) || label.includes(word))
}

/** One distinct word of an enumerated column, as the value step lists it. */
export interface ValueReviewItem {
  field: string
  table: SheetValueField
  /** The normalised word: the key of a choice. */
  word: string
  /** The cell's text as the file first writes it. */
  text: string
  count: number
  /** The first Excel rows holding it. */
  rows: number[]
  /** What the tables read it as (null: unknown). */
  match: ValueMatch | null
  /** The person's choice for it, remembered or made in this import. */
  choice: string | null
}

const ROWS_SHOWN = 5

/**
 * Every word of the mapped enumerated columns that a person may want to decide on: unknown
 * words, national names whose translation is not obvious (壮族 → 其他, seen before it is
 * written), and words with a remembered choice. The app's own labels and codes
 * and the common short forms (是/否, 电商) are not listed: there is nothing to decide.
 * Unknown words first within each column, then by count.
 */
export function reviewValues(
  kind: ImportKind,
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  choices: ValueChoices,
): ValueReviewItem[] {
  const fields = Object.entries(VALUE_FIELDS[kind]).filter(([field]) => mapping[field] != null)
  const found = new Map<string, ValueReviewItem>()
  const plain = new Set<string>()
  for (const row of rows) {
    if (isEmptyRow(row)) continue
    for (const [field, table] of fields) {
      const text = cellText(row.cells[mapping[field] as number] ?? null)
      if (text === '') continue
      const word = normalizeWord(text)
      const key = `${field}\u0000${word}`
      if (plain.has(key)) continue
      const item = found.get(key)
      if (item) {
        item.count++
        if (item.rows.length < ROWS_SHOWN) item.rows.push(row.number)
        continue
      }
      const match = matchSheetValue(table, text)
      const choice = choices[field]?.[word] ?? null
      if (match && choice === null && !needsLook(match, word, table)) {
        plain.add(key)
        continue
      }
      found.set(key, { field, table, word, text, count: 1, rows: [row.number], match, choice })
    }
  }
  const order = new Map(fields.map(([field], index) => [field, index]))
  return [...found.values()].sort(
    (a, b) =>
      (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0) ||
      Number(a.match !== null) - Number(b.match !== null) ||
      b.count - a.count,
  )
}
