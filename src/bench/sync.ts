/**
 * Sync figures in real Chromium (scripts/bench.mjs): this device's Dexie store against the npm
 * server. A branch subtree of about `target` records (the one mergeBench takes) is pushed into
 * fresh databases, one per org as the department's server has them, then pulled into an empty
 * device as the department's first pull would; then the live latency between two pages (each
 * its own profile) through one database. The database names carry a run tag so runs never
 * share a database.
 */
import { getDb, listSubtreeOrgIds, setDb, ZhibuDb } from '@/db'
import { CouchClient, DeviceStore, RemoteDatabase, Replication } from '@/services/sync'
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
    return { root: root.name, databases: orgIds.length, push, pull }
  } finally {
    getDb().close()
    await deleteDatabase(PULL_DB)
    setDb(new ZhibuDb(source))
    await getDb().open()
  }
}
