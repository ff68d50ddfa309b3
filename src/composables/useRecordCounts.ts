import { countRecords } from '@/db'
import { useLiveQuery } from './useLiveQuery'

/** Records per table, kept live (each count walks only the table's primary index). */
export function useRecordCounts() {
  return useLiveQuery(countRecords)
}
