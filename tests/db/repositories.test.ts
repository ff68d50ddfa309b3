import { revisionOf } from '@/domain/revisions'
import { describe, expect, it, vi } from 'vitest'
import {
  createArea,
  createFirm,
  createMember,
  createOrg,
  getFirm,
  listAuditFor,
  listRecycleBin,
  listSubtreeAreaIds,
  listSubtreeOrgIds,
  removeFirm,
  restoreFromRecycleBin,
  updateFirm,
  updateMember,
  ValidationError,
} from '@/db'
import { area, firm, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

async function expectProblems(
  promise: Promise<unknown>,
): Promise<{ field: string; code: string }[]> {
  const error: unknown = await promise.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(ValidationError)
  return (error as ValidationError).problems.map(({ field, code }) => ({ field, code }))
}

describe('areas', () => {
  it('keeps a materialised path so a subtree is one index range', async () => {
    const region = await createArea(area({ name: '内蒙古自治区', level: 'region', code: '150000' }))
    const city = await createArea(area({ parentId: region.id }))
    const park = await createArea(
      area({ name: '稀土高新区', parentId: city.id, level: 'banner', code: '' }),
    )
    const other = await createArea(
      area({ name: '赤峰市', parentId: region.id, code: '150400', sortOrder: 2 }),
    )
    expect(park.path).toBe(`/${region.id}/${city.id}/${park.id}/`)
    expect((await listSubtreeAreaIds(city.id)).sort()).toEqual([city.id, park.id].sort())
    expect(await listSubtreeAreaIds(region.id)).toHaveLength(4)
    expect(await listSubtreeAreaIds(other.id)).toEqual([other.id])
  })
})

describe('firms', () => {
  it('stamps, copies the area path and audits the creation', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    expect(created.areaPath).toBe(city.path)
    expect(created.createdAt).toMatch(/^2026-11-23T08:00:00\.\d{3}Z$/)
    expect(created.updatedAt).toBe(created.createdAt)
    const trail = await listAuditFor(created.id)
    expect(trail).toMatchObject([{ action: 'create', table: 'firms', actor: '测试员' }])
  })

  it('rejects a wrong credit-code check character and writes nothing', async () => {
    const city = await createArea(area())
    const problems = await expectProblems(
      createFirm(firm(city.id, { creditCode: '91350100M000100Y44', name: '' })),
    )
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'creditCode', code: 'checkDigit' },
        { field: 'name', code: 'required' },
      ]),
    )
    expect(await db().firms.count()).toBe(0)
    expect(await db().auditLog.count()).toBe(1) // the area only
  })

  it('reports a duplicate credit code as a field error', async () => {
    const city = await createArea(area())
    await createFirm(firm(city.id))
    const problems = await expectProblems(createFirm(firm(city.id, { name: '另一家公司' })))
    expect(problems).toEqual([{ field: 'creditCode', code: 'duplicate' }])
    expect(await db().firms.count()).toBe(1)
  })

  it('rejects an unknown area', async () => {
    expect(await expectProblems(createFirm(firm('nowhere')))).toEqual([
      { field: 'areaId', code: 'notFound' },
    ])
  })

  it('audits an update with the fields that changed, and skips a no-op', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    await updateFirm(created.id, firm(city.id, { employees: 55, instructor: '李明' }))
    await updateFirm(created.id, firm(city.id, { employees: 55, instructor: '李明' }))
    const trail = await listAuditFor(created.id)
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update'])
    // orgStatus follows the instructor: derived, but part of what changed.
    expect(trail[1]?.fields).toEqual(['employees', 'instructor', 'orgStatus'])
    expect((await getFirm(created.id))?.createdAt).toBe(created.createdAt)
  })
})

describe('soft delete and restore', () => {
  it('moves the whole record to the recycle bin and puts it back unchanged', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    const before = await getFirm(created.id)
    await removeFirm(created.id)
    expect(await getFirm(created.id)).toBeUndefined()
    const [entry] = await listRecycleBin(0, 10)
    expect(entry).toMatchObject({
      table: 'firms',
      recordId: created.id,
      label: created.name,
      deletedBy: '测试员',
    })
    // The deletion is a tombstone revision on top of the record's first one…
    const tombstone = (await db().tombstones.get(`firms:${created.id}`))!
    expect(tombstone._revisions).toEqual({
      start: 2,
      ids: [tombstone._rev.slice(2), revisionOf('firms', before!).slice(2)],
    })
    await restoreFromRecycleBin(entry!.id)
    // …and bringing it back a new revision on top of the tombstone, with the same content.
    const restored = (await getFirm(created.id))!
    const { _rev, _revisions, ...content } = restored
    expect(content).toEqual(before)
    expect(_rev).toMatch(/^3-/)
    expect(_revisions!.ids.slice(0, 2)).toEqual([_rev!.slice(2), tombstone._rev.slice(2)])
    expect(await db().tombstones.count()).toBe(0)
    expect(await db().recycleBin.count()).toBe(0)
    expect((await listAuditFor(created.id)).map((e) => e.action)).toEqual([
      'create',
      'delete',
      'restore',
    ])
  })

  it('keeps the record and the bin consistent when the delete fails midway', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    // A failing audit write must roll back the delete and the bin entry with it.
    const spy = vi.spyOn(db().auditLog, 'add').mockRejectedValueOnce(new Error('disk full'))
    await expect(removeFirm(created.id)).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(await getFirm(created.id)).toBeDefined()
    expect(await db().recycleBin.count()).toBe(0)
  })
})

describe('orgs and members', () => {
  it('walks an org subtree through the parent index', async () => {
    const city = await createArea(area())
    const committee = await createOrg(
      org(city.id, { name: '互联网企业党委', type: 'baseCommittee' }),
    )
    const branch = await createOrg(org(city.id, { parentId: committee.id }))
    const grandchild = await createOrg(
      org(city.id, { name: '临时党支部', type: 'temporaryBranch', parentId: branch.id }),
    )
    const unrelated = await createOrg(org(city.id, { name: '另一个支部' }))
    const ids = await listSubtreeOrgIds(committee.id)
    expect(ids.sort()).toEqual([committee.id, branch.id, grandchild.id].sort())
    expect(ids).not.toContain(unrelated.id)
  })

  it('checks the ID number against birth date and gender', async () => {
    const city = await createArea(area())
    const branch = await createOrg(org(city.id))
    const problems = await expectProblems(createMember(member(branch.id, { gender: 'male' })))
    expect(problems).toEqual([{ field: 'idNumber', code: 'idGenderMismatch' }])
    const created = await createMember(member(branch.id))
    await updateMember(created.id, member(branch.id, { phone: '13912345678' }))
    expect((await listAuditFor(created.id))[1]?.fields).toEqual(['phone'])
  })

  it('refuses a member of an org that does not exist', async () => {
    expect(await expectProblems(createMember(member('missing')))).toEqual([
      { field: 'orgId', code: 'notFound' },
    ])
  })
})

describe('timestamps', () => {
  it('are strictly increasing even when the clock stands still', async () => {
    const { nowIso } = await import('@/db')
    const stamps = [nowIso(), nowIso(), nowIso()]
    expect([...stamps].sort()).toEqual(stamps)
    expect(new Set(stamps).size).toBe(3)
  })
})

describe('ids', () => {
  it('are UUIDv7: version 7, RFC variant, time-ordered, unique', async () => {
    const { newId } = await import('@/db')
    const ids = [newId(1_700_000_000_000), newId(1_700_000_000_001), newId(1_800_000_000_000)]
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]!.slice(0, 13)).toBe('018bcfe5-6800') // 1,700,000,000,000 ms in hex
    const many = new Set(Array.from({ length: 1000 }, () => newId(1_700_000_000_000)))
    expect(many.size).toBe(1000)
  })
})
