import { computed, reactive, type Ref } from 'vue'
import {
  countOrgNodes,
  createOrg,
  dissolveOrg,
  getFirms,
  getOrg,
  listAuditFor,
  listMembersOfOrgs,
  listScopedOrgs,
  listSubtreeOrgIds,
  moveOrg,
  removeOrg,
  renewOrgTerm,
  searchFirms,
  updateOrg,
  type OrgNodeCounts,
} from '@/db'
import { canHoldSeat } from '@/domain/memberStatus'
import type { Org } from '@/domain/types'
import { useLiveQuery } from './useLiveQuery'
import { useWriteActions } from './useWrite'

export interface OrgNode {
  id: string
  label: string
  org: Org
  children: OrgNode[]
}

/**
 * The org tree of the scope, live. Member counts are read through indexes per node, only
 * for the nodes shown (top level first, then each branch as it is expanded).
 */
export function useOrgTree(orgIds: Ref<string[] | null>, areaPath?: Ref<string>) {
  const query = useLiveQuery(() => listScopedOrgs(orgIds.value), [orgIds])
  const counts = reactive<Record<string, OrgNodeCounts>>({})
  const tree = computed<OrgNode[]>(() => {
    // An area filter keeps the orgs under that area; one whose parent is outside becomes a root.
    const path = areaPath?.value ?? ''
    const orgs = (query.data.value ?? [])
      .filter((org) => !path || org.areaPath.startsWith(path))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    const nodes = new Map(
      orgs.map((org) => [org.id, { id: org.id, label: org.name, org, children: [] as OrgNode[] }]),
    )
    const roots: OrgNode[] = []
    for (const node of nodes.values()) {
      const parent = nodes.get(node.org.parentId)
      if (parent) parent.children.push(node)
      else roots.push(node)
    }
    return roots
  })
  async function loadCounts(ids: string[]): Promise<void> {
    Object.assign(counts, await countOrgNodes(ids))
  }
  return {
    tree,
    counts,
    loadCounts,
    loading: query.loading,
    orgs: computed(() => query.data.value ?? []),
  }
}

/**
 * One org with its host firms, members, trail, and who may hold a committee seat: 正式党员 of
 * the org or an org under it, not under 留党察看 (选举工作条例 第五条).
 */
export function useOrgDetail(id: Ref<string>) {
  return useLiveQuery(async () => {
    if (!id.value) return null
    const org = await getOrg(id.value)
    if (!org) return null
    const [firms, subtree, trail] = await Promise.all([
      getFirms(org.hostFirmIds),
      listSubtreeOrgIds(org.id),
      listAuditFor(org.id),
    ])
    const people = await listMembersOfOrgs(subtree)
    const members = people.filter((member) => member.orgId === org.id)
    return { org, firms, members, trail, seatCandidates: people.filter(canHoldSeat) }
  }, [id])
}

export const orgWrites = {
  create: createOrg,
  update: updateOrg,
  dissolve: dissolveOrg,
  move: moveOrg,
  remove: removeOrg,
  renew: renewOrgTerm,
}

/** The orgs' writes for components, each run by useWrite. */
export function useOrgActions() {
  return useWriteActions(orgWrites)
}
export { searchFirms }
