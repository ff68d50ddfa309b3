import type { TodoUrgency } from '@/domain/todo'

/** Dotted codes are full keys of a feature's messages; bare ones live under todo. */
export function todoMessageKey(code: string): string {
  return code.includes('.') ? code : `todo.${code}`
}

/** How each urgency shows, in the 待办 table and its phone cards. */
export const URGENCY_TAG: Record<TodoUrgency, 'danger' | 'warning' | 'info'> = {
  overdue: 'danger',
  soon: 'warning',
  warning: 'info',
}
export const URGENCY_LABEL: Record<TodoUrgency, string> = {
  overdue: 'todo.overdue',
  soon: 'todo.soon',
  warning: 'todo.warning',
}
