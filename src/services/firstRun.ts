import { hasAnyRecord, readMeta, writeMeta } from '@/db'

/** First run = nothing chosen yet on this device: no data and no "start empty". */
export async function isFirstRun(): Promise<boolean> {
  if (await readMeta('firstRunDone')) return false
  return !(await hasAnyRecord())
}

export async function markFirstRunDone(): Promise<void> {
  await writeMeta('firstRunDone', new Date().toISOString())
}
