/**
 * The Dexie store (fake-indexeddb in Node) as the device side of replication with the npm
 * server: push and pull, deletions, conflicts and a resolution between two devices, photo
 * bytes, the scope check on arrival, live sync, and one fault run (a server killed mid-sync).
 * Two devices are two databases in one process: each replication pass runs with its own
 * database current (the store reads the current one), one pass at a time.
 */
import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createArea,
  createMeeting,
  createMember,
  createOrg,
  readFeed,
  removeMember,
  resolveConflict,
  setActor,
  setDb,
  updateMember,
  ZhibuDb,
} from '@/db'
import { readLeaves } from '@/db/repositories/replication'
import { winnerOf } from '@/domain/revisions'
import type { Member } from '@/domain/types'
import {
  CouchClient,
  DeviceStore,
  LiveSync,
  RemoteDatabase,
  Replication,
  SyncError,
} from '@/services/sync'
import { findFreePort, startServer } from '../../server/launch.mjs'
import { area, fieldsOf, meeting, member, org } from '../db/helpers'
import { adminDatabase, couchAdmin, freshDatabase, remoteState } from './support/server'
import type { DocState } from './support/memoryStore'

async function device(): Promise<ZhibuDb> {
  const db = new ZhibuDb(`device-${crypto.randomUUID()}`)
  await db.open()
  setDb(db)
  setActor('测试员')
  return db
}

async function tree() {
  const a = await createArea(area())
  const party = await createOrg(org(a.id, { name: '机关党委', type: 'baseCommittee' }))
  const branch = await createOrg(org(a.id, { name: '第一支部', parentId: party.id }))
  return { party, branch }
}

function storeOf(db: ZhibuDb, orgId: string, database: string): DeviceStore {
  return new DeviceStore({ deviceId: db.name, orgId, database })
}

/** A pass each way with `db` current. */
async function sync(db: ZhibuDb, orgId: string, remote: RemoteDatabase): Promise<void> {
  setDb(db)
  const store = storeOf(db, orgId, remote.name)
  await new Replication(store, remote).run()
  await new Replication(remote, store).run()
}

/** The device's documents of one org's feed as the server's state reads: leaves and winner. */
async function deviceState(db: ZhibuDb, orgId: string): Promise<Map<string, DocState>> {
  setDb(db)
  const out = new Map<string, DocState>()
  for (const row of (await readFeed(orgId, 0, 1_000_000)).results) {
    const [table, id] = [
      row.id.slice(0, row.id.indexOf(':')),
      row.id.slice(row.id.indexOf(':') + 1),
    ]
    const leaves = await readLeaves(table as 'members', id)
    const winner = winnerOf(leaves)
    out.set(row.id, {
      winner: winner.rev,
      deleted: winner.deleted,
      leaves: leaves.map((l) => l.rev).sort(),
    })
  }
  return out
}

describe('the Dexie store with the server', () => {
  it(
    'two devices reach the same records through one database: deletions, a photo, a conflict and its resolution',
    { timeout: 60_000 },
    async () => {
      const name = await freshDatabase('device')
      const remote = await adminDatabase(name)
      const branchDb = await device()
      const { branch } = await tree()
      const m = await createMember(member(branch.id))
      const gone = await createMember(member(branch.id, { name: '李四', idNumber: '' }))
      const mt = await createMeeting(meeting(branch.id))
      await branchDb.photos.add({
        id: 'p1',
        meetingId: mt.id,
        name: '会场.jpg',
        type: 'image/jpeg',
        width: 2,
        height: 1,
        blob: new Blob([new Uint8Array([255, 216, 1, 2, 3, 255, 217])], { type: 'image/jpeg' }),
        createdAt: '2026-10-08T00:00:00.000Z',
        updatedAt: '2026-10-08T00:00:00.000Z',
      })
      await removeMember(gone.id)
      await sync(branchDb, branch.id, remote)
      expect(await remoteState(name)).toEqual(await deviceState(branchDb, branch.id))

      // The department: its own tree first (the org comes with the database), then a pull.
      const departmentDb = await device()
      try {
        await sync(departmentDb, branch.id, remote)
        expect(await deviceState(departmentDb, branch.id)).toEqual(
          await deviceState(branchDb, branch.id),
        )
        expect(await departmentDb.members.get(gone.id)).toBeUndefined()
        const photo = await departmentDb.photos.get('p1')
        expect([...new Uint8Array(await photo!.blob.arrayBuffer())]).toEqual([
          255, 216, 1, 2, 3, 255, 217,
        ])

        // A concurrent edit on both: a conflict on both sides; one resolution settles both.
        setDb(branchDb)
        await updateMember(m.id, { ...fieldsOf(m, 'lastAttendedOn'), jobTitle: '会计' })
        setDb(departmentDb)
        const there = (await departmentDb.members.get(m.id)) as Member
        await updateMember(m.id, { ...fieldsOf(there, 'lastAttendedOn'), jobTitle: '出纳' })
        await sync(branchDb, branch.id, remote)
        await sync(departmentDb, branch.id, remote)
        await sync(branchDb, branch.id, remote)
        for (const db of [branchDb, departmentDb]) {
          setDb(db)
          expect((await readLeaves('members', m.id)).length, db.name).toBe(2)
        }
        setDb(departmentDb)
        const leaves = await readLeaves('members', m.id)
        await resolveConflict(
          'members',
          m.id,
          { ...winnerOf(leaves).body!, jobTitle: '会计兼出纳' },
          leaves.map((l) => l.rev).sort(),
        )
        await sync(departmentDb, branch.id, remote)
        await sync(branchDb, branch.id, remote)
        expect((await branchDb.members.get(m.id))?.jobTitle).toBe('会计兼出纳')
        expect(
          await branchDb.leaves
            .where('[state+id]')
            .between(['open', ''], ['open', '\uffff'])
            .count(),
        ).toBe(0)
        const expected = await deviceState(branchDb, branch.id)
        expect(await deviceState(departmentDb, branch.id)).toEqual(expected)
        expect(await remoteState(name)).toEqual(expected)
      } finally {
        for (const db of [branchDb, departmentDb]) {
          db.close()
          await db.delete()
        }
      }
    },
  )

  it(
    'refuses what a database sends outside its org subtree, and counts it',
    { timeout: 30_000 },
    async () => {
      const name = await freshDatabase('scope')
      const remote = await adminDatabase(name)
      const db = await device()
      try {
        const { branch } = await tree()
        const a = await createArea(area({ name: '呼和浩特市', code: '150100' }))
        const sibling = await createOrg(org(a.id, { name: '第二支部' }))
        // A misconfigured database holds the sibling's member.
        const stranger = await createMember(member(sibling.id, { name: '张三', idNumber: '' }))
        const siblingStore = storeOf(db, sibling.id, name)
        await new Replication(siblingStore, remote).run()
        await db.members.delete(stranger.id)
        await db.tombstones.clear()
        const denied: string[] = []
        const store = storeOf(db, branch.id, name)
        const progress = await new Replication(remote, store, {
          onDenied: (refusals) => denied.push(...refusals.map((r) => r.id)),
        }).run()
        expect(denied).toEqual([`members:${stranger.id}`])
        expect(progress.denied).toBe(1)
        expect(await db.members.get(stranger.id)).toBeUndefined()
      } finally {
        db.close()
        await db.delete()
      }
    },
  )

  it('live: a local write reaches the server within 2 s', { timeout: 30_000 }, async () => {
    const name = await freshDatabase('live')
    const remote = await adminDatabase(name)
    const db = await device()
    const { branch } = await tree()
    const live = new LiveSync(storeOf(db, branch.id, name), remote, {
      pushDelayMs: 50,
      longpollTimeoutMs: 2_000,
    })
    try {
      live.start()
      await live.whenIdle()
      const m = await createMember(member(branch.id, { name: '赵六', idNumber: '' }))
      const started = Date.now()
      for (;;) {
        const state = await remoteState(name)
        if (state.has(`members:${m.id}`)) break
        if (Date.now() - started > 2_000) throw new Error('not on the server within 2 s')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      await live.stop()
      db.close()
      await db.delete()
    }
  })

  it(
    'a server killed mid-sync and restarted: resumed, both sides equal, nothing lost or doubled',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zhibu-device-fault-'))
      const port = await findFreePort(5985, 5989)
      let server = await startServer({ port, dir, admin: couchAdmin })
      const db = await device()
      try {
        const { branch } = await tree()
        // 1,000 members in one transaction (one feed row each).
        await db.transaction('rw', db.members, async () => {
          for (let i = 0; i < 1_000; i++) {
            await db.members.add({
              ...member(branch.id, { name: `党员${i}`, idNumber: '' }),
              id: `m-${String(i).padStart(5, '0')}`,
              lastAttendedOn: '',
              createdAt: '2026-10-08T00:00:00.000Z',
              updatedAt: '2026-10-08T00:00:00.000Z',
            } as unknown as Member)
          }
        })
        const client = new CouchClient({ url: server.url })
        await client.signIn(couchAdmin.name, couchAdmin.password)
        await client.request('zhibu-fault-device', { method: 'PUT' })
        const remote = new RemoteDatabase(client, 'zhibu-fault-device')
        let killed: Promise<void> | null = null
        const push = new Replication(storeOf(db, branch.id, remote.name), remote, {
          batchSize: 100,
          onProgress: (progress) => {
            if (killed || progress.docsWritten < 300) return
            killed = (async () => {
              await server.kill()
              server = await startServer({ port, dir, admin: couchAdmin })
            })()
          },
        })
        let errors = 0
        for (;;) {
          try {
            await push.run()
            if (killed) await killed
            await push.run()
            break
          } catch (error) {
            if (!(error instanceof SyncError) || !error.retryable || errors > 100) throw error
            errors++
            await new Promise((resolve) => setTimeout(resolve, 100))
          }
        }
        expect(errors).toBeGreaterThan(0)
        const expected = await deviceState(db, branch.id)
        const onServer = await remoteState('zhibu-fault-device', server.url)
        expect(onServer.size).toBe(expected.size)
        expect(onServer).toEqual(expected)
      } finally {
        await server.stop()
        rmSync(dir, { recursive: true, force: true })
        db.close()
        await db.delete()
      }
    },
  )
})
