import type { CellValue as ExcelCellValue, Workbook } from 'exceljs'
import type { CellValue, SheetData, SheetRow, SheetSource } from './cells'
import { parseCsv } from './csv'
import { sniffFormat } from './format'
import { SpreadsheetError, type SpreadsheetErrorCode } from './problems'
import { declaredUnzippedBytes, inflatedZipBytes } from './zipSize'

/** Refused before reading: bigger files are not registers but accidents or attacks. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024
export const MAX_ROWS = 50_000
/** What the parts of an .xlsx may unpack to: 50,000 rows of a register fit many times over. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
/** Columns past this are ignored: no register has that many, a hostile file might. */
export const MAX_COLUMNS = 100

type ExcelModule = typeof import('exceljs')

/** exceljs is ~1 MB: loaded only when an import or export starts. */
async function loadExcel(): Promise<ExcelModule> {
  const module = (await import('exceljs')) as ExcelModule & { default?: ExcelModule }
  return module.default ?? module
}

export function checkFileSize(bytes: number): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new SpreadsheetError('tooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 })
  }
}

/** The value a cell shows: rich text joined, a formula's result, a link's text. */
export function plainCell(value: ExcelCellValue | undefined): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value
  }
  if (value instanceof Date) return value
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((part) => String(part.text ?? '')).join('')
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return plainCell((value as { result?: ExcelCellValue }).result)
  }
  if ('hyperlink' in value && 'text' in value) {
    return plainCell(value.text as ExcelCellValue)
  }
  return null
}

/**
 * What the sheet worker answers: the rows in batches, then 'done' (or the code of a
 * SpreadsheetError). Batches, not one message: receiving 10,000 rows in one structured
 * clone was itself a long task on the page.
 */
export type SheetWorkerReply =
  | { type: 'rows'; rows: SheetRow[] }
  | { type: 'done'; source: SheetSource }
  | { type: 'error'; code: SpreadsheetErrorCode; params: Record<string, string | number> }

/** Rows per worker message: each arrives as its own short task. */
export const SHEET_BATCH_ROWS = 250

/**
 * The first sheet's rows (or a CSV's) as plain values, with their Excel row numbers. Refuses
 * files over 20 MB and sheets over 50,000 rows (`SpreadsheetError`), an old .xls/.et or an
 * OpenDocument file with the advice to save it as .xlsx, and anything else as 'unreadable'.
 * In the browser the unzipping and parsing run in a Web Worker (sheetWorker.ts): a
 * 10,000-row file blocked the page for seconds on the main thread (no main-thread task
 * over 200 ms during an import).
 */
export async function readFirstSheet(data: ArrayBuffer): Promise<SheetData> {
  checkFileSize(data.byteLength)
  if (typeof Worker === 'undefined' || import.meta.env.MODE === 'test') return parseSheetFile(data)
  const worker = new Worker(new URL('./sheetWorker.ts', import.meta.url), { type: 'module' })
  try {
    const rows: SheetRow[] = []
    const source = await new Promise<SheetSource>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<SheetWorkerReply>) => {
        const reply = event.data
        if (reply.type === 'rows') for (const row of reply.rows) rows.push(row)
        else if (reply.type === 'done') resolve(reply.source)
        else reject(new SpreadsheetError(reply.code, reply.params))
      }
      worker.onerror = (event) => reject(new Error(event.message))
      worker.postMessage(data, [data])
    })
    return { rows, source }
  } finally {
    worker.terminate()
  }
}

/** readFirstSheet's work itself, wherever it runs: the format told by the file's first bytes. */
export async function parseSheetFile(data: ArrayBuffer): Promise<SheetData> {
  checkFileSize(data.byteLength)
  const format = sniffFormat(data)
  if (format === 'xls' || format === 'ods') {
    throw new SpreadsheetError('saveAsXlsx', { format: format === 'xls' ? '.xls / .et' : '.ods' })
  }
  if (format === 'csv') {
    const { rows, encoding } = await parseCsv(data, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS })
    return { rows, source: { format: 'csv', encoding } }
  }
  if (format === 'unknown') throw new SpreadsheetError('unreadable')
  return parseXlsx(data)
}

async function parseXlsx(data: ArrayBuffer): Promise<SheetData> {
  const unzipped = declaredUnzippedBytes(data)
  if (unzipped === null) throw new SpreadsheetError('unreadable')
  // The declared sizes first (cheap), then the bytes really inflated (a file can lie).
  if (unzipped > MAX_UNZIPPED_BYTES) {
    throw new SpreadsheetError('tooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 })
  }
  const inflated = inflatedZipBytes(data, MAX_UNZIPPED_BYTES)
  if (inflated === null) throw new SpreadsheetError('unreadable')
  if (inflated > MAX_UNZIPPED_BYTES) {
    throw new SpreadsheetError('tooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 })
  }
  const Excel = await loadExcel()
  const workbook = new Excel.Workbook()
  try {
    await workbook.xlsx.load(data)
  } catch {
    throw new SpreadsheetError('unreadable')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.actualRowCount === 0) throw new SpreadsheetError('empty')
  if (sheet.actualRowCount > MAX_ROWS) {
    throw new SpreadsheetError('tooManyRows', { max: MAX_ROWS })
  }
  const rows: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const width = Math.min(row.cellCount, MAX_COLUMNS)
    const cells: CellValue[] = []
    for (let column = 1; column <= width; column++) cells.push(plainCell(row.getCell(column).value))
    rows.push({ number, cells })
  })
  return { rows, source: { format: 'xlsx', encoding: '' } }
}

export interface SheetSpec {
  sheetName: string
  headers: readonly string[]
  rows: readonly (readonly (string | number)[])[]
  /** Column widths in characters. */
  widths?: readonly number[]
}

/** One sheet, bold frozen header row; every value is written as a plain value, never a formula. */
export async function writeWorkbook(spec: SheetSpec): Promise<ArrayBuffer> {
  const Excel = await loadExcel()
  const workbook: Workbook = new Excel.Workbook()
  workbook.creator = '支部'
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow([...spec.headers]).font = { bold: true }
  for (const row of spec.rows) sheet.addRow([...row])
  spec.widths?.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width
  })
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}
