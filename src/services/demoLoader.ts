import { replaceAllRecords, type TableRows } from '@/db'
import { todayIso } from '@/domain/dates'
import { generateDemoWithGaps } from './demo/generate'

/**
 * Replace the database by the article's demo data. Whatever was there goes to the
 * recycle bin as one snapshot; one audit entry records the load.
 */
export async function loadDemoData(today: string = todayIso()): Promise<void> {
  const { dataset, gaps } = generateDemoWithGaps({ today })
  const rows: Partial<TableRows> = { ...dataset } as unknown as Partial<TableRows>
  await replaceAllRecords(rows, 'demo', 'demo', 'demo', JSON.stringify(gaps))
}

/** Start empty: the current records move to the recycle bin as one snapshot. */
export async function clearAllData(): Promise<void> {
  await replaceAllRecords({}, 'clear', 'clear', 'clear')
}
