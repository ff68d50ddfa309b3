import { describe, expect, it } from 'vitest'
import {
  countFirmsMatching,
  countOrgNodes,
  createArea,
  createFirm,
  createMember,
  createOrg,
  dissolveOrg,
  getFirm,
  listFirmsPage,
  listRecycleBin,
  moveArea,
  moveOrg,
  refreshAllFirmStatusesOnce,
  removeOrg,
  restoreFromRecycleBin,
  updateFirm,
  updateFirms,
  ValidationError,
  type FirmFilter,
} from '@/db'
import { computeCreditCheckChar, computeOrgCodeCheckChar } from '@/domain/creditCode'
import { area, firm, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const all: FirmFilter = { areaPath: '', industry: '', sizeClass: '', orgStatus: '', text: '' }

/** A valid credit code for firm number n (GB 11714 and GB 32100 check characters computed). */
function code(n: number): string {
  const body = `MA${String(n).padStart(6, '0')}`
  const first17 = `91150200${body}${computeOrgCodeCheckChar(body)}`
  return first17 + computeCreditCheckChar(first17)
}

describe('firm organisation status is derived, never typed', () => {
  it('follows org creation, dissolution, deletion and restore', async () => {
    const city = await createArea(area())
    const a = await createFirm(firm(city.id, { creditCode: code(1) }))
    expect((await getFirm(a.id))?.orgStatus).toBe('none')
    await updateFirm(a.id, { ...firm(city.id, { creditCode: code(1) }), instructor: '李明' })
    expect((await getFirm(a.id))?.orgStatus).toBe('instructorOnly')
    const joint = await createOrg(org(city.id, { type: 'jointBranch', hostFirmIds: [a.id] }))
    expect((await getFirm(a.id))?.orgStatus).toBe('jointBranch')
    const own = await createOrg(org(city.id, { name: '自己的支部', hostFirmIds: [a.id] }))
    expect((await getFirm(a.id))?.orgStatus).toBe('ownOrg')
    await dissolveOrg(own.id, '2020-01-01')
    expect((await getFirm(a.id))?.orgStatus).toBe('jointBranch')
    await removeOrg(joint.id)
    expect((await getFirm(a.id))?.orgStatus).toBe('instructorOnly')
    const [entry] = await listRecycleBin(0, 1)
    await restoreFromRecycleBin(entry!.id)
    expect((await getFirm(a.id))?.orgStatus).toBe('jointBranch')
  })
})

describe('statuses follow the calendar', () => {
  it('an org founded on a future date covers its firm from that day, checked once a day', async () => {
    const city = await createArea(area())
    const f = await createFirm(firm(city.id, { creditCode: code(9) }))
    await createOrg(org(city.id, { foundedOn: '2099-01-01', hostFirmIds: [f.id] }))
    expect((await getFirm(f.id))?.orgStatus).toBe('none')
    expect(await refreshAllFirmStatusesOnce('2098-12-31')).toBe(true)
    expect((await getFirm(f.id))?.orgStatus).toBe('none')
    expect(await refreshAllFirmStatusesOnce('2098-12-31')).toBe(false)
    expect(await refreshAllFirmStatusesOnce('2099-01-01')).toBe(true)
    expect((await getFirm(f.id))?.orgStatus).toBe('ownOrg')
  })
})

describe('bulk actions', () => {
  it('assign an instructor and move firms in one transaction, all or none', async () => {
    const city = await createArea(area())
    const other = await createArea(area({ name: '赤峰市', code: '150400' }))
    const a = await createFirm(firm(city.id, { creditCode: code(1) }))
    const b = await createFirm(firm(city.id, { name: '第二家', creditCode: code(2) }))
    await updateFirms([a.id, b.id], { instructor: '王强' })
    expect((await getFirm(a.id))?.orgStatus).toBe('instructorOnly')
    expect((await getFirm(b.id))?.instructor).toBe('王强')
    await updateFirms([a.id, b.id], { areaId: other.id })
    expect((await getFirm(b.id))?.areaPath).toBe(other.path)
    // One unknown id: nothing of the batch is written.
    await expect(updateFirms([a.id, 'missing'], { instructor: '赵六' })).rejects.toThrow()
    expect((await getFirm(a.id))?.instructor).toBe('王强')
  })
})

describe('keyset pages', () => {
  it('walk every firm once, in name order, with and without a filter', async () => {
    const city = await createArea(area())
    const other = await createArea(area({ name: '赤峰市', code: '150400', sortOrder: 2 }))
    for (let i = 0; i < 25; i++) {
      // Two firms share each name: the id in the key keeps pages exact.
      await createFirm(
        firm(i % 2 ? city.id : other.id, {
          name: `企业${String(i >> 1).padStart(2, '0')}`,
          creditCode: code(i),
          industry: i % 3 ? 'ecommerce' : 'software',
        }),
      )
    }
    const seen: string[] = []
    let after: unknown[] | null = null
    do {
      const page = await listFirmsPage(all, after, 4)
      seen.push(...page.rows.map((f) => f.id))
      after = page.next
    } while (after)
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
    const names = (await db().firms.bulkGet(seen)).map((f) => f!.name)
    expect(names).toEqual([...names].sort())

    const backwards: string[] = []
    after = null
    do {
      const page = await listFirmsPage({ ...all, descending: true }, after, 4)
      backwards.push(...page.rows.map((f) => f.id))
      after = page.next
    } while (after)
    expect(backwards).toEqual([...seen].reverse())

    const software = { ...all, industry: 'software' as const, areaPath: city.path }
    const first = await listFirmsPage(software, null, 100)
    expect(first.rows.every((f) => f.industry === 'software' && f.areaId === city.id)).toBe(true)
    expect(first.rows).toHaveLength(await countFirmsMatching(software))
    expect(first.next).toBeNull()
    // Each field a walk can range over pages to exactly its firms, in name order, both ways.
    const filters: FirmFilter[] = [
      { ...all, industry: 'ecommerce' },
      { ...all, sizeClass: 'below' },
      { ...all, orgStatus: 'none' },
      { ...all, areaPath: other.path },
    ]
    const stored = await db().firms.toArray()
    for (const filter of filters) {
      const expected = stored
        .filter(
          (f) =>
            (!filter.industry || f.industry === filter.industry) &&
            (!filter.sizeClass || f.sizeClass === filter.sizeClass) &&
            (!filter.orgStatus || f.orgStatus === filter.orgStatus) &&
            f.areaPath.startsWith(filter.areaPath),
        )
        .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1))
        .map((f) => f.id)
      expect(expected.length).toBeGreaterThan(0)
      for (const descending of [false, true]) {
        const walked: string[] = []
        let cursor: unknown[] | null = null
        do {
          const page = await listFirmsPage({ ...filter, descending }, cursor, 3)
          walked.push(...page.rows.map((f) => f.id))
          cursor = page.next
        } while (cursor)
        expect(walked).toEqual(descending ? [...expected].reverse() : expected)
      }
      expect(await countFirmsMatching(filter)).toBe(expected.length)
    }
    expect(await countFirmsMatching({ ...all, text: '企业03' })).toBe(2)
    expect(await countFirmsMatching({ ...all, text: code(7).slice(0, 17).toLowerCase() })).toBe(1)
  })
})

describe('area filters keep name order', () => {
  it('for a leaf area and for an area with areas under it', async () => {
    const region = await createArea(area({ name: '内蒙古自治区', level: 'region' }))
    const a = await createArea(area({ name: '甲市', parentId: region.id }))
    const b = await createArea(area({ name: '乙市', parentId: region.id }))
    const names = ['丁', '甲', '丙', '乙', '戊', '己']
    for (const [i, name] of names.entries()) {
      await createFirm(firm(i % 2 ? a.id : b.id, { name, creditCode: code(100 + i) }))
    }
    for (const path of [region.path, a.path]) {
      const rows: string[] = []
      let after: unknown[] | null = null
      do {
        const page = await listFirmsPage({ ...all, areaPath: path }, after, 2)
        rows.push(...page.rows.map((f) => f.name))
        after = page.next
      } while (after)
      expect(rows).toEqual([...rows].sort())
      expect(rows).toHaveLength(path === region.path ? 6 : 3)
    }
  })
})

describe('name search through the bigram index', () => {
  it('pages through exactly the firms whose name contains the text, both ways', async () => {
    const city = await createArea(area())
    for (let i = 0; i < 30; i++) {
      const name =
        i % 3 === 0
          ? `包头云岭${String(i).padStart(2, '0')}科技有限公司`
          : `包头星河${i}网络有限公司`
      await createFirm(firm(city.id, { name, creditCode: code(200 + i) }))
    }
    const walk = async (descending: boolean) => {
      const names: string[] = []
      let after: unknown[] | null = null
      do {
        const page = await listFirmsPage({ ...all, text: '云岭', descending }, after, 4)
        names.push(...page.rows.map((f) => f.name))
        after = page.next
      } while (after)
      return names
    }
    const up = await walk(false)
    expect(up).toHaveLength(10)
    expect(up.every((name) => name.includes('云岭'))).toBe(true)
    expect(up).toEqual([...up].sort())
    expect(await walk(true)).toEqual([...up].reverse())
    expect(await countFirmsMatching({ ...all, text: '云岭' })).toBe(10)
    expect(await countFirmsMatching({ ...all, text: '岭0' })).toBe(4)
  })
})

describe('moving an area', () => {
  it('rewrites the paths below it and on its firms and orgs in one go', async () => {
    const region = await createArea(area({ name: '内蒙古自治区', level: 'region' }))
    const baotou = await createArea(area({ parentId: region.id }))
    const park = await createArea(
      area({ name: '稀土高新区', level: 'banner', parentId: baotou.id }),
    )
    const chifeng = await createArea(area({ name: '赤峰市', parentId: region.id }))
    const f = await createFirm(firm(park.id, { creditCode: code(1) }))
    const o = await createOrg(org(park.id))
    await moveArea(park.id, chifeng.id)
    const expected = `${chifeng.path}${park.id}/`
    expect((await db().areas.get(park.id))?.path).toBe(expected)
    expect((await getFirm(f.id))?.areaPath).toBe(expected)
    expect((await db().orgs.get(o.id))?.areaPath).toBe(expected)
    await expect(moveArea(region.id, park.id)).rejects.toBeInstanceOf(ValidationError)
  })
})

describe('org tree', () => {
  it('counts full and probationary members per node, and refuses a loop', async () => {
    const city = await createArea(area())
    const committee = await createOrg(org(city.id, { name: '党委', type: 'baseCommittee' }))
    const branch = await createOrg(org(city.id, { parentId: committee.id }))
    await createMember(member(branch.id))
    await createMember(member(branch.id, { stage: 'probationary', idNumber: '' }))
    expect(await countOrgNodes([committee.id, branch.id])).toEqual({
      [committee.id]: { full: 0, probationary: 0, children: 1 },
      [branch.id]: { full: 1, probationary: 1, children: 0 },
    })
    await expect(moveOrg(committee.id, branch.id)).rejects.toBeInstanceOf(ValidationError)
  })
})
