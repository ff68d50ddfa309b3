import { computed, type Ref } from 'vue'
import { getFirms, listScopedOrgs, readMeta, readScopeMembers, readSettings } from '@/db'
import { todayIso } from '@/domain/dates'
import { checkOrgRules, findingsByOrg, type RuleInput } from '@/domain/orgRules'
import { gatherTodo, sortTodo, type TodoItem } from '@/domain/todo'
import type { DemoGap } from '@/services/demo/gaps'
export type { DemoGap } from '@/services/demo/gaps'
import { HEAVY_TODO_SOURCES, QUICK_TODO_SOURCES, type TodoSource } from './todo/sources'
import { useLiveQuery, type LiveQuery, type LiveQueryOptions } from './useLiveQuery'

/** What the rule checks read for a scope (null = everything). */
export async function readRuleInput(orgIds: string[] | null): Promise<RuleInput> {
  const [orgs, settings] = await Promise.all([listScopedOrgs(orgIds), readSettings()])
  const members = await readScopeMembers(orgIds === null ? null : orgs.map((org) => org.id))
  // Only the firms the members work in: the firm rules look at no other firm.
  const firms = await getFirms([...new Set(members.map((member) => member.firmId))].filter(Boolean))
  return { orgs, firms, members, settings, today: todayIso() }
}

export interface TodoList {
  /** Every part read so far, most urgent first. */
  items: Ref<TodoItem[]>
  /** Nothing read yet. */
  loading: Ref<boolean>
  /** Parts (the rule checks and each feature source) read so far, of `parts`. */
  done: Ref<number>
  parts: number
  error: Ref<unknown>
}

/**
 * The 待办 list of the current scope, live. The rule checks and each feature source are
 * queries of their own: at a province's scale some take seconds, and the list shows what is
 * read while the rest comes, and re-reads only the part whose tables changed.
 */
export function useTodo(orgIds: Ref<string[] | null>): TodoList {
  const live = (source: TodoSource, options?: LiveQueryOptions) =>
    useLiveQuery(
      async () => {
        const settings = await readSettings()
        return source({ orgIds: orgIds.value, settings, today: todayIso() })
      },
      [orgIds],
      options,
    )
  const quick = Object.values(QUICK_TODO_SOURCES).map((source) => live(source))
  // The heavy reads wait for the quick sources' answers, so those rows show at once.
  const quickRead = computed(() => quick.every((part) => !part.loading.value))
  const after = { after: quickRead }
  const heavy = Object.values(HEAVY_TODO_SOURCES).map((source) => live(source, after))
  const rules = useLiveQuery(
    async () => gatherTodo(await readRuleInput(orgIds.value)),
    [orgIds],
    after,
  )
  const parts: LiveQuery<TodoItem[]>[] = [...quick, ...heavy, rules]
  const done = computed(() => parts.filter((part) => !part.loading.value).length)
  return {
    items: computed(() => sortTodo(parts.flatMap((part) => part.data.value ?? []))),
    loading: computed(() => done.value === 0),
    done,
    parts: parts.length,
    error: computed(() => parts.find((part) => part.error.value)?.error.value ?? null),
  }
}

/** Rule findings per org, for the badges of the org tree and the org page's warnings. */
export function useOrgFindings(orgIds: Ref<string[] | null>) {
  return useLiveQuery(
    async () => findingsByOrg(checkOrgRules(await readRuleInput(orgIds.value))),
    [orgIds],
  )
}

/** What a loaded demo leaves undone on purpose (its description), live; [] for real data. */
export function useDemoGaps() {
  return useLiveQuery(async () => {
    const text = await readMeta('demoGaps')
    if (!text) return [] as DemoGap[]
    try {
      return JSON.parse(text) as DemoGap[]
    } catch {
      return [] as DemoGap[]
    }
  })
}
