import { countRecords, readMeta, writeMeta } from '@/db'

/** First run = nothing chosen yet on this device: no data and no "start empty". */
export async function isFirstRun(): Promise<boolean> {
  if (await readMeta('firstRunDone')) return false
  const counts = await countRecords()
  return Object.values(counts).every((n) => n === 0)
}

export async function markFirstRunDone(): Promise<void> {
  await writeMeta('firstRunDone', new Date().toISOString())
}
