/**
 * Fault injection: runs of a 5,000-record sync in both directions (a device's store ↔ the npm
 * server with its data on disk), each hit at a random moment by a server crash (SIGKILL, then
 * a restart on the same data) or by every connection dropping (a proxy cut), then resumed.
 * Every run must end with the device, the server and a reference replica (made by replicating
 * the same sources store to store, no network) holding the same documents with the same
 * leaves and winners: nothing lost, nothing doubled.
 *
 * `npm test` runs 5 runs; `npm run test:faults` runs 50 (SYNC_FAULT_RUNS). SYNC_FAULT_SEED
 * replays a failing sequence.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Rng } from '@/services/demo/random'
import { CouchClient, RemoteDatabase, Replication, SyncError } from '@/services/sync'
import { findFreePort, startServer, type RunningServer } from '../../server/launch.mjs'
import { MemoryStore } from './support/memoryStore'
import { startProxy, type CuttableProxy } from './support/proxy'
import { couchAdmin, remoteState } from './support/server'

const RUNS = Number(process.env.SYNC_FAULT_RUNS ?? 5)
const RECORDS = 5_000
const SEED = Number(process.env.SYNC_FAULT_SEED ?? Date.now() % 1_000_000)
const RUN_DEADLINE_MS = 90_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * 5,000 records: 47.5 % made on the device, 47.5 % on the server (some edited twice, some
 * deleted), 5 % edited on both sides from a common first revision (conflicts that must survive).
 */
async function seed(rand: () => number, device: MemoryStore, origin: MemoryStore): Promise<void> {
  const shared = RECORDS * 0.05
  const own = (RECORDS - shared) / 2
  for (const [store, prefix] of [
    [device, 'dev'],
    [origin, 'srv'],
  ] as const) {
    for (let i = 0; i < own; i++) {
      const id = `${prefix}-${i}`
      let rev = store.put(id, { n: i, text: `record ${i} made on ${prefix}` })
      if (rand() < 0.2) rev = store.put(id, { n: i, text: 'edited' }, rev)
      if (rand() < 0.05) store.remove(id, rev)
    }
  }
  for (let i = 0; i < shared; i++) {
    const id = `both-${i}`
    const first = device.put(id, { n: i, text: 'before the split' })
    await origin.writeRevisions(await device.readRevisions([{ id, rev: first }]))
    origin.put(id, { n: i, text: 'server edit' }, first)
    device.put(id, { n: i, text: 'device edit' }, first)
  }
}

/** Runs until caught up, retrying what time fixes (as LiveSync does); counts the interruptions. */
async function retrying(replication: Replication, deadline: number, seen: { errors: number }) {
  for (;;) {
    try {
      await replication.run()
      return
    } catch (error) {
      if (!(error instanceof SyncError) || !error.retryable) throw error
      if (Date.now() > deadline) throw new Error(`still failing at the deadline: ${error.message}`)
      seen.errors++
      await sleep(50)
    }
  }
}

describe(`fault injection (${RUNS} runs, seed ${SEED})`, () => {
  let server: RunningServer
  let proxy: CuttableProxy
  let dataDir: string
  let port: number

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zhibu-faults-'))
    port = await findFreePort(5990, 5999)
    server = await startServer({ port, dir: dataDir, admin: couchAdmin })
    proxy = await startProxy(port)
  })

  afterAll(async () => {
    await proxy?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    'every run ends with both sides equal: 0 lost, 0 doubled',
    { timeout: RUNS * RUN_DEADLINE_MS },
    async () => {
      // The demo's seeded generator: a failing sequence replays from its seed.
      const rng = new Rng(SEED)
      const rand = () => rng.next()
      const outcomes: string[] = []
      for (let run = 0; run < RUNS; run++) {
        const kind = run % 2 === 0 ? 'kill' : 'cut'
        const name = `zhibu-fault-${SEED}-${run}`
        const direct = new CouchClient({ url: server.url })
        await direct.signIn(couchAdmin.name, couchAdmin.password)
        await direct.request(encodeURIComponent(name), { method: 'PUT' })

        const device = new MemoryStore(`device-${run}`)
        const origin = new MemoryStore(`origin-${run}`)
        await seed(rand, device, origin)
        await new Replication(origin, new RemoteDatabase(direct, name)).run()
        const reference = new MemoryStore(`reference-${run}`)
        await new Replication(device, reference).run()
        await new Replication(origin, reference).run()

        const client = new CouchClient({ url: proxy.url })
        await client.signIn(couchAdmin.name, couchAdmin.password)
        const remote = new RemoteDatabase(client, name)
        // The fault lands once a random share of the work is done, a random moment into a batch.
        const threshold = Math.floor(rand() * RECORDS * 0.9)
        const extraMs = Math.floor(rand() * 80)
        let fault: Promise<void> | null = null
        const seen = { errors: 0 }
        const onProgress = () => {
          if (fault || push.progress.docsWritten + pull.progress.docsWritten < threshold) return
          fault = (async () => {
            await sleep(extraMs)
            if (kind === 'kill') {
              await server.kill()
              await sleep(Math.floor(rand() * 300))
              server = await startServer({ port, dir: dataDir, admin: couchAdmin })
            } else {
              proxy.setOnline(false)
              proxy.cut()
              await sleep(50 + Math.floor(rand() * 300))
              proxy.setOnline(true)
            }
          })()
        }
        const push = new Replication(device, remote, { onProgress })
        const pull = new Replication(remote, device, { onProgress })
        const deadline = Date.now() + RUN_DEADLINE_MS
        const started = Date.now()
        await Promise.all([retrying(push, deadline, seen), retrying(pull, deadline, seen)])
        expect(fault, 'the fault landed during the sync').not.toBeNull()
        await fault
        // A pass that ended before the fault finished leaves nothing behind: one more each way.
        await Promise.all([retrying(push, deadline, seen), retrying(pull, deadline, seen)])
        expect(seen.errors, 'the fault interrupted the sync').toBeGreaterThan(0)
        const written = push.progress.docsWritten + pull.progress.docsWritten

        const expected = reference.state()
        const onServer = await remoteState(name, server.url)
        const onDevice = device.state()
        expect(onDevice.size).toBe(expected.size)
        expect(onServer.size).toBe(expected.size)
        expect(onDevice).toEqual(expected)
        expect(onServer).toEqual(expected)
        outcomes.push(
          `${kind} after ${threshold}: ${Date.now() - started} ms, ${seen.errors} failed requests, ${written} revisions written`,
        )
        await direct.request(encodeURIComponent(name), { method: 'DELETE' }).catch(() => undefined)
      }
      console.log(`fault runs (seed ${SEED}):\n  ${outcomes.join('\n  ')}`)
    },
  )
})
