/**
 * The benchmark's entry (bench.html, issue 3): exposes `window.zhibuBench` so
 * scripts/bench.mjs and tests/e2e/bench-smoke.spec.ts call the app's own code in real
 * Chromium. Not imported by the app: the first route does not carry it.
 * Every timing is returned to Node, which takes medians and writes bench/results.json.
 */
import {
  countRecords,
  getDb,
  listAreas,
  listFirmsPage,
  readCoverageInput,
  searchOrgs,
  setDb,
  writeMeta,
  ZhibuDb,
} from '@/db'
import { computeCoverage, coverageByArea } from '@/domain/coverage'
import { DEMO_GENERATOR_VERSION, generateDemo } from '@/services/demo/generate'
import {
  createProvince,
  PROVINCE_COUNTS,
  PROVINCE_GENERATOR_VERSION,
  type ProvinceTable,
} from '@/services/demo/province'
import { loadDemoData } from '@/services/demoLoader'
import {
  deleteDatabase,
  openRawDatabase,
  rawAdd,
  rawCountRange,
  rawReadCoverageStores,
  type StoreDef,
} from './raw'

/** Fixed, so the cached province profile holds the same records on every run. */
export const PROVINCE_TODAY = '2026-06-30'
const DEMO_DB = 'zhibu-bench-demo'
const FLOOR_DB = 'zhibu-bench-floor'

const province = createProvince({ today: PROVINCE_TODAY })

/** The app's own store definitions, read from Dexie so the floor has the same indexes. */
function appStoreDefs(): StoreDef[] {
  return getDb().tables.map((table) => ({
    name: table.name,
    keyPath: table.schema.primKey.keyPath ?? 'id',
    indexes: table.schema.indexes.map((index) => ({
      name: index.name,
      keyPath: index.keyPath ?? index.name,
      unique: !!index.unique,
      multiEntry: !!index.multi,
    })),
  }))
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

/** Point the app's db code at database `name` (the app itself uses 'zhibu'). */
async function useDatabase(name: string): Promise<void> {
  if (getDb().name === name) return
  getDb().close()
  setDb(new ZhibuDb(name))
  await getDb().open()
}

async function resetProvince(name = 'zhibu'): Promise<void> {
  getDb().close()
  await deleteDatabase(name)
  setDb(new ZhibuDb(name))
  await getDb().open()
  await getDb().areas.bulkAdd(province.areas)
}

/** Write records start … start+count-1 of a table in Dexie bulkAdd batches (one transaction each). */
async function writeProvince(table: ProvinceTable, start: number, count: number, batch = 5_000) {
  let generateMs = 0
  let written = 0
  const begin = performance.now()
  // The next batch is generated while the previous one is being written.
  let writing: Promise<unknown> = Promise.resolve()
  for (let offset = start; offset < start + count; offset += batch) {
    const t0 = performance.now()
    const rows = province.rows(table, offset, Math.min(batch, start + count - offset))
    generateMs += performance.now() - t0
    await writing
    writing = getDb().table(table).bulkAdd(rows)
    written += rows.length
  }
  await writing
  return { written, generateMs, ms: performance.now() - begin }
}

async function finishProvince(): Promise<Record<string, number>> {
  await writeMeta('firstRunDone', `${PROVINCE_TODAY}T00:00:00.000Z`)
  return countRecords()
}

/** The dashboard's whole-area path as useCoverage runs it: read, then compute. */
async function dashboard(asOf = PROVINCE_TODAY) {
  const read = await timed(() => readCoverageInput())
  const compute = await timed(async () => {
    const { firms, orgs, members } = read.value
    return computeCoverage(firms, orgs, members, asOf)
  })
  const { firms, orgs, members } = read.value
  return {
    ms: read.ms + compute.ms,
    readMs: read.ms,
    computeMs: compute.ms,
    records: firms.length + orgs.length + members.length,
    operatingFirms: compute.value.operatingFirms,
    orgCoverageRate: compute.value.orgCoverageRate,
  }
}

/** Drill-down into one city the way the dashboard computes its area rows: whole read, then coverageByArea. */
async function drillDown(cityName = '包头市', asOf = PROVINCE_TODAY) {
  const run = await timed(async () => {
    const [input, areas] = await Promise.all([readCoverageInput(), listAreas()])
    const city = areas.find((area) => area.name === cityName)
    if (!city) throw new Error(`no area ${cityName}`)
    return coverageByArea({ ...input, asOf }, areas, city.id)
  })
  return {
    ms: run.ms,
    rows: run.value.length,
    operatingFirms: run.value.reduce((sum, row) => sum + row.figures.operatingFirms, 0),
  }
}

/**
 * The first page of /firms (20 rows) through the register's own keyset query, for the
 * filters a department uses most: a status and an industry; a whole city; a name search.
 */
async function firmsFirstPage(kind: 'statusIndustry' | 'city' | 'nameSearch', cityName = '包头市') {
  const base = { areaPath: '', industry: '', sizeClass: '', orgStatus: '', text: '' } as const
  let filter: Parameters<typeof listFirmsPage>[0] = { ...base }
  if (kind === 'statusIndustry') filter = { ...base, orgStatus: 'none', industry: 'ecommerce' }
  if (kind === 'nameSearch') filter = { ...base, text: '云岭' }
  if (kind === 'city') {
    const city = (await listAreas()).find((area) => area.name === cityName)
    if (!city) throw new Error(`no area ${cityName}`)
    filter = { ...base, areaPath: city.path }
  }
  const run = await timed(() => listFirmsPage(filter, null, 20))
  return { ms: run.ms, rows: run.value.rows.length }
}

/** The org picker's search with a needle that matches nothing: the worst case, a full scan. */
async function orgSearch(needle = '不存在的名称') {
  const run = await timed(() => searchOrgs(needle))
  return { ms: run.ms, found: run.value.length }
}

/** The app's demo load (×1) into its own database, fresh each time, so it never touches 'zhibu'. */
async function demoLoad(today = PROVINCE_TODAY) {
  const previous = getDb().name
  getDb().close()
  await deleteDatabase(DEMO_DB)
  setDb(new ZhibuDb(DEMO_DB))
  try {
    await getDb().open()
    const run = await timed(() => loadDemoData(today))
    const counts = await countRecords()
    const records = Object.values(counts).reduce((sum, n) => sum + n, 0)
    return { ms: run.ms, records }
  } finally {
    getDb().close()
    setDb(new ZhibuDb(previous))
  }
}

/** Pure generation of the demo, for context: part of demoLoad's time is not IndexedDB. */
async function demoGenerate(today = PROVINCE_TODAY) {
  const run = await timed(async () => generateDemo({ today }))
  return { ms: run.ms }
}

// ─── The floor: raw IndexedDB, no Dexie, no app code ────────────────────────

/** Raw write of the same demo records in one transaction, as replaceAllRecords does. */
async function floorDemo(today = PROVINCE_TODAY) {
  const dataset = generateDemo({ today }) as unknown as Record<string, object[]>
  const db = await openRawDatabase(FLOOR_DB, appStoreDefs())
  try {
    const tables = Object.keys(dataset).filter((name) => (dataset[name]?.length ?? 0) > 0)
    const run = await timed(() => rawAdd(db, tables, (name) => dataset[name] ?? []))
    const records = tables.reduce((sum, name) => sum + (dataset[name]?.length ?? 0), 0)
    return { ms: run.ms, records }
  } finally {
    db.close()
  }
}

/** Raw bulk write of `count` province records of one shape, then a raw getAll of them. */
async function floorWrite(table: ProvinceTable, count: number) {
  const rows = province.rows(table, 0, count)
  const db = await openRawDatabase(FLOOR_DB, appStoreDefs())
  try {
    const write = await timed(() => rawAdd(db, [table], () => rows))
    const read = await timed(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = db.transaction(table, 'readonly').objectStore(table).getAll()
          request.onsuccess = () => resolve(request.result.length)
          request.onerror = () => reject(request.error)
        }),
    )
    return {
      records: rows.length,
      writeMs: write.ms,
      writePerSecond: (rows.length / write.ms) * 1000,
      getAllMs: read.ms,
      getAllPerSecond: (read.value / read.ms) * 1000,
    }
  } finally {
    db.close()
  }
}

/** Raw getAll of the very stores and index ranges the dashboard reads (a second connection). */
async function floorRead(name = getDb().name) {
  const run = await timed(() => rawReadCoverageStores(name))
  return { ms: run.ms, records: run.value, perSecond: (run.value / run.ms) * 1000 }
}

/** Raw count through an index: every firm under the region's path. */
async function floorIndexCount(name = getDb().name) {
  const root = (await listAreas()).find((area) => area.parentId === '')
  if (!root) throw new Error('no root area')
  const run = await timed(() => rawCountRange(name, 'firms', 'areaPath', root.path))
  return { ms: run.ms, entries: run.value, perSecond: (run.value / run.ms) * 1000 }
}

/**
 * The ×1 smoke run (tests/e2e/bench-smoke.spec.ts): every figure once on the demo, in
 * databases of its own, so the bench cannot rot unnoticed.
 */
async function smoke() {
  const demo = await demoLoad()
  await useDatabase(DEMO_DB)
  try {
    return {
      demoLoad: demo,
      demoFloor: await floorDemo(),
      dashboard: await dashboard(),
      drillDown: await drillDown(),
      orgSearch: await orgSearch(),
      firmsFirstPage: await firmsFirstPage('statusIndustry'),
      floorRead: await floorRead(),
      floorIndexCount: await floorIndexCount(),
      floorWrite: await floorWrite('firms', 500),
    }
  } finally {
    await useDatabase('zhibu')
  }
}

const api = {
  versions: {
    province: PROVINCE_GENERATOR_VERSION,
    demo: DEMO_GENERATOR_VERSION,
    today: PROVINCE_TODAY,
  },
  counts: PROVINCE_COUNTS,
  useDatabase,
  resetProvince,
  writeProvince,
  finishProvince,
  countRecords,
  dashboard,
  drillDown,
  orgSearch,
  firmsFirstPage,
  demoLoad,
  demoGenerate,
  floorDemo,
  floorWrite,
  floorRead,
  floorIndexCount,
  smoke,
}

export type ZhibuBench = typeof api

declare global {
  interface Window {
    zhibuBench?: ZhibuBench
  }
}

window.zhibuBench = api
document.body.dataset.ready = 'yes'
