import { computed, type Ref } from 'vue'
import {
  readCompliance,
  readSettings,
  readStructureMembers,
  readWorkQuality,
  type DashboardScope,
} from '@/db'
import { complianceByArea, memberStructure, workQuality } from '@/domain/dashboardPanels'
import { todayIso } from '@/domain/dates'
import type { Area } from '@/domain/types'
import { loadTrend } from './dashboardTrend'
import { useLiveQuery } from './useLiveQuery'

/** The dashboard's tabs beyond the figures: each read when its tab is first shown. */

export type { DashboardScope } from '@/db'

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
