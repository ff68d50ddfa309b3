import { onMounted } from 'vue'
import { whenDbLoaded } from './lazyDb'

/**
 * Work that depends on the date, not on a write: an org founded or dissolved on a date
 * that has now come changes its firms' coverage. Runs once a day, after the first paint.
 */
export function useDailyUpkeep(): void {
  onMounted(() => {
    whenDbLoaded()
      .then((db) => db.refreshAllFirmStatusesOnce())
      .catch((error: unknown) => console.error('daily upkeep failed', error))
  })
}
