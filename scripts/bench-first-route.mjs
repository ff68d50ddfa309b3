// First-route bytes: what a visitor downloads before the first page shows: the app
// entry and everything it imports statically, plus the landing route's chunk and its static
// imports, JS and CSS gzipped (level 9, as a server would send them).
// `/` redirects to /dashboard, but the router's guard sends a device with no data yet (a fresh
// profile: the benchmark's first load) to /welcome. Both are first routes: the default measures
// each and reports the larger (`byRoute` has both). scripts/bench-first-load.mjs checks these
// figures against what Chromium really fetches.
// Reads the build manifest (`vite build --manifest`). Usage: node scripts/bench-first-route.mjs [dist]
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/** Landing routes: a fresh device (welcome) and a returning one (dashboard). */
export const FIRST_ROUTES = {
  welcome: ['src/views/WelcomeView.vue'],
  dashboard: ['src/views/DashboardView.vue'],
}

/**
 * @param {string} dist
 * @param {string[]} routes manifest keys of the route components loaded on the first route
 */
export function routeBytes(dist, routes) {
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

/**
 * The heavier of the first routes (or of the given `routes` only), with each route's figures.
 * @param {string} dist
 * @param {string[]} [routes]
 */
export function firstRouteBytes(dist = 'dist', routes) {
  if (routes) return { route: routes.join(' '), ...routeBytes(dist, routes) }
  const byRoute = Object.fromEntries(
    Object.entries(FIRST_ROUTES).map(([name, keys]) => [name, routeBytes(dist, keys)]),
  )
  const [route, worst] = Object.entries(byRoute).sort((a, b) => b[1].jsGzip - a[1].jsGzip)[0]
  return { route, ...worst, byRoute }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = firstRouteBytes(process.argv[2] ?? 'dist')
  for (const [name, r] of Object.entries(result.byRoute)) {
    console.log(`── ${name}`)
    for (const f of r.files) console.log(`${String(f.gzip).padStart(8)}  ${f.file}`)
    console.log(`${name}: JS gzip ${r.jsGzip} B, CSS gzip ${r.cssGzip} B`)
  }
  console.log(
    `first route (heavier, ${result.route}): JS gzip ${result.jsGzip} B, CSS gzip ${result.cssGzip} B`,
  )
}
