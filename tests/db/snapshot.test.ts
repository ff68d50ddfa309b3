import { computeCreditCheckChar, computeOrgCodeCheckChar } from '@/domain/creditCode'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  countRecycleBin,
  createArea,
  createFirm,
  createMember,
  createOrg,
  keepSnapshot,
  listRecentAudit,
  listRecycleBin,
  purgeRecycleEntry,
  RECORD_TABLES,
  replaceAllRecords,
  restoreFromRecycleBin,
  setDb,
  setSnapshotChunkRows,
  SNAPSHOT_CHUNK_TABLE,
  SNAPSHOT_TABLE,
  ZhibuDb,
  visitAllTables,
  type RecordTable,
} from '@/db'
import { getDb } from '@/db/connection'
import { removeRecord } from '@/db/records'
import type { RecycleEntry } from '@/domain/types'
import { createBackup, readBackupFile, restoreBackup } from '@/services/backup'
import { digestAll, keepBlobsInFakeIndexedDb, PHOTO_BYTES } from '../services/backup/helpers'
import { area, firm, meeting, member, org, useFreshDb } from './helpers'

keepBlobsInFakeIndexedDb()
const { db } = useFreshDb()
const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
/** Three records a piece: the sets below span many pieces. */
const CHUNK = 3

beforeEach(() => setSnapshotChunkRows(CHUNK))
afterEach(() => setSnapshotChunkRows())

/** Records of several tables (tracked by the tallies and not), a photo with a real Blob. */
async function loadSet(prefix = ''): Promise<void> {
  const city = await createArea(area({ name: `${prefix}包头市` }))
  await getDb().areas.bulkAdd(
    Array.from({ length: 7 }, (_, i) => ({
      ...stamp,
      id: `${prefix}area-${i}`,
      name: `${prefix}地区${i}`,
      parentId: '',
      level: 'city' as const,
      path: `/${prefix}area-${i}/`,
      code: '',
      retired: 'no' as const,
      sortOrder: i,
    })),
  )
  const host = await createFirm(firm(city.id, { name: `${prefix}草原网络` }))
  await getDb().firms.bulkAdd(
    Array.from({ length: 5 }, (_, i) => ({
      ...stamp,
      id: `${prefix}firm-${i}`,
      name: `${prefix}企业${i}`,
      creditCode: creditCodeOf(prefix, i),
      areaId: city.id,
      areaPath: city.path,
      orgStatus: 'none' as const,
      nameTokens: ['企业'],
      industry: 'software' as const,
      sizeClass: 'below' as const,
      employees: 10,
      registeredOn: '2020-01-01',
      closedOn: '',
      instructor: '',
      liaison: '',
      address: '',
      note: '',
    })),
  )
  const branch = await createOrg(org(city.id, { name: `${prefix}党支部`, hostFirmIds: [host.id] }))
  await createMember(member(branch.id))
  // A photo stands on its meeting: a backup with one that does not is refused.
  await getDb().meetings.add({ ...stamp, ...meeting(branch.id), id: `${prefix}meeting-1` })
  await getDb().photos.add({
    ...stamp,
    id: `${prefix}photo-1`,
    meetingId: `${prefix}meeting-1`,
    name: 'a.png',
    type: 'image/png',
    width: 1,
    height: 1,
    blob: new Blob([PHOTO_BYTES], { type: 'image/png' }),
  })
}

/** Every record table and the tallies derived from them, as canonical text. */
async function recordsDigest(): Promise<Record<string, string>> {
  const all = await digestAll()
  return Object.fromEntries([...RECORD_TABLES, 'tallies'].map((name) => [name, all[name] ?? '']))
}

async function countAllRecords(): Promise<number> {
  const counts = await Promise.all(RECORD_TABLES.map((name) => db().table(name).count()))
  return counts.reduce((sum, n) => sum + n, 0)
}

async function chunksOf(headId: string): Promise<RecycleEntry[]> {
  return db().recycleBin.where('recordId').equals(headId).toArray()
}

describe('snapshots in pieces', () => {
  it('keeps more records than one piece holds and brings exactly them back', async () => {
    await loadSet()
    const before = await recordsDigest()
    const total = await countAllRecords()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    expect(await countAllRecords()).toBe(0)

    // The bin lists one entry, the head, with the number of records as before.
    expect(await countRecycleBin()).toBe(1)
    const listed = await listRecycleBin(0, 10)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ table: SNAPSHOT_TABLE, label: 'clear', record: { total } })
    const head = (await db().recycleBin.get(listed[0]!.id))!
    const chunks = await chunksOf(head.id)
    expect(chunks.length).toBeGreaterThan(total / CHUNK)
    expect(head.record).toMatchObject({ total, chunks: chunks.length })
    expect(head.record.counts).toMatchObject({ areas: 8, firms: 6, orgs: 1, members: 1 })
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ table: SNAPSHOT_CHUNK_TABLE, deletedAt: '' })
      expect((chunk.record.rows as unknown[]).length).toBeLessThanOrEqual(CHUNK)
    }

    await restoreFromRecycleBin(head.id)
    expect(await recordsDigest()).toEqual(before)
    // The empty database it replaced had nothing to keep; the head and its pieces are gone.
    expect(await db().recycleBin.count()).toBe(0)
    expect((await listRecentAudit(1))[0]).toMatchObject({ action: 'restore', table: '*' })
  })

  it('turns what a restore replaces into a snapshot in turn, which restores too', async () => {
    await loadSet('a')
    const first = await recordsDigest()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    await loadSet('b')
    const second = await recordsDigest()
    const [snapshot] = await listRecycleBin(0, 10)
    await restoreFromRecycleBin(snapshot!.id)
    expect(await recordsDigest()).toEqual(first)

    const listed = await listRecycleBin(0, 10)
    expect(listed.map((entry) => entry.label)).toEqual(['restore'])
    await restoreFromRecycleBin(listed[0]!.id)
    expect(await recordsDigest()).toEqual(second)
    expect(await countRecycleBin()).toBe(1)
  })

  it('pages the bin without ever meeting a piece', async () => {
    await loadSet()
    await removeRecord('firms', 'firm-0', '企业0')
    await removeRecord('firms', 'firm-1', '企业1')
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    expect(await countRecycleBin()).toBe(3)
    const pages = [
      ...(await listRecycleBin(0, 2)),
      ...(await listRecycleBin(2, 2)),
      ...(await listRecycleBin(4, 2)),
    ]
    expect(pages.map((entry) => entry.table).sort()).toEqual([SNAPSHOT_TABLE, 'firms', 'firms'])
    expect(await db().recycleBin.count()).toBeGreaterThan(10)
  })

  it('leaves the records and the bin as they were when the replace fails after the snapshot', async () => {
    await loadSet()
    const city = (await db().areas.toCollection().first())!
    await removeRecord('areas', 'area-6', '地区6')
    const before = await recordsDigest()
    const bin = await db().recycleBin.toArray()
    const duplicate = { ...city, id: 'same', path: '/same/' }
    await expect(
      replaceAllRecords({ areas: [duplicate, duplicate] }, 'demo', 'demo', 'demo'),
    ).rejects.toThrow()
    await expect(
      db().transaction('rw', [...db().tables], async () => {
        expect(await keepSnapshot('x')).not.toBeNull()
        throw new Error('after the snapshot')
      }),
    ).rejects.toThrow('after the snapshot')
    expect(await recordsDigest()).toEqual(before)
    expect(await db().recycleBin.toArray()).toEqual(bin)
  })

  it('still restores a snapshot kept whole in one entry (format 1)', async () => {
    await loadSet('old')
    const old: Partial<Record<RecordTable, unknown[]>> = {}
    let total = 0
    for (const name of RECORD_TABLES) {
      old[name] = await db().table(name).toArray()
      total += old[name].length
    }
    const oldDigest = await recordsDigest()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    await db().recycleBin.clear()
    await db().recycleBin.add({
      id: 'old-snapshot',
      table: SNAPSHOT_TABLE,
      recordId: '',
      label: 'demo',
      deletedAt: '2026-01-02T00:00:00.000Z',
      deletedBy: '测试员',
      record: { tables: old, total },
    })
    await loadSet('new')
    const newDigest = await recordsDigest()
    expect((await listRecycleBin(0, 10))[0]?.record).toEqual({ total })

    await restoreFromRecycleBin('old-snapshot')
    expect(await recordsDigest()).toEqual(oldDigest)
    expect(await db().recycleBin.get('old-snapshot')).toBeUndefined()
    // What it replaced is a snapshot in pieces now, and comes back as it was.
    const [current] = await listRecycleBin(0, 10)
    expect((await chunksOf(current!.id)).length).toBeGreaterThan(1)
    await restoreFromRecycleBin(current!.id)
    expect(await recordsDigest()).toEqual(newDigest)
  })

  it('refuses a snapshot with a missing piece and changes nothing', async () => {
    await loadSet()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    await loadSet('x')
    const before = await recordsDigest()
    const [head] = await listRecycleBin(0, 1)
    const [piece] = await chunksOf(head!.id)
    await db().recycleBin.delete(piece!.id)
    const bin = await db().recycleBin.count()
    await expect(restoreFromRecycleBin(head!.id)).rejects.toMatchObject({ name: 'NotFoundError' })
    expect(await recordsDigest()).toEqual(before)
    expect(await db().recycleBin.count()).toBe(bin)
  })

  it('purges a snapshot with all its pieces, and a record entry alone', async () => {
    await loadSet()
    await removeRecord('areas', 'area-6', '地区6')
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    const entries = await listRecycleBin(0, 10)
    const head = entries.find((entry) => entry.table === SNAPSHOT_TABLE)!
    const deleted = entries.find((entry) => entry.table === 'areas')!
    const [piece] = await chunksOf(head.id)
    // A piece is never restored or purged alone.
    await expect(restoreFromRecycleBin(piece!.id)).rejects.toMatchObject({ name: 'NotFoundError' })
    await expect(purgeRecycleEntry(piece!.id)).rejects.toMatchObject({ name: 'NotFoundError' })

    await purgeRecycleEntry(head.id)
    expect(await db().recycleBin.toArray()).toEqual([await db().recycleBin.get(deleted.id)])
    expect((await listRecentAudit(1))[0]).toMatchObject({ action: 'delete', table: '*' })
    await purgeRecycleEntry(deleted.id)
    expect(await db().recycleBin.count()).toBe(0)
    expect(await countRecycleBin()).toBe(0)
  })

  it('round-trips through a backup: the pieces come back and the snapshot restores', async () => {
    await loadSet('a')
    const first = await recordsDigest()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    await loadSet('b')
    const bin = (await digestAll()).recycleBin
    const backup = await createBackup()
    const source = db()
    const target = new ZhibuDb(`target-${crypto.randomUUID()}`)
    try {
      await target.open()
      setDb(target)
      await restoreBackup(await readBackupFile(backup.blob), 'replace')
      expect((await digestAll()).recycleBin).toEqual(bin)
      const [head] = await listRecycleBin(0, 10)
      await restoreFromRecycleBin(head!.id)
      expect(await recordsDigest()).toEqual(first)
    } finally {
      setDb(source)
      target.close()
      await target.delete()
    }
  })

  it('are read for a backup a few at a time, not a whole page of pieces at once', async () => {
    await loadSet()
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    const reads: number[] = []
    await visitAllTables({
      table: () => undefined,
      rows: (name, rows) => void (name === 'recycleBin' && reads.push(rows.length)),
    })
    expect(reads.reduce((sum, n) => sum + n, 0)).toBe(await db().recycleBin.count())
    expect(reads.length).toBeGreaterThan(1)
    expect(Math.max(...reads)).toBeLessThanOrEqual(8)
  })
})

/** A valid credit code, distinct per prefix and index (GB 11714 and GB 32100 check characters). */
function creditCodeOf(prefix: string, i: number): string {
  const tag = [...prefix].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 1000
  const body = `M${String(tag).padStart(3, '0')}${String(i).padStart(4, '0')}`
  const first17 = `91350100${body}${computeOrgCodeCheckChar(body)}`
  return `${first17}${computeCreditCheckChar(first17)}`
}
