/** Backup files (.zhibu): make one, read and check one, restore it (in a worker in the browser). */
export {
  createBackup,
  canonicalPayload,
  BackupLineWriter,
  DATA_TABLES,
  type CreatedBackup,
  type BackupProgress,
  type OnProgress,
} from './write'
export { readBackupFile, type CheckedBackup, type ReadLimits } from './read'
export { restoreBackup } from './restore'
export { backupInWorker, readInWorker, restoreInWorker } from './workerClient'
export { readSealedInfo, sealFile, openSealedFile, type SealedInfo } from './seal'
