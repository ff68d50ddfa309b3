import type { Ref } from 'vue'
import { getFirms, listMembersOfOrgs, listScopedOrgs, readSettings } from '@/db'
import { todayIso } from '@/domain/dates'
import { checkOrgRules, findingsByOrg, type RuleInput } from '@/domain/orgRules'
import { gatherTodo } from '@/domain/todo'
import { TODO_SOURCES } from './todo/sources'
import { useLiveQuery } from './useLiveQuery'

/** What the rule checks read for a scope (null = everything). */
async function readRuleInput(orgIds: string[] | null): Promise<RuleInput> {
  const [orgs, settings] = await Promise.all([listScopedOrgs(orgIds), readSettings()])
  const members = await listMembersOfOrgs(orgs.map((org) => org.id))
  // Only the firms the members work in: the firm rules look at no other firm.
  const firms = await getFirms([...new Set(members.map((member) => member.firmId))].filter(Boolean))
  return { orgs, firms, members, settings, today: todayIso() }
}

/** The 待办 list of the current scope, live. */
export function useTodo(orgIds: Ref<string[] | null>) {
  return useLiveQuery(async () => {
    const input = await readRuleInput(orgIds.value)
    const sourceInput = { orgIds: orgIds.value, settings: input.settings, today: input.today }
    const more = await Promise.all(TODO_SOURCES.map((source) => source(sourceInput)))
    return gatherTodo(input, more.flat())
  }, [orgIds])
}

/** Rule findings per org, for the badges of the org tree and the org page's warnings. */
export function useOrgFindings(orgIds: Ref<string[] | null>) {
  return useLiveQuery(
    async () => findingsByOrg(checkOrgRules(await readRuleInput(orgIds.value))),
    [orgIds],
  )
}
