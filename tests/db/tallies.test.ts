import { describe, expect, it, vi } from 'vitest'
import {
  createArea,
  createFirm,
  createMember,
  createOrg,
  dissolveOrg,
  listAllTallies,
  liveQuery,
  listRecycleBin,
  readCoverageInput,
  readTallies,
  removeFirm,
  removeMember,
  removeOrg,
  restoreFromRecycleBin,
  updateFirm,
  updateMember,
  updateOrg,
} from '@/db'
import { getDb } from '@/db/connection'
import { computeCoverage, coverageByArea } from '@/domain/coverage'
import { figuresFromTallies, tallyRows } from '@/domain/tallies'
import { clearAllData, loadDemoData } from '@/services/demoLoader'
import { area, firm, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const today = '2026-11-23'

/** The tallies kept by the writes must equal a full recount of the records. */
async function expectTalliesEqualRecount() {
  const [firms, orgs, members] = await Promise.all([
    db().firms.toArray(),
    db().orgs.toArray(),
    db().members.toArray(),
  ])
  expect(await listAllTallies()).toEqual(tallyRows(firms, orgs, members))
}

async function expectFiguresEqualFullComputation(areaPath = '') {
  const input = await readCoverageInput()
  const inArea = <T extends { areaPath: string }>(list: T[]) =>
    list.filter((item) => item.areaPath.startsWith(areaPath))
  const orgs = inArea(input.orgs)
  const orgIds = new Set(orgs.map((o) => o.id))
  const expected = computeCoverage(
    inArea(input.firms),
    orgs,
    input.members.filter((m) => orgIds.has(m.orgId)),
    today,
  )
  const read = await readTallies(areaPath, today)
  expect(figuresFromTallies(read.rows, today, read.notYet)).toEqual(expected)
}

describe('tallies kept inside the write transactions', () => {
  it('equal a recount, and give computeCoverage’s figures, after the demo load', async () => {
    await loadDemoData(today)
    await expectTalliesEqualRecount()
    await expectFiguresEqualFullComputation()
    const read = await readTallies('', today)
    const figures = figuresFromTallies(read.rows, today, read.notYet)
    expect([figures.operatingFirms, figures.firmsWithOrg, figures.members]).toEqual([875, 121, 546])
    // Every area row of the dashboard, too.
    const input = { ...(await readCoverageInput()), asOf: today }
    const areas = await db().areas.toArray()
    const root = areas.find((a) => a.parentId === '')
    for (const row of coverageByArea(input, areas, root?.id ?? '')) {
      const path = areas.find((a) => a.id === row.areaId)?.path ?? ''
      const part = await readTallies(path, today)
      expect(figuresFromTallies(part.rows, today, part.notYet), path).toEqual(row.figures)
    }
    await clearAllData()
    expect(await listAllTallies()).toEqual([])
  }, 60_000)

  it('follow every kind of write, delete and restore', async () => {
    const city = await createArea(area())
    const banner = await createArea(
      area({ name: '巴林右旗', parentId: city.id, level: 'banner', code: '150423' }),
    )
    const a = await createFirm(firm(city.id))
    const b = await createFirm(
      firm(banner.id, { name: '赤峰草原物流有限公司', creditCode: '91150423MA0N00008J' }),
    )
    await expectTalliesEqualRecount()

    await updateFirm(a.id, firm(city.id, { industry: 'software', sizeClass: 'above' }))
    const branch = await createOrg(org(city.id, { hostFirmIds: [a.id] }))
    const joint = await createOrg(
      org(banner.id, { name: '联合党支部', type: 'jointBranch', hostFirmIds: [a.id, b.id] }),
    )
    const wang = await createMember(member(branch.id))
    const li = await createMember(
      member(joint.id, { name: '李强', idNumber: '', phone: '', stage: 'probationary' }),
    )
    await expectTalliesEqualRecount()
    await expectFiguresEqualFullComputation()

    // A member moves org, changes stage, is transferred out; an org moves area and dissolves.
    await updateMember(
      li.id,
      member(branch.id, { name: '李强', idNumber: '', phone: '', stage: 'full' }),
    )
    await updateMember(wang.id, member(branch.id, { status: 'transferredOut' }))
    await updateOrg(branch.id, org(banner.id, { hostFirmIds: [a.id] }))
    await expectTalliesEqualRecount()
    await dissolveOrg(joint.id, '2026-11-01')
    await expectTalliesEqualRecount()
    await expectFiguresEqualFullComputation()

    await removeMember(li.id)
    await removeOrg(branch.id)
    await removeFirm(b.id)
    await expectTalliesEqualRecount()
    for (const entry of await listRecycleBin(0, 10)) await restoreFromRecycleBin(entry.id)
    await expectTalliesEqualRecount()
    await expectFiguresEqualFullComputation()
    await expectFiguresEqualFullComputation(banner.path)
  })

  it('subtract what is dated after the day: a firm registered, an org founded later', async () => {
    const city = await createArea(area())
    const later = await createFirm(firm(city.id, { registeredOn: '2027-03-01' }))
    await createOrg(org(city.id, { foundedOn: '2027-03-01', hostFirmIds: [later.id] }))
    const now = await createOrg(org(city.id, { name: '现有党支部' }))
    await createMember(member(now.id))
    await expectFiguresEqualFullComputation()
  })

  it('wake a liveQuery that reads them when a firm is written', async () => {
    const city = await createArea(area())
    const seen: number[] = []
    const subscription = liveQuery(() => readTallies('', today)).subscribe((read) =>
      seen.push(figuresFromTallies(read.rows, today, read.notYet).operatingFirms),
    )
    await vi.waitFor(() => expect(seen).toEqual([0]))
    await createFirm(firm(city.id))
    await vi.waitFor(() => expect(seen).toEqual([0, 1]))
    subscription.unsubscribe()
  })

  it('also follow a write that bypasses the repositories, and roll back with a failed one', async () => {
    const city = await createArea(area())
    const a = await createFirm(firm(city.id))
    await db().firms.update(a.id, { orgStatus: 'instructorOnly' })
    await expectTalliesEqualRecount()
    const before = await listAllTallies()
    await expect(
      db().transaction('rw', db().firms, async () => {
        await db().firms.update(a.id, { industry: 'software' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await listAllTallies()).toEqual(before)
    expect(await getDb().tallies.count()).toBe(before.length)
  })

  describe('cannot drift, whatever a future write path does', () => {
    async function twoFirms() {
      const city = await createArea(area())
      const a = await createFirm(firm(city.id))
      const b = await createFirm(
        firm(city.id, { name: '赤峰草原物流有限公司', creditCode: '91150423MA0N00008J' }),
      )
      return { city, a: (await db().firms.get(a.id))!, b: (await db().firms.get(b.id))! }
    }

    it('two puts of the same firm in flight in one transaction: the last one counts', async () => {
      const { a } = await twoFirms()
      await db().transaction('rw', db().firms, () =>
        Promise.all([
          db().firms.put({ ...a, industry: 'software' }),
          db().firms.put({ ...a, industry: 'lifeService', sizeClass: 'above' }),
        ]),
      )
      expect((await db().firms.get(a.id))?.industry).toBe('lifeService')
      await expectTalliesEqualRecount()
    })

    it('two writes of the same org and of its member in flight at once', async () => {
      const city = await createArea(area())
      const branch = await createOrg(org(city.id))
      const wang = await createMember(member(branch.id))
      const storedOrg = (await db().orgs.get(branch.id))!
      const storedMember = (await db().members.get(wang.id))!
      await db().transaction('rw', db().orgs, db().members, () =>
        Promise.all([
          db().orgs.put({ ...storedOrg, type: 'generalBranch' }),
          db().members.put({ ...storedMember, stage: 'probationary' }),
          db().orgs.put({ ...storedOrg, dissolvedOn: '2026-11-01' }),
          db().members.delete(wang.id),
        ]),
      )
      await expectTalliesEqualRecount()
    })

    it('the same id twice in one bulkPut (and in one bulkDelete) counts once', async () => {
      const { a, b } = await twoFirms()
      await db().firms.bulkPut([
        { ...a, industry: 'software' },
        { ...a, industry: 'lifeService' },
        { ...b, closedOn: '2026-10-01' },
      ])
      await expectTalliesEqualRecount()
      await db().firms.bulkDelete([b.id, b.id])
      await expectTalliesEqualRecount()
      expect(await db().firms.count()).toBe(1)
    })

    it('a put refused by the database, its error caught, changes no tally', async () => {
      const { a, b } = await twoFirms()
      await db().transaction('rw', db().firms, async () => {
        // The credit code index is unique: this put fails, the transaction goes on.
        await expect(
          db().firms.put({ ...b, creditCode: a.creditCode, industry: 'software' }),
        ).rejects.toThrow()
        await db().firms.put({ ...a, sizeClass: 'above' })
      })
      expect((await db().firms.get(b.id))?.industry).toBe(b.industry)
      await expectTalliesEqualRecount()
    })

    it('a bulkPut half refused, its error caught, counts the half that was written', async () => {
      const { a, b } = await twoFirms()
      await db().transaction('rw', db().firms, async () => {
        await expect(
          db().firms.bulkPut([
            { ...a, industry: 'software' },
            { ...b, creditCode: a.creditCode, closedOn: '2026-10-01' },
          ]),
        ).rejects.toThrow()
      })
      expect((await db().firms.get(a.id))?.industry).toBe('software')
      expect((await db().firms.get(b.id))?.closedOn).toBe('')
      await expectTalliesEqualRecount()
    })

    it('a bulkPut that throws part way, its error caught, counts what did land', async () => {
      const { a, b } = await twoFirms()
      await db().transaction('rw', db().firms, async () => {
        // A value the database cannot clone (a proxy) throws at once, after the first put
        // was sent: the whole request rejects, yet the first record is written.
        await expect(
          db().firms.bulkPut([
            { ...a, industry: 'software' },
            new Proxy({ ...b, closedOn: '2026-10-01' }, {}),
          ]),
        ).rejects.toThrow()
      })
      expect((await db().firms.get(a.id))?.industry).toBe('software')
      await expectTalliesEqualRecount()
    })
  })
})
