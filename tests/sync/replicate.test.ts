/**
 * The replicator between the in-memory store (a device) and the server: both ways, deletions
 * and conflicts travel, a resolution settles every side, checkpoints resume, a reset side
 * starts over without doubling anything, scope refusals are counted and the rest is written.
 */
import { describe, expect, it } from 'vitest'
import {
  CouchClient,
  LiveSync,
  RemoteDatabase,
  Replication,
  replicationId,
  SyncError,
  type RevisionDoc,
} from '@/services/sync'
import { MemoryStore } from './support/memoryStore'
import { startProxy } from './support/proxy'
import {
  admin,
  adminDatabase,
  couchAdmin,
  couchUrl,
  createUser,
  freshDatabase,
  remoteState,
  setMembers,
} from './support/server'

async function sync(store: MemoryStore, remote: RemoteDatabase): Promise<void> {
  await new Replication(store, remote).run()
  await new Replication(remote, store).run()
}

function fill(store: MemoryStore, count: number, prefix = 'rec'): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`)
  for (const id of ids) store.put(id, { name: id, n: 1 })
  return ids
}

describe('push and pull through the server', () => {
  it('brings two devices to the same records, deletions and conflicts included, and one resolution settles both', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    const branch = new MemoryStore('branch')
    const department = new MemoryStore('department')
    fill(branch, 30, 'b')
    fill(department, 20, 'd')
    await sync(branch, remote)
    await sync(department, remote)
    await sync(branch, remote)
    expect(branch.state()).toEqual(department.state())
    expect(branch.size).toBe(50)

    // A deletion at the branch, a concurrent edit of one record on both sides.
    branch.remove('b-00003')
    branch.put('d-00001', { name: 'branch says' })
    department.put('d-00001', { name: 'department says' })
    await sync(branch, remote)
    await sync(department, remote)
    await sync(branch, remote)
    expect(department.state().get('b-00003')?.deleted).toBe(true)
    const conflict = department.state().get('d-00001')!
    expect(conflict.leaves).toHaveLength(2)
    expect(branch.state()).toEqual(department.state())
    expect(await remoteState(name)).toEqual(department.state())

    // The department resolves: the loser becomes a tombstone, the winner carries the merge.
    const loser = conflict.leaves.find((rev) => rev !== conflict.winner)!
    department.remove('d-00001', loser)
    department.put('d-00001', { name: 'agreed' }, conflict.winner)
    await sync(department, remote)
    await sync(branch, remote)
    expect(branch.body('d-00001')).toEqual({ name: 'agreed' })
    expect(branch.state()).toEqual(department.state())
  })

  it('resumes from its checkpoints: a second run reads nothing, both sides hold the same checkpoint', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    const store = new MemoryStore('device')
    fill(store, 250)
    const progress: number[] = []
    const push = new Replication(store, remote, {
      batchSize: 100,
      onProgress: (p) => progress.push(p.docsWritten),
    })
    expect((await push.run()).docsWritten).toBe(250)
    expect(progress).toEqual([100, 200, 250])
    expect((await new Replication(store, remote).run()).docsRead).toBe(0)
    const local = await store.readCheckpoint(await replicationId(store.name, remote.name))
    const server = await remote.readCheckpoint(await replicationId(store.name, remote.name))
    expect(local).toEqual(server)
    expect(local?.last_seq).toBe(store.updateSeq)
  })

  it('starts over when the server lost its database, and puts everything back without doubling', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    const store = new MemoryStore('device')
    fill(store, 40)
    await sync(store, remote)
    await admin('DELETE', name)
    await admin('PUT', name)
    const again = await new Replication(store, remote).run()
    expect(again.docsWritten).toBe(40)
    expect(await remoteState(name)).toEqual(store.state())
    // And a device that forgot its checkpoints reads everything once more, writing nothing new.
    store.dropCheckpoints()
    const seqBefore = store.updateSeq
    const pulled = await new Replication(remote, store).run()
    expect(pulled.docsRead).toBe(0)
    expect(store.updateSeq).toBe(seqBefore)
  })

  it('counts what the receiving scope refuses and writes the rest', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    for (let i = 0; i < 10; i++) {
      await admin('PUT', `${name}/doc-${i}`, { orgId: i < 3 ? 'elsewhere' : 'ours' })
    }
    const refused: string[] = []
    const store = new MemoryStore('device', {
      refuse: (doc: RevisionDoc) => (doc.orgId === 'ours' ? null : 'out of scope'),
    })
    const result = await new Replication(remote, store, {
      onDenied: (refusals) => refused.push(...refusals.map((r) => r.id)),
    }).run()
    expect(result).toMatchObject({ docsRead: 10, docsWritten: 7, denied: 3, notRead: 0 })
    expect(refused.sort()).toEqual(['doc-0', 'doc-1', 'doc-2'])
    expect(store.size).toBe(7)
  })

  it('reads large revisions a few at a time', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    const store = new MemoryStore('device')
    const photo = 'x'.repeat(300_000)
    for (let i = 0; i < 12; i++) store.put(`photo-${i}`, { data: photo })
    const sizes: number[] = []
    const counting = new Proxy(remote, {
      get(target, key, receiver) {
        if (key === 'writeRevisions') {
          return (docs: RevisionDoc[]) => {
            sizes.push(docs.length)
            return target.writeRevisions(docs)
          }
        }
        const value = Reflect.get(target, key, receiver) as unknown
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value
      },
    })
    await new Replication(store, counting, { maxGroupBytes: 1_000_000 }).run()
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(12)
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(3)
    expect((await remoteState(name)).size).toBe(12)
  })

  it('writes a few hundred small revisions in one request, though it reads them in groups', async () => {
    const name = await freshDatabase()
    const remote = await adminDatabase(name)
    const store = new MemoryStore('device')
    fill(store, 300)
    const calls = { reads: 0, writes: [] as number[] }
    const counting = new Proxy(remote, {
      get(target, key, receiver) {
        if (key === 'writeRevisions') {
          return (docs: RevisionDoc[]) => {
            calls.writes.push(docs.length)
            return target.writeRevisions(docs)
          }
        }
        const value = Reflect.get(target, key, receiver) as unknown
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value
      },
    })
    const reading = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'readRevisions') {
          return (requests: Parameters<MemoryStore['readRevisions']>[0]) => {
            calls.reads++
            return target.readRevisions(requests)
          }
        }
        const value = Reflect.get(target, key, receiver) as unknown
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value
      },
    })
    const progress = await new Replication(reading, counting).run()
    expect(calls.reads).toBe(2) // 50 first (their size unknown), then the rest
    expect(calls.writes).toEqual([300])
    expect(progress.docsWritten).toBe(300)
    expect((await remoteState(name)).size).toBe(300)
  })
})

describe('sessions during sync', () => {
  it('an ended session stops with unauthorized and, signed in again, resumes where it was', async () => {
    const name = await freshDatabase()
    await setMembers(name, ['zhibu-org-s'])
    const user = `s-${crypto.randomUUID().slice(0, 8)}`
    await createUser(user, 'pw', ['zhibu-org-s'])
    const client = new CouchClient({ url: couchUrl })
    await client.signIn(user, 'pw')
    const remote = new RemoteDatabase(client, name)
    const store = new MemoryStore('device')
    fill(store, 20)
    const push = new Replication(store, remote)
    await push.run()
    fill(store, 5, 'later')
    await client.signOut()
    const stopped = await push.run().catch((error: unknown) => error)
    expect(stopped).toBeInstanceOf(SyncError)
    expect((stopped as SyncError).code).toBe('unauthorized')
    await client.signIn(user, 'pw')
    expect((await push.run()).docsWritten).toBe(25)
    expect(await remoteState(name)).toEqual(store.state())
  })
})

describe('live sync', () => {
  it('carries a write to the other device within seconds, goes offline when the connection drops, and catches up', async () => {
    const name = await freshDatabase()
    const target = new URL(couchUrl)
    const proxy = await startProxy(Number(target.port))
    const statesA: string[] = []
    const remoteOf = async (url: string) => {
      const client = new CouchClient({ url })
      await client.signIn(couchAdmin.name, couchAdmin.password)
      return new RemoteDatabase(client, name)
    }
    const a = new MemoryStore('a')
    const b = new MemoryStore('b')
    const options = {
      pushDelayMs: 20,
      longpollTimeoutMs: 2_000,
      retry: { firstMs: 50, maxMs: 200 },
    }
    const liveA = new LiveSync(a, await remoteOf(proxy.url), {
      ...options,
      onStatus: (s) => statesA.push(s.state),
    })
    const liveB = new LiveSync(b, await remoteOf(couchUrl), options)
    liveA.start()
    liveB.start()
    try {
      await Promise.all([liveA.whenIdle(), liveB.whenIdle()])
      const latencies: number[] = []
      for (let i = 0; i < 5; i++) {
        const started = performance.now()
        a.put(`live-${i}`, { i })
        await until(() => b.body(`live-${i}`) !== null, 5_000)
        latencies.push(performance.now() - started)
      }
      expect(Math.max(...latencies)).toBeLessThan(2_000)

      proxy.setOnline(false)
      proxy.cut()
      a.put('offline-write', { at: 'branch' })
      await until(() => liveA.status.state === 'offline', 5_000)
      expect(liveA.status.localChangesWaiting).toBe(true)
      expect(liveA.status.error?.code).toBe('offline')
      proxy.setOnline(true)
      liveA.retryNow()
      await until(() => b.body('offline-write') !== null, 5_000)
      await liveA.whenIdle()
      expect(liveA.status.localChangesWaiting).toBe(false)
      expect(statesA).toContain('offline')
      expect(a.state()).toEqual(b.state())
    } finally {
      await Promise.all([liveA.stop(), liveB.stop()])
      await proxy.close()
    }
    expect(liveA.status.state).toBe('stopped')
  })
})

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
