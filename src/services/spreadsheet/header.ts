import { assignColumns, type HeaderMatchKind } from '@/domain/headerMatch'
import { cellText, type SheetData } from './cells'
import { columnsOf, REQUIRED_FIELDS, type ImportKind } from './columns'

/** Field → 0-based column index, or null when the sheet has no such column. */
export type ColumnMapping = Record<string, number | null>

export interface HeaderCell {
  index: number
  /** 'A', 'B' … 'AA': how Excel names the column. */
  letter: string
  text: string
}

export interface DetectedHeader {
  /** Index into SheetData.rows of the header row. */
  rowIndex: number
  /** The Excel row number of the header row. */
  rowNumber: number
  cells: HeaderCell[]
  mapping: ColumnMapping
  /** How each proposed column was found; the mapping step asks to check all but 'exact'. */
  matchedBy: Record<string, HeaderMatchKind>
}

/** A title row or two may sit above the header; further down it is not a header sheet. */
export const HEADER_SEARCH_ROWS = 10
const MIN_KNOWN_HEADERS = 2

export function columnLetter(index: number): string {
  let letter = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter
  }
  return letter
}

export function emptyMapping(kind: ImportKind): ColumnMapping {
  return Object.fromEntries(columnsOf(kind).map((column) => [column.field, null]))
}

/** The mapping a header row suggests, each field its best column by meaning. */
export function proposeMapping(
  kind: ImportKind,
  headers: readonly string[],
): { mapping: ColumnMapping; matchedBy: Record<string, HeaderMatchKind>; score: number } {
  const fields = columnsOf(kind).map((column) => ({
    field: column.field,
    synonyms: column.headers,
  }))
  const chosen = assignColumns(headers, fields)
  const mapping = emptyMapping(kind)
  const matchedBy: Record<string, HeaderMatchKind> = {}
  let score = 0
  for (const [field, choice] of chosen) {
    mapping[field] = choice.column
    matchedBy[field] = choice.how
    score += choice.score
  }
  return { mapping, matchedBy, score }
}

function knownCount(mapping: ColumnMapping): number {
  return Object.values(mapping).filter((column) => column !== null).length
}

/**
 * The header row: of the first ten rows, the one whose cells name the most known columns (at
 * least two), then the surest (exact headers outscore a data row's chance resemblances);
 * the higher row on a full tie. null if none does.
 */
export function detectHeader(kind: ImportKind, sheet: SheetData): DetectedHeader | null {
  let best: (DetectedHeader & { count: number; score: number }) | null = null
  for (const [rowIndex, row] of sheet.rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const texts = row.cells.map((cell) => cellText(cell))
    const { mapping, matchedBy, score } = proposeMapping(kind, texts)
    const count = knownCount(mapping)
    if (count < MIN_KNOWN_HEADERS) continue
    if (best && (count < best.count || (count === best.count && score <= best.score))) continue
    const cells = texts
      .map((text, index) => ({ index, letter: columnLetter(index), text }))
      .filter((cell) => cell.text !== '')
    best = { rowIndex, rowNumber: row.number, cells, mapping, matchedBy, count, score }
  }
  if (!best) return null
  const { count: _count, score: _score, ...header } = best
  return header
}

/** The groups of `groups` (REQUIRED_FIELDS shape) with no field mapped. */
export function missingGroups(
  mapping: ColumnMapping,
  groups: readonly (readonly string[])[],
): (readonly string[])[] {
  return groups.filter((group) =>
    group.every((field) => mapping[field] === null || mapping[field] === undefined),
  )
}

/** Required fields the mapping leaves without a column: the first field of each open group. */
export function missingRequired(mapping: ColumnMapping, kind: ImportKind): string[] {
  return missingGroups(mapping, REQUIRED_FIELDS[kind]).map((group) => group[0] ?? '')
}
