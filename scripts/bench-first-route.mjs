// First-route bytes (issue 3): what a fresh visitor downloads before the dashboard shows:
// the app entry and everything it imports statically, plus the dashboard route's chunk and
// its static imports, JS and CSS gzipped (level 9, as a server would send them).
// Reads the build manifest (`vite build --manifest`). Usage: node scripts/bench-first-route.mjs [dist]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * @param {string} dist
 * @param {string[]} routes manifest keys of the route components loaded on the first route
 */
export function firstRouteBytes(dist = 'dist', routes = ['src/views/DashboardView.vue']) {
  /** @type {Record<string, {file: string, imports?: string[], css?: string[], isEntry?: boolean, src?: string}>} */
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
  const files = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const next of chunk.imports ?? []) visit(next)
  }
  visit('index.html')
  for (const route of routes) visit(route)
  const list = [...files].map((file) => {
    const raw = readFileSync(join(dist, file))
    return { file, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
  })
  const sum = (kind) =>
    list.filter((f) => f.file.endsWith(kind)).reduce((total, f) => total + f.gzip, 0)
  return { jsGzip: sum('.js'), cssGzip: sum('.css'), files: list }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = firstRouteBytes(process.argv[2] ?? 'dist')
  for (const f of result.files) console.log(`${String(f.gzip).padStart(8)}  ${f.file}`)
  console.log(`JS gzip ${result.jsGzip} B, CSS gzip ${result.cssGzip} B`)
}
