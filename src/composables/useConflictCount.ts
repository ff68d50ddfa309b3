import { countOpenConflicts } from '@/db'
import { useLiveQuery } from './useLiveQuery'

/** How many records wait on the conflict screen, live (the data page shows it). */
export function useOpenConflictCount() {
  return useLiveQuery(countOpenConflicts)
}
