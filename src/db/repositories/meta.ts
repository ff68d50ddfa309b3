import { getDb } from '../connection'

export const META_KEYS = [
  'firstRunDone',
  'demoLoadedAt',
  'lastBackupAt',
  'firmStatusOn',
  // What the words of registers meant, as chosen in an import's value step (importChoices.ts).
  'importValueChoices',
  // What a loaded demo leaves undone on purpose (JSON of services/demo/gaps.ts), '' otherwise.
  'demoGaps',
  // This device's answer to navigator.storage.persist() (JSON { askedAt, granted }), '' before.
  'storagePersistence',
] as const
export type MetaKey = (typeof META_KEYS)[number]

export async function readMeta(key: MetaKey): Promise<string> {
  return (await getDb().meta.get(key))?.value ?? ''
}

export async function writeMeta(key: MetaKey, value: string): Promise<void> {
  await getDb().meta.put({ key, value })
}
