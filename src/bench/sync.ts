/**
 * Sync figures in real Chromium (scripts/bench.mjs): this device's Dexie store against the npm
 * server. A branch subtree of about `target` records (the one mergeBench takes) is pushed into
 * fresh databases, one per org as the department's server has them, then pulled into an empty
 * device as the department's first pull would; then the live latency between two pages (each
 * its own profile) through one database. The database names carry a run tag so runs never
 * share a database.
 */
import {
  createArea,
  createMember,
  createOrg,
  getMember,
  listSubtreeOrgIds,
  REGISTER_DB,
  setActor,
  setDb,
  ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { blankMemberInput } from '@/domain/members'
import { CouchClient, DeviceStore, DeviceSync, RemoteDatabase, Replication } from '@/services/sync'
import { subtreeNear } from './merge'
import { deleteDatabase } from './raw'

const PULL_DB = 'zhibu-bench-pull'

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
    }),
  )
}

export interface SyncBenchResult {
  root: string
  databases: number
  push: { ms: number; records: number }
  pull: { ms: number; records: number }
  /**
   * The raw protocol on the same layout (the same documents in as many databases, four at a
   * time, as the replicator runs): `_changes` + `_bulk_get` of every database, and
   * `_bulk_docs` `new_edits=false` of what they read into as many fresh databases.
   */
  floors: { readMs: number; writeMs: number; records: number }
}

interface BulkGetAnswer {
  results: { docs: { ok?: Record<string, unknown> }[] }[]
}

/** The floors of the layout: raw reads of the databases, then raw writes of what they held. */
async function layoutFloors(
  client: CouchClient,
  names: readonly string[],
): Promise<SyncBenchResult['floors']> {
  const held = new Map<string, Record<string, unknown>[]>()
  let start = performance.now()
  await pool(names, 4, async (database) => {
    const docs: Record<string, unknown>[] = []
    for (let since: unknown = 0; ;) {
      const { body } = await client.request<{
        results: { id: string; changes: { rev: string }[] }[]
        last_seq: unknown
      }>(`${encodeURIComponent(database)}/_changes`, {
        query: { style: 'all_docs', since: String(since), limit: 500 },
      })
      if (body.results.length === 0) break
      since = body.last_seq
      const { body: got } = await client.request<BulkGetAnswer>(
        `${encodeURIComponent(database)}/_bulk_get`,
        {
          method: 'POST',
          query: { revs: true, attachments: true },
          body: {
            docs: body.results.flatMap((row) =>
              row.changes.map(({ rev }) => ({ id: row.id, rev })),
            ),
          },
        },
      )
      for (const result of got.results) for (const doc of result.docs) if (doc.ok) docs.push(doc.ok)
    }
    held.set(database, docs)
  })
  const readMs = performance.now() - start
  const records = [...held.values()].reduce((sum, docs) => sum + docs.length, 0)
  await pool(names, 4, async (database) => {
    await client.request(encodeURIComponent(`${database}-raw`), { method: 'PUT' })
  })
  start = performance.now()
  await pool(names, 4, async (database) => {
    const docs = held.get(database) ?? []
    for (let i = 0; i < docs.length; i += 500) {
      await client.request(`${encodeURIComponent(`${database}-raw`)}/_bulk_docs`, {
        method: 'POST',
        body: { docs: docs.slice(i, i + 500), new_edits: false },
      })
    }
  })
  return { readMs, writeMs: performance.now() - start, records }
}

/** Push a subtree's databases from the current (province) device, then pull them into an empty one. */
export async function syncBench(
  url: string,
  admin: { name: string; password: string },
  tag: string,
  target = 5_000,
): Promise<SyncBenchResult> {
  const root = await subtreeNear(target)
  const orgIds = await listSubtreeOrgIds(root.id)
  const client = new CouchClient({ url })
  await client.signIn(admin.name, admin.password)
  const name = (orgId: string) => `zhibu-bench-${tag}-${orgId}`
  await pool(orgIds, 4, async (orgId) => {
    await client.request(encodeURIComponent(name(orgId)), { method: 'PUT' })
  })
  const pair = (orgId: string) => ({
    store: new DeviceStore({ deviceId: `bench-${getDb().name}`, orgId, database: name(orgId) }),
    remote: new RemoteDatabase(client, name(orgId)),
  })
  let pushed = 0
  let start = performance.now()
  await pool(orgIds, 4, async (orgId) => {
    const { store, remote } = pair(orgId)
    const { docsWritten } = await new Replication(store, remote).run()
    pushed += docsWritten
  })
  const push = { ms: performance.now() - start, records: pushed }
  const floors = await layoutFloors(client, orgIds.map(name))

  const source = getDb().name
  getDb().close()
  await deleteDatabase(PULL_DB)
  setDb(new ZhibuDb(PULL_DB))
  let pulled = 0
  try {
    await getDb().open()
    start = performance.now()
    // The subtree's root first: the orgs under it are judged by this device's tree.
    for (const group of [orgIds.slice(0, 1), orgIds.slice(1)]) {
      await pool(group, 4, async (orgId) => {
        const { store, remote } = pair(orgId)
        const { docsWritten } = await new Replication(remote, store).run()
        pulled += docsWritten
      })
    }
    const pull = { ms: performance.now() - start, records: pulled }
    return { root: root.name, databases: orgIds.length, push, pull, floors }
  } finally {
    getDb().close()
    await deleteDatabase(PULL_DB)
    setDb(new ZhibuDb(source))
    await getDb().open()
  }
}

// ─── Live latency: a write on one device → the record on the other ────────────────────────

let live: { sync: DeviceSync; device: string; source: string } | null = null

/**
 * One side of the live-latency pair, in a page of its own with a device database of its own:
 * the writer makes one branch and pushes the register and the branch's database; the reader
 * pulls both (so its tree knows the branch) — then each runs the app's own `DeviceSync` on
 * the branch's database with its default timings (a push 300 ms after a write, longpoll).
 */
export async function liveStart(
  url: string,
  admin: { name: string; password: string },
  tag: string,
  role: 'writer' | 'reader',
  branchId = '',
): Promise<string> {
  const source = getDb().name
  const device = `zhibu-bench-live-${tag}-${role}`
  await deleteDatabase(device)
  setDb(new ZhibuDb(device))
  await getDb().open()
  setActor('基准测试')
  const client = new CouchClient({ url })
  await client.signIn(admin.name, admin.password)
  const register = `zhibu-bench-live-${tag}-register`
  const branchDb = `zhibu-bench-live-${tag}-branch`
  const pair = (orgId: string, database: string) => ({
    store: new DeviceStore({ deviceId: device, orgId, database }),
    remote: new RemoteDatabase(client, database),
  })
  let orgId = branchId
  if (role === 'writer') {
    for (const database of [register, branchDb]) {
      await client.request(encodeURIComponent(database), { method: 'PUT' })
    }
    const area = await createArea({
      name: '基准市',
      parentId: '',
      level: 'city',
      code: '159900',
      retired: 'no',
      sortOrder: 1,
    })
    const branch = await createOrg({
      name: '基准网络科技党支部',
      type: 'branch',
      parentId: '',
      areaId: area.id,
      hostFirmIds: [],
      foundedOn: '2018-06-01',
      dissolvedOn: '',
      committee: [],
      termStartOn: '2024-06-01',
      termYears: 0,
      note: '',
    })
    orgId = branch.id
    const reg = pair(REGISTER_DB, register)
    await new Replication(reg.store, reg.remote).run()
  } else {
    const reg = pair(REGISTER_DB, register)
    await new Replication(reg.remote, reg.store).run()
    const own = pair(orgId, branchDb)
    await new Replication(own.remote, own.store).run()
  }
  const sync = new DeviceSync({
    client,
    deviceId: device,
    targets: async () => [{ orgId, database: branchDb }],
  })
  sync.start()
  live = { sync, device, source }
  return orgId
}

/** The writer's write: a new member of the branch (what a secretary adds). Its id. */
export async function liveWrite(orgId: string, i: number): Promise<string> {
  const member = await createMember({
    ...blankMemberInput(orgId),
    name: `实时${i}`,
    gender: 'female',
    birthDate: '1990-01-01',
  })
  return member.id
}

/** Whether the reader's device has the member (what its roster's live query then shows). */
export async function liveHas(id: string): Promise<boolean> {
  return (await getMember(id)) !== undefined
}

export async function liveStop(): Promise<void> {
  if (!live) return
  await live.sync.stop()
  getDb().close()
  await deleteDatabase(live.device)
  setDb(new ZhibuDb(live.source))
  live = null
}
