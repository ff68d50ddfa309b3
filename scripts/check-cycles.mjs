// @ts-check
/**
 * Fails on an import cycle between files in src/ (run by `npm run lint`). A cycle makes the
 * order modules start in depend on which one is imported first: a value read at load time
 * may still be undefined. Counted: static `import … from`, `export … from` and side-effect
 * imports; not `import type` (erased) nor `import()` (loaded later, on demand).
 *
 *   node scripts/check-cycles.mjs [root]   (root defaults to src/ of this repository)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const EXTENSIONS = ['.ts', '.vue', '.js', '.mjs']

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')
      ? [path]
      : []
  })
}

/** The script part of a file: a .vue file's <script> blocks, the whole of any other. */
function scriptOf(/** @type {string} */ path, /** @type {string} */ text) {
  if (!path.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

/** Specifiers of the imports that run at load time. */
export function loadTimeImports(/** @type {string} */ code) {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const specifiers = []
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm
  for (const match of withoutComments.matchAll(statement)) {
    const [, keyword, typeOnly, clause, specifier] = match
    if (typeOnly) continue
    // `export const x = …` is no re-export; only `export … from` and `import …` count.
    if (keyword === 'export' && !clause) continue
    // `import { type A, type B } from` imports nothing at run time either.
    const names = clause?.match(/\{([^}]*)\}/)?.[1]
    const bare = clause
      ?.replace(/\{[^}]*\}/, '')
      .replace(/from\s+$/, '')
      .replace(/[\s,]/g, '')
    if (names !== undefined && !bare) {
      const all = names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
      if (all.length > 0 && all.every((n) => n.startsWith('type '))) continue
    }
    specifiers.push(specifier)
  }
  return specifiers
}

/** @param {string} root @param {string} from @param {string} specifier */
function resolveImport(root, from, specifier) {
  let base
  if (specifier.startsWith('@/')) base = join(root, specifier.slice(2))
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier)
  else return null
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
  ]
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null
}

/**
 * Every cycle's files (a strongly connected component of more than one file, or a file that
 * imports itself), paths relative to root, each cycle starting from its first file by name.
 * @param {string} root
 * @returns {string[][]}
 */
export function findCycles(root) {
  /** @type {Map<string, string[]>} */
  const graph = new Map()
  for (const file of sourceFiles(root)) {
    const code = scriptOf(file, readFileSync(file, 'utf8'))
    const targets = loadTimeImports(code)
      .map((specifier) => resolveImport(root, file, specifier))
      .filter((path) => path !== null)
    graph.set(file, [...new Set(targets)])
  }
  // Tarjan's strongly connected components, iterative so a deep tree cannot overflow.
  let counter = 0
  /** @type {Map<string, number>} */ const index = new Map()
  /** @type {Map<string, number>} */ const low = new Map()
  /** @type {string[]} */ const stack = []
  const onStack = new Set()
  /** @type {string[][]} */ const cycles = []
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    /** @type {[string, number][]} */
    const work = [[start, 0]]
    while (work.length > 0) {
      const frame = work[work.length - 1]
      const [node, next] = frame
      if (next === 0) {
        index.set(node, counter)
        low.set(node, counter)
        counter += 1
        stack.push(node)
        onStack.add(node)
      }
      const edges = graph.get(node) ?? []
      if (next < edges.length) {
        frame[1] += 1
        const target = edges[next]
        if (!index.has(target)) work.push([target, 0])
        else if (onStack.has(target))
          low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) ?? 0, low.get(node) ?? 0))
      if (low.get(node) === index.get(node)) {
        /** @type {string[]} */ const component = []
        let member
        do {
          member = stack.pop()
          if (member === undefined) break
          onStack.delete(member)
          component.push(member)
        } while (member !== node)
        const selfLoop = component.length === 1 && (graph.get(node) ?? []).includes(node)
        if (component.length > 1 || selfLoop) {
          cycles.push(component.map((path) => relative(root, path)).sort())
        }
      }
    }
  }
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))
}

const here = fileURLToPath(import.meta.url)
if (process.argv[1] && resolve(process.argv[1]) === here) {
  const root = resolve(process.argv[2] ?? join(dirname(here), '..', 'src'))
  const cycles = findCycles(root)
  if (cycles.length === 0) {
    console.log(`check-cycles: no import cycle in ${relative(process.cwd(), root) || '.'}`)
  } else {
    for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' ↔ ')}`)
    console.error(
      `check-cycles: ${cycles.length} cycle(s); break each (no \`export *\` shim back).`,
    )
    process.exit(1)
  }
}
