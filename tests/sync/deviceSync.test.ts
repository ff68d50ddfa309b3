/**
 * The device's sync over many databases, as a department runs it (one database per org):
 * databases whose last pull was empty are asked within an idle budget of requests a second,
 * not every round, and a change in any of them still arrives within one idle rotation.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg, getMember, setActor, setDb, ZhibuDb } from '@/db'
import { CouchClient, DeviceSync, idleWaitMs, type SyncTarget } from '@/services/sync'
import { area, member, org } from '../db/helpers'
import { admin, couchAdmin, couchUrl, freshDatabase } from './support/server'

/** A client that counts the `_changes` requests it sends, per database. */
class CountingClient extends CouchClient {
  readonly changes = new Map<string, number>()

  override request<T>(path: string, options?: Parameters<CouchClient['request']>[1]) {
    const changes = /^([^/?]+)\/_changes/.exec(path)
    if (changes) {
      const database = decodeURIComponent(changes[1]!)
      this.changes.set(database, (this.changes.get(database) ?? 0) + 1)
    }
    return super.request<T>(path, options)
  }

  total(): number {
    return [...this.changes.values()].reduce((a, b) => a + b, 0)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  for (;;) {
    if (await check()) return Date.now() - started
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`)
    await sleep(25)
  }
}

describe('idleWaitMs', () => {
  it('is the poll interval for a small fleet and the fleet over the budget for a large one', () => {
    expect(idleWaitMs(1, 1_000, 50)).toBe(1_000)
    expect(idleWaitMs(50, 1_000, 50)).toBe(1_000)
    expect(idleWaitMs(100, 1_000, 50)).toBe(2_000)
    // A province: 15,000 org databases, each asked every five minutes at 50 requests a second.
    expect(idleWaitMs(15_000, 1_000, 50)).toBe(300_000)
  })
})

describe('a device syncing many databases', () => {
  it(
    'asks idle databases within the budget, and a change in one still arrives',
    { timeout: 60_000 },
    async () => {
      const db = new ZhibuDb(`fleet-${crypto.randomUUID()}`)
      await db.open()
      setDb(db)
      setActor('测试员')
      const a = await createArea(area())
      const branch = await createOrg(org(a.id, { name: '第一支部' }))
      const m = await createMember(member(branch.id, { name: '张三', idNumber: '' }))
      const branchDb = await freshDatabase('fleet-branch')
      // 29 more databases of orgs this device has no records of: idle from the start.
      const idle = await Promise.all(
        Array.from({ length: 29 }, (_, i) => freshDatabase(`fleet-${i}`)),
      )
      const targets: SyncTarget[] = [
        { orgId: branch.id, database: branchDb },
        ...idle.map((database, i) => ({ orgId: `org-${i}`, database })),
      ]
      const client = new CountingClient({ url: couchUrl })
      await client.signIn(couchAdmin.name, couchAdmin.password)
      // 30 databases at 10 idle requests a second: each idle one asked every 3 s.
      const sync = new DeviceSync({
        client,
        deviceId: db.name,
        targets: async () => targets,
        pollMs: 20,
        pushDelayMs: 20,
        idlePollsPerSecond: 10,
      })
      try {
        sync.start()
        await until('first round', 20_000, async () =>
          targets.every((t) => (client.changes.get(t.database) ?? 0) > 0),
        )
        await until('the member on the server', 10_000, async () => {
          const { status } = await admin('GET', `${branchDb}/members:${m.id}`)
          return status === 200
        })
        await sleep(500)
        // Over 3 s: at most the budget (10 a second) plus one round's worth of slack.
        const before = client.total()
        await sleep(3_000)
        const asked = client.total() - before
        expect(asked).toBeLessThanOrEqual(3 * 10 + targets.length)
        // Every round without the budget: 30 databases every 20 ms, far above it.
        expect(asked).toBeGreaterThan(0)
        for (const database of idle) expect(client.changes.get(database)).toBeGreaterThan(1)

        // Someone renames the member on the server: it arrives within one idle rotation.
        const { body: doc } = await admin<Record<string, unknown>>(
          'GET',
          `${branchDb}/members:${m.id}`,
        )
        const put = await admin('PUT', `${branchDb}/members:${m.id}`, { ...doc, name: '张三丰' })
        expect(put.status).toBe(201)
        const took = await until('the rename on the device', 3_000 + 2_000, async () => {
          setDb(db)
          return (await getMember(m.id))?.name === '张三丰'
        })
        expect(took).toBeLessThanOrEqual(5_000)
      } finally {
        await sync.stop()
        db.close()
        await db.delete()
      }
    },
  )
})
