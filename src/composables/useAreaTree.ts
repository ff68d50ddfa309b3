import { computed } from 'vue'
import { listAreas } from '@/db'
import type { Area } from '@/domain/types'
import { useLiveQuery } from './useLiveQuery'

export interface AreaNode {
  value: string
  label: string
  path: string
  retired: boolean
  children: AreaNode[]
}

/** The area tree for pickers and the area page, live (areas number in the hundreds). */
export function useAreaTree() {
  const query = useLiveQuery(listAreas)
  const areas = computed<Area[]>(() => query.data.value ?? [])
  const byId = computed(() => new Map(areas.value.map((area) => [area.id, area])))
  const tree = computed<AreaNode[]>(() => {
    const nodes = new Map<string, AreaNode>()
    for (const area of areas.value) {
      nodes.set(area.id, {
        value: area.id,
        label: area.name,
        path: area.path,
        retired: area.retired === 'yes',
        children: [],
      })
    }
    const roots: AreaNode[] = []
    const sorted = [...areas.value].sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'),
    )
    for (const area of sorted) {
      const node = nodes.get(area.id)!
      const parent = area.parentId ? nodes.get(area.parentId) : undefined
      if (parent) parent.children.push(node)
      else roots.push(node)
    }
    return roots
  })
  /** '包头市 / 稀土高新区': the area's ancestors below the region, for tables. */
  function label(areaId: string): string {
    const names: string[] = []
    for (
      let area = byId.value.get(areaId);
      area;
      area = area.parentId ? byId.value.get(area.parentId) : undefined
    ) {
      if (area.level !== 'region') names.unshift(area.name)
    }
    return names.join(' / ')
  }
  return { areas, byId, tree, label, loading: query.loading }
}

export { createArea, updateArea, moveArea, setAreaRetired, getArea } from '@/db'
