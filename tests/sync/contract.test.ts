/**
 * The protocol contract: what the app relies on from the department's server, checked against
 * the npm server in CI and against a real CouchDB when COUCHDB_URL (+ COUCHDB_USER,
 * COUCHDB_PASSWORD) is set: `npx vitest run --project sync tests/sync/contract.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { CouchClient, RemoteDatabase, SyncError, type RevisionDoc } from '@/services/sync'
import { MemoryStore, winningRev } from './support/memoryStore'
import {
  admin,
  adminDatabase,
  couchAdmin,
  couchUrl,
  createUser,
  freshDatabase,
  isPouchServer,
  remoteState,
  setMembers,
} from './support/server'
import { Replication } from '@/services/sync'

const hash = (char: string) => char.repeat(32)

/** A revision with its ancestry, as a replicator sends it. */
function revision(
  id: string,
  chain: string[],
  body: Record<string, unknown> = {},
  deleted = false,
): RevisionDoc {
  const start = chain.length
  const doc: RevisionDoc = {
    _id: id,
    _rev: `${start}-${chain[0]}`,
    _revisions: { start, ids: chain },
    ...body,
  }
  if (deleted) doc._deleted = true
  return doc
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'none',
    (error: unknown) => (error instanceof SyncError ? error.code : `unexpected ${String(error)}`),
  )
}

describe('sessions', () => {
  it('signs in with a cookie, tells name and roles, and signs out', async () => {
    const name = `u-${crypto.randomUUID().slice(0, 8)}`
    await createUser(name, 'secret-1', ['zhibu-org-a'])
    const client = new CouchClient({ url: couchUrl })
    const session = await client.signIn(name, 'secret-1')
    expect(session).toEqual({ name, roles: ['zhibu-org-a'] })
    expect(client.hasCookie).toBe(true)
    expect(await client.session()).toEqual({ name, roles: ['zhibu-org-a'] })
    await client.signOut()
    expect(client.hasCookie).toBe(false)
    expect((await client.session()).name).toBeNull()
  })

  it('refuses a wrong password as badCredentials', async () => {
    const name = `u-${crypto.randomUUID().slice(0, 8)}`
    await createUser(name, 'right', [])
    expect(await codeOf(new CouchClient({ url: couchUrl }).signIn(name, 'wrong'))).toBe(
      'badCredentials',
    )
  })
})

describe('per-database _security', () => {
  it('opens a database to its own role and an ancestor role, refuses a sibling and a stranger', async () => {
    const [branchA, branchB] = [await freshDatabase('branch-a'), await freshDatabase('branch-b')]
    await setMembers(branchA, ['role-a', 'role-parent'])
    await setMembers(branchB, ['role-b', 'role-parent'])
    const tag = crypto.randomUUID().slice(0, 8)
    await createUser(`a-${tag}`, 'pw', ['role-a'])
    await createUser(`p-${tag}`, 'pw', ['role-parent'])
    const asA = new CouchClient({ url: couchUrl })
    await asA.signIn(`a-${tag}`, 'pw')
    const asParent = new CouchClient({ url: couchUrl })
    await asParent.signIn(`p-${tag}`, 'pw')

    expect((await new RemoteDatabase(asA, branchA).changes(0, 10)).results).toEqual([])
    const sibling = new RemoteDatabase(asA, branchB)
    const refused = await sibling.changes(0, 10).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(SyncError)
    expect((refused as SyncError).code).toBe('forbidden')
    expect((refused as SyncError).database).toBe(branchB)
    expect((refused as SyncError).message).toContain(branchB)
    expect(await codeOf(sibling.writeRevisions([revision('x', [hash('a')])]))).toBe('forbidden')
    expect((await remoteState(branchB)).size).toBe(0)
    for (const db of [branchA, branchB]) {
      expect(await codeOf(new RemoteDatabase(asParent, db).changes(0, 1))).toBe('none')
    }
    const anonymous = new RemoteDatabase(new CouchClient({ url: couchUrl }), branchA)
    expect(await codeOf(anonymous.changes(0, 1))).toBe('unauthorized')
  })

  it('names a missing database notFound and an unreachable server offline', async () => {
    const db = await adminDatabase(`zhibu-missing-${crypto.randomUUID().slice(0, 8)}`)
    expect(await codeOf(db.changes(0, 1))).toBe('notFound')
    const nowhere = new RemoteDatabase(new CouchClient({ url: 'http://127.0.0.1:9/' }), 'x')
    expect(await codeOf(nowhere.changes(0, 1))).toBe('offline')
  })
})

describe('documents and revisions', () => {
  it('answers 409 to a write on a stale _rev', async () => {
    const name = await freshDatabase()
    const first = await admin<{ rev: string }>('PUT', `${name}/doc`, { n: 1 })
    await admin('PUT', `${name}/doc`, { n: 2, _rev: first.body.rev })
    const stale = await admin<{ error: string }>('PUT', `${name}/doc`, {
      n: 3,
      _rev: first.body.rev,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toBe('conflict')
  })

  it('lists a tombstone in _changes as deleted, with its revision', async () => {
    const name = await freshDatabase()
    const put = await admin<{ rev: string }>('PUT', `${name}/gone`, { n: 1 })
    const del = await admin<{ rev: string }>('DELETE', `${name}/gone?rev=${put.body.rev}`)
    const db = await adminDatabase(name)
    const { results } = await db.changes(0, 10)
    expect(results).toEqual([
      expect.objectContaining({ id: 'gone', deleted: true, changes: [{ rev: del.body.rev }] }),
    ])
    const [tombstone] = await db.readRevisions([{ id: 'gone', rev: del.body.rev }])
    expect(tombstone).toMatchObject({ _id: 'gone', _rev: del.body.rev, _deleted: true })
    expect(tombstone!._revisions.ids).toHaveLength(2)
  })

  it('_revs_diff names only the revisions the server lacks', async () => {
    const db = await adminDatabase(await freshDatabase())
    await db.writeRevisions([revision('a', [hash('b'), hash('a')], { v: 1 })])
    const diff = await db.revsDiff({
      a: [`2-${hash('b')}`, `3-${hash('c')}`],
      z: [`1-${hash('z')}`],
    })
    expect(diff.a?.missing).toEqual([`3-${hash('c')}`])
    expect(diff.z?.missing).toEqual([`1-${hash('z')}`])
  })

  it('_bulk_docs new_edits=false keeps two conflicting siblings, and the winner is chosen as CouchDB does', async () => {
    const name = await freshDatabase()
    const db = await adminDatabase(name)
    // Same generation: the higher hash wins.
    await db.writeRevisions([
      revision('same', [hash('b'), hash('a')], { side: 'b' }),
      revision('same', [hash('c'), hash('a')], { side: 'c' }),
    ])
    // A higher generation beats a higher hash.
    await db.writeRevisions([
      revision('deeper', [hash('1'), hash('0'), hash('a')], { side: 'deep' }),
      revision('deeper', [hash('f'), hash('a')], { side: 'high-hash' }),
    ])
    // A live leaf beats a tombstone of a higher generation.
    await db.writeRevisions([
      revision('alive', [hash('9'), hash('8'), hash('a')], {}, true),
      revision('alive', [hash('2'), hash('a')], { side: 'live' }),
    ])
    const same = await admin<{ _rev: string; _conflicts: string[]; side: string }>(
      'GET',
      `${name}/same?conflicts=true`,
    )
    expect(same.body).toMatchObject({
      _rev: `2-${hash('c')}`,
      side: 'c',
      _conflicts: [`2-${hash('b')}`],
    })
    const deeper = await admin<{ _rev: string; side: string }>('GET', `${name}/deeper`)
    expect(deeper.body).toMatchObject({ _rev: `3-${hash('1')}`, side: 'deep' })
    const alive = await admin<{ _rev: string; side: string }>('GET', `${name}/alive`)
    expect(alive.body).toMatchObject({ _rev: `2-${hash('2')}`, side: 'live' })
    // The test store picks the same winners from the same leaves.
    const state = await remoteState(name)
    for (const [id, doc] of state) {
      const deleted = id === 'alive' ? (rev: string) => rev.startsWith('3-') : () => false
      expect(winningRev(doc.leaves.map((rev) => ({ rev, deleted: deleted(rev) })))).toBe(doc.winner)
    }
    const { results } = await db.changes(0, 10)
    expect(
      results
        .find((row) => row.id === 'same')
        ?.changes.map((c) => c.rev)
        .sort(),
    ).toEqual([`2-${hash('b')}`, `2-${hash('c')}`])
  })

  it('_bulk_get and its fallback (GET ?open_revs) give the same revisions with their ancestry', async () => {
    const name = await freshDatabase()
    const db = await adminDatabase(name)
    await db.writeRevisions([
      revision('a', [hash('b'), hash('a')], { v: 'b' }),
      revision('a', [hash('c'), hash('a')], { v: 'c' }),
      revision('b', [hash('d')], { v: 'd' }),
    ])
    const asked = [
      { id: 'a', rev: `2-${hash('b')}` },
      { id: 'a', rev: `2-${hash('c')}` },
      { id: 'b', rev: `1-${hash('d')}` },
    ]
    const bulk = await db.readRevisions(asked)
    const fallback = new RemoteDatabase(db.client, name, { bulkGet: false })
    const single = await fallback.readRevisions(asked)
    const key = (doc: RevisionDoc) => `${doc._id} ${doc._rev}`
    expect(bulk.map(key).sort()).toEqual(asked.map((r) => `${r.id} ${r.rev}`).sort())
    expect(single.map(key).sort()).toEqual(bulk.map(key).sort())
    for (const doc of single) {
      expect(doc).toEqual(bulk.find((other) => key(other) === key(doc)))
    }
    expect(bulk.find((doc) => doc._rev === `2-${hash('c')}`)?._revisions).toEqual({
      start: 2,
      ids: [hash('c'), hash('a')],
    })
  })
})

describe('photos as attachments of their own documents', () => {
  it('an image survives push, pull and a push on to another database, byte for byte', async () => {
    const bytes = new Uint8Array(50_000).map((_, i) => (i * 7919) % 256)
    const data = Buffer.from(bytes).toString('base64')
    const device = new MemoryStore('camera')
    device.put('photo-1', {
      meetingId: 'm-1',
      _attachments: { image: { content_type: 'image/jpeg', data } },
    })
    const [first, second] = [await freshDatabase(), await freshDatabase()]
    await new Replication(device, await adminDatabase(first)).run()
    const relay = new MemoryStore('relay')
    await new Replication(await adminDatabase(first), relay).run()
    await new Replication(relay, await adminDatabase(second)).run()
    const response = await fetch(new URL(`${second}/photo-1/image`, couchUrl), {
      headers: {
        authorization: `Basic ${Buffer.from(`${couchAdmin.name}:${couchAdmin.password}`).toString('base64')}`,
      },
    })
    expect(response.headers.get('content-type')).toContain('image/jpeg')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes)
    expect((await remoteState(second)).get('photo-1')?.winner).toBe(device.winner('photo-1'))
  })
})

describe('_local checkpoints', () => {
  it('are kept apart from documents and overwritten in place', async () => {
    const name = await freshDatabase()
    const db = await adminDatabase(name)
    const checkpoint = {
      session_id: 's1',
      last_seq: 7,
      history: [{ session_id: 's1', last_seq: 7 }],
      replicator: 'zhibu',
      version: 1,
    }
    expect(await db.readCheckpoint('rep-1')).toBeNull()
    await db.writeCheckpoint('rep-1', checkpoint)
    await db.writeCheckpoint('rep-1', { ...checkpoint, last_seq: 9 })
    expect(await db.readCheckpoint('rep-1')).toEqual({ ...checkpoint, last_seq: 9 })
    // Another writer moved it on: the next write reads the revision and still lands.
    const fresh = await adminDatabase(name)
    await fresh.writeCheckpoint('rep-1', { ...checkpoint, last_seq: 11 })
    await db.writeCheckpoint('rep-1', { ...checkpoint, last_seq: 12 })
    expect((await fresh.readCheckpoint('rep-1'))?.last_seq).toBe(12)
    expect((await db.changes(0, 10)).results).toEqual([])
    const all = await admin<{ rows: unknown[] }>('GET', `${name}/_all_docs`)
    expect(all.body.rows).toEqual([])
  })
})

describe('longpoll', () => {
  it('returns as soon as a change arrives, and an empty batch after its timeout', async () => {
    const db = await adminDatabase(await freshDatabase())
    const { lastSeq } = await db.changes(0, 10)
    const started = Date.now()
    const waiting = db.waitForChanges(lastSeq, { timeoutMs: 10_000 })
    setTimeout(() => void db.writeRevisions([revision('late', [hash('e')])]), 300)
    const batch = await waiting
    expect(batch.results.map((row) => row.id)).toEqual(['late'])
    expect(Date.now() - started).toBeLessThan(5_000)
    const idle = await db.waitForChanges(batch.lastSeq, { timeoutMs: 500 })
    expect(idle.results).toEqual([])
    expect(idle.lastSeq).toEqual(batch.lastSeq)
  })
})

describe('pouchdb-server issue 419: conflicting revisions must survive', () => {
  it('our databases carry no validate_doc_update, and two devices\u2019 concurrent edits both reach a third', async () => {
    const name = await freshDatabase()
    const designs = await admin<{ rows: unknown[] }>(
      'GET',
      `${name}/_all_docs?startkey="_design/"&endkey="_design0"`,
    )
    expect(designs.body.rows).toEqual([])
    const remote = await adminDatabase(name)
    const [branch, department, third] = ['branch', 'department', 'third'].map(
      (n) => new MemoryStore(n),
    )
    const base = branch!.put('meeting-1', { topic: 'draft' })
    await new Replication(branch!, remote).run()
    await new Replication(remote, department!).run()
    branch!.put('meeting-1', { topic: 'branch edit' }, base)
    department!.put('meeting-1', { topic: 'department edit' }, base)
    await new Replication(branch!, remote).run()
    await new Replication(department!, remote).run()
    await new Replication(remote, third!).run()
    const server = (await remoteState(name)).get('meeting-1')!
    expect(server.leaves).toHaveLength(2)
    expect(third!.leaves('meeting-1')).toEqual(server.leaves)
    expect(third!.winner('meeting-1')).toBe(server.winner)
  })

  it('shows why: with a validate_doc_update, pouchdb-server drops a replicated sibling (CouchDB keeps it)', async () => {
    const name = await freshDatabase()
    await admin('PUT', `${name}/_design/guard`, { validate_doc_update: 'function (newDoc) {}' })
    const db = await adminDatabase(name)
    // Two devices' pushes: one sibling each, in requests of their own.
    expect(await db.writeRevisions([revision('m', [hash('b'), hash('a')], { side: 'b' })])).toEqual(
      [],
    )
    expect(await db.writeRevisions([revision('m', [hash('c'), hash('a')], { side: 'c' })])).toEqual(
      [],
    )
    const leaves = (await remoteState(name)).get('m')!.leaves
    expect(leaves).toHaveLength(isPouchServer ? 1 : 2)
  })
})
