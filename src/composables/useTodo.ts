import type { Ref } from 'vue'
import { listScopedOrgs, readSettings } from '@/db'
import { todayIso } from '@/domain/dates'
import { gatherTodo } from '@/domain/todo'
import { useLiveQuery } from './useLiveQuery'

/** The 待办 list of the current scope, live. */
export function useTodo(orgIds: Ref<string[] | null>) {
  return useLiveQuery(async () => {
    const [orgs, settings] = await Promise.all([listScopedOrgs(orgIds.value), readSettings()])
    return gatherTodo(orgs, settings, todayIso())
  }, [orgIds])
}
