import { computed, type Ref } from 'vue'
import { listAreas, readCoverageInput, readTallies } from '@/db'
import { todayIso } from '@/domain/dates'
import { figuresFromTallies, talliesUnder } from '@/domain/tallies'
import type { Area } from '@/domain/types'
import { computeCoverage, coverageByArea, type CoverageFigures } from '@/domain/coverage'
import { useLiveQuery } from './useLiveQuery'

export interface AreaCoverageRow {
  areaId: string
  name: string
  figures: CoverageFigures
}

/** The areas a whole-register view breaks down by: a single root's children, else the roots. */
function topLevel(areas: readonly Area[]) {
  const roots = areas.filter((area) => area.parentId === '')
  const parent = roots.length === 1 ? (roots[0]?.id ?? '') : ''
  const children = areas
    .filter((area) => area.parentId === parent)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
  return { parent, children, names: new Map(areas.map((area) => [area.id, area.name])) }
}

/**
 * Today's figures for the whole register from the tallies kept by the writes: no table
 * scan, so a province's dashboard opens in milliseconds (domain/tallies.ts).
 */
async function fromTallies(today: string) {
  const [read, areas] = await Promise.all([readTallies('', today), listAreas()])
  const figures = figuresFromTallies(read.rows, today, read.notYet)
  const byArea: AreaCoverageRow[] = topLevel(areas).children.map((area) => {
    const part = talliesUnder(read.rows, read.notYet, area.path)
    return {
      areaId: area.id,
      name: area.name,
      figures: figuresFromTallies(part.rows, today, part.notYet),
    }
  })
  return { figures, byArea }
}

/**
 * The dashboard's figures: the scope's coverage and, for the whole register, one row per
 * area under the top (a register with one root, the region, shows its cities). One read of
 * the tables serves both; recomputed when the data changes.
 */
export function useCoverage(orgIds: Ref<string[] | null>, asOf: Ref<string>) {
  const query = useLiveQuery(async () => {
    const scoped = orgIds.value
    if (!scoped && asOf.value === todayIso()) return fromTallies(asOf.value)
    const [input, areas] = await Promise.all([
      readCoverageInput(scoped ?? undefined),
      scoped ? [] : listAreas(),
    ])
    const figures = computeCoverage(input.firms, input.orgs, input.members, asOf.value)
    const { parent, names } = topLevel(areas)
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
