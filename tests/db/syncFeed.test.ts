import { Blob as NodeBlob } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMeeting,
  createMember,
  createOrg,
  feedRevsDiff,
  moveMember,
  readFeed,
  readFeedDocs,
  readSyncCheckpoint,
  removeMember,
  resolveConflict,
  setDb,
  updateMember,
  writeFeedDocs,
  writeSyncCheckpoint,
  ZhibuDb,
  type FeedDoc,
} from '@/db'
import { readLeaves } from '@/db/repositories/replication'
import type { Member } from '@/domain/types'
import { area, fieldsOf, member, meeting, org, useFreshDb } from './helpers'

/**
 * The device's changes feed (db/syncFeed.ts) and the Dexie store's side of replication
 * (db/repositories/syncStore.ts), on fake-indexeddb. Two devices are two databases, swapped
 * in turn: what one reads is what the other writes, as the replicator would carry it.
 */
const { db } = useFreshDb()

async function setup() {
  const a = await createArea(area())
  const party = await createOrg(org(a.id, { name: '机关党委', type: 'baseCommittee' }))
  const branch = await createOrg(org(a.id, { name: '第一支部', parentId: party.id }))
  const sibling = await createOrg(org(a.id, { name: '第二支部', parentId: party.id }))
  return { areaId: a.id, party, branch, sibling }
}

async function feedOf(orgId: string, since = 0) {
  return (await readFeed(orgId, since, 1000)).results
}

/** Everything of one database's feed, read and written on as a replication pass would. */
async function carry(from: ZhibuDb, to: ZhibuDb, orgId: string, label = 'test') {
  setDb(from)
  const rows = await feedOf(orgId)
  const requests = rows.flatMap((row) => row.changes.map((c) => ({ id: row.id, rev: c.rev })))
  const docs = await readFeedDocs(requests)
  setDb(to)
  const diff = await feedRevsDiff(
    Object.fromEntries(rows.map((r) => [r.id, r.changes.map((c) => c.rev)])),
  )
  const wanted = docs.filter((doc) => diff[doc._id]?.missing.includes(doc._rev))
  const refusals = await writeFeedDocs(orgId, label, wanted)
  return { docs: wanted, refusals }
}

describe('the changes feed', () => {
  it('carries no name pieces; the receiving device derives its own', async () => {
    const { branch } = await setup()
    const m = await createMember(member(branch.id, { name: '王小明' }))
    const other = new ZhibuDb(`other-${crypto.randomUUID()}`)
    await other.open()
    try {
      const { docs, refusals } = await carry(db(), other, branch.id)
      expect(refusals).toEqual([])
      expect(docs.length).toBeGreaterThan(1)
      for (const doc of docs) expect(doc).not.toHaveProperty('nameTokens')
      expect((await other.members.get(m.id))!.nameTokens).toEqual(['王小', '小明'])
      expect((await other.orgs.get(branch.id))!.nameTokens).toEqual(['第一', '一支', '支部'])
      // The same revision on both devices: the pieces are no content.
      expect((await other.members.get(m.id))!._rev).toBe((await db().members.get(m.id))!._rev)
    } finally {
      setDb(db())
      other.close()
      await other.delete()
    }
  })

  it('gives each write a row in its org’s feed, in the same transaction, with a strictly increasing seq', async () => {
    const { branch, sibling } = await setup()
    const m = await createMember(member(branch.id))
    const first = await feedOf(branch.id)
    expect(first.map((row) => row.id)).toEqual([`orgs:${branch.id}`, `members:${m.id}`])
    await updateMember(m.id, { ...fieldsOf(m, 'lastAttendedOn'), jobTitle: '会计' })
    const second = await feedOf(branch.id)
    // One row per record, at its latest write: the member moved to the end with a higher seq.
    expect(second.map((row) => row.id)).toEqual([`orgs:${branch.id}`, `members:${m.id}`])
    expect(second[1]!.seq).toBeGreaterThan(first[1]!.seq)
    expect(second[1]!.changes).toEqual([{ rev: (await db().members.get(m.id))!._rev }])
    // A derived field refreshed keeps the revision: no new row, nothing to push.
    const stored = (await db().members.get(m.id))!
    await db().members.put({ ...stored, lastAttendedOn: '2026-10-01' })
    expect((await feedOf(branch.id))[1]!.seq).toBe(second[1]!.seq)
    // Keyset: after the org's row only the member's.
    expect((await feedOf(branch.id, second[0]!.seq)).map((row) => row.id)).toEqual([
      `members:${m.id}`,
    ])
    // The sibling's feed holds only the sibling.
    expect((await feedOf(sibling.id)).map((row) => row.id)).toEqual([`orgs:${sibling.id}`])
    // Areas go to the register, and the orgs too (the department finds every database there).
    expect((await feedOf('')).map((row) => row.id.split(':')[0])).toEqual([
      'areas',
      'orgs',
      'orgs',
      'orgs',
    ])
    const seqs = (await db().syncChanges.toArray()).map((row) => row.seq).sort((x, y) => x - y)
    expect(new Set(seqs).size).toBe(seqs.length)
    expect((await db().syncState.get('seq'))!.value).toBe(seqs.at(-1))
  })

  it('a failed transaction leaves no row and uses no seq', async () => {
    const { branch } = await setup()
    const before = await db().syncChanges.count()
    const counter = (await db().syncState.get('seq'))!.value
    await expect(
      db().transaction('rw', db().members, async () => {
        await db().members.add({ ...member(branch.id), id: 'm-x' } as unknown as Member)
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await db().syncChanges.count()).toBe(before)
    expect((await db().syncState.get('seq'))!.value).toBe(counter)
  })

  it('a deletion is the tombstone in the feed; a photo follows its meeting’s org; a move reaches both orgs', async () => {
    const { branch, sibling } = await setup()
    const m = await createMember(member(branch.id))
    const gone = await createMember(member(branch.id, { name: '李四', idNumber: '' }))
    await removeMember(gone.id)
    const row = (await feedOf(branch.id)).find((each) => each.id === `members:${gone.id}`)!
    expect(row.deleted).toBe(true)
    expect(row.changes[0]!.rev).toMatch(/^2-/)
    const mt = await createMeeting(meeting(branch.id))
    await db().photos.add({
      id: 'p1',
      meetingId: mt.id,
      name: '会场.jpg',
      type: 'image/jpeg',
      width: 2,
      height: 1,
      blob: new NodeBlob([new Uint8Array([255, 216, 255, 217])], {
        type: 'image/jpeg',
      }) as unknown as Blob,
      createdAt: '2026-10-08T00:00:00.000Z',
      updatedAt: '2026-10-08T00:00:00.000Z',
    })
    expect((await feedOf(branch.id)).map((each) => each.id)).toContain('photos:p1')
    const [photo] = await readFeedDocs([
      { id: 'photos:p1', rev: (await feedOf(branch.id)).at(-1)!.changes[0]!.rev },
    ])
    expect(photo!._attachments!.image).toEqual({ content_type: 'image/jpeg', data: '/9j/2Q==' })
    expect(photo!.blob).toBeUndefined()
    await moveMember(m.id, sibling.id)
    const moved = (await db().members.get(m.id))!._rev
    for (const orgId of [branch.id, sibling.id]) {
      const found = (await feedOf(orgId)).find((each) => each.id === `members:${m.id}`)
      expect(found?.changes, orgId).toEqual([{ rev: moved }])
    }
  })

  it('a replace clears the checkpoints with the records; the seq never goes back', async () => {
    await setup()
    await writeSyncCheckpoint('r1', { last_seq: 5 })
    const counter = Number((await db().syncState.get('seq'))!.value)
    await db().transaction('rw', db().members, () => db().members.clear())
    expect(await readSyncCheckpoint('r1')).toBeNull()
    expect(Number((await db().syncState.get('seq'))!.value)).toBe(counter)
  })
})

describe('the Dexie store between two devices', () => {
  it('carries records, deletions and conflicts; a resolution settles both; nothing twice', async () => {
    const { branch } = await setup()
    const here = db()
    const m = await createMember(member(branch.id))
    const gone = await createMember(member(branch.id, { name: '李四', idNumber: '' }))
    await removeMember(gone.id)
    const other = new ZhibuDb(`other-${crypto.randomUUID()}`)
    await other.open()
    try {
      const first = await carry(here, other, branch.id)
      expect(first.refusals).toEqual([])
      setDb(other)
      expect((await other.members.get(m.id))?.name).toBe('王芳')
      expect(await other.members.get(gone.id)).toBeUndefined()
      expect((await other.tombstones.get(`members:${gone.id}`))?.deletedBy).toBe('测试员')
      // Again: the other side has every revision, nothing is sent.
      expect((await carry(here, other, branch.id)).docs).toEqual([])
      // Concurrent edits of the same member on both devices: a conflict on both.
      setDb(here)
      await updateMember(m.id, { ...fieldsOf(m, 'lastAttendedOn'), jobTitle: '会计' })
      setDb(other)
      await updateMember(m.id, { ...fieldsOf(m, 'lastAttendedOn'), jobTitle: '出纳' })
      await carry(here, other, branch.id)
      await carry(other, here, branch.id)
      for (const device of [here, other]) {
        setDb(device)
        const leaves = await readLeaves('members', m.id)
        expect(leaves.length, device.name).toBe(2)
        expect(
          await device.leaves.where('[state+id]').between(['open', ''], ['open', '\uffff']).count(),
        ).toBe(1)
      }
      // Resolved at one: the resolution travels and ends the conflict at the other.
      setDb(other)
      const leaves = await readLeaves('members', m.id)
      await resolveConflict(
        'members',
        m.id,
        { ...leaves[0]!.body!, jobTitle: '会计兼出纳' },
        leaves.map((l) => l.rev).sort(),
      )
      await carry(other, here, branch.id)
      setDb(here)
      expect((await here.members.get(m.id))?.jobTitle).toBe('会计兼出纳')
      expect(
        await here.leaves.where('[state+id]').between(['open', ''], ['open', '\uffff']).count(),
      ).toBe(0)
      expect((await readLeaves('members', m.id)).map((l) => l.rev).sort()).toEqual(
        (
          await (async () => {
            setDb(other)
            return readLeaves('members', m.id)
          })()
        )
          .map((l) => l.rev)
          .sort(),
      )
    } finally {
      setDb(here)
      other.close()
      await other.delete()
    }
  })

  it('refuses what lies outside the database’s subtree by this device’s own tree, and writes the rest', async () => {
    const { branch, sibling } = await setup()
    const here = db()
    const other = new ZhibuDb(`other-${crypto.randomUUID()}`)
    await other.open()
    try {
      // The other device has the same tree (carried from here by the party's feed rows).
      for (const orgId of ['', branch.id, sibling.id]) await carry(here, other, orgId)
      setDb(here)
      const ours = await createMember(member(sibling.id, { name: '张三', idNumber: '' }))
      const rows = await feedOf(sibling.id)
      const docs = await readFeedDocs(rows.map((r) => ({ id: r.id, rev: r.changes[0]!.rev })))
      // A compromised branch database sends the sibling's member into the branch's feed.
      setDb(other)
      const refusals = await writeFeedDocs(branch.id, 'zhibu-org-b', docs as FeedDoc[])
      // (The sibling's org record is the same revision there: unchanged, not refused.)
      expect(refusals.map((r) => r.id)).toEqual([`members:${ours.id}`])
      expect(refusals[0]!.error).toBe('forbidden')
      expect(await other.members.get(ours.id)).toBeUndefined()
      // Through its own database it comes.
      expect(await writeFeedDocs(sibling.id, 'zhibu-org-s', docs as FeedDoc[])).toEqual([])
      expect((await other.members.get(ours.id))?.name).toBe('张三')
      // Not a record of this app: refused, not stored.
      const strange = await writeFeedDocs(branch.id, 'x', [
        {
          _id: 'settings:x',
          _rev: '1-' + 'a'.repeat(32),
          _revisions: { start: 1, ids: ['a'.repeat(32)] },
        },
      ])
      expect(strange).toHaveLength(1)
    } finally {
      setDb(here)
      other.close()
      await other.delete()
    }
  })

  it('refuses a document of the wrong shape alone, naming its field, and writes the rest', async () => {
    const { branch } = await setup()
    const here = db()
    const other = new ZhibuDb(`other-${crypto.randomUUID()}`)
    await other.open()
    try {
      for (const orgId of ['', branch.id]) await carry(here, other, orgId)
      setDb(here)
      const good = await createMember(member(branch.id, { name: '李四', idNumber: '' }))
      const bad = await createMember(member(branch.id, { name: '王五', idNumber: '' }))
      const rows = await feedOf(branch.id)
      const docs = (await readFeedDocs(
        rows.map((r) => ({ id: r.id, rev: r.changes[0]!.rev })),
      )) as FeedDoc[]
      // A hostile server: a number as a name, and a key that pollutes prototypes.
      const crafted = docs.map((doc) =>
        doc._id === `members:${bad.id}` ? { ...doc, name: 42 } : doc,
      )
      const hostile = JSON.parse(
        JSON.stringify({
          ...docs.find((d) => d._id === `members:${good.id}`)!,
          _id: 'members:evil',
        }).replace('"name"', '"__proto__":{"x":1},"name"'),
      ) as FeedDoc
      setDb(other)
      const refusals = await writeFeedDocs(branch.id, 'zhibu-org-b', [...crafted, hostile])
      expect(refusals.map((r) => r.id).sort()).toEqual([`members:${bad.id}`, 'members:evil'].sort())
      expect(refusals.find((r) => r.id === `members:${bad.id}`)?.reason).toContain('members.name')
      expect(await other.members.get(bad.id)).toBeUndefined()
      expect(await other.members.get('evil')).toBeUndefined()
      expect((await other.members.get(good.id))?.name).toBe('李四')
    } finally {
      setDb(here)
      other.close()
      await other.delete()
    }
  })
})
