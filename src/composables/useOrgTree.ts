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
  moveOrg,
  removeOrg,
  searchFirms,
  updateOrg,
  type OrgNodeCounts,
} from '@/db'
import type { Org } from '@/domain/types'
import { useLiveQuery } from './useLiveQuery'

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

/** One org with its host firms, members (for the committee picker) and trail. */
export function useOrgDetail(id: Ref<string>) {
  return useLiveQuery(async () => {
    if (!id.value) return null
    const org = await getOrg(id.value)
    if (!org) return null
    const [firms, members, trail] = await Promise.all([
      getFirms(org.hostFirmIds),
      listMembersOfOrgs([org.id]),
      listAuditFor(org.id),
    ])
    return { org, firms, members, trail }
  }, [id])
}

export const orgWrites = {
  create: createOrg,
  update: updateOrg,
  dissolve: dissolveOrg,
  move: moveOrg,
  remove: removeOrg,
}
export { searchFirms }
