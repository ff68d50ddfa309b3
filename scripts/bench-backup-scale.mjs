// Backup and restore at scale, for working on them apart from `npm run bench`:
// build the bench entry into its own folder, serve it on its own port, write a share of the
// province set (every table's first `--fraction`, default 0.25) into a fresh Chromium
// profile under /tmp, then run zhibuBench.backupRestore() (backup, check and restore, in
// the app's worker, as the app runs them) and zhibuBench.floorWrite('firms', 3000) for the
// raw write floor. Prints records, ms, the ratio to the floor, the file size and the
// longest main-thread tasks.
// Flags: --no-build, --fraction F, --port N (default 4191), --out DIR (default dist-backup),
// --profile DIR (default /tmp/backup-profile, emptied first).
import { rmSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { buildBenchEntry, servePreview, waitForServer } from './bench-lib.mjs'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

const argv = process.argv.slice(2)
const option = (name, fallback) => {
  const at = argv.indexOf(name)
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback
}
const FRACTION = Number(option('--fraction', 0.25))
const PORT = Number(option('--port', 4191))
const OUT_DIR = option('--out', 'dist-backup')
const PROFILE = option('--profile', '/tmp/backup-profile')
const BASE = `http://127.0.0.1:${PORT}`
const t0 = performance.now()
const log = (text) =>
  console.log(`[backup-scale ${((performance.now() - t0) / 1000).toFixed(0)} s] ${text}`)

if (!argv.includes('--no-build')) buildBenchEntry(OUT_DIR)

const executablePath = findChromium()
if (!executablePath) throw new Error('No Chromium found (CHROMIUM_PATH, /usr/bin/chromium).')
const stopServer = servePreview({
  outDir: OUT_DIR,
  port: PORT,
  config: 'scripts/bench-vite.config.ts',
})

rmSync(PROFILE, { recursive: true, force: true })
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
  const counts = await page.evaluate(() => window.zhibuBench.counts)
  await page.evaluate(() => window.zhibuBench.resetProvince())
  const writeStart = performance.now()
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
  const stored = await page.evaluate(() => window.zhibuBench.finishProvince())
  log(
    `stored ${JSON.stringify(stored)} in ${((performance.now() - writeStart) / 1000).toFixed(0)} s`,
  )
  const result = await page.evaluate(() => window.zhibuBench.backupRestore())
  log(`backupRestore: ${JSON.stringify(result)}`)
  const floor = await page.evaluate(() => window.zhibuBench.floorWrite('firms', 3000))
  log(`floorWrite firms 3000: ${JSON.stringify(floor)}`)
  if (result.ok) {
    const floorMs = (result.records / floor.writePerSecond) * 1000
    const summary = {
      fraction: FRACTION,
      records: result.records,
      restored: result.restored,
      backupMs: Math.round(result.backupMs),
      restoreMs: Math.round(result.restoreMs),
      floorMs: Math.round(floorMs),
      backupRatio: +(result.backupMs / floorMs).toFixed(2),
      restoreRatio: +(result.restoreMs / floorMs).toFixed(2),
      fileMB: +(result.fileBytes / 2 ** 20).toFixed(1),
      jsonMB: +(result.jsonBytes / 2 ** 20).toFixed(1),
      backupLongestTaskMs: result.backupLongestTaskMs,
      restoreLongestTaskMs: result.restoreLongestTaskMs,
    }
    console.log(JSON.stringify(summary, null, 2))
  }
} finally {
  await context.close().catch(() => {})
  stopServer()
}
