import { Blob as NodeBlob } from 'node:buffer'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { readFeed, searchOrgs, SCHEMA_VERSION, setDb, updateMember, ZhibuDb } from '@/db'
import { RELEASED_VERSIONS, storesAt } from '@/db/schema'
import { upgradeDuesRecord } from '@/domain/duesRecords'
import { recountDuesTallies } from '@/domain/duesTallies'
import type { Dues } from '@/domain/types'
import { ancestryOf, firstRevision, revisionOf } from '@/domain/revisions'
import { lastAttendedByMember } from '@/domain/attendance'
import { tallyRows } from '@/domain/tallies'
import type { Firm, Meeting, Member, Org } from '@/domain/types'
import { generateDemo } from '@/services/demo/generate'
import { nameBigrams } from '@/domain/search'

/**
 * The migration harness: for every released schema version, open a database at exactly
 * that version with data in every table, then open it with the current app and check that
 * every record survived with every field, plus what the upgrade derives. Add a row to
 * rows to ROWS for each new version in src/db/schema.ts.
 */
type Rows = Record<string, Record<string, unknown>[]>

/** What a v1 database held: the demo as v1 wrote it (no derived lastAttendedOn). */
function v1Rows(): Rows {
  const demo = generateDemo({ today: '2026-11-23', seed: 7 })
  const rows: Rows = {}
  for (const [table, records] of Object.entries(demo)) {
    rows[table] = (records as Record<string, unknown>[]).map((record) => {
      const copy: Record<string, unknown> = { ...record }
      if (table === 'members') delete copy.lastAttendedOn
      return copy
    })
  }
  const member = demo.members[0]
  const meeting = demo.meetings[0]
  if (!member || !meeting) throw new Error('demo has no members or meetings')
  rows.dues = [
    {
      id: 'd1',
      memberId: member.id,
      orgId: member.orgId,
      month: '2026-10',
      base: 8000,
      amount: 80,
      paidOn: '2026-10-08',
      createdAt: '2026-10-08T00:00:00.000Z',
      updatedAt: '2026-10-08T00:00:00.000Z',
    },
  ]
  rows.photos = [
    {
      id: 'p1',
      meetingId: meeting.id,
      name: '会场.jpg',
      type: 'image/jpeg',
      width: 2,
      height: 1,
      // Node's Blob: fake-indexeddb clones it, happy-dom's global Blob it cannot.
      blob: new NodeBlob([new Uint8Array([255, 216, 255, 217])], { type: 'image/jpeg' }),
      createdAt: '2026-10-08T00:00:00.000Z',
      updatedAt: '2026-10-08T00:00:00.000Z',
    },
  ]
  rows.settings = [{ key: 'study.hoursPerYear', value: 40, updatedAt: '2026-01-01T00:00:00.000Z' }]
  rows.meta = [{ key: 'firstRunDone', value: 'yes' }]
  rows.auditLog = [
    {
      id: 'a1',
      at: '2026-01-01T00:00:00.000Z',
      actor: '测试员',
      action: 'demo',
      table: '*',
      recordId: '',
      fields: [],
      summary: 'demo',
    },
  ]
  rows.recycleBin = [
    {
      id: 'r1',
      table: 'firms',
      recordId: 'f-gone',
      label: '已删除企业',
      deletedAt: '2026-01-02T00:00:00.000Z',
      deletedBy: '测试员',
      record: { id: 'f-gone', name: '已删除企业' },
    },
  ]
  return rows
}

/** What a v2 database held: v1's tables with the derived lastAttendedOn, and the tallies. */
function v2Rows(): Rows {
  const rows = v1Rows()
  const demo = generateDemo({ today: '2026-11-23', seed: 7 })
  rows.members = demo.members as unknown as Record<string, unknown>[]
  rows.tallies = tallyRows(
    rows.firms as unknown as Firm[],
    rows.orgs as unknown as Org[],
    rows.members as unknown as Member[],
  ) as unknown as Record<string, unknown>[]
  return rows
}

/** What a v3 database held: v2's tables and the replication state (a tombstone, a leaf …). */
function v3Rows(): Rows {
  const rows = v2Rows()
  const member = rows.members![1]!
  const rev = (char: string, generation: number) => `${generation}-${char.repeat(32)}`
  rows.tombstones = [
    {
      id: 'members:gone',
      table: 'members',
      recordId: 'gone',
      _rev: rev('a', 2),
      _revisions: { start: 2, ids: ['a'.repeat(32), 'b'.repeat(32)] },
      closed: false,
      orgIds: [String(member.orgId)],
      deletedAt: '2026-01-02T00:00:00.000Z',
      deletedBy: '测试员',
    },
  ]
  rows.leaves = [
    {
      id: `members:${String(member.id)}:${rev('c', 1)}`,
      table: 'members',
      recordId: member.id,
      _rev: rev('c', 1),
      _revisions: { start: 1, ids: ['c'.repeat(32)] },
      deleted: false,
      closed: false,
      state: 'open',
      body: { ...member, jobTitle: '别处改的' },
      at: '2026-01-02T00:00:00.000Z',
    },
  ]
  rows.revisionBodies = [
    {
      id: `members:${String(member.id)}:000000001-${'d'.repeat(32)}`,
      table: 'members',
      recordId: member.id,
      rev: rev('d', 1),
      body: member,
      mergeId: '',
      keptAt: '2026-01-02T00:00:00.000Z',
    },
  ]
  rows.moves = [
    {
      id: `members:${String(member.id)}:old-org`,
      table: 'members',
      recordId: member.id,
      orgIds: ['old-org'],
      movedAt: '2026-01-02T00:00:00.000Z',
    },
  ]
  return rows
}

/**
 * What a v4 database held: v3's and this device's sync bookkeeping (a feed row, the counter,
 * a checkpoint).
 */
function v4Rows(): Rows {
  const rows = v3Rows()
  const member = rows.members![1]!
  const doc = `members:${String(member.id)}`
  rows.syncChanges = [{ key: `${String(member.orgId)}|${doc}`, db: member.orgId, doc, seq: 1 }]
  rows.syncState = [
    { key: 'seq', value: 1 },
    { key: `checkpoint:${String(member.orgId)}`, value: { since: '7-abc', seq: 1 } },
  ]
  return rows
}

/** What a v5 database held: v4's, the dues in their full shape, the kept dues figures. */
function v5Rows(): Rows {
  const rows = v4Rows()
  rows.dues = rows.dues!.map((record) => upgradeDuesRecord(record))
  rows.duesTallies = recountDuesTallies(
    rows.members as unknown as Member[],
    rows.dues as unknown as Dues[],
  ) as unknown as Record<string, unknown>[]
  return rows
}

const ROWS: Readonly<Record<number, () => Rows>> = {
  1: v1Rows,
  2: v2Rows,
  3: v3Rows,
  4: v4Rows,
  5: v5Rows,
}

/** Every released version (schema.ts SCHEMA_VERSIONS), its full stores and its rows. */
const RELEASED = RELEASED_VERSIONS.map((version) => ({
  version,
  stores: storesAt(version),
  rows: ROWS[version] ?? ((): Rows => ({})),
}))

async function writeOldDatabase(
  name: string,
  version: number,
  stores: Readonly<Record<string, string>>,
  rows: Rows,
) {
  const old = new Dexie(name)
  old.version(version).stores(stores)
  await old.open()
  await old.transaction('rw', old.tables, async () => {
    for (const [table, records] of Object.entries(rows)) await old.table(table).bulkAdd(records)
  })
  old.close()
}

// Writing and upgrading the whole demo on fake-indexeddb takes a few seconds.
describe('schema migrations', { timeout: 60_000 }, () => {
  it('declares a released version for every version but the current one', () => {
    expect(RELEASED.map((entry) => entry.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION - 1 }, (_, index) => index + 1),
    )
  })

  for (const released of RELEASED) {
    it(`upgrades v${released.version} → v${SCHEMA_VERSION} keeping every record`, async () => {
      const name = `migrate-${released.version}-${crypto.randomUUID()}`
      const rows = released.rows()
      for (const table of Object.keys(released.stores)) {
        expect(rows[table]?.length ?? 0, `fixture has ${table}`).toBeGreaterThan(0)
      }
      await writeOldDatabase(name, released.version, released.stores, rows)

      const db = new ZhibuDb(name)
      await db.open()
      try {
        expect(db.verno).toBe(SCHEMA_VERSION)
        for (const [table, records] of Object.entries(rows)) {
          const key = [
            'settings',
            'meta',
            'tallies',
            'duesTallies',
            'syncChanges',
            'syncState',
          ].includes(table)
            ? 'key'
            : 'id'
          // v5 rewrites an old dues record into its full shape: a new revision (the same on
          // every device, content-addressed), whose replaced body is kept.
          // The feed gets that new revision's row and its counter moves on: a write like any.
          const stored = (await db.table(table).toArray()).filter(
            (record: Record<string, unknown>) =>
              !(table === 'revisionBodies' && String(record.id).startsWith('dues:')) &&
              !(table === 'syncChanges' && String(record.doc).startsWith('dues:')) &&
              !(table === 'syncState' && record.key === 'seq'),
          )
          const after = new Map(
            stored.map((record: Record<string, unknown>) => [record[key], record]),
          )
          const kept = records.filter((row) => !(table === 'syncState' && row.key === 'seq'))
          expect(after.size, table).toBe(kept.length)
          for (const record of kept) {
            // Every old field survives unchanged; upgrades may only add fields — except a dues
            // record of before v5, which takes its full shape (checked below).
            const expected = table === 'dues' ? upgradeDuesRecord(record) : record
            expect(after.get(record[key]), `${table} ${String(record[key])}`).toMatchObject(
              expected,
            )
          }
        }
        // No record was rewritten to give it a revision: each counts as its first one.
        for (const table of ['firms', 'orgs', 'members', 'meetings', 'photos']) {
          const stored = (await db.table(table).limit(50).toArray()) as Record<string, unknown>[]
          for (const record of stored) {
            expect(record._rev, `${table} ${String(record.id)}`).toBeUndefined()
            expect(revisionOf(table, record)).toBe(firstRevision(table, record))
          }
        }
        // Photos keep their bytes (toMatchObject cannot look inside a Blob).
        for (const photo of rows.photos ?? []) {
          const stored = await db.photos.get(String(photo.id))
          const before = new Uint8Array(await (photo.blob as Blob).arrayBuffer())
          expect(new Uint8Array((await stored?.blob.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
            before,
          )
        }
      } finally {
        db.close()
        await db.delete()
      }
    })
  }

  it('v2 derives each member’s last attendance from the final meetings', async () => {
    const name = `migrate-v2-${crypto.randomUUID()}`
    const rows = v1Rows()
    await writeOldDatabase(name, 1, storesAt(1), rows)
    const db = new ZhibuDb(name)
    await db.open()
    try {
      const expected = lastAttendedByMember(rows.meetings as unknown as Meeting[])
      const members = await db.members.toArray()
      expect(members.filter((member) => member.lastAttendedOn !== '').length).toBeGreaterThan(100)
      for (const member of members) {
        expect(member.lastAttendedOn, member.name).toBe(expected.get(member.id) ?? '')
      }
      // The tallies are built from the records (and equal a recount).
      const [firms, orgs] = [await db.firms.toArray(), await db.orgs.toArray()]
      expect(await db.tallies.orderBy('key').toArray()).toEqual(tallyRows(firms, orgs, members))
      // The new indexes answer queries.
      const someOrg = members[0]?.orgId ?? ''
      const page = await db.members
        .where('[orgId+name+id]')
        .between([someOrg, '', ''], [someOrg, '\uffff', '\uffff'])
        .limit(5)
        .toArray()
      expect(page.length).toBeGreaterThan(0)
      expect(page.every((member) => member.orgId === someOrg)).toBe(true)
    } finally {
      db.close()
      await db.delete()
    }
  })

  it('v3 adds the replication tables; an old record edited gets the child of its first revision', async () => {
    const name = `migrate-v3-${crypto.randomUUID()}`
    const rows = v2Rows()
    await writeOldDatabase(name, 2, storesAt(2), rows)
    const db = new ZhibuDb(name)
    await db.open()
    setDb(db)
    try {
      for (const table of ['tombstones', 'leaves', 'revisionBodies', 'moves']) {
        // Only the old dues record rewritten by v5 keeps its replaced body.
        const rows = (await db.table(table).toArray()) as { id: string }[]
        expect(rows.filter((row) => !row.id.startsWith('dues:')).length, table).toBe(0)
      }
      const old = rows.members![0] as unknown as Member
      const first = firstRevision('members', old)
      // Read: the stored record is the v2 one, and its revision is its content's first one.
      expect(revisionOf('members', (await db.members.get(old.id))!)).toBe(first)
      // Edited: generation 2 on top of that first revision, which the form was opened on.
      const { id: _id, createdAt: _c, updatedAt: _u, lastAttendedOn: _l, ...input } = old
      await updateMember(old.id, { ...input, jobTitle: '改过' }, first)
      const edited = (await db.members.get(old.id))!
      expect(ancestryOf('members', edited)).toEqual([edited._rev, first])
      expect(edited._rev).toMatch(/^2-[0-9a-f]{32}$/)
      // The body it replaced is kept, every field of it, as the common ancestor of later conflicts.
      const kept = await db.revisionBodies.where('id').startsWith(`members:${old.id}:`).toArray()
      expect(kept.map((body) => body.rev)).toEqual([first])
      expect(kept[0]!.body).toMatchObject(old as unknown as Record<string, unknown>)
    } finally {
      db.close()
      await db.delete()
    }
  })

  it('v4 gives every record, tombstone and move its row in its org’s changes feed', async () => {
    const name = `migrate-v4-${crypto.randomUUID()}`
    const rows = v3Rows()
    await writeOldDatabase(name, 3, storesAt(3), rows)
    const db = new ZhibuDb(name)
    await db.open()
    setDb(db)
    try {
      const changes = await db.syncChanges.toArray()
      const docs = new Set(changes.map((row) => row.doc))
      for (const table of ['areas', 'firms', 'orgs', 'members', 'meetings', 'dues', 'photos']) {
        for (const record of rows[table] ?? []) {
          expect(docs.has(`${table}:${String(record.id)}`), `${table} ${String(record.id)}`).toBe(
            true,
          )
        }
      }
      expect(docs.has('members:gone')).toBe(true)
      // Strictly increasing, one counter, and the counter is the last seq.
      const seqs = changes.map((row) => row.seq).sort((a, b) => a - b)
      expect(new Set(seqs).size).toBe(seqs.length)
      expect((await db.syncState.get('seq'))?.value).toBe(seqs.at(-1))
      // A member is in its org's feed with both its leaves (the v3 conflict travels).
      const member = rows.members![1]!
      const orgId = String(member.orgId)
      const feed = (await readFeed(orgId, 0, 100_000)).results
      const row = feed.find((each) => each.id === `members:${String(member.id)}`)!
      expect(row.changes).toHaveLength(2)
      expect(feed.find((each) => each.id === 'members:gone')?.deleted).toBe(true)
      // The photo follows its meeting's org; firms and areas are the register's.
      const photo = rows.photos![0]!
      const meeting = rows.meetings!.find((each) => each.id === photo.meetingId)!
      expect(changes.find((each) => each.doc === `photos:${String(photo.id)}`)?.db).toBe(
        meeting.orgId,
      )
      expect(changes.find((each) => each.doc.startsWith('firms:'))?.db).toBe('')
      // The move mark puts the member in the feed of the org it left.
      expect(
        changes.some(
          (each) => each.db === 'old-org' && each.doc === `members:${String(member.id)}`,
        ),
      ).toBe(true)
    } finally {
      db.close()
      await db.delete()
    }
  })

  it('v5 gives old dues records their full shape (元 → 分) and counts the dues tallies', async () => {
    const name = `migrate-v5-${crypto.randomUUID()}`
    const rows = v4Rows()
    await writeOldDatabase(name, 4, storesAt(4), rows)
    const db = new ZhibuDb(name)
    await db.open()
    try {
      const [record] = await db.dues.toArray()
      expect(record).toMatchObject({
        id: 'd1',
        month: '2026-10',
        category: 'employed',
        base: 800000,
        due: 8000,
        paid: 8000,
        paidOn: '2026-10-08',
        reduction: null,
        corrections: [],
      })
      expect(record).not.toHaveProperty('amount')
      const members = await db.members.toArray()
      const dues = (await db.dues.toArray()) as Dues[]
      expect(await db.duesTallies.orderBy('key').toArray()).toEqual(
        recountDuesTallies(members, dues),
      )
      expect(await db.duesTallies.count()).toBeGreaterThan(members.length)
    } finally {
      db.close()
      await db.delete()
    }
  })
  it('v6 gives every org and member its name pieces: same fields, same revisions, found by index', async () => {
    const name = `migrate-v6-${crypto.randomUUID()}`
    const rows = v5Rows()
    const committee = (rows.orgs as unknown as Org[]).find((o) => o.type === 'jointCommittee')
    expect(committee, 'the demo has a joint committee').toBeDefined()
    // More orgs than one page of the upgrade (2,000), so the keyset walk crosses pages.
    const template = rows.orgs![0]!
    for (let i = 0; i < 4_100; i++) {
      rows.orgs!.push({ ...template, id: `zz-org-${i}`, name: `第${i}党支部`, parentId: '' })
    }
    await writeOldDatabase(name, 5, storesAt(5), rows)
    const db = new ZhibuDb(name)
    await db.open()
    try {
      for (const table of ['orgs', 'members'] as const) {
        const before = rows[table]!
        const stored = new Map(
          ((await db.table(table).toArray()) as Record<string, unknown>[]).map((r) => [r.id, r]),
        )
        expect(stored.size, table).toBe(before.length)
        for (const record of before) {
          const after = stored.get(record.id)!
          // Byte-equal: every old field as it was, and only the derived pieces added.
          expect(after, `${table} ${String(record.id)}`).toEqual({
            ...record,
            nameTokens: nameBigrams(String(record.name)),
          })
          expect(revisionOf(table, after)).toBe(revisionOf(table, record))
        }
      }
      // A derived field only: no feed row, no tally changed.
      expect(await db.syncChanges.count()).toBe(rows.syncChanges!.length)
      expect(await db.tallies.toArray()).toEqual(
        expect.arrayContaining(rows.tallies! as unknown as object[]),
      )
      // The new index finds them, the committee among the orgs.
      const gram = nameBigrams(committee!.name)[0]!
      expect(await db.orgs.where('nameTokens').equals(gram).primaryKeys()).toContain(committee!.id)
      const member = rows.members![3] as unknown as Member
      const keys = await db.members
        .where('nameTokens')
        .equals(nameBigrams(member.name)[0]!)
        .primaryKeys()
      expect(keys).toContain(member.id)
      setDb(db)
      expect((await searchOrgs(committee!.name)).map((o) => o.id)).toContain(committee!.id)
    } finally {
      db.close()
      await db.delete()
    }
  })
})
