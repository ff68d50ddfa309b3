import { describe, expect, it, vi } from 'vitest'
import {
  createArea,
  createMember,
  createOrg,
  IMPORT_CHUNK,
  importFirms,
  importMembers,
  importOrgs,
  importStudyRecords,
  listAllTallies,
  ValidationError,
  type StudyImportRow,
} from '@/db'
import { computeCreditCheckChar, computeOrgCodeCheckChar } from '@/domain/creditCode'
import { computeIdCheckChar } from '@/domain/idNumber'
import { tallyRows } from '@/domain/tallies'
import { area, firm, member, org, useFreshDb } from './helpers'

/**
 * Imports write IMPORT_CHUNK records at a time inside ONE transaction, so the
 * page gets the thread back between chunks. These check what must not change with that:
 * all rows or none, the row named in errors, the tallies, and progress that moves.
 */
const { db } = useFreshDb()

/** A valid credit code per index (the check character computed as the domain does). */
function creditCode(index: number): string {
  const org = `MA${String(index).padStart(6, '0')}`
  const body = `91150200${org}${computeOrgCodeCheckChar(org)}`
  return body + computeCreditCheckChar(body)
}

/** A valid ID number per index, all distinct, of the helper's woman born 1949-12-31. */
function idNumber(index: number): string {
  const area = `1101${String(Math.floor(index / 500)).padStart(2, '0')}`
  // The 17th digit even: a woman, as the helper's member.
  const first17 = `${area}19491231${String((index % 500) * 2).padStart(3, '0')}`
  return first17 + computeIdCheckChar(first17)
}

async function expectTalliesEqualRecount() {
  const [firms, orgs, members] = await Promise.all([
    db().firms.toArray(),
    db().orgs.toArray(),
    db().members.toArray(),
  ])
  expect(await listAllTallies()).toEqual(tallyRows(firms, orgs, members))
}

const N = IMPORT_CHUNK * 2 + 50

describe('imports in chunks inside one transaction', () => {
  it('writes every firm, reports progress chunk by chunk up to 1, one audit entry', async () => {
    const city = await createArea(area())
    const rows = Array.from({ length: N }, (_, i) =>
      firm(city.id, { name: `测试企业${i}`, creditCode: creditCode(i) }),
    )
    const progress: number[] = []
    const counts = await importFirms(rows, { onProgress: (f) => progress.push(f) })
    expect(counts).toEqual({ created: N, updated: 0, unchanged: 0 })
    expect(await db().firms.count()).toBe(N)
    expect(progress).toHaveLength(3)
    expect(progress.at(-1)).toBe(1)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)
    expect(
      await db()
        .auditLog.filter((e) => e.action === 'import')
        .count(),
    ).toBe(1)
    await expectTalliesEqualRecount()
    // Re-import: the same firms are matched chunk by chunk, none added.
    expect(await importFirms(rows)).toEqual({ created: 0, updated: 0, unchanged: N })
    expect(await db().firms.count()).toBe(N)
  })

  it('writes nothing when a late chunk fails: the earlier chunks are rolled back', async () => {
    const city = await createArea(area())
    const rows = Array.from({ length: N }, (_, i) =>
      firm(city.id, { name: `测试企业${i}`, creditCode: creditCode(i) }),
    )
    let creates = 0
    const failLate = () => {
      creates++
      if (creates === IMPORT_CHUNK * 2 + 10) throw new Error('disk full')
    }
    db().firms.hook('creating', failLate)
    await expect(importFirms(rows)).rejects.toThrow()
    db().firms.hook('creating').unsubscribe(failLate)
    expect(await db().firms.count()).toBe(0)
    expect(await db().tallies.count()).toBe(0)
    expect(
      await db()
        .auditLog.filter((e) => e.action === 'import')
        .count(),
    ).toBe(0)
  })

  it('names the row of a bad member even past the first chunks, and writes nothing', async () => {
    const city = await createArea(area())
    const branch = await createOrg(org(city.id))
    const rows = Array.from({ length: N }, (_, i) =>
      member(branch.id, { name: `党员${i}`, idNumber: idNumber(i) }),
    )
    rows[N - 3] = { ...rows[N - 3]!, idNumber: idNumber(5) }
    const error = await importMembers(rows).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      `${N - 3}.idNumber:duplicate`,
    ])
    expect(await db().members.count()).toBe(0)
  })

  it('writes members in chunks with progress, and keeps the tallies', async () => {
    const city = await createArea(area())
    const branch = await createOrg(org(city.id))
    const rows = Array.from({ length: N }, (_, i) =>
      member(branch.id, { name: `党员${i}`, idNumber: idNumber(i) }),
    )
    const progress: number[] = []
    expect(await importMembers(rows, { onProgress: (f) => progress.push(f) })).toEqual({
      created: N,
      updated: 0,
      unchanged: 0,
    })
    expect(progress.at(-1)).toBe(1)
    expect(await db().members.count()).toBe(N)
    await expectTalliesEqualRecount()
  })

  it('writes orgs in chunks (parents within the file) and keeps the tallies', async () => {
    const city = await createArea(area())
    const parent = await createOrg(org(city.id, { name: '总支', type: 'generalBranch' }))
    await createMember(member(parent.id, { idNumber: idNumber(9000) }))
    const rows = Array.from({ length: N }, (_, i) => ({
      input: org(city.id, { name: `支部${i}` }),
      parentName: i === 0 ? '总支' : '支部0',
    }))
    const progress: number[] = []
    expect(await importOrgs(rows, { onProgress: (f) => progress.push(f) })).toEqual({
      created: N,
      updated: 0,
      unchanged: 0,
    })
    expect(progress.at(-1)).toBe(1)
    expect(await db().orgs.count()).toBe(N + 1)
    await expectTalliesEqualRecount()
    // Again: every org is matched by name and area, updated in chunks (the tallies too).
    expect(await importOrgs(rows)).toEqual({ created: 0, updated: 0, unchanged: N })
    await expectTalliesEqualRecount()
  })

  it('checks study rows inside the transaction, yielding between chunks, and writes them all', async () => {
    const city = await createArea(area())
    const branch = await createOrg(org(city.id))
    await createMember(member(branch.id, { name: '党员甲', idNumber: '' }))
    const rows: StudyImportRow[] = Array.from({ length: N }, (_, i) => ({
      name: '党员甲',
      idNumber: '',
      studiedOn: '2026-09-01',
      hours: 1,
      topic: `专题${i}`,
      kind: 'training',
      place: '',
      note: '',
    }))
    // A slow clock: every row's check overruns its slice, so the import yields (Dexie.waitFor).
    let clock = 0
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 50))
    try {
      expect(await importStudyRecords(branch.id, rows)).toEqual({
        created: N,
        updated: 0,
        unchanged: 0,
      })
    } finally {
      now.mockRestore()
    }
    expect(await db().studyRecords.count()).toBe(N)
    const bad = rows.map((row, i) => (i === N - 1 ? { ...row, name: '无此人' } : row))
    const error = await importStudyRecords(branch.id, bad).catch((e: unknown) => e)
    expect((error as ValidationError).problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      `${N - 1}.name:notFound`,
    ])
  })
})
