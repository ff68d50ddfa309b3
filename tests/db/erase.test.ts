import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createArea,
  createMeeting,
  createMember,
  createOrg,
  eraseMember,
  ERASE_SUMMARY,
  ERASED_SUMMARY,
  keepSnapshot,
  pruneSnapshots,
  removeMember,
  restoreFromRecycleBin,
  setEraseFailure,
  setSnapshotChunkRows,
  SNAPSHOT_TABLE,
  snapshotRetention,
  updateMember,
  type ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { readFeed, readFeedDocs } from '@/db/repositories/syncStore'
import { readExchangePayload } from '@/db/repositories/exchange'
import { computeIdCheckChar } from '@/domain/idNumber'
import { personalFieldsOf } from '@/domain/erasure'
import { memberInputOf } from '@/db/repositories/members'
import type { Dues, StudyRecord, Transfer } from '@/domain/types'
import { area, meeting, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()
const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }

const ERASED_ID = '11010519491231002X'
const ERASED_PHONE = '13812345678'
const ERASED_NAME = '赵敏学'
const OTHER_17 = '15020419800101001'
const OTHER_ID = OTHER_17 + computeIdCheckChar(OTHER_17)

beforeEach(() => setSnapshotChunkRows(3))
afterEach(() => {
  setSnapshotChunkRows()
  setEraseFailure(null)
})

/** Every row of every store of the database, as text (Blobs skipped). */
async function everything(database: ZhibuDb): Promise<string> {
  const parts: string[] = []
  for (const table of database.tables) {
    const rows = await table.toArray()
    parts.push(
      `${table.name}:${JSON.stringify(rows, (_k, v: unknown) => (v instanceof Blob ? null : v))}`,
    )
  }
  return parts.join('\n')
}

async function counts(database: ZhibuDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of database.tables) out[table.name] = await table.count()
  return out
}

/** A member with everything that can hold them: own records, references, history, snapshot. */
async function loadPerson() {
  const city = await createArea(area())
  const branch = await createOrg(org(city.id))
  const erased = await createMember(
    member(branch.id, { name: ERASED_NAME, idNumber: ERASED_ID, phone: ERASED_PHONE }),
  )
  const other = await createMember(
    member(branch.id, {
      name: '钱多多',
      idNumber: OTHER_ID,
      birthDate: '1980-01-01',
      gender: 'male',
      phone: '13900000000',
    }),
  )
  // An edit keeps the old body (it still holds the ID number and phone).
  await updateMember(erased.id, { ...memberInputOf(erased), jobTitle: '高级工程师' })
  // The committee names the member by id and by name.
  const stored = (await getDb().orgs.get(branch.id))!
  await getDb().orgs.put({
    ...stored,
    committee: [
      { post: 'secretary', memberId: erased.id, holderName: ERASED_NAME, since: '2024-06-01' },
      { post: 'deputySecretary', memberId: other.id, holderName: '钱多多', since: '2024-06-01' },
    ],
  })
  const held = await createMeeting(
    meeting(branch.id, { host: '钱多多', attendeeIds: [erased.id, other.id] }),
  )
  const transfer: Transfer = {
    ...stamp,
    id: 'transfer-1',
    memberId: erased.id,
    direction: 'in',
    fromOrgId: '',
    fromName: '外地党支部',
    toOrgId: branch.id,
    toName: branch.name,
    letterNo: 'JX-2026-001',
    issuedOn: '2026-01-05',
    completedOn: '2026-01-10',
    status: 'completed',
  }
  const dues: Dues = {
    ...stamp,
    id: 'dues-1',
    memberId: erased.id,
    orgId: branch.id,
    month: '2026-01',
    category: 'employed',
    base: 987_654,
    reduction: null,
    due: 9_877,
    paid: 9_877,
    paidOn: '2026-01-20',
    receiptNo: 'R-1',
    note: '',
    corrections: [],
  }
  const study: StudyRecord = {
    ...stamp,
    id: 'study-1',
    memberId: erased.id,
    orgId: branch.id,
    studiedOn: '2026-02-01',
    kind: 'self',
    topic: '党章',
    hours: 2,
    place: '',
    note: '',
    confirmed: 'yes',
    meetingId: '',
  }
  await getDb().transfers.add(transfer)
  await getDb().dues.add(dues)
  await getDb().studyRecords.add(study)
  return { branch, erased, other, held }
}

describe('eraseMember', () => {
  it('leaves the ID number, phone and name in no store: live, bin, snapshots, history', async () => {
    const { erased, other, branch, held } = await loadPerson()
    // A snapshot holds everything as it is now; then the member goes to the bin.
    await getDb().transaction('rw', getDb().tables, () => keepSnapshot('demo'))
    const before = await everything(db())
    expect(before).toContain(ERASED_ID)
    expect(before.split(ERASED_ID).length).toBeGreaterThan(3)

    const result = await eraseMember(erased.id, ERASED_NAME)
    expect(result.records).toBe(4)
    expect(result.snapshots).toBe(1)

    const after = await everything(db())
    expect(after).not.toContain(ERASED_ID)
    expect(after).not.toContain(ERASED_PHONE)
    expect(after).not.toContain(ERASED_NAME)
    expect(after).not.toContain('987654')
    expect(after).not.toContain('JX-2026-001')
    // Others keep theirs; references stay as bare ids.
    expect(after).toContain(OTHER_ID)
    const seats = (await getDb().orgs.get(branch.id))!.committee
    expect(seats).toEqual([
      expect.objectContaining({ memberId: erased.id, holderName: '' }),
      expect.objectContaining({ memberId: other.id, holderName: '钱多多' }),
    ])
    expect((await getDb().meetings.get(held.id))!.attendeeIds).toEqual([erased.id, other.id])
    // The trail says what happened without naming the person.
    const trail = await getDb().auditLog.where('recordId').equals(erased.id).toArray()
    expect(trail.map((entry) => entry.summary)).toContain(ERASE_SUMMARY)
    expect(trail.every((e) => e.summary === ERASED_SUMMARY || e.summary === ERASE_SUMMARY)).toBe(
      true,
    )
  })

  it('leaves tombstones without personal fields, in the sync feed and in the snapshots', async () => {
    const { erased } = await loadPerson()
    await getDb().transaction('rw', getDb().tables, () => keepSnapshot('demo'))
    await eraseMember(erased.id, ERASED_NAME)
    const tombstones = await getDb().tombstones.toArray()
    const ids = tombstones.map((row) => row.id).sort()
    expect(ids).toEqual(
      [
        `members:${erased.id}`,
        'dues:dues-1',
        'studyRecords:study-1',
        'transfers:transfer-1',
      ].sort(),
    )
    for (const row of tombstones) {
      expect(personalFieldsOf(row as unknown as Record<string, unknown>)).toEqual([])
      expect(row._rev).toMatch(/^\d+-[0-9a-f]{32}$/)
    }
    // The member's own tombstone is a deletion on top of their edits (generation 3).
    const mine = tombstones.find((row) => row.recordId === erased.id)!
    expect(mine._rev.startsWith('3-')).toBe(true)
    // The deletion goes out with the next sync, as a deleted document.
    const doc = `members:${erased.id}`
    const dbs = (await getDb().syncChanges.where('doc').equals(doc).toArray()).map((r) => r.db)
    expect(dbs.length).toBeGreaterThan(0)
    for (const name of dbs) {
      const feed = await readFeed(name, 0, 100)
      const row = feed.results.find((change) => change.id === doc)
      expect(row?.deleted).toBe(true)
      const [sent] = await readFeedDocs([{ id: doc, rev: row!.changes[0]!.rev }])
      expect(sent?._deleted).toBe(true)
      expect(JSON.stringify(sent)).not.toContain(ERASED_ID)
      expect(personalFieldsOf(sent as Record<string, unknown>)).toEqual([])
    }
    // The snapshot carries the same tombstone, so bringing it back keeps the deletion.
    const head = (await getDb().recycleBin.where('table').equals(SNAPSHOT_TABLE).first())!
    await restoreFromRecycleBin(head.id)
    expect(await getDb().members.get(erased.id)).toBeUndefined()
    expect((await getDb().tombstones.get(`members:${erased.id}`))?._rev).toBe(mine._rev)
    expect(await getDb().members.count()).toBe(1)
  })

  it('sends the deletion in the org’s exchange package, with no personal data', async () => {
    const { erased, branch } = await loadPerson()
    await eraseMember(erased.id, ERASED_NAME)
    const { payload } = await readExchangePayload(branch.id)
    const text = JSON.stringify(payload)
    expect(text).not.toContain(ERASED_ID)
    expect(text).not.toContain(ERASED_NAME)
    const tombstones = (payload as unknown as { tombstones: { id: string }[] }).tombstones
    expect(tombstones.map((row) => row.id)).toContain(`members:${erased.id}`)
    expect(tombstones.map((row) => row.id)).toContain('dues:dues-1')
  })

  it('erases a member already in the recycle bin, keeping the earlier tombstone', async () => {
    const { erased } = await loadPerson()
    await removeMember(erased.id)
    const tombstone = await getDb().tombstones.get(`members:${erased.id}`)
    expect(tombstone).toBeDefined()
    expect(await everything(db())).toContain(ERASED_ID)
    await eraseMember(erased.id, ERASED_NAME)
    expect(await everything(db())).not.toContain(ERASED_ID)
    expect(await getDb().tombstones.get(`members:${erased.id}`)).toEqual(tombstone)
    expect(await getDb().recycleBin.where('recordId').equals(erased.id).count()).toBe(0)
  })

  it('writes nothing when the typed name is not the member’s', async () => {
    const { erased } = await loadPerson()
    const before = await everything(db())
    await expect(eraseMember(erased.id, '赵敏')).rejects.toMatchObject({
      problems: [{ field: 'confirmName', code: 'nameMismatch' }],
    })
    expect(await everything(db())).toBe(before)
  })

  it('is one transaction: a failure after every write leaves every store as it was', async () => {
    const { erased } = await loadPerson()
    await getDb().transaction('rw', getDb().tables, () => keepSnapshot('demo'))
    const before = await everything(db())
    const sizes = await counts(db())
    setEraseFailure(() => {
      throw new Error('injected')
    })
    await expect(eraseMember(erased.id, ERASED_NAME)).rejects.toThrow('injected')
    expect(await counts(db())).toEqual(sizes)
    expect(await everything(db())).toBe(before)
  })
})

describe('snapshot retention', () => {
  async function snapshots(n: number): Promise<string[]> {
    const city = await createArea(area())
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      await createOrg(org(city.id, { name: `第${i}党支部` }))
      const head = await getDb().transaction('rw', getDb().tables, () => keepSnapshot('demo'))
      ids.push(head!.id)
    }
    return ids
  }

  it('reports the oldest over the count and prunes them after confirmation', async () => {
    const ids = await snapshots(4)
    await getDb().settings.put({
      key: 'data.snapshotMaxCount',
      value: 2,
      updatedAt: stamp.updatedAt,
    })
    const report = await snapshotRetention()
    expect(report.count).toBe(4)
    expect(report.bytes).toBeGreaterThan(0)
    expect(report.overLimit.map((s) => s.id)).toEqual(ids.slice(0, 2))
    // Nothing is pruned before the person confirms; an id not over the limit is skipped.
    expect(await getDb().recycleBin.where('table').equals(SNAPSHOT_TABLE).count()).toBe(4)
    expect(await pruneSnapshots([...ids.slice(0, 2), ids[3]!])).toBe(2)
    const left = await getDb().recycleBin.where('table').equals(SNAPSHOT_TABLE).primaryKeys()
    expect(left.sort()).toEqual(ids.slice(2).sort())
    // Their pieces went too.
    expect(
      (await getDb().recycleBin.toArray()).filter((e) => ids.slice(0, 2).includes(e.recordId)),
    ).toEqual([])
    expect((await snapshotRetention()).overLimit).toEqual([])
  })

  it('prunes by total size, keeping the newest', async () => {
    const ids = await snapshots(3)
    const sizes = (await snapshotRetention()).snapshots
    const newest = sizes.find((s) => s.id === ids[2])!
    // Room for the newest alone.
    const megabytes = (newest.bytes + 1) / (1024 * 1024)
    await getDb().settings.put({
      key: 'data.snapshotMaxMegabytes',
      value: megabytes,
      updatedAt: stamp.updatedAt,
    })
    const report = await snapshotRetention()
    expect(report.overLimit.map((s) => s.id)).toEqual(ids.slice(0, 2))
  })
})
