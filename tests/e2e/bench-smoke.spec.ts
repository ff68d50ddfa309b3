import { execFileSync } from 'node:child_process'
import { expect, test } from './fixtures'

/**
 * The benchmark at ×1, so `npm run bench` cannot rot: build the bench entry next
 * to the built app (vite preview serves files added to dist/ later), call every measured
 * path once on the demo, and check each figure is a finite number of the right shape.
 */
test.beforeAll(() => {
  execFileSync(
    'npx',
    ['vite', 'build', '-c', 'scripts/bench-vite.config.ts', '--logLevel', 'error'],
    {
      stdio: 'inherit',
    },
  )
})

const finite = expect.any(Number)

type Figure = Record<string, number>
/** The shape of src/bench/main.ts's smoke() (that file is in the app's tsconfig, not this one). */
interface SmokeResult {
  demoLoad: Figure
  demoFloor: Figure
  dashboard: Figure
  dashboardFullRead: Figure
  talliesAgree: boolean
  drillDown: Figure
  importXlsx: Figure
  importCsv: Figure
  complianceBoard: Figure
  duesRegister: Figure
  duesArrears: Figure
  membersOrg: Figure
  membersAll: Figure
  backupRestore: Record<string, number | boolean | string>
  orgSearch: Figure
  pickers: Record<string, Figure>
  floorRead: Figure
  floorIndexCount: Figure
  floorWrite: Figure
  merge: Record<string, number | string>
  revisionShare: Figure
}

declare global {
  interface Window {
    zhibuBench?: { smoke(): Promise<SmokeResult> }
  }
}

test('bench entry runs every figure at ×1', async ({ page }) => {
  test.setTimeout(60_000)
  await page.goto('/bench/bench.html')
  await page.waitForFunction(() => !!window.zhibuBench)
  const result = await page.evaluate(() => window.zhibuBench!.smoke())

  for (const [name, figure] of Object.entries(result)) {
    if (typeof figure !== 'object') continue
    for (const [key, value] of Object.entries(figure)) {
      if (typeof value !== 'number') continue
      expect(Number.isFinite(value), `${name}.${key} = ${value}`).toBe(true)
    }
  }
  expect(result.demoLoad).toEqual({ ms: finite, records: finite })
  expect(result.demoLoad.records).toBeGreaterThan(875)
  expect(result.demoFloor.records).toBeGreaterThan(875)
  // The article's figures come back through the app's own dashboard path.
  expect(result.dashboard.operatingFirms).toBe(875)
  expect(result.dashboard.orgCoverageRate).toBeCloseTo(121 / 875, 5)
  expect(result.dashboardFullRead.operatingFirms).toBe(875)
  expect(result.talliesAgree).toBe(true)
  expect(result.drillDown.rows).toBeGreaterThan(0)
  expect(result.importXlsx.created).toBe(200)
  expect(result.importCsv.created).toBe(200)
  expect(result.complianceBoard.orgs).toBeGreaterThan(10)
  expect(result.backupRestore.ok, String(result.backupRestore.error)).toBe(true)
  expect(result.backupRestore.restored).toBeGreaterThan(875)
  expect(result.membersOrg.rows).toBeGreaterThan(0)
  expect(result.membersAll.rows).toBeGreaterThan(0)
  expect(result.complianceBoard.cells).toBe(result.complianceBoard.orgs * 12)
  // The dues rows have data: a branch's register with last month's records, the demo's
  // members behind (one six months, the six-month rule's dues trigger).
  expect(result.duesRegister.rows).toBeGreaterThan(0)
  expect(result.duesRegister.recorded).toBeGreaterThan(0)
  expect(result.duesArrears.arrears3).toBeGreaterThan(0)
  expect(result.duesArrears.arrears6).toBeGreaterThanOrEqual(1)
  expect(result.orgSearch.found).toBe(0)
  // Every remote picker, through its index: a needle from the register finds, a made-up one not.
  for (const picker of ['orgs', 'committees', 'members', 'firms']) {
    expect(result.pickers[`${picker}Match`]!.found, picker).toBeGreaterThan(0)
    expect(result.pickers[`${picker}NoMatch`]!.found, picker).toBe(0)
    for (const figure of [result.pickers[`${picker}Match`]!, result.pickers[`${picker}NoMatch`]!]) {
      expect(Number.isFinite(figure.ms)).toBe(true)
    }
  }
  expect(result.floorRead.records).toBe(result.dashboardFullRead.records)
  expect(result.floorIndexCount.entries).toBeGreaterThanOrEqual(875)
  expect(result.floorWrite.records).toBe(500)
  for (const value of [result.floorWrite.writePerSecond, result.floorWrite.getAllPerSecond]) {
    expect(value).toBeGreaterThan(0)
  }
  // The replication figures: a subtree's package merged with a tenth in conflict, nothing refused.
  const merge = result.merge as Record<string, number>
  expect(merge.records).toBeGreaterThan(100)
  expect(merge.conflicts).toBe(Math.round(merge.records * 0.1))
  expect(merge.updated + merge.conflicts).toBe(merge.floorRecords)
  expect(merge.refused).toBe(0)
  // Every record it replaced keeps its old body; a conflict the department's side wins keeps none.
  expect(merge.keptBodies).toBeGreaterThanOrEqual(merge.updated)
  expect(merge.keptBodies).toBeLessThanOrEqual(merge.written)
  expect(result.revisionShare.storedShare).toBeGreaterThanOrEqual(0)
  expect(result.revisionShare.oneEditShare).toBeGreaterThan(0)
  console.log('merge', JSON.stringify(merge), 'share', JSON.stringify(result.revisionShare))
})

/** The npm server's CORS settings for a page of `origin` (the bench's own pages call it). */
async function allowCors(url: string, origin: string): Promise<void> {
  const { DEV_ADMIN } = await import('../../server/launch.mjs')
  const auth = `Basic ${Buffer.from(`${DEV_ADMIN.name}:${DEV_ADMIN.password}`).toString('base64')}`
  for (const [key, value] of [
    ['httpd/enable_cors', 'true'],
    ['cors/origins', origin],
    ['cors/credentials', 'true'],
    ['cors/methods', 'GET, PUT, POST, HEAD, DELETE'],
    ['cors/headers', 'accept, authorization, content-type, origin, referer'],
  ]) {
    const response = await fetch(`${url}_config/${key}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(value),
    })
    expect(response.ok, key).toBe(true)
  }
}

/** The bench's live-latency pair (two pages, own device databases) against a server of its own. */
test('bench live-sync pair runs: a write on one device is shown on the other', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const { DEV_ADMIN, findFreePort, startServer } = await import('../../server/launch.mjs')
  const server = await startServer({ port: await findFreePort(5985, 5989), inMemory: true })
  try {
    await allowCors(server.url, new URL(baseURL!).origin)
    const pages = [page, await context.newPage()]
    for (const p of pages) {
      await p.goto('/bench/bench.html')
      await p.waitForFunction(() => !!window.zhibuBench)
    }
    type Call = (fn: string, ...args: unknown[]) => Promise<unknown>
    const callOn =
      (p: (typeof pages)[number]): Call =>
      (fn, ...args) =>
        p.evaluate(
          ([f, a]) =>
            (window.zhibuBench as unknown as Record<string, (...x: unknown[]) => unknown>)[
              f as string
            ]!(...(a as unknown[])),
          [fn, args] as const,
        )
    const [writer, reader] = pages.map(callOn) as [Call, Call]
    const tag = `smoke${Date.now()}`
    const branchId = (await writer('liveStart', server.url, DEV_ADMIN, tag, 'writer')) as string
    await reader('liveStart', server.url, DEV_ADMIN, tag, 'reader', branchId)
    const id = (await writer('liveWrite', branchId, 0)) as string
    expect(await reader('liveHas', 'no-such-member')).toBe(false)
    const started = Date.now()
    await expect.poll(() => reader('liveHas', id), { timeout: 10_000 }).toBe(true)
    console.log('live latency (smoke, one write):', Date.now() - started, 'ms')
    for (const call of [writer, reader]) await call('liveStop')
  } finally {
    await server.stop()
  }
})

/** The bench's sync figures on the demo: a subtree pushed and pulled, and its layout floors. */
test('bench sync figures run: push, pull and the raw floors on the same layout', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const { DEV_ADMIN, findFreePort, startServer } = await import('../../server/launch.mjs')
  const server = await startServer({ port: await findFreePort(5985, 5989), inMemory: true })
  try {
    await allowCors(server.url, new URL(baseURL!).origin)
    await page.goto('/bench/bench.html')
    await page.waitForFunction(() => !!window.zhibuBench)
    type Bench = Record<string, (...args: unknown[]) => Promise<unknown>>
    const result = (await page.evaluate(
      async ([url, admin]) => {
        const bench = window.zhibuBench as unknown as Bench
        await bench.demoLoad!()
        await bench.useDatabase!('zhibu-bench-demo')
        try {
          return await bench.syncBench!(url, admin, `smoke${Date.now()}`, 1_500)
        } finally {
          await bench.useDatabase!('zhibu')
        }
      },
      [server.url, DEV_ADMIN] as const,
    )) as {
      databases: number
      push: { ms: number; records: number }
      pull: { ms: number; records: number }
      floors: { readMs: number; writeMs: number; records: number }
    }
    console.log('sync (smoke):', JSON.stringify(result))
    expect(result.databases).toBeGreaterThan(1)
    expect(result.push.records).toBeGreaterThan(100)
    // Everything pushed is read back raw, and the empty device pulls it all.
    expect(result.floors.records).toBe(result.push.records)
    expect(result.pull.records).toBe(result.push.records)
    for (const ms of [
      result.push.ms,
      result.pull.ms,
      result.floors.readMs,
      result.floors.writeMs,
    ]) {
      expect(ms).toBeGreaterThan(0)
    }
  } finally {
    await server.stop()
  }
})
