import { computed, type Ref } from 'vue'
import { listAreas, readCoverageInput } from '@/db'
import { computeCoverage, coverageByArea, type CoverageFigures } from '@/domain/coverage'
import { useLiveQuery } from './useLiveQuery'

export interface AreaCoverageRow {
  areaId: string
  name: string
  figures: CoverageFigures
}

/**
 * The dashboard's figures: the scope's coverage and, for the whole register, one row per
 * area under the top (a register with one root, the region, shows its cities). One read of
 * the tables serves both; recomputed when the data changes.
 */
export function useCoverage(orgIds: Ref<string[] | null>, asOf: Ref<string>) {
  const query = useLiveQuery(async () => {
    const scoped = orgIds.value
    const [input, areas] = await Promise.all([
      readCoverageInput(scoped ?? undefined),
      scoped ? [] : listAreas(),
    ])
    const figures = computeCoverage(input.firms, input.orgs, input.members, asOf.value)
    const roots = areas.filter((area) => area.parentId === '')
    const parent = roots.length === 1 ? (roots[0]?.id ?? '') : ''
    const names = new Map(areas.map((area) => [area.id, area.name]))
    const byArea: AreaCoverageRow[] = scoped
      ? []
      : coverageByArea({ ...input, asOf: asOf.value }, areas, parent).map((row) => ({
          areaId: row.areaId,
          name: names.get(row.areaId) ?? '',
          figures: row.figures,
        }))
    return { figures, byArea }
  }, [orgIds, asOf])
  return {
    figures: computed(() => query.data.value?.figures),
    byArea: computed(() => query.data.value?.byArea ?? []),
    loading: query.loading,
    error: query.error,
  }
}
