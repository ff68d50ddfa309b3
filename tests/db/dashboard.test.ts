import { describe, expect, it } from 'vitest'
import {
  listChildAreas,
  readCompliance,
  readDashboardRecords,
  readStructureMembers,
  readTallies,
  readWorkQuality,
} from '@/db'
import { computeCoverage } from '@/domain/coverage'
import {
  complianceByArea,
  firmFiguresByFieldAsOf,
  industryFiguresFromTallies,
  memberStructure,
  sizeClassFiguresFromTallies,
  workQuality,
} from '@/domain/dashboard'
import { defaultSettings } from '@/domain/settings'
import { figuresFromTallies } from '@/domain/tallies'
import { loadDemoData } from '@/services/demoLoader'
import { useFreshDb } from './helpers'

const { db } = useFreshDb()
const today = '2026-11-23'

describe('the dashboard reads on the demo data', () => {
  it('give the same figures from the tallies and from the records, for the region and a city', async () => {
    await loadDemoData(today)
    const areas = await db().areas.toArray()
    const root = areas.find((a) => a.parentId === '')!
    const cities = await listChildAreas(root.id)
    expect(cities.map((c) => c.name)).toContain('包头市')
    const baotou = cities.find((c) => c.name === '包头市')!

    for (const areaPath of ['', baotou.path]) {
      const records = await readDashboardRecords({ kind: 'area', areaPath })
      const read = await readTallies(areaPath, today)
      expect(figuresFromTallies(read.rows, today, read.notYet), areaPath).toEqual(
        computeCoverage(records.firms, records.orgs, records.members, today),
      )
      const byRecords = firmFiguresByFieldAsOf(records.firms, records.orgs, today)
      expect(industryFiguresFromTallies(read.rows, today, read.notYet)).toEqual(
        byRecords.byIndustry,
      )
      expect(sizeClassFiguresFromTallies(read.rows, today, read.notYet)).toEqual(
        byRecords.bySizeClass,
      )
    }
    const whole = await readTallies('', today)
    const total = industryFiguresFromTallies(whole.rows, today, whole.notYet).reduce(
      (sum, row) => sum + row.figures.operatingFirms,
      0,
    )
    expect(total).toBe(875)

    // The structure counts the members the coverage counts (no org of the demo is dissolved
    // with members still in it).
    const structure = memberStructure(
      await readStructureMembers({ kind: 'area', areaPath: '' }),
      today,
    )
    expect(structure.total).toBe(546)
    const genders = structure.gender.male + structure.gender.female
    expect(genders).toBe(546)

    const settings = defaultSettings()
    const quality = workQuality({
      ...(await readWorkQuality({ kind: 'area', areaPath: '' }, settings, today)),
      settings,
      today,
    })
    // The article's joint committee resolved 28 problems.
    expect(quality.issues.resolved).toBeGreaterThanOrEqual(28)
    expect(quality.study.members).toBe(546)

    const compliance = await readCompliance({ kind: 'area', areaPath: '' }, settings, today)
    expect(compliance.months).toHaveLength(12)
    expect(compliance.rates.size).toBe(compliance.orgs.length)
    const rows = complianceByArea(compliance.orgs, compliance.rates, cities)
    expect(rows.reduce((sum, row) => sum + row.orgs, 0)).toBe(compliance.orgs.length)
  }, 120_000)
})
