/**
 * The benchmark's entry (bench.html): exposes `window.zhibuBench` so
 * scripts/bench.mjs and tests/e2e/bench-smoke.spec.ts call the app's own code in real
 * Chromium. Not imported by the app: the first route does not carry it.
 * Every timing is returned to Node, which takes medians and writes bench/results.json.
 */
import {
  countRecords,
  listAreas,
  listFirmsPage,
  readCoverageInput,
  listMembersPage,
  readArrears,
  readComplianceBoard,
  readRegister,
  readSettings,
  readTallies,
  searchFirms,
  searchMembers,
  searchOrgs,
  setDb,
  writeMeta,
  ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { NAMED_TODO_SOURCES, type TodoSourceName } from '@/composables/todo/sources'
import { readRuleInput } from '@/composables/useTodo'
import { gatherTodo } from '@/domain/todo'
import { computeCoverage } from '@/domain/coverage'
import { monthKey, todayIso } from '@/domain/dates'
import { addMonthsTo } from '@/domain/dues'
import { boardMonths } from '@/domain/meetings'
import { emptyMemberFilter } from '@/domain/memberRules'
import { figuresFromTallies, talliesUnder } from '@/domain/tallies'
import { STAGE, type Firm } from '@/domain/types'
import {
  buildFirmsWorkbook,
  checkImport,
  FIRM_COLUMNS,
  openImportFile,
  writeImport,
} from '@/services/spreadsheet'
import { areaLookup } from '@/services/spreadsheet/areas'
import { firmSheetRow } from '@/services/spreadsheet/exportFlow'
import { DEMO_GENERATOR_VERSION, generateDemo } from '@/services/demo/generate'
import {
  createProvince,
  PROVINCE_COUNTS,
  PROVINCE_GENERATOR_VERSION,
  type ProvinceTable,
} from '@/services/demo/province'
import { backupInWorker, readInWorker, restoreInWorker } from '@/services/backup'
import { loadDemoData } from '@/services/demoLoader'
import { mergeBench, revisionShare } from './merge'
import { liveHas, liveStart, liveStop, liveWrite, syncBench } from './sync'
import {
  deleteDatabase,
  openRawDatabase,
  rawAdd,
  rawCountRange,
  rawReadCoverageStores,
  storeDefsOf,
  type StoreDef,
} from './raw'

/** Fixed, so the cached province profile holds the same records on every run. */
export const PROVINCE_TODAY = '2026-06-30'
const DEMO_DB = 'zhibu-bench-demo'
const IMPORT_DB = 'zhibu-bench-import'
const RESTORE_DB = 'zhibu-bench-restore'
const ALL_FIRMS = { areaPath: '', industry: '', sizeClass: '', orgStatus: '', text: '' } as const
const FLOOR_DB = 'zhibu-bench-floor'

const province = createProvince({ today: PROVINCE_TODAY })

/** The app's own store definitions, read from Dexie so the floor has the same indexes. */
function appStoreDefs(): StoreDef[] {
  return storeDefsOf(getDb().tables)
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
  // The statuses were written as of PROVINCE_TODAY: the app's daily upkeep then refreshes
  // only orgs founded or dissolved since, as it would on a device used every day (without
  // this mark its first run re-derived all 100,000 firms, 40 s of the first dashboard visit).
  await writeMeta('firmStatusOn', PROVINCE_TODAY)
  return countRecords()
}

/**
 * Today's dashboard as useCoverage runs it: the tallies kept by the writes for an area
 * path ('' = the region), figures for it and one row per child area. No table scan.
 */
async function talliesFigures(areaPath: string, childOf: string, asOf: string) {
  const [read, areas] = await Promise.all([readTallies(areaPath, asOf), listAreas()])
  const figures = figuresFromTallies(read.rows, asOf, read.notYet)
  const rows = areas
    .filter((area) => area.parentId === childOf)
    .map((area) => {
      const part = talliesUnder(read.rows, read.notYet, area.path)
      return figuresFromTallies(part.rows, asOf, part.notYet)
    })
  return { figures, rows, tallyRows: read.rows.length }
}

async function rootArea() {
  const roots = (await listAreas()).filter((area) => area.parentId === '')
  if (roots.length !== 1 || !roots[0]) throw new Error('expected one root area')
  return roots[0]
}

async function dashboard(asOf = PROVINCE_TODAY) {
  const root = await rootArea()
  const run = await timed(() => talliesFigures('', root.id, asOf))
  return {
    ms: run.ms,
    tallyRows: run.value.tallyRows,
    areaRows: run.value.rows.length,
    operatingFirms: run.value.figures.operatingFirms,
    orgCoverageRate: run.value.figures.orgCoverageRate,
  }
}

async function drillDown(cityName = '包头市', asOf = PROVINCE_TODAY) {
  const city = (await listAreas()).find((area) => area.name === cityName)
  if (!city) throw new Error(`no area ${cityName}`)
  const run = await timed(() => talliesFigures(city.path, city.id, asOf))
  return {
    ms: run.ms,
    rows: run.value.rows.length,
    tallyRows: run.value.tallyRows,
    operatingFirms: run.value.figures.operatingFirms,
  }
}

/** The whole-area figures for another date: the full read and computation (as-of, trend). */
async function dashboardFullRead(asOf = PROVINCE_TODAY) {
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

/**
 * The first page of /members (20 rows): one org's roster filtered to women, as a
 * secretary would; and the whole register filtered to probationary members.
 */
async function membersFirstPage(kind: 'orgFiltered' | 'allByStage') {
  const filter = emptyMemberFilter()
  let scope: string[] | null = null
  if (kind === 'orgFiltered') {
    const first = await getDb().members.orderBy('orgId').first()
    if (!first) throw new Error('no members')
    scope = [first.orgId]
    filter.gender = 'female'
  } else filter.stage = STAGE.probationary
  const run = await timed(() => listMembersPage(scope, filter, null, 20, PROVINCE_TODAY))
  return { ms: run.ms, rows: run.value.rows.length }
}

/** The file the last `backupSet` made, kept in the page for `restoreKept`. */
let kept: { file: File; records: number } | null = null

const failure = (error: unknown) => ({
  ok: false as const,
  error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
})

/**
 * Backup of the current database (the province set) as /data makes it, in the app's worker,
 * with the longest main-thread task. The file stays in the page for `restoreKept`, so the
 * benchmark times the two apart: a backup figure lands even when the restore runs long.
 */
async function backupSet() {
  try {
    const backup = await timed(() => withLongTasks(() => backupInWorker()))
    const created = backup.value.value
    const records = Object.values(created.header.counts).reduce((sum, n) => sum + n, 0)
    kept = { file: new File([created.blob], created.fileName), records }
    return {
      ok: true as const,
      backupMs: backup.ms,
      records,
      fileBytes: created.blob.size,
      // The JSON Lines inside the file, before compression.
      jsonBytes: created.jsonBytes,
      backupLongestTaskMs: backup.value.longestTaskMs,
    }
  } catch (error) {
    return failure(error)
  }
}

/**
 * Restore of the kept backup into a fresh database of its own (replace), as /data runs it:
 * the worker's checking pass, then its writing pass. The restored database is deleted after.
 */
/**
 * Hand the kept backup to the browser as a download, so the benchmark can restore it in a
 * profile of its own (a restore into the province profile leaves 900,000 deleted records
 * for LevelDB to compact at the start of the next run, slowing every figure).
 */
function downloadKept(): number {
  if (!kept) throw new Error('no backup kept: run backupSet first')
  const link = document.createElement('a')
  link.href = URL.createObjectURL(kept.file)
  link.download = kept.file.name
  link.click()
  return kept.file.size
}

/** The file chosen in `input#bench-file` (set by Playwright), or the backup kept here. */
function fileToRestore(): File | undefined {
  const input = document.querySelector<HTMLInputElement>('input#bench-file')
  return input?.files?.[0] ?? kept?.file
}

async function restoreKept() {
  const previous = getDb().name
  const file = fileToRestore()
  kept = null
  if (!file) return failure('no backup kept: run backupSet first')
  try {
    await freshDatabase(RESTORE_DB)
    const restore = await timed(() =>
      withLongTasks(async () => restoreInWorker(await readInWorker(file), 'replace')),
    )
    return {
      ok: true as const,
      restoreMs: restore.ms,
      restoreLongestTaskMs: restore.value.longestTaskMs,
      restored: restore.value.value.added,
    }
  } catch (error) {
    return failure(error)
  } finally {
    if (getDb().name !== previous) {
      getDb().close()
      await deleteDatabase(RESTORE_DB)
      setDb(new ZhibuDb(previous))
    }
  }
}

/** Both, one after the other (the ×1 smoke run). */
async function backupRestore() {
  const backup = await backupSet()
  if (!backup.ok) return backup
  const restore = await restoreKept()
  return restore.ok ? { ...backup, ...restore } : restore
}

/** The meeting compliance board for 100 branches × 12 months, as /meetings/board reads it. */
async function complianceBoard(orgCount = 100, asOf = PROVINCE_TODAY) {
  const orgIds = await getDb().orgs.where('type').equals('branch').limit(orgCount).primaryKeys()
  const run = await timed(() => readComplianceBoard(orgIds, boardMonths(asOf, 12), asOf))
  const cells = run.value.rows.reduce((sum, row) => sum + row.cells.length, 0)
  return { ms: run.ms, orgs: run.value.rows.length, cells }
}

/**
 * 党费收缴登记 of one branch for last month, as /dues reads it (readRegister): the org's
 * members by [orgId+name+id], the org-month's records, one key per member's latest record.
 */
async function duesRegister(asOf = PROVINCE_TODAY) {
  const org = await getDb().orgs.where('type').equals('branch').first()
  if (!org) throw new Error('no branch')
  const month = addMonthsTo(monthKey(asOf), -1)
  const run = await timed(() => readRegister(org.id, month))
  return {
    ms: run.ms,
    rows: run.value.rows.length,
    recorded: run.value.rows.filter((row) => row.record).length,
  }
}

/**
 * The department's arrears list for the whole province (待办, the work-quality tab): members
 * three and more months behind, from the kept clocks (one `clock` index range), not a scan
 * of the payments.
 */
async function duesArrears(asOf = PROVINCE_TODAY) {
  const run = await timed(() => readArrears(null, asOf, 3))
  return {
    ms: run.ms,
    arrears3: run.value.length,
    arrears6: run.value.filter((row) => row.months >= 6).length,
  }
}

/** One 待办 part's time alone and the rows it gave. */
export interface TodoPartTiming {
  ms: number
  items: number
}

/**
 * Each 待办 source of the department's whole-province list timed alone, one after another
 * (so none waits behind another's reads), and the rule checks the page runs beside them.
 * `today` defaults to the clock's day, as the page reads it: the study source reads nothing
 * before its season.
 */
async function todoSources(today = todayIso()) {
  const settings = await readSettings()
  const input = { orgIds: null, settings, today }
  const sources = {} as Record<TodoSourceName, TodoPartTiming>
  for (const [name, source] of Object.entries(NAMED_TODO_SOURCES)) {
    const run = await timed(() => source(input))
    sources[name as TodoSourceName] = { ms: run.ms, items: run.value.length }
  }
  const rules = await timed(async () => gatherTodo(await readRuleInput(null)))
  return { today, sources, rules: { ms: rules.ms, items: rules.value.length } }
}

/** Tallies and full computation agree (the smoke run checks it on the demo). */
async function talliesAgree(asOf = PROVINCE_TODAY) {
  const root = await rootArea()
  const input = await readCoverageInput()
  const full = computeCoverage(input.firms, input.orgs, input.members, asOf)
  const fast = (await talliesFigures('', root.id, asOf)).figures
  return JSON.stringify(full) === JSON.stringify(fast)
}

/** Longest main-thread task while `work` runs (PerformanceObserver 'longtask', ≥ 50 ms). */
async function withLongTasks<T>(
  work: () => Promise<T>,
): Promise<{ value: T; longestTaskMs: number }> {
  let longest = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration)
  })
  observer.observe({ type: 'longtask' })
  try {
    const value = await work()
    // Entries are delivered asynchronously: give the last ones a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100))
    return { value, longestTaskMs: longest }
  } finally {
    observer.disconnect()
  }
}

/**
 * The firm import as the dialog runs it (open → check → write) on a 10,000-row .xlsx that
 * the app's own export wrote, into a database of its own holding the province's areas.
 */
/**
 * The same firms as a CSV the way Excel saves "CSV UTF-8": a BOM, the export's headers and
 * labels, quoted where a cell needs it. (GBK decodes at the same speed: one TextDecoder pass.)
 */
function firmsCsv(firms: readonly Firm[]): ArrayBuffer {
  const areas = areaLookup(province.areas)
  const quote = (value: string | number) => {
    const text = String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [FIRM_COLUMNS.map((column) => column.headers[0] ?? '').join(',')]
  for (const firm of firms) lines.push(firmSheetRow(firm, areas).map(quote).join(','))
  const text = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)
  const data = new Uint8Array(text.length + 3)
  data.set([0xef, 0xbb, 0xbf])
  data.set(text, 3)
  return data.buffer
}

/** importXlsx with the register as a CSV file: the same steps, papaparse in the worker. */
function importCsv(count = 10_000) {
  return importXlsx(count, 'csv')
}

async function importXlsx(count = 10_000, format: 'xlsx' | 'csv' = 'xlsx') {
  const previous = getDb().name
  await freshDatabase(IMPORT_DB)
  try {
    await getDb().areas.bulkAdd(province.areas)
    await getDb().firms.bulkAdd(province.rows('firms', 0, count) as Firm[])
    const { data, rows } =
      format === 'xlsx'
        ? await buildFirmsWorkbook(ALL_FIRMS)
        : { data: firmsCsv(await getDb().firms.toArray()), rows: count }
    await getDb().firms.clear()
    const bytes = data.byteLength
    const run = await timed(() =>
      withLongTasks(async () => {
        // As the dialog gets it: a File (exceljs hands back a Uint8Array, not an ArrayBuffer).
        // The marks let scripts/bench-import.mjs place long tasks among the steps.
        performance.mark('import:open')
        const file = await openImportFile('firms', new Blob([data]))
        performance.mark('import:check')
        const checked = await checkImport(file, file.header.mapping)
        performance.mark('import:write')
        const counts = await writeImport(checked, 'validRows')
        performance.mark('import:done')
        return counts
      }),
    )
    return {
      ms: run.ms,
      rows,
      bytes,
      created: run.value.value.created,
      longestTaskMs: run.value.longestTaskMs,
    }
  } finally {
    getDb().close()
    setDb(new ZhibuDb(previous))
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

/** The org picker's search with a needle that matches nothing (the name pieces' index only). */
async function orgSearch(needle = '不存在的名称') {
  const run = await timed(() => searchOrgs(needle))
  return { ms: run.ms, found: run.value.length }
}

export const PICKERS = ['orgs', 'committees', 'members', 'firms'] as const
export type Picker = (typeof PICKERS)[number]

/**
 * Two characters from the middle of a name the register holds (a contained-in match, the
 * usual picker search), for a picker's "with a match" row; a committee's own name.
 */
async function matchingNeedle(picker: Picker): Promise<string> {
  const db = getDb()
  const piece = (name: string | undefined) => {
    if (!name) throw new Error(`no ${picker} to search for`)
    const at = Math.max(0, Math.floor(name.length / 2) - 1)
    return name.slice(at, at + 2)
  }
  if (picker === 'committees') {
    const committee = await db.orgs
      .where('[type+name]')
      .between(['jointCommittee', ''], ['jointCommittee', '\uffff'])
      .first()
    if (!committee) throw new Error('no joint committee to search for')
    return committee.name
  }
  if (picker === 'members') return piece((await db.members.toCollection().first())?.name)
  if (picker === 'firms') return piece((await db.firms.toCollection().first())?.name)
  return piece((await db.orgs.toCollection().first())?.name)
}

/**
 * A picker's first page (20 rows) as its remote select asks for it: the repository search,
 * with a needle that matches (matchingNeedle) or one that matches nothing. Committees are
 * orgs (type jointCommittee), found by the org picker.
 */
async function pickerSearch(picker: Picker = 'orgs', match = false) {
  const needle = match ? await matchingNeedle(picker) : '不存在的名称'
  const search: (text: string) => Promise<{ name: string }[]> =
    picker === 'members' ? searchMembers : picker === 'firms' ? searchFirms : searchOrgs
  const run = await timed(() => search(needle))
  return { ms: run.ms, found: run.value.length, needle }
}

/** Every picker, with and without a match, once each (the smoke run's shape). */
async function pickerSearches() {
  const out: Record<string, { ms: number; found: number }> = {}
  for (const picker of PICKERS) {
    for (const match of [true, false]) {
      const { ms, found } = await pickerSearch(picker, match)
      out[`${picker}${match ? 'Match' : 'NoMatch'}`] = { ms, found }
    }
  }
  return out
}

async function freshDatabase(name: string): Promise<void> {
  getDb().close()
  await deleteDatabase(name)
  setDb(new ZhibuDb(name))
  await getDb().open()
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
      dashboardFullRead: await dashboardFullRead(),
      talliesAgree: await talliesAgree(),
      drillDown: await drillDown(),
      importXlsx: await importXlsx(200),
      importCsv: await importCsv(200),
      complianceBoard: await complianceBoard(),
      duesRegister: await duesRegister(),
      duesArrears: await duesArrears(),
      todoSources: await todoSources(),
      membersOrg: await membersFirstPage('orgFiltered'),
      membersAll: await membersFirstPage('allByStage'),
      backupRestore: await backupRestore(),
      orgSearch: await orgSearch(),
      pickers: await pickerSearches(),
      firmsFirstPage: await firmsFirstPage('statusIndustry'),
      floorRead: await floorRead(),
      floorIndexCount: await floorIndexCount(),
      floorWrite: await floorWrite('firms', 500),
      merge: await mergeBench(1_000, 0.1),
      revisionShare: await revisionShare(),
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
  dashboardFullRead,
  talliesAgree,
  drillDown,
  importXlsx,
  importCsv,
  complianceBoard,
  duesRegister,
  duesArrears,
  todoSources,
  membersFirstPage,
  backupRestore,
  backupSet,
  downloadKept,
  restoreKept,
  orgSearch,
  pickerSearch,
  firmsFirstPage,
  demoLoad,
  demoGenerate,
  floorDemo,
  floorWrite,
  floorRead,
  floorIndexCount,
  mergeBench,
  revisionShare,
  syncBench,
  liveStart,
  liveWrite,
  liveHas,
  liveStop,
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
