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
