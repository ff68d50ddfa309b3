import { computed, type Ref } from 'vue'
import { readCoverageInput } from '@/db'
import { computeCoverage } from '@/domain/coverage'
import { useLiveQuery } from './useLiveQuery'

/** Coverage figures of the scope as of a date, recomputed when the data changes. */
export function useCoverage(orgIds: Ref<string[] | null>, asOf: Ref<string>) {
  const query = useLiveQuery(async () => {
    const input = await readCoverageInput(orgIds.value ?? undefined)
    return computeCoverage(input.firms, input.orgs, input.members, asOf.value)
  }, [orgIds, asOf])
  return { figures: computed(() => query.data.value), loading: query.loading, error: query.error }
}
