import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium-path.mjs'

// Debian's Chromium through executablePath; never `npx playwright install`.
// `npm run test:e2e` runs scripts/ensure-chromium.mjs and `vite build` first.
const executablePath = findChromium()
if (!executablePath) {
  throw new Error('No Chromium found. Run `node scripts/ensure-chromium.mjs` or set CHROMIUM_PATH.')
}

// Not 4173: that is `npm start`'s port, and a running app must not break the tests.
const port = Number(process.env.E2E_PORT ?? 4174)
const baseURL = `http://127.0.0.1:${port}`
// Several people (or agents) can run e2e side by side: each its own port, build and reports.
const outDir = process.env.E2E_OUT_DIR ?? 'dist'
const suffix = process.env.E2E_OUT_DIR ? `-${port}` : ''

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results${suffix}`,
  fullyParallel: false,
  workers: 1, // 2-core machine
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  // The JSON report is always written: .ci/run sums it in scripts/summary.mjs.
  reporter: [['list'], ['json', { outputFile: `reports/playwright${suffix}.json` }]],
  use: {
    baseURL,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium' },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${outDir}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
