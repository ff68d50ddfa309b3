import { countOpenConflicts } from '@/db'
import { conflictsTodoItem } from '@/domain/exchange'
import type { TodoSource } from './sources'

/** Records changed on two devices wait for a person (the whole device's, like the backup). */
export const conflictsTodo: TodoSource = async () => {
  const item = conflictsTodoItem(await countOpenConflicts())
  return item ? [item] : []
}
