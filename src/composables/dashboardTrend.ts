import { readDashboardRecords, type DashboardScope } from '@/db'
import { coverageTrend, monthEndPoints, type TrendPoint } from '@/domain/dashboard'

// No Vue here: the report's chunk, fetched on 导出, shares it with the trend tab.

/** The 12 month-end points up to `asOf`: one read of the scope's records, 12 computations. */
export async function loadTrend(scope: DashboardScope, asOf: string): Promise<TrendPoint[]> {
  const records = await readDashboardRecords(scope)
  return coverageTrend(records.firms, records.orgs, records.members, monthEndPoints(asOf))
}
