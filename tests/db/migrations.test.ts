import { describe, expect, it } from 'vitest'
import { readFeed, searchOrgs, setDb, updateMember, ZhibuDb } from '@/db'
import { RELEASED_VERSIONS, SCHEMA_VERSION, SCHEMA_VERSIONS, storesAt } from '@/db/schema'
import { RELEASED_STORES } from '@/db/repositories/backup'
import { lastAttendedByMember } from '@/domain/attendance'
import { upgradeDuesRecord } from '@/domain/duesRecords'
import { recountDuesTallies } from '@/domain/duesTallies'
import { ancestryOf, firstRevision, revisionOf } from '@/domain/revisions'
import { nameBigrams } from '@/domain/search'
import { tallyRows } from '@/domain/tallies'
import type { Dues, Meeting, Member, Org } from '@/domain/types'
import {
  frozenVersions,
  primaryKeyOf,
  readFixture,
  writeAtVersion,
  type Rows,
} from '../fixtures/dbFixtures'
import { RELEASED_FULL_STORES } from './releasedStores'

/**
 * The migration harness: for every released schema version, open its frozen database
 * (tests/fixtures/db-v<N>.json, made once by scripts/freeze-fixture.mjs) at exactly that
 * version, then open it with the current app and check that every record survived with every
 * field, plus what the upgrades derive. The versions come from the registry (src/db/schema.ts
 * SCHEMA_VERSIONS): a new version makes the previous one released, and this file fails until
 * that one has its fixture and its frozen stores.
 */

/** The rows a database of a released version held. */
function rowsAt(version: number): Rows {
  return readFixture(version).tables
}

/** Every version from 1 to `last`, in order. */
function upTo(last: number): number[] {
  return Array.from({ length: last }, (_, index) => index + 1)
}

describe('the schema registry', () => {
  it('numbers its versions 1, 2, 3 … and the last is the current one', () => {
    expect(SCHEMA_VERSIONS.map((entry) => entry.version)).toEqual(upTo(SCHEMA_VERSION))
    expect(RELEASED_VERSIONS).toEqual(upTo(SCHEMA_VERSION - 1))
  })

  it('derives the full stores of every released version unchanged', () => {
    for (const version of RELEASED_VERSIONS) {
      expect(RELEASED_FULL_STORES[version], `v${version} is frozen`).toBeDefined()
    }
    for (const [version, stores] of Object.entries(RELEASED_FULL_STORES)) {
      // toStrictEqual on the entries: the same tables, the same strings, in the same order.
      expect(Object.entries(storesAt(Number(version))), `v${version}`).toStrictEqual(
        Object.entries(stores),
      )
    }
  })

  it('gives the database and the backups of older versions the same stores', () => {
    const db = new ZhibuDb(`registry-${crypto.randomUUID()}`)
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      Object.keys(storesAt(SCHEMA_VERSION)).sort(),
    )
    expect(Object.keys(RELEASED_STORES).map(Number)).toEqual(RELEASED_VERSIONS)
    for (const version of RELEASED_VERSIONS) {
      expect(RELEASED_STORES[version]).toEqual(storesAt(version))
    }
  })

  it('refuses a version it does not have', () => {
    expect(() => storesAt(0)).toThrow(RangeError)
    expect(() => storesAt(SCHEMA_VERSION + 1)).toThrow(RangeError)
  })

  it('has a frozen fixture for every released version, and only those', () => {
    expect(frozenVersions()).toEqual(RELEASED_VERSIONS)
    for (const version of RELEASED_VERSIONS) {
      const fixture = readFixture(version)
      expect(fixture.version).toBe(version)
      // Rows in every table of that version, and no table it did not have.
      expect(Object.keys(fixture.tables).sort()).toEqual(Object.keys(storesAt(version)).sort())
      for (const [table, rows] of Object.entries(fixture.tables)) {
        expect(rows.length, `v${version} ${table}`).toBeGreaterThan(0)
      }
    }
  })
})

/** What the current app derives for itself: recounted from the upgraded records. */
async function expectDerivedFilled(db: ZhibuDb): Promise<void> {
  const [firms, orgs, members, meetings, dues] = [
    await db.firms.toArray(),
    await db.orgs.toArray(),
    await db.members.toArray(),
    await db.meetings.toArray(),
    (await db.dues.toArray()) as Dues[],
  ]
  const attended = lastAttendedByMember(meetings)
  for (const member of members) {
    expect(member.lastAttendedOn, `${member.name} last attended`).toBe(
      attended.get(member.id) ?? '',
    )
  }
  for (const record of [...orgs, ...members]) {
    expect(record.nameTokens, `${record.name} name pieces`).toEqual(nameBigrams(record.name))
  }
  expect(await db.tallies.orderBy('key').toArray()).toEqual(tallyRows(firms, orgs, members))
  expect(await db.duesTallies.orderBy('key').toArray()).toEqual(recountDuesTallies(members, dues))
  const docs = new Set((await db.syncChanges.toArray()).map((row) => row.doc))
  for (const [table, records] of [
    ['firms', firms],
    ['orgs', orgs],
    ['members', members],
    ['meetings', meetings],
    ['dues', dues],
  ] as const) {
    for (const record of records) {
      expect(docs.has(`${table}:${record.id}`), `feed row of ${table} ${record.id}`).toBe(true)
    }
  }
}

// Opening a fixture and upgrading it on fake-indexeddb takes a moment; v6's paging test more.
describe('schema migrations', { timeout: 60_000 }, () => {
  for (const version of RELEASED_VERSIONS) {
    it(`upgrades v${version} → v${SCHEMA_VERSION} keeping every record`, async () => {
      const name = `migrate-${version}-${crypto.randomUUID()}`
      const rows = rowsAt(version)
      await writeAtVersion(name, version, rows)

      const db = new ZhibuDb(name)
      await db.open()
      try {
        expect(db.verno).toBe(SCHEMA_VERSION)
        for (const [table, records] of Object.entries(rows)) {
          const key = primaryKeyOf(db, table)
          // v5 rewrites an old dues record into its full shape: a new revision (the same on
          // every device, content-addressed), whose replaced body is kept.
          // The feed gets that new revision's row and its counter moves on: a write like any.
          // Those rows are left out on both sides; everything else is compared.
          const rewritten = (record: Record<string, unknown>) =>
            (version < 5 &&
              ((table === 'revisionBodies' && String(record.id).startsWith('dues:')) ||
                (table === 'syncChanges' && String(record.doc).startsWith('dues:')))) ||
            (table === 'syncState' && record.key === 'seq')
          const stored = ((await db.table(table).toArray()) as Record<string, unknown>[]).filter(
            (record) => !rewritten(record),
          )
          const after = new Map(stored.map((record) => [record[key], record]))
          const kept = records.filter((row) => !rewritten(row))
          // The same rows: as many, with the same keys …
          expect(after.size, table).toBe(kept.length)
          expect([...after.keys()].sort(), table).toEqual(kept.map((row) => row[key]).sort())
          for (const record of kept) {
            // … and every old field unchanged; upgrades may only add fields — except a dues
            // record of before v5, which takes its full shape (checked below).
            const expected = table === 'dues' ? upgradeDuesRecord(record) : record
            expect(after.get(record[key]), `${table} ${String(record[key])}`).toMatchObject(
              expected,
            )
          }
        }
        await expectDerivedFilled(db)
        // No record was rewritten to give it a revision: each counts as its first one.
        for (const table of ['firms', 'orgs', 'members', 'meetings', 'photos']) {
          const stored = (await db.table(table).toArray()) as Record<string, unknown>[]
          for (const record of stored) {
            expect(record._rev, `${table} ${String(record.id)}`).toBeUndefined()
            expect(revisionOf(table, record)).toBe(firstRevision(table, record))
          }
        }
        // Photos keep their bytes (toMatchObject cannot look inside a Blob).
        for (const photo of rows.photos ?? []) {
          const stored = await db.photos.get(String(photo.id))
          const before = new Uint8Array(await (photo.blob as Blob).arrayBuffer())
          expect(before.length).toBeGreaterThan(0)
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
    const rows = rowsAt(1)
    await writeAtVersion(name, 1, rows)
    const db = new ZhibuDb(name)
    await db.open()
    try {
      const expected = lastAttendedByMember(rows.meetings as unknown as Meeting[])
      const members = await db.members.toArray()
      // The fixture has members who attended a meeting and members who did not.
      expect(members.some((member) => member.lastAttendedOn !== '')).toBe(true)
      expect(members.some((member) => member.lastAttendedOn === '')).toBe(true)
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
    const rows = rowsAt(2)
    await writeAtVersion(name, 2, rows)
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
    const rows = rowsAt(3)
    await writeAtVersion(name, 3, rows)
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
    const rows = rowsAt(4)
    await writeAtVersion(name, 4, rows)
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
    const rows = rowsAt(5)
    const committee = (rows.orgs as unknown as Org[]).find((o) => o.type === 'jointCommittee')
    expect(committee, 'the demo has a joint committee').toBeDefined()
    // More orgs than one page of the upgrade (2,000), so the keyset walk crosses pages.
    const template = rows.orgs![0]!
    for (let i = 0; i < 4_100; i++) {
      rows.orgs!.push({ ...template, id: `zz-org-${i}`, name: `第${i}党支部`, parentId: '' })
    }
    await writeAtVersion(name, 5, rows)
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
