/**
 * Reads an .xlsx off the main thread (workbook.ts readFirstSheet): receives the file's
 * bytes, answers with the first sheet's plain rows or a SpreadsheetError code.
 */
import { SpreadsheetError } from './problems'
import { parseFirstSheet, type SheetWorkerReply } from './workbook'

/** The worker's global, typed by hand: the app compiles with the DOM lib, not webworker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ArrayBuffer>) => void) | null
  postMessage(message: SheetWorkerReply): void
}

const scope = self as unknown as WorkerScope

scope.onmessage = async (event: MessageEvent<ArrayBuffer>) => {
  let reply: SheetWorkerReply
  try {
    reply = { ok: true, sheet: await parseFirstSheet(event.data) }
  } catch (error) {
    reply =
      error instanceof SpreadsheetError
        ? { ok: false, code: error.code, params: error.params }
        : { ok: false, code: 'unreadable', params: {} }
  }
  scope.postMessage(reply)
}
