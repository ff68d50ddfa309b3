import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FEATURES, type Feature } from '@/i18n'
import zhCN from '@/i18n/zh-CN'
import { routes } from '@/router'

/**
 * Feature messages are not in the entry: a route loads the ones its page shows
 * (`meta.messages`), a lazily loaded part loads its own (`withMessages`). This walks each
 * page's imports and checks that every literal key it shows is either in the entry or in a
 * feature the route (or the `withMessages` around that part) loads, so a page can never show a
 * raw key because its list forgot a namespace. Keys built at run time (待办 codes) are not seen
 * here: the e2e specs cover those pages.
 */
const SRC = resolve(__dirname, '../../src')
const WALKED = ['components', 'views', 'composables'].map((dir) => join(SRC, dir))
const FEATURE_SET: ReadonlySet<string> = new Set(FEATURES)

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? join(SRC, spec.slice(2))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null
  if (!base) return null
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')])
    if (existsSync(candidate) && candidate.match(/\.(ts|vue)$/)) return candidate
  return null
}

/** Whether the entry's zh-CN has `key` (a message; or, for the start of a built key, a group). */
function inEntry(key: string, prefix = false): boolean {
  let node: unknown = zhCN
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' || (prefix && typeof node === 'object')
}

interface Missing {
  file: string
  key: string
}

/** Keys a file and everything it imports show that `loaded` does not provide. */
function walk(file: string, loaded: ReadonlySet<string>, seen: Set<string>, out: Missing[]) {
  const visitKey = `${file}|${[...loaded].sort().join(',')}`
  if (seen.has(visitKey)) return
  seen.add(visitKey)
  const text = readFileSync(file, 'utf8')
  // A key checked with te() first has a fallback: not missing when its feature is not loaded.
  const guarded = new Set(
    [...text.matchAll(/\bte\(\s*['"`]([\w.]+)/g)].map((m) => m[1]!.replace(/\.$/, '')),
  )
  // Literal keys, and the fixed start of keys built in a template (`members.gender.${g}`).
  for (const match of text.matchAll(/\bt\(\s*(['"`])([A-Za-z]+)\.([\w.]*)(\$\{)?/g)) {
    const [, , ns, rest, built] = match
    const key = `${ns}.${rest}`.replace(/\.$/, '')
    if (FEATURE_SET.has(ns!) && !loaded.has(ns!) && !guarded.has(key) && !inEntry(key, !!built))
      out.push({ file: file.slice(SRC.length + 1), key })
  }
  // A part loaded with its own messages: walk it with those added.
  const wrapped = new Set<string>()
  for (const match of text.matchAll(
    /withMessages\([^,]+,\s*\[([^\]]*)\],\s*\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)/g,
  )) {
    const extra = [...match[1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!)
    const target = resolveImport(file, match[2]!)
    if (!target) continue
    wrapped.add(target)
    walk(target, new Set([...loaded, ...extra]), seen, out)
  }
  for (const match of text.matchAll(/(?:from\s+|import\(\s*)'([^']+)'/g)) {
    const target = resolveImport(file, match[1]!)
    if (!target || wrapped.has(target) || !WALKED.some((dir) => target.startsWith(dir))) continue
    walk(target, loaded, seen, out)
  }
}

describe('route messages', () => {
  const pages = routes.flatMap((route) => {
    const component = 'component' in route ? route.component : undefined
    const view = String(component).match(/views\/(\w+)\.vue/)?.[1]
    return view ? [{ path: route.path, view, messages: route.meta?.messages ?? [] }] : []
  })

  it('finds the pages in the router', () => {
    expect(pages.length).toBeGreaterThan(10)
    expect(pages.map((page) => page.view)).toContain('MembersView')
  })

  it.each(pages)('$path loads every feature message its page shows', ({ view, messages }) => {
    const missing: Missing[] = []
    walk(join(SRC, 'views', `${view}.vue`), new Set<Feature>(messages), new Set(), missing)
    expect(missing).toEqual([])
  })
})
