import type { Ref } from 'vue'
import { listAreas, readCoverageInput } from '@/db'
import { coverageByArea, type CoverageFigures } from '@/domain/coverage'
import { useLiveQuery } from './useLiveQuery'

export interface AreaCoverageRow {
  areaId: string
  name: string
  figures: CoverageFigures
}

/**
 * Coverage of each area under `parentAreaId`; '' starts at the top, where a register with
 * one root (the region) shows the root's children (its cities and leagues).
 */
export function useAreaCoverage(asOf: Ref<string>, parentAreaId?: Ref<string>) {
  const query = useLiveQuery(async () => {
    const [input, areas] = await Promise.all([readCoverageInput(), listAreas()])
    const roots = areas.filter((area) => area.parentId === '')
    const parent = parentAreaId?.value || (roots.length === 1 ? (roots[0]?.id ?? '') : '')
    const names = new Map(areas.map((area) => [area.id, area.name]))
    return coverageByArea({ ...input, asOf: asOf.value }, areas, parent).map((row) => ({
      areaId: row.areaId,
      name: names.get(row.areaId) ?? '',
      figures: row.figures,
    }))
  }, [asOf, ...(parentAreaId ? [parentAreaId] : [])])
  return { rows: query.data as Ref<AreaCoverageRow[] | undefined>, loading: query.loading }
}
