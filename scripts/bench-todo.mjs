// The 待办 sources at scale, for working on them apart from `npm run bench`: build the app
// and the bench entry into their own folder, serve it on its own port, write a share of the
// province set (every table's first `--fraction`, default 0.1) into a throwaway Chromium
// profile under /tmp, then run zhibuBench.todoSources() `--runs` times: each source of the
// department's whole-province list timed alone, and the rule checks; then open /todo `--runs`
// times. Prints each part's median ms and rows, and the page's first rows and every part
// read. The machine may be shared: compare the parts with each other.
// Flags: --no-build, --fraction F, --runs N (default 3), --port N (default 4321),
// --out DIR (default dist-todo), --profile DIR (default /tmp/todo-profile, emptied first
// unless --keep, which reuses the set a previous run wrote there).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { median, servePreview, waitForServer } from './bench-lib.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

const argv = process.argv.slice(2)
const option = (name, fallback) => {
  const at = argv.indexOf(name)
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback
}
const FRACTION = Number(option('--fraction', 0.1))
const RUNS = Number(option('--runs', 3))
const PORT = Number(option('--port', 4321))
const OUT_DIR = option('--out', 'dist-todo')
const PROFILE = option('--profile', '/tmp/todo-profile')
const KEEP = argv.includes('--keep')
const BASE = `http://127.0.0.1:${PORT}`
const t0 = performance.now()
const log = (text) =>
  console.log(`[todo-scale ${((performance.now() - t0) / 1000).toFixed(0)} s] ${text}`)

// The app (for /todo) and the bench entry beside it in /bench/, as npm run bench builds them.
function build(args, env = process.env) {
  const built = spawnSync('npx', ['vite', 'build', ...args, '--logLevel', 'warn'], {
    stdio: 'inherit',
    env,
  })
  if (built.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`)
}
if (!argv.includes('--no-build')) {
  build(['--outDir', OUT_DIR, '--emptyOutDir'])
  build(['-c', 'scripts/bench-vite.config.ts'], {
    ...process.env,
    BENCH_OUT_DIR: join(OUT_DIR, 'bench'),
  })
}

const executablePath = findChromium()
if (!executablePath) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium).')
const stopServer = servePreview({ outDir: OUT_DIR, port: PORT })

if (!KEEP) rmSync(PROFILE, { recursive: true, force: true })
await waitForServer(`${BASE}/bench/bench.html`)
const context = await chromium.launchPersistentContext(PROFILE, {
  executablePath,
  args: CHROMIUM_ARGS,
  headless: true,
  serviceWorkers: 'block',
})
try {
  const page = await context.newPage()
  page.setDefaultTimeout(0)
  page.on('console', (message) => {
    if (message.type() === 'error') log(`page error: ${message.text()}`)
  })
  await page.goto(`${BASE}/bench/bench.html`)
  await page.waitForFunction(() => !!window.zhibuBench)
  if (!KEEP) {
    const counts = await page.evaluate(() => window.zhibuBench.counts)
    await page.evaluate(() => window.zhibuBench.resetProvince())
    for (const [table, total] of Object.entries(counts)) {
      const share = Math.ceil(total * FRACTION)
      for (let start = 0; start < share; start += 20_000) {
        await page.evaluate(
          ([t, s, c]) => window.zhibuBench.writeProvince(t, s, c),
          [table, start, Math.min(20_000, share - start)],
        )
      }
      log(`${table}: ${share} written`)
    }
    log(`stored ${JSON.stringify(await page.evaluate(() => window.zhibuBench.finishProvince()))}`)
  }
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    runs.push(await page.evaluate(() => window.zhibuBench.todoSources()))
    log(`run ${i + 1}: ${JSON.stringify(runs[i])}`)
  }
  const parts = { ...runs[0].sources, rules: runs[0].rules }
  const summary = { fraction: FRACTION, today: runs[0].today, runs: RUNS }
  for (const name of Object.keys(parts)) {
    const of = (run) => (name === 'rules' ? run.rules : run.sources[name])
    summary[name] = {
      ms: Math.round(median(runs.map((run) => of(run).ms))),
      items: of(runs[0]).items,
    }
  }
  // The page itself, as bench.mjs times it: navigation → first rows, → every part read.
  const first = []
  const all = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await page.goto(`${BASE}/todo`)
    await page.locator('[data-testid="todo-table"] .el-table__row').first().waitFor()
    first.push(performance.now() - start)
    await page.locator('[data-testid="todo-reading"]').waitFor({ state: 'detached' })
    all.push(performance.now() - start)
  }
  summary.pageFirstRowsMs = Math.round(median(first))
  summary.pageAllPartsMs = Math.round(median(all))
  console.log(JSON.stringify(summary, null, 2))
} finally {
  await context.close().catch(() => {})
  stopServer()
}
