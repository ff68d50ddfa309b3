import { cellText, type SheetData } from './cells'
import { columnsOf, headerIndex, normalizeHeader, type ImportKind } from './columns'

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

/** The mapping a header row suggests: the first column whose header names each field. */
export function mappingFromHeaders(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const index = headerIndex(kind)
  const mapping = emptyMapping(kind)
  headers.forEach((text, column) => {
    const field = index.get(normalizeHeader(text))
    if (field !== undefined && mapping[field] === null) mapping[field] = column
  })
  return mapping
}

function knownCount(mapping: ColumnMapping): number {
  return Object.values(mapping).filter((column) => column !== null).length
}

/**
 * The header row: the first of the first ten rows whose cells name at least two known
 * columns (by header or synonym). null if none does.
 */
export function detectHeader(kind: ImportKind, sheet: SheetData): DetectedHeader | null {
  const candidates = sheet.rows.slice(0, HEADER_SEARCH_ROWS)
  for (const [rowIndex, row] of candidates.entries()) {
    const texts = row.cells.map((cell) => cellText(cell))
    const mapping = mappingFromHeaders(kind, texts)
    if (knownCount(mapping) < MIN_KNOWN_HEADERS) continue
    const cells = texts
      .map((text, index) => ({ index, letter: columnLetter(index), text }))
      .filter((cell) => cell.text !== '')
    return { rowIndex, rowNumber: row.number, cells, mapping }
  }
  return null
}

/** Required fields the mapping leaves without a column. */
export function missingRequired(mapping: ColumnMapping, required: readonly string[]): string[] {
  return required.filter((field) => mapping[field] === null || mapping[field] === undefined)
}
