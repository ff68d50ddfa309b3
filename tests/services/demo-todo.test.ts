import { describe, expect, it } from 'vitest'
import { getFirms, listScopedOrgs, readMeta, readScopeMembers, readSettings } from '@/db'
import { TODO_SOURCES } from '@/composables/todo/sources'
import { gatherTodo, type TodoItem } from '@/domain/todo'
import type { DemoGap, DemoGapKind } from '@/services/demo/gaps'
import { loadDemoData } from '@/services/demoLoader'
import { useFreshDb } from '../db/helpers'

useFreshDb()

/** The whole department's 待办 as the page gathers it (rule checks and every feature source). */
async function todoOf(today: string): Promise<TodoItem[]> {
  const [orgs, settings] = await Promise.all([listScopedOrgs(null), readSettings()])
  const members = await readScopeMembers(null)
  const firms = await getFirms([...new Set(members.map((m) => m.firmId))].filter(Boolean))
  const more = (
    await Promise.all(TODO_SOURCES.map((source) => source({ orgIds: null, settings, today })))
  ).flat()
  return gatherTodo({ orgs, firms, members, settings, today }, more)
}

describe('the demo tells the truth about the rules', { timeout: 60_000 }, () => {
  // Loaded on 2026-12-04: every yearly and quarterly rule sees a complete period of history.
  const today = '2026-12-04'

  it('lists on 待办 only the gaps its description names', async () => {
    await loadDemoData(today)
    const gaps = JSON.parse(await readMeta('demoGaps')) as DemoGap[]
    const named = (...kinds: DemoGapKind[]) =>
      new Set(gaps.filter((gap) => kinds.includes(gap.kind)).flatMap((gap) => gap.subjects))
    const items = await todoOf(today)
    const of = (test: (item: TodoItem) => boolean) => items.filter(test)

    // Meetings: only branches described as behind or with gaps fall short — no 2025 yearly
    // items for branches that kept up (the history starts on 1 January 2025).
    const meetings = of((item) => item.kind === 'meeting')
    expect(meetings.length).toBeGreaterThan(0)
    const behind = named('meetingsBehind', 'meetingGaps')
    expect(
      meetings
        .filter((item) => !behind.has(item.subject))
        .map((i) => [i.code, i.subject, i.params]),
    ).toEqual([])
    const yearly = meetings.filter((item) => item.code.startsWith('meetings.todo.year.'))
    expect(yearly.length).toBeLessThan(20)

    // Study: exactly the members described as behind (about a tenth, not the 198 of before).
    const study = of((item) => item.kind === 'study')
    expect(new Set(study.map((item) => item.subject))).toEqual(named('studyBehind'))
    expect(study.length).toBeLessThan(100)

    // Terms, statuses and development deadlines: as described.
    expect(new Set(of((item) => item.kind === 'term').map((item) => item.subject))).toEqual(
      named('termOverdue', 'termDueSoon'),
    )
    const statuses = of((item) => item.code.startsWith('members.todo.status.'))
    expect(new Set(statuses.map((item) => item.subject))).toEqual(
      named('lostContactLong', 'awayLong'),
    )
    expect(new Set(of((item) => item.kind === 'development').map((item) => item.subject))).toEqual(
      named('developmentDue'),
    )
    // Nothing structural is wrong in the demo: 3 full members per branch, seats for full members.
    expect(of((item) => item.kind === 'structure' || item.kind === 'committee')).toEqual([])
  })
})
