import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createMeeting,
  createMember,
  emptyRecycleBin,
  moveMember,
  readDeviceId,
  SCHEMA_VERSION,
  removeMeeting,
  updateMember,
  updateOrg,
} from '@/db'
import { getDb } from '@/db/connection'
import { BackupError } from '@/domain/backupFormat'
import { EXCHANGE_TABLES } from '@/domain/exchange'
import { revisionOf } from '@/domain/revisions'
import type { Member, Org } from '@/domain/types'
import { createBackup } from '@/services/backup'
import { createExchangePackage, readExchangeFile } from '@/services/exchange'
import { canonicalPackagePayload } from '@/services/exchange/write'
import { fieldsOf, meeting, member } from '../db/helpers'
import { gzipText, keepBlobsInFakeIndexedDb, readJson } from './backup/helpers'
import {
  closeDevices,
  department,
  makePackage,
  newDevice,
  on,
  read,
  receive,
  send,
  type Device,
  editMeeting,
  type Register,
} from './exchange/devices'

keepBlobsInFakeIndexedDb()
afterEach(closeDevices)

const HOURS = 3600_000

const memberFields = (record: Member) => fieldsOf(record, 'lastAttendedOn')
const orgFields = (record: Org) => fieldsOf(record, 'areaPath')

const editTopic = (device: Device, reg: Register, topic: string) =>
  editMeeting(device, reg, { topic })

const topicOf = (device: Device, id: string) =>
  read(device, async (db) => (await db.meetings.get(id))?.topic)

/** The department and a branch secretary's laptop that took the branch's package. */
async function departmentAndBranch(branchClock?: string) {
  const dept = await newDevice('department')
  const reg = await department(dept)
  const branch = await newDevice('branch', branchClock)
  const first = await send(dept, branch, reg.branchA.id)
  expect(first.merged.new).toBeGreaterThan(0)
  return { dept, branch, reg }
}

async function openConflicts(device: Device) {
  return read(device, (db) =>
    db.leaves.where('[state+id]').between(['open', ''], ['open', '\uffff']).toArray(),
  )
}

describe('format 2 packages', () => {
  it('carry the subtree with revisions, tombstones and leaves, and nothing of the device’s own', async () => {
    const { dept, reg } = await departmentAndBranch()
    await on(dept, () => removeMeeting(reg.meetingA.id))
    const json = await on(dept, async () =>
      readJson((await createExchangePackage(reg.branchA.id)).blob),
    )
    expect(json).toMatchObject({
      format: 'zhibu-exchange',
      formatVersion: 2,
      schemaVersion: SCHEMA_VERSION,
    })
    expect(json.sourceDeviceId).toBe(await on(dept, readDeviceId))
    expect(json.scope).toMatchObject({ orgId: reg.branchA.id, orgName: '甲支部' })
    expect(json.checkpoint).toMatchObject({ id: expect.any(String), revisions: expect.any(Number) })
    const payload = json.payload as Record<string, Record<string, unknown>[]>
    // Every record with its revision in CouchDB's shape.
    for (const row of payload.members!) {
      expect(row._rev).toMatch(/^\d+-[0-9a-f]{32}$/)
      expect(row._revisions).toMatchObject({ start: expect.any(Number), ids: expect.any(Array) })
    }
    expect(payload.orgs!.map((o) => o.id)).toEqual(
      expect.arrayContaining([reg.branchA.id, reg.committee.id]),
    )
    expect(payload.orgs!.map((o) => o.id)).not.toContain(reg.branchB.id)
    expect(payload.members!.map((m) => m.id)).toEqual([reg.memberA.id])
    expect(payload.tombstones).toMatchObject([{ table: 'meetings', recordId: reg.meetingA.id }])
    for (const table of [
      'settings',
      'auditLog',
      'recycleBin',
      'meta',
      'tallies',
      'moves',
      'revisionBodies',
    ]) {
      expect(Object.keys(payload)).not.toContain(table)
    }
  })
})

describe('decisions by ancestry, never by clocks', () => {
  it('a branch whose clock is 2 hours slow still sends its edit of a record the department saved later', async () => {
    const slow = new Date(new Date('2026-11-23T08:00:00.000Z').getTime() - 2 * HOURS).toISOString()
    const { dept, branch, reg } = await departmentAndBranch(slow)
    // The department saved the meeting on its clock; the branch edits it after, on its own.
    await editTopic(dept, reg, '部门改过')
    await send(dept, branch, reg.branchA.id)
    await editTopic(branch, reg, '支部后改')
    const stamps = await Promise.all(
      [dept, branch].map((d) =>
        read(d, async (db) => (await db.meetings.get(reg.meetingA.id))!.updatedAt),
      ),
    )
    expect(stamps[1]! < stamps[0]!).toBe(true)
    const back = await send(branch, dept, reg.branchA.id)
    expect(back.preview.plan.counts.meetings).toMatchObject({ updated: 1, conflict: 0 })
    expect(await topicOf(dept, reg.meetingA.id)).toBe('支部后改')
  })

  it('a branch whose clock is a year fast neither overwrites a later edit nor hides a conflict', async () => {
    const { dept, branch, reg } = await departmentAndBranch('2027-11-23T08:00:00.000Z')
    // The branch's unchanged copy of the member is older than the department's edit.
    await on(dept, async () => {
      const stored = (await getDb().members.get(reg.memberA.id))!
      await updateMember(reg.memberA.id, { ...memberFields(stored), jobTitle: '部门改的' })
    })
    // Both edit the meeting: the branch's stamp is a year ahead.
    await editTopic(branch, reg, '支部（时钟快一年）')
    await editTopic(dept, reg, '部门')
    const back = await send(branch, dept, reg.branchA.id)
    expect(back.preview.plan.counts.members).toMatchObject({ unchanged: 1, updated: 0 })
    expect(back.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    expect(await read(dept, async (db) => (await db.members.get(reg.memberA.id))!.jobTitle)).toBe(
      '部门改的',
    )
    expect(await openConflicts(dept)).toHaveLength(1)
  })

  it('far-future timestamps change nothing: an ancestor stamped 2099 stays an ancestor', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    const file = await makePackage(branch, reg.branchA.id)
    const json = await readJson(file)
    const payload = json.payload as Record<string, Record<string, unknown>[]>
    for (const rows of Object.values(payload))
      for (const row of rows) if ('updatedAt' in row) row.updatedAt = '2099-01-01T00:00:00.000Z'
    json.checksum = (await canonicalPackagePayload(payload)).checksum
    await editTopic(dept, reg, '部门新改')
    const back = await receive(dept, await gzipText(JSON.stringify(json)))
    expect(back.preview.plan.totals).toMatchObject({ updated: 0, conflict: 0, new: 0 })
    expect(await topicOf(dept, reg.meetingA.id)).toBe('部门新改')
  })
})

describe('conflicts are found and kept', () => {
  it('the first exchange with a device lists a conflict (both entered the same data, then edited)', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    // The branch's laptop got the same records by a backup restore, never by a package.
    const branch = await newDevice('branch')
    const rows = await read(dept, async (db) => ({
      areas: await db.areas.toArray(),
      orgs: await db.orgs.toArray(),
      members: await db.members.toArray(),
      meetings: await db.meetings.toArray(),
    }))
    await on(branch, async () => {
      const { replicatedTransaction } = await import('@/db/revisions')
      const db = getDb()
      await replicatedTransaction(db, db.tables, async () => {
        for (const [table, list] of Object.entries(rows)) await db.table(table).bulkAdd(list)
      })
    })
    await editTopic(branch, reg, '支部改')
    await editTopic(dept, reg, '部门改')
    const back = await send(branch, dept, reg.branchA.id)
    expect(back.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    expect(back.preview.plan.conflicts.map((c) => c.id)).toEqual([reg.meetingA.id])
  })

  it('three devices: a concurrent edit from the third is a conflict, never lost', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    const third = await newDevice('third')
    await send(dept, third, reg.branchA.id)
    await editTopic(branch, reg, '二号机改')
    await editTopic(third, reg, '三号机改')
    await send(branch, dept, reg.branchA.id)
    expect(await topicOf(dept, reg.meetingA.id)).toBe('二号机改')
    const fromThird = await send(third, dept, reg.branchA.id)
    expect(fromThird.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    const [open] = await openConflicts(dept)
    const topics = [
      await topicOf(dept, reg.meetingA.id),
      (open!.body as { topic: string }).topic,
    ].sort()
    expect(topics).toEqual(['三号机改', '二号机改'].sort())
    // Every device that sees both shows the same winner and the same conflict.
    await send(dept, branch, reg.branchA.id)
    await send(dept, third, reg.branchA.id)
    const winners = await Promise.all([dept, branch, third].map((d) => topicOf(d, reg.meetingA.id)))
    expect(new Set(winners).size).toBe(1)
    for (const device of [branch, third]) expect(await openConflicts(device)).toHaveLength(1)
  })

  it('a deletion against an edit is a conflict on both sides, never a silent delete or return', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await on(branch, () => removeMeeting(reg.meetingA.id))
    await editTopic(dept, reg, '部门改')
    const atDept = await send(branch, dept, reg.branchA.id)
    expect(atDept.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    expect(await topicOf(dept, reg.meetingA.id)).toBe('部门改')
    const atBranch = await send(dept, branch, reg.branchA.id)
    expect(atBranch.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    // The edit wins meanwhile on both (CouchDB: live beats deleted), the deletion waits.
    expect(await topicOf(branch, reg.meetingA.id)).toBe('部门改')
    const open = await openConflicts(branch)
    expect(open).toMatchObject([{ table: 'meetings', recordId: reg.meetingA.id, deleted: true }])
  })
})

describe('deletions travel', () => {
  it('deleted at the branch → gone at the department', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await on(branch, () => removeMeeting(reg.meetingA.id))
    const back = await send(branch, dept, reg.branchA.id)
    expect(back.preview.plan.counts.meetings).toMatchObject({ deleted: 1 })
    expect(await topicOf(dept, reg.meetingA.id)).toBeUndefined()
    expect(await read(dept, (db) => db.tombstones.count())).toBe(1)
  })

  it('the branch’s bin emptied, then the department’s older package → still gone', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    const old = await makePackage(dept, reg.branchA.id)
    await on(branch, async () => {
      await removeMeeting(reg.meetingA.id)
      await emptyRecycleBin()
    })
    const again = await receive(branch, old)
    expect(again.preview.plan.counts.meetings).toMatchObject({ unchanged: 1, new: 0 })
    expect(await topicOf(branch, reg.meetingA.id)).toBeUndefined()
  })

  it('a member moved out of the branch’s subtree leaves it at the department too', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    // The branch secretary's laptop holds the whole committee (so it knows branch B).
    const branch = await newDevice('branch')
    await send(dept, branch, reg.committee.id)
    await on(branch, () => moveMember(reg.memberA.id, reg.branchB.id))
    const file = await makePackage(branch, reg.branchA.id)
    const payload = (await readJson(file)).payload as Record<string, { id: string }[]>
    expect(payload.members!.map((m) => m.id)).toContain(reg.memberA.id)
    const back = await receive(dept, file)
    expect(back.preview.plan.counts.members).toMatchObject({ updated: 1, refused: 0 })
    expect(await read(dept, async (db) => (await db.members.get(reg.memberA.id))!.orgId)).toBe(
      reg.branchB.id,
    )
  })

  it('the department’s transfer from A to B is not undone by A’s package', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await on(dept, async () => {
      await updateOrg(reg.branchB.id, orgFields(reg.branchB))
      await moveMember(reg.memberA.id, reg.branchB.id)
    })
    // A's laptop edits the member meanwhile: its package may not put the member back in A.
    await on(branch, async () => {
      const stored = (await getDb().members.get(reg.memberA.id))!
      await updateMember(reg.memberA.id, { ...memberFields(stored), jobTitle: '支部改' })
    })
    const back = await send(branch, dept, reg.branchA.id)
    expect(back.preview.plan.counts.members).toMatchObject({ refused: 1 })
    expect(await read(dept, async (db) => (await db.members.get(reg.memberA.id))!.orgId)).toBe(
      reg.branchB.id,
    )
    // And A's laptop learns of the move from the department's package for A.
    const there = await send(dept, branch, reg.branchA.id)
    expect(there.preview.plan.counts.members).toMatchObject({ conflict: 1 })
  })
})

describe('scope on the receiving side', () => {
  it('a crafted package for org A that renames org B and edits B’s member is refused and listed', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    const file = await makePackage(branch, reg.branchA.id)
    const json = await readJson(file)
    const payload = json.payload as Record<string, Record<string, unknown>[]>
    const bodyB = await read(dept, async (db) => (await db.orgs.get(reg.branchB.id))!)
    const memberB = await read(dept, async (db) => (await db.members.get(reg.memberB.id))!)
    payload.orgs!.push({
      ...bodyB,
      name: '被改名',
      _rev: `9-${'a'.repeat(32)}`,
      _revisions: { start: 9, ids: ['a'.repeat(32)] },
    })
    payload.members!.push({
      ...memberB,
      orgId: reg.branchA.id,
      _rev: `9-${'b'.repeat(32)}`,
      _revisions: { start: 9, ids: ['b'.repeat(32)] },
    })
    // A brand-new member placed in B is refused too.
    payload.members!.push({
      ...memberB,
      id: 'new-in-b',
      name: '新人',
      idNumber: '',
      phone: '',
      _rev: undefined,
      _revisions: undefined,
    })
    json.counts = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v.length]))
    json.checksum = (await canonicalPackagePayload(payload)).checksum
    const crafted = await receive(dept, await gzipText(JSON.stringify(json)))
    expect(crafted.preview.plan.counts.orgs).toMatchObject({ refused: 1 })
    expect(crafted.preview.plan.counts.members).toMatchObject({ refused: 2 })
    expect(crafted.preview.plan.refused.map((r) => r.label).sort()).toEqual(
      ['乙支部', '新人', '李强'].sort(),
    )
    const after = await read(dept, async (db) => ({
      name: (await db.orgs.get(reg.branchB.id))!.name,
      member: (await db.members.get(reg.memberB.id))!,
      newcomer: await db.members.get('new-in-b'),
    }))
    expect(after.name).toBe('乙支部')
    expect(after.member.orgId).toBe(reg.branchB.id)
    expect(after.newcomer).toBeUndefined()
  })
})

describe('merges keep what they replace', () => {
  it('no whole-database snapshot: the replaced body is kept under the merge, per record', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await editTopic(branch, reg, '支部改')
    const binBefore = await read(dept, (db) => db.recycleBin.count())
    const back = await send(branch, dept, reg.branchA.id)
    expect(await read(dept, (db) => db.recycleBin.count())).toBe(binBefore)
    const kept = await read(dept, (db) =>
      db.revisionBodies.where('mergeId').equals(back.merged.mergeId).toArray(),
    )
    expect(kept).toMatchObject([
      { table: 'meetings', recordId: reg.meetingA.id, body: { topic: '学习会' } },
    ])
  })
})

describe('derived fields after a merge', () => {
  it('are this device’s own: a member who arrives with a meeting gets her last attendance here', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    const newcomer = await on(dept, async () => {
      const created = await createMember(member(reg.branchA.id, { name: '新党员' }))
      await createMeeting(
        meeting(reg.branchA.id, { topic: '新会', heldOn: '2026-11-01', attendeeIds: [created.id] }),
      )
      return created
    })
    await send(dept, branch, reg.branchA.id)
    const here = await read(branch, (db) => db.members.get(newcomer.id))
    expect(here?.lastAttendedOn).toBe('2026-11-01')
  })
})

describe('format 1', () => {
  it('still imports with the old-format notice; a record changed on both sides is a conflict', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await editTopic(dept, reg, '部门改')
    // An old app's package: records without revisions, schema 2.
    const stored = await read(branch, (db) => db.meetings.toArray())
    const payload: Record<string, unknown[]> = Object.fromEntries(
      EXCHANGE_TABLES.map((t) => [t, []]),
    )
    payload.meetings = stored.map(({ _rev, _revisions, ...row }) => ({
      ...row,
      topic: '旧版改',
      updatedAt: '2099-01-01T00:00:00.000Z',
    }))
    const file = {
      format: 'zhibu-exchange',
      formatVersion: 1,
      app: 'zhibu',
      schemaVersion: 2,
      createdAt: '2026-11-20T00:00:00.000Z',
      sourceDeviceId: 'old-device',
      scope: { orgId: reg.branchA.id, orgName: '甲支部', orgType: 'branch' },
      counts: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v.length])),
      checksum: (await canonicalPackagePayload(payload)).checksum,
      payload,
    }
    const checked = await receive(dept, await gzipText(JSON.stringify(file)))
    expect(checked.oldFormat).toBe(true)
    expect(checked.preview.plan.counts.meetings).toMatchObject({ conflict: 1 })
    expect(await topicOf(dept, reg.meetingA.id)).toBe('部门改')
  })
})

describe('bad files', () => {
  it('a backup, a hostile file or a damaged package is refused before anything is written', async () => {
    const { dept, reg } = await departmentAndBranch()
    await on(dept, async () => {
      const code = async (promise: Promise<unknown>) =>
        promise.then(
          () => 'none',
          (e: unknown) => (e instanceof BackupError ? e.code : String(e)),
        )
      const backup = await createBackup()
      expect(await code(readExchangeFile(backup.blob))).toBe('notBackup')
      const json = await readJson((await createExchangePackage(reg.branchA.id)).blob)
      const hostile = JSON.stringify(json).replace('"scope":{', '"scope":{"__proto__":{"x":1},')
      expect(await code(readExchangeFile(await gzipText(hostile)))).toBe('hostileKey')
      const payload = json.payload as Record<string, Record<string, unknown>[]>
      payload.meetings![0]!.topic = '改过的'
      expect(await code(readExchangeFile(await gzipText(JSON.stringify(json))))).toBe('checksum')
      payload.meetings![0]!._rev = 'not-a-revision'
      json.checksum = (await canonicalPackagePayload(payload)).checksum
      expect(await code(readExchangeFile(await gzipText(JSON.stringify(json))))).toBe('shape')
      expect(await code(readExchangeFile(new Blob([new Uint8Array([1, 2, 3])])))).toBe('notGzip')
    })
  })
})

describe('convergence after both ways', () => {
  it('the same leaves and winner on both devices', async () => {
    const { dept, branch, reg } = await departmentAndBranch()
    await editTopic(branch, reg, '支部')
    await editTopic(dept, reg, '部门')
    await send(branch, dept, reg.branchA.id)
    await send(dept, branch, reg.branchA.id)
    const state = (d: Device) =>
      read(d, async (db) => {
        const leaves = (await db.leaves.toArray()).map((l) => l._rev).sort()
        const record = (await db.meetings.get(reg.meetingA.id))!
        return { winner: revisionOf('meetings', record), leaves }
      })
    expect(await state(branch)).toEqual(await state(dept))
    expect((await state(dept)).leaves).toHaveLength(1)
  })
})
