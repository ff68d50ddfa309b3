import { describe, expect, it } from 'vitest'
import { readArrears, readMeta, readSettings } from '@/db'
import { membersTodo } from '@/composables/todo/members'
import type { DemoGap } from '@/services/demo/gaps'
import { loadDemoData } from '@/services/demoLoader'
import { useFreshDb } from '../db/helpers'

useFreshDb()

describe('the demo’s dues', { timeout: 60_000 }, () => {
  const today = '2026-12-04'
  it('lists on 待办 exactly the members its description names as behind', async () => {
    await loadDemoData(today)
    const gaps = JSON.parse(await readMeta('demoGaps')) as DemoGap[]
    const named = (kind: string) => gaps.find((gap) => gap.kind === kind)?.subjects ?? []
    expect(named('duesSixMonths')).toHaveLength(1)
    expect(named('duesInArrears').length).toBeGreaterThan(0)
    const settings = await readSettings()
    const items = await membersTodo({ orgIds: null, settings, today })
    const dues = items.filter((item) => item.code === 'dues.sixMonth.dues')
    expect(dues.map((item) => item.subject)).toEqual(named('duesSixMonths'))
    const arrears = items.filter((item) => item.code === 'dues.todo.arrears')
    expect(new Set(arrears.map((item) => item.subject))).toEqual(new Set(named('duesInArrears')))
    expect((await readArrears(null, today, 6)).map((row) => row.name)).toEqual(
      named('duesSixMonths'),
    )
  })
})
