import type { CellValue, SheetRow } from './cells'
import { SpreadsheetError } from './problems'

/**
 * A CSV register as rows, the way Excel would show it: one record a row, numbered from 1.
 * The bytes are decoded by their mark (UTF-8 or UTF-16 with a BOM), else as UTF-8 when they
 * are valid UTF-8, else as GB18030 (a superset of the GBK that Excel and WPS write on Chinese
 * Windows). Parsing is papaparse's: quotes, line breaks inside cells, and the delimiter
 * (comma, tab, semicolon) found by itself.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export function decodeText(data: ArrayBuffer): { text: string; encoding: TextEncodingName } {
  const bytes = new Uint8Array(data)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

type Papa = typeof import('papaparse')

/** papaparse is loaded when a CSV is read (it runs in the sheet worker in the browser). */
async function loadPapa(): Promise<Papa> {
  const module = (await import('papaparse')) as Papa & { default?: Papa }
  return module.default ?? module
}

export async function parseCsv(
  data: ArrayBuffer,
  limits: { maxRows: number; maxColumns: number },
): Promise<{ rows: SheetRow[]; encoding: TextEncodingName }> {
  const { text, encoding } = decodeText(data)
  if (text.includes('\u0000')) throw new SpreadsheetError('unreadable')
  const Papa = await loadPapa()
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, preview: limits.maxRows + 2 })
  const records = parsed.data
  // A last line break leaves one empty record behind.
  while (records.length > 0 && (records.at(-1) ?? []).every((cell) => cell.trim() === ''))
    records.pop()
  if (records.length === 0) throw new SpreadsheetError('empty')
  if (records.length > limits.maxRows)
    throw new SpreadsheetError('tooManyRows', { max: limits.maxRows })
  const rows: SheetRow[] = []
  records.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === '')) return
    const cells: CellValue[] = record.slice(0, limits.maxColumns).map((cell) => cell)
    rows.push({ number: index + 1, cells })
  })
  return { rows, encoding }
}
