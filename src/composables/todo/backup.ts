import { hasAnyRecord, readLastBackupAt } from '@/db'
import { backupReminder, backupTodoItem } from '@/domain/backupFormat'
import { todayIso } from '@/domain/dates'
import type { TodoSource } from './sources'

/**
 * The device's data has no copy newer than data.backupReminderDays. Whatever the scope:
 * the backup is of the whole device, so everyone who works on it is reminded.
 */
export const backupTodo: TodoSource = async ({ settings }) => {
  // Whether there is anything to lose: one key per table, not a count of every record.
  const [lastBackupAt, any] = await Promise.all([readLastBackupAt(), hasAnyRecord()])
  const total = any ? 1 : 0
  const days = settings['data.backupReminderDays']
  const reminder = backupReminder(lastBackupAt, new Date(), days, total)
  const lastDay = lastBackupAt === '' ? '' : todayIso(new Date(lastBackupAt))
  const item = backupTodoItem(reminder, days, lastDay)
  return item ? [item] : []
}
