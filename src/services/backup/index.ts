/** Backup files (.zhibu): make one, read and check one, restore it. */
export { createBackup, canonicalPayload, DATA_TABLES, type CreatedBackup } from './write'
export { readBackupFile, type CheckedBackup } from './read'
export { restoreBackup } from './restore'
