import type { Settings } from '@/domain/settings'
import type { IsoDate } from '@/domain/types'
import type { TodoItem } from '@/domain/todo'
import { backupTodo } from './backup'
import { conflictsTodo } from './conflicts'
import { developmentTodo } from './development'
import { jointTodo } from './joint'
import { membersTodo } from './members'
import { meetingsTodo } from './meetings'
import { statusesTodo } from './statuses'
import { studyTodo } from './study'

/** What every 待办 source is given: the scope (null = everything), settings and today. */
export interface TodoSourceInput {
  orgIds: string[] | null
  settings: Settings
  today: IsoDate
}

/** A feature's contribution to the 待办 list: reads through db/, decides in domain/. */
export type TodoSource = (input: TodoSourceInput) => Promise<TodoItem[]>

/**
 * The sources that read a few keys or short index ranges (tens of milliseconds at a
 * province's scale, `npm run bench`): the page starts them first, so their rows show while
 * the heavy reads below have not yet taken the IndexedDB backend.
 */
export const QUICK_TODO_SOURCES = {
  joint: jointTodo,
  backup: backupTodo,
  conflicts: conflictsTodo,
  statuses: statusesTodo,
  development: developmentTodo,
} as const satisfies Record<string, TodoSource>

/** The sources that read most of the scope's members, meetings or study records. */
export const HEAVY_TODO_SOURCES = {
  study: studyTodo,
  meetings: meetingsTodo,
  members: membersTodo,
} as const satisfies Record<string, TodoSource>

/**
 * The feature sources by name, one per feature file in this folder (members' six-month alarm,
 * status deadlines, development deadlines, meetings overdue, joint problems overdue, study
 * behind …). Each reads only its scope. The names label the bench's per-source timings.
 */
export const NAMED_TODO_SOURCES = { ...QUICK_TODO_SOURCES, ...HEAVY_TODO_SOURCES }

export type TodoSourceName = keyof typeof NAMED_TODO_SOURCES

/** The feature sources, quick ones first. */
export const TODO_SOURCES: TodoSource[] = Object.values(NAMED_TODO_SOURCES)
