// Lighthouse on a phone: its default mobile emulation (a 412 × 823 touch screen, 4× CPU
// slowdown, slow 4G simulated) on the first page a new device sees (`/` → /welcome, a fresh
// profile each run) and on the meeting list of a device holding the demo data (/meetings, a
// profile prepared here through the app's own "载入示例数据"), median of RUNS runs each.
// Targets: accessibility ≥ 0.95 and best practices ≥ 0.95; performance is reported beside them.
//
// Lighthouse comes through npx, pinned: 12.8 is the last line that runs on Node 20 (13 needs
// Node 22), and at ~185 MB / 200 packages it is not worth every `npm ci` for a benchmark.
// Chromium is Debian's (CHROME_PATH) with the test flags (scripts/chromium-path.mjs).
//
// Standalone: node scripts/bench-lighthouse.mjs [--dist dist-lighthouse] [--port 4195]
//             [--runs 3] [--no-build]        (builds the app into --dist unless --no-build)
// From scripts/bench.mjs: measureLighthouse({ base, runs, log }).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'
import { median, servePreview, waitForServer } from './bench-lib.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

export const LIGHTHOUSE = 'lighthouse@12.8.2'
const CATEGORIES = ['performance', 'accessibility', 'best-practices']

/** A profile at `base`'s origin with the demo loaded and the app's service worker installed. */
async function demoProfile(base, executablePath) {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-lighthouse-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await page.getByTestId('load-demo').click()
    await page.getByTestId('stat-firms').filter({ hasText: '875' }).waitFor({ timeout: 120_000 })
    await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
  } finally {
    await context.close()
  }
  return dir
}

/** One Lighthouse run of `url`; `profile` keeps a prepared profile (storage not reset). */
function lighthouseRun(url, executablePath, profile) {
  const out = join(mkdtempSync(join(tmpdir(), 'zhibu-lh-report-')), 'report.json')
  const flags = [...CHROMIUM_ARGS, ...(profile ? [`--user-data-dir=${profile}`] : [])]
  const result = spawnSync(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      `--chrome-flags=${flags.join(' ')}`,
      ...(profile ? ['--disable-storage-reset'] : []),
    ],
    { env: { ...process.env, CHROME_PATH: executablePath }, encoding: 'utf8' },
  )
  if (result.status !== 0) throw new Error(`lighthouse failed: ${result.stderr.slice(-2000)}`)
  const report = JSON.parse(readFileSync(out, 'utf8'))
  rmSync(join(out, '..'), { recursive: true, force: true })
  // What kept a category below 1: the audits that failed, with their first elements.
  const failed = []
  for (const id of ['accessibility', 'best-practices']) {
    for (const ref of report.categories[id].auditRefs) {
      const audit = report.audits[ref.id]
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const nodes = (audit.details?.items ?? [])
          .slice(0, 3)
          .map((item) => item.node?.snippet ?? '')
          .filter(Boolean)
        failed.push(`${id}/${ref.id} ${nodes.join(' ')}`.trim())
      }
    }
  }
  return {
    landed: new URL(report.finalDisplayedUrl).pathname,
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, report.categories[id].score])),
    failed,
  }
}

/**
 * Lighthouse scores of the first page and the meeting list at `base`: for each page and
 * category the values of RUNS runs and their median, where the page landed, the failed audits.
 */
export async function measureLighthouse({ base, runs = 3, log = console.log }) {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium).')
  log(`lighthouse: preparing a profile with the demo data at ${base}`)
  const profile = await demoProfile(base, executablePath)
  const pages = [
    { name: 'first page', path: '/', profile: null },
    { name: 'meeting list', path: '/meetings', profile },
  ]
  const results = []
  try {
    for (const page of pages) {
      const values = Object.fromEntries(CATEGORIES.map((id) => [id, []]))
      const failed = new Set()
      let landed = ''
      for (let i = 0; i < runs; i++) {
        const run = lighthouseRun(`${base}${page.path}`, executablePath, page.profile)
        for (const id of CATEGORIES) values[id].push(run.scores[id])
        for (const audit of run.failed) failed.add(audit)
        landed = run.landed
        log(
          `lighthouse ${page.name} (${landed}) run ${i + 1}: ${CATEGORIES.map((id) => `${id} ${run.scores[id]}`).join(', ')}`,
        )
      }
      results.push({
        ...page,
        profile: undefined,
        landed,
        values,
        medians: Object.fromEntries(CATEGORIES.map((id) => [id, median(values[id])])),
        failed: [...failed],
      })
    }
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
  return results
}

// ─── Standalone ─────────────────────────────────────────────────────────────
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2)
  const arg = (name, fallback) => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : fallback
  }
  const dist = arg('dist', 'dist-lighthouse')
  const port = Number(arg('port', '4195'))
  if (port === 4180) throw new Error('4180 is the benchmark’s port: choose another')
  if (!argv.includes('--no-build')) {
    const built = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--logLevel', 'warn'], {
      stdio: 'inherit',
    })
    if (built.status !== 0) throw new Error('build failed')
  }
  const base = `http://127.0.0.1:${port}`
  const stop = servePreview({ outDir: dist, port })
  try {
    await waitForServer(base)
    const results = await measureLighthouse({ base, runs: Number(arg('runs', '3')) })
    console.log('\npage          landed     performance  accessibility  best-practices')
    for (const r of results) {
      const cell = (id) => r.medians[id].toFixed(2).padEnd(id.length + 2)
      console.log(
        `${r.name.padEnd(14)}${r.landed.padEnd(11)}${cell('performance')} ${cell('accessibility')} ${cell('best-practices')}`,
      )
      for (const audit of r.failed) console.log(`  below 1: ${audit.slice(0, 240)}`)
    }
    const met = results.every(
      (r) => r.medians.accessibility >= 0.95 && r.medians['best-practices'] >= 0.95,
    )
    console.log(met ? '\ntargets met (≥ 0.95, ≥ 0.95)' : '\ntargets NOT met (≥ 0.95, ≥ 0.95)')
  } finally {
    stop()
  }
}
