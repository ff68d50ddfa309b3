/**
 * Name search without scanning the register: each firm keeps the distinct two-character
 * pieces of its name (bigrams), indexed multi-entry; a search looks up the needle's pieces
 * and checks "contains" only on the few firms that have them.
 */
export function nameBigrams(name: string): string[] {
  const text = name.trim().toLowerCase()
  if (text.length < 2) return text ? [text] : []
  const out = new Set<string>()
  for (let i = 0; i < text.length - 1; i++) out.add(text.slice(i, i + 2))
  return [...out]
}

/**
 * Tables whose records keep `nameTokens` = nameBigrams(name) as a derived field (not content:
 * revisions.ts DERIVED_FIELDS), set on every write by db/nameTokens.ts. Firms keep theirs as
 * content, written by their own write paths (older than this list).
 */
export const NAME_TOKEN_TABLES = ['orgs', 'members'] as const

/** A record with its name pieces set from its name (a fresh object; the input is untouched). */
export function withNameTokens<T extends { name?: unknown }>(
  record: T,
): T & { nameTokens: string[] } {
  const name = typeof record.name === 'string' ? record.name : ''
  return { ...record, nameTokens: nameBigrams(name) }
}

/**
 * What a picker search means, the one rule the index lookups reproduce: empty text matches
 * every name; one character, the names that start with it (a single character is no
 * bigram, so only the name index serves it); two or more, the names that contain it,
 * letters in any case.
 */
export function pickerNameMatches(name: string, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (needle === '') return true
  const hay = name.trim().toLowerCase()
  return needle.length < 2 ? hay.startsWith(needle) : hay.includes(needle)
}
