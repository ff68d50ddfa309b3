import { computed, type Ref } from 'vue'
import type { DashboardScope } from '@/db'
import { computeCoverage, coverageByArea, type CoverageFigures } from '@/domain/coverage'
import {
  areaTrail,
  childAreas,
  firmFiguresByFieldAsOf,
  industryFiguresFromTallies,
  sizeClassFiguresFromTallies,
  topAreaId,
  type IndustryFigures,
  type SizeClassFigures,
} from '@/domain/dashboard'
import { todayIso } from '@/domain/dates'
import { figuresFromTallies, talliesUnder } from '@/domain/tallies'
import type { Area } from '@/domain/types'
import type { DataLayer } from './lazyDb'
import { useLiveQuery } from './useLiveQuery'

// The dashboard's first route: where it stands and today's figures. The tabs' reads are in
// useDashboardPanels.ts and the report in useDashboardReport.ts, each loaded with what uses
// it, so the figures wait on neither.
export type { DashboardScope } from '@/db'

export interface AreaRow {
  areaId: string
  name: string
  /** Whether the row has areas under it to drill into. */
  hasChildren: boolean
  figures: CoverageFigures
}

export interface DashboardFigures {
  figures: CoverageFigures
  byArea: AreaRow[]
  byIndustry: IndustryFigures[]
  bySizeClass: SizeClassFigures[]
  /** 'tallies' = today's kept counts; 'records' = computed from the records. */
  source: 'tallies' | 'records'
}

/**
 * Where the dashboard stands in the area tree: the area of `?area=` (else the top), its
 * breadcrumb and its children. A secretary's org scope has no area tree.
 */
export function useDashboardArea(areaId: Ref<string>, orgIds: Ref<string[] | null>) {
  const areas = useLiveQuery((db) => db.listAreas())
  const all = computed(() => areas.data.value ?? [])
  const top = computed(() => topAreaId(all.value))
  const current = computed<Area | undefined>(() =>
    areaId.value && areaId.value !== top.value
      ? all.value.find((area) => area.id === areaId.value)
      : undefined,
  )
  const parentId = computed(() => current.value?.id ?? top.value)
  const children = computed(() => childAreas(all.value, parentId.value))
  const scope = computed<DashboardScope | null>(() => {
    if (orgIds.value) return { kind: 'orgs', orgIds: orgIds.value }
    if (!areas.data.value) return null
    return { kind: 'area', areaPath: current.value?.path ?? '' }
  })
  return {
    ready: computed(() => areas.data.value !== undefined),
    current,
    trail: computed(() => areaTrail(all.value, current.value?.id ?? '')),
    children,
    scope,
    hasChildren: (id: string) => all.value.some((area) => area.parentId === id),
  }
}

/** Today's figures of an area from the tallies only: a few key ranges, no table scan. */
async function fromTallies(
  { readTallies }: DataLayer,
  areaPath: string,
  children: readonly Area[],
  today: string,
  hasChildren: (id: string) => boolean,
): Promise<DashboardFigures> {
  const read = await readTallies(areaPath, today)
  return {
    figures: figuresFromTallies(read.rows, today, read.notYet),
    byArea: children.map((area) => {
      const part = talliesUnder(read.rows, read.notYet, area.path)
      return {
        areaId: area.id,
        name: area.name,
        hasChildren: hasChildren(area.id),
        figures: figuresFromTallies(part.rows, today, part.notYet),
      }
    }),
    byIndustry: industryFiguresFromTallies(read.rows, today, read.notYet),
    bySizeClass: sizeClassFiguresFromTallies(read.rows, today, read.notYet),
    source: 'tallies',
  }
}

/**
 * Another date (or an org scope): the records of the scope, computed. Reads whole tables
 * for the whole register, so it is slow at province scale; today never comes here.
 */
async function fromRecords(
  { readDashboardRecords }: DataLayer,
  scope: DashboardScope,
  parent: { id: string; areas: readonly Area[] },
  asOf: string,
  hasChildren: (id: string) => boolean,
): Promise<DashboardFigures> {
  const records = await readDashboardRecords(scope)
  const names = new Map(parent.areas.map((area) => [area.id, area.name]))
  const byArea =
    scope.kind === 'area'
      ? coverageByArea({ ...records, asOf }, parent.areas, parent.id).map((row) => ({
          areaId: row.areaId,
          name: names.get(row.areaId) ?? '',
          hasChildren: hasChildren(row.areaId),
          figures: row.figures,
        }))
      : []
  const { byIndustry, bySizeClass } = firmFiguresByFieldAsOf(records.firms, records.orgs, asOf)
  return {
    figures: computeCoverage(records.firms, records.orgs, records.members, asOf),
    byArea,
    byIndustry,
    bySizeClass,
    source: 'records',
  }
}

/** The coverage figures of the scope on `asOf`, with the area, industry and size rows. */
export function useDashboardFigures(place: ReturnType<typeof useDashboardArea>, asOf: Ref<string>) {
  const key = computed(() => JSON.stringify(place.scope.value))
  const query = useLiveQuery(
    async (db) => {
      const scope = place.scope.value
      if (!scope) return undefined
      const children = place.children.value
      if (scope.kind === 'area' && asOf.value === todayIso()) {
        return fromTallies(db, scope.areaPath, children, asOf.value, place.hasChildren)
      }
      // coverageByArea wants the areas: the children and their parent id are enough.
      const parentId = children[0]?.parentId ?? ''
      return fromRecords(
        db,
        scope,
        { id: parentId, areas: children },
        asOf.value,
        place.hasChildren,
      )
    },
    [key, asOf],
  )
  return { data: query.data, loading: query.loading, error: query.error }
}
