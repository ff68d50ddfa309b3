import { getDb } from '../connection'
import { readMeta, writeMeta } from './meta'

/**
 * The value step's choices, remembered on this device for the next import: per import kind,
 * per field, the normalised word → the app code (or the marker that skips its rows). Kept as
 * one meta entry, not a table: a few hundred words at most.
 */
export type RememberedChoices = Record<string, Record<string, string>>

function isChoices(value: unknown): value is RememberedChoices {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  return Object.values(value).every(
    (words) =>
      words !== null &&
      typeof words === 'object' &&
      !Array.isArray(words) &&
      Object.values(words).every((code) => typeof code === 'string'),
  )
}

async function readAll(): Promise<Record<string, RememberedChoices>> {
  const text = await readMeta('importValueChoices')
  if (text === '') return {}
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    // An entry that is not of the expected shape is forgotten rather than trusted.
    return Object.fromEntries(Object.entries(parsed).filter(([, choices]) => isChoices(choices)))
  } catch {
    return {}
  }
}

/** The choices remembered for one kind of import ('firms', 'members' …). */
export async function readImportChoices(kind: string): Promise<RememberedChoices> {
  return (await readAll())[kind] ?? {}
}

/**
 * Remember `choices` for `kind`, word by word over what was remembered before; a word chosen
 * as '' is forgotten. One transaction, so two tabs cannot lose each other's words.
 */
export async function rememberImportChoices(
  kind: string,
  choices: RememberedChoices,
): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.meta, async () => {
    const all = await readAll()
    const merged: RememberedChoices = { ...(all[kind] ?? {}) }
    for (const [field, words] of Object.entries(choices)) {
      const next = { ...(merged[field] ?? {}) }
      for (const [word, code] of Object.entries(words)) {
        if (code === '') delete next[word]
        else next[word] = code
      }
      merged[field] = next
    }
    await writeMeta('importValueChoices', JSON.stringify({ ...all, [kind]: merged }))
  })
}
