import type { useI18n } from 'vue-i18n'
import { roundRate } from '@/domain/coverage'
import type { FirmFigures, TrendPoint } from '@/domain/dashboard'
import { ORG_TYPES } from '@/domain/types'
import { exportDashboard, type ReportSheet } from '@/services/spreadsheet/dashboard'
import { loadTrend } from './dashboardTrend'
import type { ReportInput } from './useDashboardReport'

/** The dashboard's report: fetched when 导出 is clicked, not with the page. */

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

/** Compute the trend for the file (if not shown yet) and write the workbook. */
export async function exportReport(t: Translate, input: ReportInput) {
  const trend = await loadTrend(input.scope, input.asOf)
  return exportDashboard(
    reportSheets(t, input, trend),
    `${t('dashboardX.report.fileName')}_${input.areaName}`,
  )
}
