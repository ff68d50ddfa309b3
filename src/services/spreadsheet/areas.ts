import type { Area } from '@/domain/types'

/**
 * Areas by the names a sheet uses: a bare name ('稀土高新区') when it is unique, or a path of
 * names ('包头市/稀土高新区', any tail of the full path) when it is not; the names of a path may
 * also be written run together ('包头市稀土高新区'), as registers often do.
 */
export type AreaMatch =
  { ok: true; id: string } | { ok: false; code: 'required' | 'notFound' | 'ambiguous' }

export interface AreaLookup {
  find(text: string): AreaMatch
  /** What export writes: the name when it is unique, otherwise the full path of names. */
  label(id: string): string
}

const SEPARATOR = /\s*[/／\\>＞]\s*/

function key(names: readonly string[]): string {
  return names.join('/')
}

export function areaLookup(areas: readonly Area[]): AreaLookup {
  const byId = new Map(areas.map((area) => [area.id, area]))
  const namePath = (area: Area): string[] => {
    const names: string[] = []
    const seen = new Set<string>()
    for (let at: Area | undefined = area; at && !seen.has(at.id); at = byId.get(at.parentId)) {
      seen.add(at.id)
      names.unshift(at.name.normalize('NFKC').trim())
    }
    return names
  }
  const byTail = new Map<string, Set<string>>()
  const fullPath = new Map<string, string>()
  for (const area of areas) {
    const names = namePath(area)
    fullPath.set(area.id, key(names))
    for (let start = 0; start < names.length; start++) {
      const tail = names.slice(start)
      // A run-together tail is only a second key when it has two names or more.
      const keys = tail.length > 1 ? [key(tail), tail.join('')] : [key(tail)]
      for (const tailKey of keys) {
        const ids = byTail.get(tailKey) ?? new Set<string>()
        ids.add(area.id)
        byTail.set(tailKey, ids)
      }
    }
  }
  return {
    find(text) {
      const names = text
        .normalize('NFKC')
        .trim()
        .split(SEPARATOR)
        .map((name) => name.trim())
        .filter((name) => name !== '')
      if (names.length === 0) return { ok: false, code: 'required' }
      const ids = byTail.get(key(names))
      if (!ids) return { ok: false, code: 'notFound' }
      if (ids.size > 1) return { ok: false, code: 'ambiguous' }
      return { ok: true, id: [...ids][0] ?? '' }
    },
    label(id) {
      const area = byId.get(id)
      if (!area) return ''
      const name = area.name.trim()
      const unique = (byTail.get(name.normalize('NFKC'))?.size ?? 0) <= 1
      return unique ? name : (fullPath.get(id) ?? name)
    },
  }
}

/** The area columns of a row (盟市, 旗县区, 街道/园区), joined into one path of names. */
export function joinAreaParts(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('/')
}
