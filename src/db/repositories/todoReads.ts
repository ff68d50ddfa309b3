import { addYears } from '@/domain/dates'
import { alarmCutoff } from '@/domain/memberRules'
import type { Settings } from '@/domain/settings'
import { isPartyStage } from '@/domain/memberStatus'
import {
  PIPELINE_STAGES,
  type Id,
  type IsoDate,
  type Member,
  type Org,
  type PartyGroup,
} from '@/domain/types'
import { getDb } from '../connection'
import { RECORD_TABLES } from '../schema'

/**
 * The 待办 list's reads, shaped for a whole province (15,000 orgs, 100,000 members). In
 * Chromium each cursor step is a round trip to the IndexedDB backend, so a Dexie `anyOf` or
 * `filter` over 100,000 rows takes tens of seconds where one `getAll` of the same range takes
 * one; the reads here are equality ranges (`getAll`) filtered in memory.
 */

/** Above this many ids, one read of the table beats as many single gets. */
const WHOLE_TABLE_ABOVE = 500

/** Names of some orgs; reads the whole orgs table once when that is cheaper. */
export async function readOrgNames(ids: Iterable<Id>): Promise<Map<Id, string>> {
  const wanted = new Set(ids)
  const table = getDb().orgs
  const orgs =
    wanted.size > WHOLE_TABLE_ABOVE
      ? await table.toArray()
      : (await table.bulkGet([...wanted])).filter((org): org is Org => !!org)
  return new Map(orgs.filter((org) => wanted.has(org.id)).map((org) => [org.id, org.name]))
}

/** Members of a scope (null = everyone): per org range for a small scope, one read otherwise. */
export async function readScopeMembers(orgIds: readonly Id[] | null): Promise<Member[]> {
  const table = getDb().members
  if (orgIds === null) return table.toArray()
  if (orgIds.length > WHOLE_TABLE_ABOVE) {
    const scope = new Set(orgIds)
    return (await table.toArray()).filter((member) => scope.has(member.orgId))
  }
  const parts = await Promise.all(orgIds.map((id) => table.where('orgId').equals(id).toArray()))
  return parts.flat()
}

/**
 * Candidates for the six-month alarm (memberRules.ts decides): party members whose last
 * attendance is before the cut-off, one range of the lastAttendedOn index.
 */
export async function readAlarmCandidates(
  orgIds: readonly Id[] | null,
  settings: Settings,
  today: IsoDate,
): Promise<Member[]> {
  const scope = orgIds === null ? null : new Set(orgIds)
  const rows = await getDb()
    .members.where('lastAttendedOn')
    .below(alarmCutoff(today, settings))
    .toArray()
  return rows.filter((m) => isPartyStage(m.stage) && (!scope || scope.has(m.orgId)))
}

/** The party groups of some orgs; the whole (small) table when the scope is large. */
export async function readPartyGroupsOf(orgIds: readonly Id[]): Promise<PartyGroup[]> {
  const table = getDb().partyGroups
  if (orgIds.length <= WHOLE_TABLE_ABOVE)
    return table
      .where('orgId')
      .anyOf([...orgIds])
      .toArray()
  const scope = new Set(orgIds)
  return (await table.toArray()).filter((group) => scope.has(group.orgId))
}

/**
 * Whether the device holds any record: the backup reminder's "nothing to lose" test. One
 * key per table, where a count of 500,000 meetings would walk them all.
 */
export async function hasAnyRecord(): Promise<boolean> {
  const db = getDb()
  for (const name of RECORD_TABLES) {
    if ((await db.table(name).limit(1).primaryKeys()).length > 0) return true
  }
  return false
}

/** Statuses that set a deadline (memberRules.ts statusDeadline): 失联, 停止党籍, 流动. */
const DEADLINE_STATUSES = ['lostContact', 'suspended', 'mobile'] as const

/**
 * Members whose status sets a deadline, in a scope (null = everyone): one equality range of
 * the 'status' index per status (getAll), filtered to the scope in memory; they are few.
 */
export async function readStatusCandidates(orgIds: readonly Id[] | null): Promise<Member[]> {
  const scope = orgIds === null ? null : new Set(orgIds)
  const parts = await Promise.all(
    DEADLINE_STATUSES.map((status) => getDb().members.where('status').equals(status).toArray()),
  )
  return parts.flat().filter((m) => !scope || scope.has(m.orgId))
}

/**
 * People whose development has a deadline to come: those in a development stage (equality
 * ranges of the 'stage' index), and full members made full within the last year who may
 * still wait for the 转正 approval (a range of the 'fullMemberOn' index).
 */
export async function readDevelopmentCandidates(
  orgIds: readonly Id[] | null,
  today: IsoDate,
): Promise<Member[]> {
  const scope = orgIds === null ? null : new Set(orgIds)
  const table = getDb().members
  const stages = PIPELINE_STAGES
  const [inDevelopment, recentlyFull] = await Promise.all([
    Promise.all(stages.map((stage) => table.where('stage').equals(stage).toArray())),
    table.where('fullMemberOn').between(addYears(today, -1), today, true, true).toArray(),
  ])
  return [...inDevelopment.flat(), ...recentlyFull].filter((m) => !scope || scope.has(m.orgId))
}
