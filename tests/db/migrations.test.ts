import { Blob as NodeBlob } from 'node:buffer'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_VERSION, setDb, updateMember, ZhibuDb } from '@/db'
import { upgradeDuesRecord } from '@/domain/duesRecords'
import { recountDuesTallies } from '@/domain/duesTallies'
import type { Dues } from '@/domain/types'
import { ancestryOf, firstRevision, revisionOf } from '@/domain/revisions'
import { lastAttendedByMember } from '@/domain/attendance'
import { tallyRows } from '@/domain/tallies'
import type { Firm, Meeting, Member, Org } from '@/domain/types'
import { generateDemo } from '@/services/demo/generate'

/**
 * The migration harness: for every released schema version, open a database at exactly
 * that version with data in every table, then open it with the current app and check that
 * every record survived with every field, plus what the upgrade derives. Add a row to
 * RELEASED for each new version block in src/db/schema.ts.
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

/** What a v3 database held: v2's tables and the (empty at first) replication tables. */
function v3Rows(): Rows {
  const rows = v2Rows()
  const member = rows.members![0]!
  rows.tombstones = [
    {
      id: 'members:gone',
      table: 'members',
      recordId: 'gone',
      orgIds: [String(member.orgId)],
      deletedAt: '2026-10-01T00:00:00.000Z',
      rev: '2-aa',
      revisions: { start: 2, ids: ['aa', 'bb'] },
    },
  ]
  rows.leaves = [
    { id: 'members:x:2-cc', state: 'open', table: 'members', recordId: 'x', rev: '2-cc', body: {} },
  ]
  rows.revisionBodies = [{ id: 'members:x:1-dd', mergeId: '', rev: '1-dd', body: {} }]
  rows.moves = [{ id: 'members:y', orgIds: [String(member.orgId)] }]
  return rows
}

// Version 4 belongs to live sync, merged separately: its row joins here with it.
const RELEASED: { version: number; stores: Record<string, string>; rows: () => Rows }[] = [
  { version: 1, stores: SCHEMA_V1, rows: v1Rows },
  { version: 2, stores: SCHEMA_V2, rows: v2Rows },
  { version: 3, stores: SCHEMA_V3, rows: v3Rows },
]

async function writeOldDatabase(
  name: string,
  version: number,
  stores: Record<string, string>,
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
      Array.from({ length: SCHEMA_VERSION - 1 }, (_, index) => index + 1).filter(
        (version) => version !== 4,
      ),
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
          const key = ['settings', 'meta', 'tallies'].includes(table) ? 'key' : 'id'
          // v5 rewrites an old dues record into its full shape: a new revision (the same on
          // every device, content-addressed), whose replaced body is kept.
          const stored = (await db.table(table).toArray()).filter(
            (record: Record<string, unknown>) =>
              table !== 'revisionBodies' || !String(record.id).startsWith('dues:'),
          )
          const after = new Map(
            stored.map((record: Record<string, unknown>) => [record[key], record]),
          )
          expect(after.size, table).toBe(records.length)
          for (const record of records) {
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
    await writeOldDatabase(name, 1, SCHEMA_V1, rows)
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
    await writeOldDatabase(name, 2, SCHEMA_V2, rows)
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

  it('v5 gives old dues records their full shape (元 → 分) and counts the dues tallies', async () => {
    const name = `migrate-v5-${crypto.randomUUID()}`
    const rows = v3Rows()
    await writeOldDatabase(name, 3, SCHEMA_V3, rows)
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
})
