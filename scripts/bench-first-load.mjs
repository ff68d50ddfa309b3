// First load with a fresh profile, measured like scripts/bench.mjs does but on its
// own port and build folder, so it can run beside the benchmark and the e2e tests.
// Serves an existing build (`vite build --manifest --outDir <dist>`) with `vite preview`,
// opens `/` in a fresh browser context RUNS times and prints FCP, TTI, where `/` ended up and
// the JS/CSS the browser fetched (gzip as a server would send it) next to the manifest's
// first-route figure (scripts/bench-first-route.mjs).
// Usage: node scripts/bench-first-load.mjs [--dist dist-bundle] [--port 4193] [--runs 5]
//        [--screenshot file.png] (first paint, taken as soon as anything is painted)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { measureFirstLoad, median, servePreview, waitForServer } from './bench-lib.mjs'
import { FIRST_ROUTES, routeBytes } from './bench-first-route.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

const argv = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : fallback
}
const DIST = arg('dist', 'dist-bundle')
const PORT = Number(arg('port', '4193'))
const RUNS = Number(arg('runs', '5'))
const SHOT = arg('screenshot', '')
if (PORT === 4180) throw new Error('4180 is the benchmark’s port: choose another')
const BASE = `http://127.0.0.1:${PORT}`

const stopServer = servePreview({ outDir: DIST, port: PORT })

const gzipOf = (path) => {
  try {
    return gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length
  } catch {
    return 0
  }
}

try {
  await waitForServer(BASE)
  const executablePath = findChromium()
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  const fcp = []
  const tti = []
  let fetched = []
  let landed = ''
  if (SHOT) {
    // The first paint: what index.html paints alone, before any of the app's script runs.
    const still = await browser.newContext({ javaScriptEnabled: false })
    const p = await still.newPage()
    await p.goto(`${BASE}/`, { waitUntil: 'load' })
    await p.screenshot({ path: SHOT })
    await still.close()
  }
  for (let i = 0; i < RUNS; i++) {
    const run = await measureFirstLoad(browser, BASE)
    fcp.push(run.fcp)
    tti.push(run.tti)
    console.log(
      `run ${i + 1}: HTML received ${run.html.toFixed(0)} ms, FCP ${run.fcp.toFixed(0)} ms, TTI ${run.tti.toFixed(0)} ms`,
    )
    landed = run.landed
    fetched = run.requests.filter((path) => /\.(js|css)$/.test(path) && !path.endsWith('sw.js'))
  }
  await browser.close()

  const files = [...new Set(fetched)].map((path) => path.replace(/^\//, ''))
  const sum = (kind) =>
    files.filter((f) => f.endsWith(kind)).reduce((total, f) => total + gzipOf(f), 0)
  const landedName = landed.replace(/^\//, '')
  const manifest = routeBytes(DIST, FIRST_ROUTES[landedName] ?? FIRST_ROUTES.dashboard)
  const manifestFiles = new Set(manifest.files.map((f) => f.file))
  const extra = files.filter((f) => !manifestFiles.has(f))
  const missing = [...manifestFiles].filter((f) => !files.includes(f))
  console.log(`/ lands on ${landed}`)
  console.log(
    `FCP (ms): ${fcp.map((v) => v.toFixed(0)).join(', ')}; median ${median(fcp).toFixed(0)}`,
  )
  console.log(
    `TTI (ms): ${tti.map((v) => v.toFixed(0)).join(', ')}; median ${median(tti).toFixed(0)}`,
  )
  console.log(
    `fetched by the browser: JS gzip ${sum('.js')} B in ${files.filter((f) => f.endsWith('.js')).length} files, CSS gzip ${sum('.css')} B`,
  )
  console.log(
    `manifest first route (${landedName}): JS gzip ${manifest.jsGzip} B in ${manifest.files.filter((f) => f.file.endsWith('.js')).length} files, CSS gzip ${manifest.cssGzip} B`,
  )
  if (extra.length) console.log(`fetched, not in the manifest's first route: ${extra.join(' ')}`)
  if (missing.length)
    console.log(`in the manifest's first route, not fetched: ${missing.join(' ')}`)
} finally {
  stopServer()
}
