import { databaseName, getActor, type RestoreMode, type RestoreResult } from '@/db'
import { BackupError, type BackupErrorCode, type BackupErrorDetail } from '@/domain/backupFormat'
import { readBackupFile, type CheckedBackup, type ReadLimits } from './read'
import { restoreBackup } from './restore'
import { createBackup, type BackupProgress, type CreatedBackup, type OnProgress } from './write'

/** One operation for backupWorker.ts, on the database the page uses. */
export type WorkerRequest = { dbName: string; actor: string } & (
  | { op: 'backup'; now: Date; passphrase?: string }
  | { op: 'read'; file: Blob; limits: ReadLimits; passphrase?: string }
  | { op: 'restore'; checked: CheckedBackup; mode: RestoreMode }
)

export type WorkerReply =
  | { type: 'progress'; progress: BackupProgress }
  | { type: 'done'; value: unknown }
  | { type: 'error'; code?: BackupErrorCode; detail?: BackupErrorDetail; message: string }

/** In the browser, a worker; in vitest (and wherever there is no Worker) the same code here. */
function inWorker(): boolean {
  return typeof Worker !== 'undefined' && import.meta.env.MODE !== 'test'
}

type Operation =
  | { op: 'backup'; now: Date; passphrase?: string }
  | { op: 'read'; file: Blob; limits: ReadLimits; passphrase?: string }
  | { op: 'restore'; checked: CheckedBackup; mode: RestoreMode }

function run<T>(operation: Operation, onProgress?: OnProgress): Promise<T> {
  const worker = new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module' })
  const request: WorkerRequest = { ...operation, dbName: databaseName(), actor: getActor() }
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      if (reply.type === 'progress') {
        onProgress?.(reply.progress)
        return
      }
      worker.terminate()
      if (reply.type === 'done') resolve(reply.value as T)
      else if (reply.code) reject(new BackupError(reply.code, reply.detail))
      else reject(new Error(reply.message))
    }
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(event.message || 'backup worker failed'))
    }
    worker.postMessage(request)
  })
}

/** createBackup, off the main thread in the browser. */
export function backupInWorker(
  now: Date = new Date(),
  onProgress?: OnProgress,
  passphrase?: string,
): Promise<CreatedBackup> {
  if (!inWorker()) return createBackup(now, onProgress, passphrase)
  return run({ op: 'backup', now, passphrase }, onProgress)
}

/** readBackupFile (pass 1: every check, the preview), off the main thread in the browser. */
export function readInWorker(
  file: Blob,
  limits: ReadLimits = {},
  onProgress?: OnProgress,
  passphrase?: string,
): Promise<CheckedBackup> {
  if (!inWorker()) return readBackupFile(file, limits, onProgress, passphrase)
  return run({ op: 'read', file, limits, passphrase }, onProgress)
}

/** restoreBackup (pass 2: the write), off the main thread in the browser. */
export function restoreInWorker(
  checked: CheckedBackup,
  mode: RestoreMode,
  onProgress?: OnProgress,
): Promise<RestoreResult> {
  if (!inWorker()) return restoreBackup(checked, mode, onProgress)
  return run({ op: 'restore', checked, mode }, onProgress)
}
