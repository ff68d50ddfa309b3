/**
 * Reads an .xlsx or a .csv off the main thread (workbook.ts readFirstSheet): receives the
 * file's bytes, answers with the plain rows in batches or a SpreadsheetError code.
 */
import { SpreadsheetError } from './problems'
import { parseSheetFile, SHEET_BATCH_ROWS, type SheetWorkerReply } from './workbook'

/** The worker's global, typed by hand: the app compiles with the DOM lib, not webworker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ArrayBuffer>) => void) | null
  postMessage(message: SheetWorkerReply): void
}

const scope = self as unknown as WorkerScope

scope.onmessage = async (event: MessageEvent<ArrayBuffer>) => {
  try {
    const { rows, source } = await parseSheetFile(event.data)
    for (let start = 0; start < rows.length; start += SHEET_BATCH_ROWS) {
      scope.postMessage({ type: 'rows', rows: rows.slice(start, start + SHEET_BATCH_ROWS) })
    }
    scope.postMessage({ type: 'done', source: source ?? { format: 'xlsx', encoding: '' } })
  } catch (error) {
    scope.postMessage(
      error instanceof SpreadsheetError
        ? { type: 'error', code: error.code, params: error.params }
        : { type: 'error', code: 'unreadable', params: {} },
    )
  }
}
