// The import figures of the bench alone, for working on them: build the bench entry into its
// own folder, serve it on its own port, open it in a fresh Chromium profile under /tmp,
// run zhibuBench.importXlsx(10000) and importCsv(10000) a few times and zhibuBench.floorWrite('firms', 10000),
// and print ms, ratio to the floor and the longest main-thread task of each run, with the
// long tasks placed among the import's steps (performance marks 'import:*').
// Flags: --no-build, --trace (CPU time of each task too), --runs N (default 3), --rows N (default 10000), --port N (default 4192),
// --format xlsx|csv|both (default both),
// --out DIR (default dist-import-bench: apart from the e2e build in dist-import).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { buildBenchEntry, median, servePreview, waitForServer } from './bench-lib.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

const argv = process.argv.slice(2)
const option = (name, fallback) => {
  const at = argv.indexOf(name)
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback
}
const RUNS = Number(option('--runs', 3))
const ROWS = Number(option('--rows', 10_000))
const FORMAT = option('--format', 'both')
const FORMATS = FORMAT === 'both' ? ['xlsx', 'csv'] : [FORMAT]
const PORT = Number(option('--port', 4192))
const OUT_DIR = option('--out', 'dist-import-bench')
const BASE = `http://127.0.0.1:${PORT}`

if (!argv.includes('--no-build')) buildBenchEntry(OUT_DIR)

const executablePath = findChromium()
if (!executablePath) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium).')
const stopServer = servePreview({
  outDir: OUT_DIR,
  port: PORT,
  config: 'scripts/bench-vite.config.ts',
})

const profile = mkdtempSync(join(tmpdir(), 'zhibu-bench-import-'))
try {
  await waitForServer(`${BASE}/bench/bench.html`)
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(0)
  await page.addInitScript(() => {
    window.__longTasks = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(`${BASE}/bench/bench.html`)
  await page.waitForFunction(() => !!window.zhibuBench)

  // --trace: a CDP trace of each run; its main-thread tasks carry CPU time (tdur) as well
  // as wall time (dur), so a busy machine's stolen time shows apart from the work itself.
  const cdp = argv.includes('--trace') ? await context.newCDPSession(page) : null
  const traceTasks = async () => {
    const events = []
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.end')
    await complete
    const mains = new Set(
      events
        .filter(
          (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
        )
        .map((e) => `${e.pid}:${e.tid}`),
    )
    const marks = events
      .filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('import:'))
      .map((e) => ({ name: e.name, ts: e.ts }))
      .sort((a, b) => a.ts - b.ts)
    const first = marks[0]?.ts ?? 0
    const last = marks.at(-1)?.ts ?? Infinity
    const stepOf = (ts) => {
      let name = '(before)'
      for (const mark of marks) if (mark.ts <= ts) name = mark.name
      return name
    }
    return events
      .filter(
        (e) =>
          e.ph === 'X' &&
          (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
          mains.has(`${e.pid}:${e.tid}`) &&
          e.ts + e.dur >= first &&
          e.ts <= last,
      )
      .map((e) => ({
        wall: e.dur / 1000,
        cpu: (e.tdur ?? 0) / 1000,
        at: `${stepOf(e.ts)}@${((e.ts - first) / 1000).toFixed(0)}`,
      }))
  }

  const byFormat = {}
  for (const format of FORMATS) {
    const runs = []
    byFormat[format] = runs
    console.log(`\n.${format}:`)
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => {
        window.__longTasks = []
        performance.clearMarks()
      })
      if (cdp)
        await cdp.send('Tracing.start', {
          categories: 'toplevel,devtools.timeline,blink.user_timing',
        })
      const result = await page.evaluate(
        ([n, f]) =>
          f === 'csv' ? window.zhibuBench.importCsv(n) : window.zhibuBench.importXlsx(n),
        [ROWS, format],
      )
      if (cdp) {
        const tasks = await traceTasks()
        const byWall = [...tasks].sort((a, b) => b.wall - a.wall).slice(0, 5)
        const byCpu = [...tasks].sort((a, b) => b.cpu - a.cpu).slice(0, 5)
        const show = (list) =>
          list.map((t) => `${t.wall.toFixed(0)}/${t.cpu.toFixed(0)} ${t.at}`).join(', ')
        console.log(
          `  trace (wall/cpu ms) longest by wall: ${show(byWall)}; by cpu: ${show(byCpu)}`,
        )
        result.longestTaskCpuMs = byCpu[0]?.cpu ?? 0
      }
      const detail = await page.evaluate(() => ({
        marks: performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('import:'))
          .map((m) => ({ name: m.name, at: m.startTime })),
        tasks: window.__longTasks,
      }))
      runs.push(result)
      console.log(
        `run ${i + 1}: ${result.ms.toFixed(0)} ms, ${result.created} created, longest task ${result.longestTaskMs.toFixed(0)} ms`,
      )
      const stepOf = (at) => {
        let name = '(before)'
        for (const mark of detail.marks) if (mark.at <= at) name = mark.name
        return name
      }
      if (detail.marks.length > 0) {
        const first = detail.marks[0].at
        console.log(
          `  steps: ${detail.marks.map((m) => `${m.name}@${(m.at - first).toFixed(0)}`).join(' ')}`,
        )
        const tasks = detail.tasks
          .filter((t) => t.start >= first - 50 && t.duration >= 100)
          .map(
            (t) =>
              `${t.duration.toFixed(0)}ms in ${stepOf(t.start)}@${(t.start - first).toFixed(0)}`,
          )
        console.log(`  tasks ≥ 100 ms: ${tasks.join(', ') || 'none'}`)
      }
    }
  }
  const floor = await page.evaluate((n) => window.zhibuBench.floorWrite('firms', n), ROWS)
  await context.close()

  console.log(`\nfloor: raw write of ${ROWS} firms ${floor.writeMs.toFixed(0)} ms`)
  for (const [format, runs] of Object.entries(byFormat)) {
    const ms = median(runs.map((r) => r.ms))
    const longest = median(runs.map((r) => r.longestTaskMs))
    console.log(
      `\n.${format} import of ${ROWS} rows: median ${ms.toFixed(0)} ms (${runs.map((r) => r.ms.toFixed(0)).join(', ')})`,
    )
    console.log(`ratio: ${(ms / floor.writeMs).toFixed(2)}× (target ≤ 2×)`)
    if (cdp) {
      const cpu = runs.map((r) => r.longestTaskCpuMs)
      console.log(
        `longest main-thread task by CPU time (trace): median ${median(cpu).toFixed(0)} ms (${cpu.map((v) => v.toFixed(0)).join(', ')})`,
      )
    }
    console.log(
      `longest main-thread task: median ${longest.toFixed(0)} ms (${runs.map((r) => r.longestTaskMs.toFixed(0)).join(', ')}; target ≤ 200)`,
    )
  }
} finally {
  stopServer()
  rmSync(profile, { recursive: true, force: true })
}
