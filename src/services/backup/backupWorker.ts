/**
 * Backup and restore off the main thread (no main-thread task over 200 ms while they run, so the page stays usable).
 * Opens the page's database by name (Dexie and the tallies middleware work in a worker;
 * the page's live queries hear of the writes through Dexie's BroadcastChannel) and runs
 * one operation per message, posting progress, then the result or a BackupError's code.
 */
import { closeDatabase, setActor, switchDatabase } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import { readBackupFile } from './read'
import { restoreBackup } from './restore'
import { createBackup } from './write'
import type { WorkerReply, WorkerRequest } from './workerClient'

/** The worker's global, typed by hand: the app compiles with the DOM lib, not webworker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply): void
}

const scope = self as unknown as WorkerScope

async function run(request: WorkerRequest): Promise<unknown> {
  const onProgress = (progress: Parameters<NonNullable<Parameters<typeof createBackup>[1]>>[0]) =>
    scope.postMessage({ type: 'progress', progress })
  switch (request.op) {
    case 'backup':
      return createBackup(request.now, onProgress, request.passphrase)
    case 'read':
      return readBackupFile(request.file, request.limits, onProgress, request.passphrase)
    case 'restore':
      return restoreBackup(request.checked, request.mode, onProgress)
  }
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data
  let reply: WorkerReply
  try {
    switchDatabase(request.dbName)
    setActor(request.actor)
    reply = { type: 'done', value: await run(request) }
  } catch (error) {
    reply =
      error instanceof BackupError
        ? { type: 'error', code: error.code, detail: error.detail, message: error.message }
        : { type: 'error', message: error instanceof Error ? error.message : String(error) }
  } finally {
    closeDatabase()
  }
  scope.postMessage(reply)
}
