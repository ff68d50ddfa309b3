// What the benchmark scripts share: serving a build with `vite preview` on 127.0.0.1 (stopped
// when the script exits), waiting for it, building the bench entry, and the median.
import { spawn, spawnSync } from 'node:child_process'

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export async function waitForServer(url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`server at ${url} did not start`)
}

/** The bench page (bench.html + src/bench) built alone into `outDir`. */
export function buildBenchEntry(outDir) {
  const built = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '-c',
      'scripts/bench-vite.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  )
  if (built.status !== 0) throw new Error('bench build failed')
}

/**
 * `vite preview` of `outDir` on 127.0.0.1:`port` (with `config`, e.g. the bench's), in its own
 * process group, killed when this script exits or is interrupted.
 */
export function servePreview({ outDir, port, config = '' }) {
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      ...(config ? ['-c', config] : []),
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: 'ignore', detached: true },
  )
  const stop = () => {
    try {
      process.kill(-server.pid)
    } catch {
      // already gone
    }
  }
  process.on('exit', stop)
  process.on('SIGINT', () => process.exit(130))
  return stop
}

/**
 * One first load of `${base}/` in a fresh context of `browser`: first contentful paint and
 * time to interactive (max of FCP, DOMContentLoaded end and the end of the last long task,
 * read after a 2 s quiet window: a short Lighthouse-style TTI), the page's final path and
 * the paths it requested.
 */
export async function measureFirstLoad(browser, base) {
  const fresh = await browser.newContext()
  try {
    const page = await fresh.newPage()
    const requests = []
    page.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await page.addInitScript(() => {
      const w = window
      w.__longTasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.startTime + e.duration)
      }).observe({ type: 'longtask', buffered: true })
    })
    await page.goto(`${base}/`, { waitUntil: 'load' })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(2000)
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0]
      const nav = performance.getEntriesByType('navigation')[0]
      const tasks = window.__longTasks
      return {
        fcp: paint ? paint.startTime : NaN,
        dcl: nav.domContentLoadedEventEnd,
        html: nav.responseEnd,
        lastLongTask: tasks.length ? Math.max(...tasks) : 0,
      }
    })
    return {
      fcp: timing.fcp,
      tti: Math.max(timing.fcp, timing.dcl, timing.lastLongTask),
      html: timing.html,
      landed: new URL(page.url()).pathname,
      requests,
    }
  } finally {
    await fresh.close()
  }
}
