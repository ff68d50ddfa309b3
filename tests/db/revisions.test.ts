import { describe, expect, it } from 'vitest'
import {
  createArea,
  createFirm,
  createMember,
  createOrg,
  emptyRecycleBin,
  liveQuery,
  moveMember,
  removeMember,
  StaleRevisionError,
  updateFirm,
  updateMember,
  setClock,
  setDb,
  ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { replicatedTransaction } from '@/db/revisions'
import { ancestryOf, firstRevision, parseRev, revisionOf } from '@/domain/revisions'
import type { Member } from '@/domain/types'
import { clearAllData } from '@/services/demoLoader'
import { area, fieldsOf, firm, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

async function branchWithMember() {
  const city = await createArea(area())
  const committee = await createOrg(org(city.id, { name: '园区党委', type: 'baseCommittee' }))
  const branch = await createOrg(org(city.id, { parentId: committee.id }))
  const other = await createOrg(org(city.id, { name: '另一个支部', parentId: committee.id }))
  const created = await createMember(member(branch.id))
  return { city, committee, branch, other, member: created }
}

const inputOf = (record: Member) => fieldsOf(record, 'lastAttendedOn')

describe('revisions on every write', () => {
  it('a new record stores no revision: it is the first revision of its content', async () => {
    const { member: created } = await branchWithMember()
    const stored = (await db().members.get(created.id))!
    expect(stored._rev).toBeUndefined()
    expect(revisionOf('members', stored)).toBe(firstRevision('members', stored))
  })

  it('an edit is the child of the stored revision; an unchanged save makes none', async () => {
    const { member: created } = await branchWithMember()
    const first = revisionOf('members', created)
    await updateMember(created.id, { ...inputOf(created), jobTitle: '会计' }, first)
    const edited = (await db().members.get(created.id))!
    expect(parseRev(edited._rev!).generation).toBe(2)
    expect(ancestryOf('members', edited)).toEqual([edited._rev, first])
    // The same content again (a derived field refreshed, a save with no change): same revision.
    await db().members.update(created.id, { lastAttendedOn: '2026-11-01' })
    await updateMember(created.id, { ...inputOf(edited), jobTitle: '会计' }, edited._rev)
    expect((await db().members.get(created.id))!._rev).toBe(edited._rev)
    // The replaced body is kept once, as the ancestor of a later conflict.
    expect(await db().revisionBodies.count()).toBe(1)
  })

  it('keeps the newest data.revisionBodies old bodies of a record, no more', async () => {
    const { member: created } = await branchWithMember()
    for (const title of ['一', '二', '三', '四', '五', '六']) {
      const stored = (await db().members.get(created.id))!
      await updateMember(created.id, { ...inputOf(stored), jobTitle: title })
    }
    const kept = await db()
      .revisionBodies.where('id')
      .startsWith(`members:${created.id}:`)
      .toArray()
    expect(kept.map((body) => body.body.jobTitle)).toEqual(['三', '四', '五'])
    expect(kept.map((body) => parseRev(body.rev).generation)).toEqual([4, 5, 6])
  })

  it('code cannot set a revision: a _rev it passes is replaced by the database’s own', async () => {
    const { member: created } = await branchWithMember()
    const forged = `9-${'f'.repeat(32)}`
    await db().members.put({ ...created, jobTitle: '伪造', _rev: forged })
    const stored = (await db().members.get(created.id))!
    expect(stored._rev).not.toBe(forged)
    expect(ancestryOf('members', stored)[1]).toBe(revisionOf('members', created))
  })

  it('the same edit on two devices is the same revision', async () => {
    const { member: created } = await branchWithMember()
    const here = db()
    const rows = { orgs: await here.orgs.toArray(), members: await here.members.toArray() }
    await updateMember(created.id, { ...inputOf(created), jobTitle: '会计' })
    const rev = (await here.members.get(created.id))!._rev
    // Another device holding the same records makes the same edit, at another time.
    const other = new ZhibuDb(`other-${crypto.randomUUID()}`)
    await other.open()
    try {
      await replicatedTransaction(other, [other.orgs, other.members], async () => {
        await other.orgs.bulkAdd(rows.orgs)
        await other.members.bulkAdd(rows.members)
      })
      setDb(other)
      setClock(() => new Date('2027-03-01T00:00:00.000Z'))
      await updateMember(created.id, { ...inputOf(created), jobTitle: '会计' })
      expect((await other.members.get(created.id))!._rev).toBe(rev)
    } finally {
      setDb(here)
      other.close()
      await other.delete()
    }
  })

  it('a liveQuery shows the new revision, so a form opened after an edit is not stale', async () => {
    const { member: created } = await branchWithMember()
    const seen: (string | undefined)[] = []
    const subscription = liveQuery(() => getDb().members.get(created.id)).subscribe((row) =>
      seen.push(row?._rev),
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await updateMember(created.id, { ...inputOf(created), jobTitle: '会计' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    subscription.unsubscribe()
    expect(seen.at(-1)).toBe((await db().members.get(created.id))!._rev)
    expect(seen.at(-1)).toMatch(/^2-/)
  })
})

describe('optimistic saves', () => {
  it('a save from a form opened on an older revision is refused and writes nothing', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    const opened = revisionOf('firms', created)
    // Another tab saves first.
    await updateFirm(created.id, firm(city.id, { employees: 99 }), opened)
    const error = await updateFirm(created.id, firm(city.id, { employees: 12 }), opened).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(StaleRevisionError)
    expect((error as StaleRevisionError).current).toMatchObject({ employees: 99 })
    expect((await db().firms.get(created.id))!.employees).toBe(99)
    const audit = await db().auditLog.where('recordId').equals(created.id).toArray()
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update'])
  })
})

describe('deletes are tombstones', () => {
  it('in the same transaction as the bin entry, with the org chain; emptying the bin keeps it', async () => {
    const { branch, committee, member: created } = await branchWithMember()
    await removeMember(created.id)
    const tombstone = (await db().tombstones.get(`members:${created.id}`))!
    expect(tombstone).toMatchObject({
      table: 'members',
      recordId: created.id,
      orgIds: [branch.id, committee.id],
      deletedBy: '测试员',
    })
    expect(
      ancestryOf('members', { _rev: tombstone._rev, _revisions: tombstone._revisions }),
    ).toEqual([tombstone._rev, revisionOf('members', created)])
    expect(await db().recycleBin.where('recordId').equals(created.id).count()).toBe(1)
    await emptyRecycleBin()
    expect(await db().tombstones.count()).toBe(1)
  })

  it('clearing the data makes no tombstone and leaves no replication state behind', async () => {
    const { member: created } = await branchWithMember()
    await updateMember(created.id, { ...inputOf(created), jobTitle: '会计' })
    await removeMember(created.id)
    await clearAllData()
    for (const table of ['tombstones', 'leaves', 'revisionBodies', 'moves']) {
      expect(await db().table(table).count(), table).toBe(0)
    }
  })
})

describe('moves', () => {
  it('a member leaving an org is marked with where it was, for that org’s packages', async () => {
    const { branch, committee, other, member: created } = await branchWithMember()
    await moveMember(created.id, other.id)
    const marks = await db().moves.toArray()
    expect(marks).toMatchObject([
      { table: 'members', recordId: created.id, orgIds: [branch.id, committee.id] },
    ])
    expect(await db().moves.where('orgIds').equals(branch.id).count()).toBe(1)
  })
})

describe('replicated writes', () => {
  it('keep the revision they carry; one that keeps a revision but changes content throws', async () => {
    const { member: created } = await branchWithMember()
    const foreign = { ...created, jobTitle: '远方', _rev: `5-${'a'.repeat(32)}` }
    await replicatedTransaction(db(), [db().members], () => db().members.put(foreign))
    expect((await db().members.get(created.id))!._rev).toBe(foreign._rev)
    await expect(
      replicatedTransaction(db(), [db().members], () =>
        db().members.put({ ...foreign, jobTitle: '偷改' }),
      ),
    ).rejects.toThrow(/content changed without a new revision/)
    expect((await db().members.get(created.id))!.jobTitle).toBe('远方')
    // Outside that transaction, writes are local again: the child of the one it kept.
    await db().members.put({ ...foreign, jobTitle: '本地' })
    expect((await db().members.get(created.id))!._rev).toMatch(/^6-/)
    // A replicated delete makes no tombstone (the merge writes the one it received).
    await replicatedTransaction(db(), [db().members], () => db().members.delete(created.id))
    expect(await db().tombstones.count()).toBe(0)
  })
})
