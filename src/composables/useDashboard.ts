import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import {
  listAreas,
  readCompliance,
  readDashboardRecords,
  readSettings,
  readStructureMembers,
  readTallies,
  readWorkQuality,
  type DashboardScope,
} from '@/db'
import { computeCoverage, coverageByArea, roundRate, type CoverageFigures } from '@/domain/coverage'
import {
  areaTrail,
  childAreas,
  complianceByArea,
  coverageTrend,
  firmFiguresByFieldAsOf,
  industryFiguresFromTallies,
  memberStructure,
  monthEndPoints,
  sizeClassFiguresFromTallies,
  topAreaId,
  workQuality,
  type FirmFigures,
  type IndustryFigures,
  type SizeClassFigures,
  type TrendPoint,
} from '@/domain/dashboard'
import { todayIso } from '@/domain/dates'
import { figuresFromTallies, talliesUnder } from '@/domain/tallies'
import { ORG_TYPES, type Area } from '@/domain/types'
import { exportDashboard, type ReportSheet } from '@/services/spreadsheet/dashboard'
import { useLiveQuery } from './useLiveQuery'

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
  const areas = useLiveQuery(() => listAreas())
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
  const query = useLiveQuery(async () => {
    const scope = place.scope.value
    if (!scope) return undefined
    const children = place.children.value
    if (scope.kind === 'area' && asOf.value === todayIso()) {
      return fromTallies(scope.areaPath, children, asOf.value, place.hasChildren)
    }
    // coverageByArea wants the areas: the children and their parent id are enough.
    const parentId = children[0]?.parentId ?? ''
    return fromRecords(scope, { id: parentId, areas: children }, asOf.value, place.hasChildren)
  }, [key, asOf])
  return { data: query.data, loading: query.loading, error: query.error }
}

/** The 12 month-end points up to `asOf`: one read of the scope's records, 12 computations. */
export async function loadTrend(scope: DashboardScope, asOf: string): Promise<TrendPoint[]> {
  const records = await readDashboardRecords(scope)
  return coverageTrend(records.firms, records.orgs, records.members, monthEndPoints(asOf))
}

/** The trend, computed when its tab is first shown (it reads the scope's whole records). */
export function useCoverageTrend(scope: Ref<DashboardScope | null>, asOf: Ref<string>) {
  const key = computed(() => JSON.stringify(scope.value))
  return useLiveQuery(
    async () => (scope.value ? loadTrend(scope.value, asOf.value) : undefined),
    [key, asOf],
  )
}

/** The members' structure of the scope on today's date (a full read for the whole register). */
export function useMemberStructure(scope: Ref<DashboardScope | null>) {
  const key = computed(() => JSON.stringify(scope.value))
  return useLiveQuery(async () => {
    if (!scope.value) return undefined
    const today = todayIso()
    return memberStructure(await readStructureMembers(scope.value), today)
  }, [key])
}

/** Terms, secretaries, the six-month alarm, joint problems and study hours of the scope. */
export function useWorkQuality(scope: Ref<DashboardScope | null>) {
  const key = computed(() => JSON.stringify(scope.value))
  return useLiveQuery(async () => {
    if (!scope.value) return undefined
    const today = todayIso()
    const settings = await readSettings()
    const records = await readWorkQuality(scope.value, settings, today)
    return workQuality({ ...records, settings, today })
  }, [key])
}

/** Meeting compliance over the last 12 months, summed per child area. */
export function useComplianceByArea(
  scope: Ref<DashboardScope | null>,
  children: Ref<readonly Area[]>,
) {
  const key = computed(() => JSON.stringify(scope.value))
  return useLiveQuery(async () => {
    if (!scope.value) return undefined
    const today = todayIso()
    const settings = await readSettings()
    const read = await readCompliance(scope.value, settings, today)
    let due = 0
    let met = 0
    for (const rate of read.rates.values()) {
      due += rate.due
      met += rate.met
    }
    const names = new Map(children.value.map((area) => [area.id, area.name]))
    return {
      months: read.months,
      orgs: read.orgs.length,
      due,
      met,
      rate: due === 0 ? null : met / due,
      byArea: complianceByArea(read.orgs, read.rates, children.value).map((row) => ({
        ...row,
        name: names.get(row.areaId) ?? '',
      })),
    }
  }, [key, children])
}

// ─── The report ─────────────────────────────────────────────────────────────

export interface ReportInput {
  areaName: string
  asOf: string
  scope: DashboardScope
  data: DashboardFigures
}

type Translate = ReturnType<typeof useI18n>['t']

/** The sheets of the report, translated: overview, by area, industry, size, trend. */
export function reportSheets(t: Translate, input: ReportInput, trend: readonly TrendPoint[]) {
  const { data } = input
  const title = [
    t('dashboardX.report.title'),
    input.areaName,
    t('dashboardX.report.asOf', { date: input.asOf }),
  ].join(' · ')
  const pct = (key: string) => t('dashboardX.report.percent', { label: t(key) })
  const firmHeaders = [
    t('dashboardX.col.firms'),
    t('dashboardX.col.withOrg'),
    t('dashboardX.col.own'),
    t('dashboardX.col.joint'),
    t('dashboardX.col.instructorOnly'),
    t('dashboardX.col.none'),
    pct('dashboardX.col.orgRate'),
    pct('dashboardX.col.ownRate'),
    pct('dashboardX.col.workRate'),
  ]
  const firmCells = (f: FirmFigures) => [
    f.operatingFirms,
    f.firmsWithOrg,
    f.firmsWithOwnOrg,
    f.firmsInJointBranch,
    f.firmsInstructorOnly,
    f.firmsUncovered,
    roundRate(f.orgCoverageRate),
    roundRate(f.ownOrgRate),
    roundRate(f.workCoverageRate),
  ]
  const f = data.figures
  const overview: [string, number][] = [
    [t('dashboardX.col.firms'), f.operatingFirms],
    [t('dashboardX.col.withOrg'), f.firmsWithOrg],
    [t('dashboardX.col.own'), f.firmsWithOwnOrg],
    [t('dashboardX.col.joint'), f.firmsInJointBranch],
    [t('dashboardX.col.instructorOnly'), f.firmsInstructorOnly],
    [t('dashboardX.col.none'), f.firmsUncovered],
    [pct('dashboardX.col.orgRate'), roundRate(f.orgCoverageRate)],
    [pct('dashboardX.col.ownRate'), roundRate(f.ownOrgRate)],
    [pct('dashboardX.col.workRate'), roundRate(f.workCoverageRate)],
    [t('dashboardX.col.members'), f.members],
    [t('dashboardX.col.full'), f.fullMembers],
    [t('dashboardX.col.probationary'), f.probationaryMembers],
    ...ORG_TYPES.map((type): [string, number] => [t(`orgType.${type}`), f.orgsByType[type]]),
  ]
  const sheet = (name: string, headers: string[], rows: (string | number)[][]): ReportSheet => ({
    name: t(`dashboardX.report.sheets.${name}`),
    title,
    headers,
    rows,
  })
  return [
    sheet('overview', [t('dashboardX.report.figure'), t('dashboardX.report.value')], overview),
    sheet(
      'area',
      [t('dashboardX.col.area'), ...firmHeaders, t('dashboardX.col.members')],
      data.byArea.map((row) => [row.name, ...firmCells(row.figures), row.figures.members]),
    ),
    sheet(
      'industry',
      [t('dashboardX.col.industry'), ...firmHeaders],
      data.byIndustry.map((row) => [t(`industry.${row.industry}`), ...firmCells(row.figures)]),
    ),
    sheet(
      'size',
      [t('dashboardX.col.sizeClass'), ...firmHeaders],
      data.bySizeClass.map((row) => [
        t(`firm.sizeClass.${row.sizeClass}`),
        ...firmCells(row.figures),
      ]),
    ),
    sheet(
      'trend',
      [
        t('dashboardX.col.month'),
        t('dashboardX.col.firms'),
        t('dashboardX.col.withOrg'),
        pct('dashboardX.col.orgRate'),
        pct('dashboardX.col.ownRate'),
        t('dashboardX.col.members'),
      ],
      trend.map((p) => [
        p.date,
        p.operatingFirms,
        p.firmsWithOrg,
        roundRate(p.orgCoverageRate),
        roundRate(p.ownOrgRate),
        p.members,
      ]),
    ),
  ]
}

/** Export the current view's figures; the trend is computed for the file if not shown yet. */
export function useDashboardReport() {
  const { t } = useI18n()
  const busy = ref(false)
  async function exportXlsx(input: ReportInput): Promise<void> {
    busy.value = true
    try {
      const trend = await loadTrend(input.scope, input.asOf)
      const result = await exportDashboard(
        reportSheets(t, input, trend),
        `${t('dashboardX.report.fileName')}_${input.areaName}`,
      )
      ElMessage.success(t('dashboardX.report.exported', { file: result.fileName }))
    } catch (error) {
      console.error(error)
      ElMessage.error(t('dashboardX.report.exportFailed'))
    } finally {
      busy.value = false
    }
  }
  return { busy: computed(() => busy.value), exportXlsx }
}
