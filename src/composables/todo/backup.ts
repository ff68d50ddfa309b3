import { countRecords, readLastBackupAt } from '@/db'
import { backupReminder, backupTodoItem } from '@/domain/backupFormat'
import type { TodoSource } from './sources'

/**
 * The device's data has no copy newer than data.backupReminderDays. Whatever the scope:
 * the backup is of the whole device, so everyone who works on it is reminded.
 */
export const backupTodo: TodoSource = async ({ settings, today }) => {
  const [lastBackupAt, counts] = await Promise.all([readLastBackupAt(), countRecords()])
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  const days = settings['data.backupReminderDays']
  const item = backupTodoItem(backupReminder(lastBackupAt, new Date(), days, total), days, today)
  return item ? [item] : []
}
