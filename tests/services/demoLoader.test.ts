import { describe, expect, it } from 'vitest'
import { countRecords, countRecycleBin, listRecentAudit, readCoverageInput } from '@/db'
import { getDb } from '@/db/connection'
import { computeCoverage, roundRate } from '@/domain/coverage'
import { clearAllData, loadDemoData } from '@/services/demoLoader'
import { isFirstRun } from '@/services/firstRun'
import { useFreshDb } from '../db/helpers'

useFreshDb()
const today = '2026-11-23'

// Each case writes the whole demo (11,000 records) into fake-indexeddb, twice in one: seconds.
describe('loadDemoData', { timeout: 30_000 }, () => {
  it('reproduces the article figures from what lands in the database', async () => {
    expect(await isFirstRun()).toBe(true)
    await loadDemoData(today)
    const input = await readCoverageInput()
    const figures = computeCoverage(input.firms, input.orgs, input.members, today)
    expect(figures.operatingFirms).toBe(875)
    expect(figures.firmsWithOrg).toBe(121)
    expect(roundRate(figures.orgCoverageRate)).toBe(13.8)
    expect(figures.members).toBe(546)
    expect(await isFirstRun()).toBe(false)
  })

  it('writes one audit entry for the whole load, not one per record', async () => {
    await loadDemoData(today)
    expect(await getDb().auditLog.count()).toBe(1)
    expect((await listRecentAudit(1))[0]).toMatchObject({
      action: 'demo',
      table: '*',
      recordId: '',
    })
  })

  it('loading twice gives the same data and keeps the first load as a snapshot', async () => {
    await loadDemoData(today)
    const first = await countRecords()
    await loadDemoData(today)
    expect(await countRecords()).toEqual(first)
    expect(await countRecycleBin()).toBe(1)
  })

  it('clearing empties every record table but is not a first run any more', async () => {
    await loadDemoData(today)
    await clearAllData()
    expect(Object.values(await countRecords()).every((n) => n === 0)).toBe(true)
    expect(await isFirstRun()).toBe(false)
  })
})
