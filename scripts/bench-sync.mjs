// The sync server's floors and the protocol client beside them, on loopback, against one
// pouchdb-server with its data on disk (scripts/bench.mjs calls benchSync; alone:
// `node scripts/bench-sync.mjs [--runs N] [--records N]` prints the table and writes
// bench/sync-results.json). Floors: raw `_bulk_docs` (new_edits=false) and raw `_changes` +
// `_bulk_get`, in records/s. Client: the replicator (src/services/sync) between the in-memory
// store of the tests and the server, in ms beside the floor for as many records; the live
// latency from a write on one store to the record on another (median of 10). Photos: 100
// JPEG-sized blobs (300 kB) as attachments of their documents and as base64 fields.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'
import { findFreePort, startServer } from '../server/launch.mjs'

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..')
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The app's sync client and the tests' in-memory store, loaded through Vite (they are TypeScript). */
async function loadClient() {
  const config = {
    configFile: false,
    root: ROOT,
    resolve: { alias: { '@': join(ROOT, 'src') } },
    logLevel: 'error',
  }
  const sync = (await runnerImport(join(ROOT, 'src/services/sync/index.ts'), config)).module
  const store = (await runnerImport(join(ROOT, 'tests/sync/support/memoryStore.ts'), config)).module
  return { ...sync, MemoryStore: store.MemoryStore }
}

/** A record of a member's size and shape (~0.6 kB of JSON). */
function record(i) {
  return {
    orgId: `0190a3b2-0000-7000-8000-${String(i % 500).padStart(12, '0')}`,
    name: `党员${i}`,
    gender: i % 2 ? 'male' : 'female',
    birthDate: '1985-04-12',
    idNumber: '15020319850412' + String(1000 + (i % 9000)),
    phone: '1380000' + String(i).padStart(4, '0'),
    stage: 'full',
    joinedOn: '2010-07-01',
    fullOn: '2011-07-01',
    status: 'normal',
    education: 'bachelor',
    note: '在本支部参加组织生活，按时交纳党费。',
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
  }
}

const hex32 = () => randomBytes(16).toString('hex')

export async function benchSync({ log = console.log, runs = 3, records = 5_000 } = {}) {
  const client = await loadClient()
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-bench-sync-'))
  const port = await findFreePort(5990, 5999)
  const server = await startServer({ port, dir })
  const figures = []
  const couch = new client.CouchClient({ url: server.url, timeoutMs: 300_000 })
  await couch.signIn(server.admin.name, server.admin.password)
  let dbCounter = 0
  const freshDb = async () => {
    const name = `bench-${++dbCounter}`
    await couch.request(name, { method: 'PUT' })
    return new client.RemoteDatabase(couch, name)
  }
  const docs = (count, prefix) =>
    Array.from({ length: count }, (_, i) => {
      const hash = hex32()
      return {
        _id: `${prefix}-${i}`,
        _rev: `1-${hash}`,
        _revisions: { start: 1, ids: [hash] },
        ...record(i),
      }
    })
  try {
    // ─── Floors and the replicator, interleaved run by run ────────────────────────────────
    // (the machine is shared: a busy moment then falls on a floor and a client run alike).
    const writeRates = []
    const readRates = []
    const pushMs = []
    const pullMs = []
    // Run 0 warms the server (and its JIT) up and is not counted.
    for (let run = 0; run <= runs; run++) {
      const db = await freshDb()
      const all = docs(records, `r${run}`)
      let t = performance.now()
      for (let i = 0; i < all.length; i += 500) {
        await couch.request(`${db.database}/_bulk_docs`, {
          method: 'POST',
          body: { docs: all.slice(i, i + 500), new_edits: false },
        })
      }
      if (run > 0) writeRates.push(records / ((performance.now() - t) / 1000))
      t = performance.now()
      let since = 0
      for (;;) {
        const { body } = await couch.request(`${db.database}/_changes`, {
          query: { style: 'all_docs', since, limit: 500 },
        })
        if (body.results.length === 0) break
        since = body.last_seq
        await couch.request(`${db.database}/_bulk_get`, {
          method: 'POST',
          query: { revs: true, latest: true },
          body: { docs: body.results.map((row) => ({ id: row.id, rev: row.changes[0].rev })) },
        })
      }
      if (run > 0) readRates.push(records / ((performance.now() - t) / 1000))

      const device = new client.MemoryStore(`bench-device-${run}`)
      for (let i = 0; i < records; i++) device.put(`p${run}-${i}`, record(i))
      const target = await freshDb()
      t = performance.now()
      await new client.Replication(device, target).run()
      if (run > 0) pushMs.push(performance.now() - t)
      const other = new client.MemoryStore(`bench-other-${run}`)
      t = performance.now()
      await new client.Replication(target, other).run()
      if (run > 0) pullMs.push(performance.now() - t)
      if (other.size !== records) throw new Error(`pulled ${other.size} of ${records}`)
    }
    log(`floor _bulk_docs: ${writeRates.map((r) => r.toFixed(0)).join(', ')} records/s`)
    log(`floor _changes + _bulk_get: ${readRates.map((r) => r.toFixed(0)).join(', ')} records/s`)
    figures.push({
      name: `floor: raw _bulk_docs new_edits=false (${records} member-shaped records, 500 a request, npm server on disk)`,
      unit: 'records/s',
      values: writeRates,
    })
    figures.push({
      name: `floor: raw _changes (style=all_docs) + _bulk_get of ${records} records, 500 a request`,
      unit: 'records/s',
      values: readRates,
    })
    const writeFloorMs = (records / median(writeRates)) * 1000
    const readFloorMs = (records / median(readRates)) * 1000

    log(`client push ${records}: ${pushMs.map((v) => v.toFixed(0)).join(', ')} ms`)
    log(`client pull ${records}: ${pullMs.map((v) => v.toFixed(0)).join(', ')} ms`)
    figures.push({
      name: `protocol client push of ${records} records (in-memory store → server; Dexie store after wiring)`,
      unit: 'ms',
      values: pushMs,
      floor: writeFloorMs,
      floorName: 'raw _bulk_docs of as many records',
      target: { ratio: 2 },
    })
    figures.push({
      name: `protocol client pull of ${records} records (server → in-memory store)`,
      unit: 'ms',
      values: pullMs,
      floor: readFloorMs,
      floorName: 'raw _changes + _bulk_get of as many records',
      target: { ratio: 2 },
    })

    // ─── Live latency ────────────────────────────────────────────────────────────────────
    const db = await freshDb()
    const a = new client.MemoryStore('live-a')
    const b = new client.MemoryStore('live-b')
    const options = { pushDelayMs: 50, longpollTimeoutMs: 20_000 }
    const liveA = new client.LiveSync(a, db, options)
    const liveB = new client.LiveSync(b, new client.RemoteDatabase(couch, db.database), options)
    liveA.start()
    liveB.start()
    await Promise.all([liveA.whenIdle(), liveB.whenIdle()])
    const latencies = []
    for (let i = 0; i < 10; i++) {
      const t = performance.now()
      a.put(`live-${i}`, record(i))
      while (b.body(`live-${i}`) === null) await new Promise((r) => setTimeout(r, 2))
      latencies.push(performance.now() - t)
      await new Promise((r) => setTimeout(r, 100))
    }
    await Promise.all([liveA.stop(), liveB.stop()])
    log(`live latency: ${latencies.map((v) => v.toFixed(0)).join(', ')} ms`)
    figures.push({
      name: 'live latency: a write on one store → the record in another, through the server (push delay 50 ms)',
      unit: 'ms',
      values: latencies,
      target: 2000,
      note: 'protocol client with in-memory stores; median of 10',
    })

    // ─── Photos ──────────────────────────────────────────────────────────────────────────
    const photos = await benchPhotos(client, couch, freshDb, dir, log, runs)
    figures.push(...photos.figures)
    return { figures, photos: photos.summary }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** 100 photos of 300 kB: as an attachment of the photo's document, and as a base64 field. */
async function benchPhotos(client, couch, freshDb, dir, log, runs) {
  const blobs = Array.from({ length: 100 }, () => randomBytes(300 * 1024).toString('base64'))
  const meta = (i) => ({
    meetingId: `m-${i % 10}`,
    name: `photo-${i}.jpg`,
    type: 'image/jpeg',
    width: 1600,
    height: 1200,
  })
  const shapes = {
    attachment: (i) => ({
      ...meta(i),
      _attachments: { image: { content_type: 'image/jpeg', data: blobs[i] } },
    }),
    field: (i) => ({ ...meta(i), data: blobs[i] }),
  }
  const samples = { attachment: [], field: [] }
  // Interleaved runs, so a busy moment of the machine falls on both shapes alike.
  for (let run = 0; run < runs; run++) {
    for (const [shape, make] of Object.entries(shapes)) {
      const device = new client.MemoryStore(`photos-${shape}-${run}`)
      for (let i = 0; i < blobs.length; i++) device.put(`photo-${i}`, make(i))
      const db = await freshDb()
      let t = performance.now()
      await new client.Replication(device, db).run()
      const push = performance.now() - t
      const other = new client.MemoryStore(`photos-${shape}-${run}-other`)
      t = performance.now()
      await new client.Replication(db, other).run()
      const pull = performance.now() - t
      t = performance.now()
      const again = await new client.Replication(device, db).run()
      const secondPush = performance.now() - t
      t = performance.now()
      await db.revsDiff(Object.fromEntries([...device.state()].map(([id, s]) => [id, s.leaves])))
      const revsDiff = performance.now() - t
      // What a reader of the records without the images pays (a list of a meeting's photos).
      t = performance.now()
      const listing = await couch.request(`${db.database}/_all_docs`, {
        query: { include_docs: true },
      })
      const list = performance.now() - t
      const disk = execFileSync('du', ['-sb', join(dir, db.database)], { encoding: 'utf8' })
      if (other.size !== blobs.length || again.docsRead !== 0)
        throw new Error(`photos ${shape}: incomplete`)
      samples[shape].push({
        push,
        pull,
        secondPush,
        revsDiff,
        list,
        listMB: JSON.stringify(listing.body).length / 2 ** 20,
        diskMB: Number(disk.split('\t')[0]) / 2 ** 20,
      })
    }
  }
  const summary = {}
  const figures = []
  for (const shape of Object.keys(shapes)) {
    const of = (key) => samples[shape].map((sample) => sample[key])
    summary[shape] = Object.fromEntries(
      ['push', 'pull', 'secondPush', 'revsDiff', 'list', 'listMB', 'diskMB'].map((key) => [
        key,
        Math.round(median(of(key)) * 10) / 10,
      ]),
    )
    log(`photos as ${shape} (medians, ms and MB): ${JSON.stringify(summary[shape])}`)
    const label =
      shape === 'attachment' ? 'attachments of photo documents' : 'base64 fields of photo documents'
    figures.push({ name: `photos ×100 (300 kB) as ${label}: push`, unit: 'ms', values: of('push') })
    figures.push({ name: `photos ×100 (300 kB) as ${label}: pull`, unit: 'ms', values: of('pull') })
    figures.push({
      name: `photos ×100 (300 kB) as ${label}: second push (revs_diff finds nothing missing)`,
      unit: 'ms',
      values: of('secondPush'),
    })
    figures.push({
      name: `photos ×100 (300 kB) as ${label}: _all_docs?include_docs (a list without the images)`,
      unit: 'ms',
      values: of('list'),
      note: `${summary[shape].listMB} MB of JSON; ${summary[shape].diskMB} MB on disk`,
    })
  }
  return { figures, summary }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2)
  const option = (name, fallback) =>
    argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback
  const result = await benchSync({ runs: option('--runs', 3), records: option('--records', 5_000) })
  for (const f of result.figures) {
    const med = median(f.values)
    const ratio = f.floor ? ` (${(med / f.floor).toFixed(2)}× floor ${Math.round(f.floor)})` : ''
    console.log(`${f.name}: ${Math.round(med)} ${f.unit}${ratio}`)
  }
  writeFileSync(
    join(ROOT, 'bench', 'sync-results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`,
  )
}
