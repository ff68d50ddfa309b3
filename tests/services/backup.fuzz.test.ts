import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import { setDb, ZhibuDb } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import { createBackup, readBackupFile, restoreBackup } from '@/services/backup'
import {
  digestAll,
  gzipText,
  inflateText,
  keepBlobsInFakeIndexedDb,
  loadSmallSet,
  rebuild,
  type BackupObject,
} from './backup/helpers'

keepBlobsInFakeIndexedDb()

/** mulberry32: a seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SEED = 20261124
const CASES = 2000
const WEIRD: unknown[] = [
  null,
  '',
  0,
  -1,
  1e308,
  true,
  [],
  {},
  [1, 2],
  { $blob: '!!', type: 'x' },
  { $blob: 'AA==', type: 'image/png' },
  'x'.repeat(300),
  '<img src=x onerror=alert(1)>',
]
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype']

type Mutation = (r: () => number, base: MutationBase) => Promise<Blob>
interface MutationBase {
  bytes: Uint8Array
  text: string
  file: Blob
}
const int = (r: () => number, n: number) => Math.floor(r() * n)

/** A random place in the parsed file: [container, key] of an object or array inside it. */
function randomSlot(r: () => number, root: unknown): [Record<string, unknown>, string] | null {
  let node = root as Record<string, unknown>
  let slot: [Record<string, unknown>, string] | null = null
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(node)
    if (keys.length === 0) break
    const key = keys[int(r, keys.length)]!
    slot = [node, key]
    const next = node[key]
    if (typeof next !== 'object' || next === null || r() < 0.25) break
    node = next as Record<string, unknown>
  }
  return slot
}

const MUTATIONS: Mutation[] = [
  // Bytes of the compressed file flipped.
  async (r, { bytes }) => {
    const copy = bytes.slice()
    for (let i = 0, n = 1 + int(r, 4); i < n; i++) copy[int(r, copy.length)] = int(r, 256)
    return new Blob([copy])
  },
  // Cut short anywhere.
  async (r, { bytes }) => new Blob([bytes.slice(0, int(r, bytes.length))]),
  // The text inside damaged (the checksums then disagree, or it no longer parses).
  async (r, { text }) => {
    const chars = [...text]
    for (let i = 0, n = 1 + int(r, 5); i < n; i++) {
      const at = int(r, chars.length)
      const op = int(r, 3)
      if (op === 0) chars.splice(at, 1)
      else if (op === 1) chars.splice(at, 0, '{}[]",:\\0a'[int(r, 10)]!)
      else chars[at] = String.fromCharCode(int(r, 0x3000))
    }
    return gzipText(chars.join(''))
  },
  // A value anywhere replaced, deleted or given a hostile key, with checksums made to match.
  async (r, { file }) =>
    rebuild(file, (parsed: BackupObject) => {
      // Mostly inside the rows, where the shape checks are; sometimes in the header.
      const slot = randomSlot(r, r() < 0.8 ? parsed.payload : parsed)
      if (!slot) return
      const [container, key] = slot
      const op = int(r, 4)
      if (op === 0) delete container[key]
      else if (op === 1) container[key] = WEIRD[int(r, WEIRD.length)]
      else if (op === 2) {
        Object.defineProperty(container, HOSTILE_KEYS[int(r, 3)]!, {
          value: { polluted: true },
          enumerable: true,
        })
      } else container[`${key}_extra`] = WEIRD[int(r, WEIRD.length)]
    }),
]

async function baseline(): Promise<ZhibuDb> {
  const db = new ZhibuDb(`fuzz-${crypto.randomUUID()}`)
  await db.open()
  setDb(db)
  await loadSmallSet()
  return db
}

describe('fuzz: mutated backup files', () => {
  let base: MutationBase
  beforeAll(async () => {
    const db = new ZhibuDb(`fuzz-src-${crypto.randomUUID()}`)
    await db.open()
    setDb(db)
    await loadSmallSet()
    const file = (await createBackup()).blob
    base = {
      file,
      bytes: new Uint8Array(await file.arrayBuffer()),
      // The JSON Lines themselves: damage may join, split or break lines.
      text: await inflateText(file),
    }
    db.close()
    await db.delete()
  })

  it(`${CASES} files: a BackupError or a whole restore, never a crash or a partial write`, async () => {
    let db = await baseline()
    const r = random(SEED)
    const codes = new Map<string, number>()
    let restored = 0
    for (let i = 0; i < CASES; i++) {
      const file = await MUTATIONS[i % MUTATIONS.length]!(r, base)
      let outcome: string
      try {
        const checked = await readBackupFile(file)
        const before = await digestAll()
        try {
          await restoreBackup(checked, r() < 0.5 ? 'replace' : 'merge')
          outcome = 'restored'
          restored += 1
          // Now and then back to the small set, so the database (and each digest) stays small.
          if (restored % 25 === 0) {
            db.close()
            await db.delete()
            db = await baseline()
          }
        } catch (error) {
          expect(await digestAll(), `case ${i}: a failed restore wrote something`).toEqual(before)
          throw error
        }
      } catch (error) {
        if (!(error instanceof BackupError)) {
          throw new Error(`case ${i} (seed ${SEED}): uncaught ${String(error)}`, { cause: error })
        }
        outcome = error.code
      }
      codes.set(outcome, (codes.get(outcome) ?? 0) + 1)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // The mutations reach deep into the checks, not just the gzip layer.
    for (const code of ['corrupt', 'checksum', 'notJson', 'hostileKey', 'badId', 'shape']) {
      expect(codes.get(code) ?? 0, code).toBeGreaterThan(0)
    }
    expect(restored).toBeGreaterThan(0)
    console.warn(`fuzz outcomes: ${JSON.stringify(Object.fromEntries(codes))}`)
    db.close()
    await db.delete()
  }, 60_000)
})

describe('fuzz: mutated sealed backup files', () => {
  const PASS = 'fuzz passphrase 2026'
  let sealed: Uint8Array
  beforeAll(async () => {
    const db = new ZhibuDb(`fuzz-sealed-${crypto.randomUUID()}`)
    await db.open()
    setDb(db)
    await loadSmallSet()
    sealed = new Uint8Array(
      await (await createBackup(new Date(), undefined, PASS)).blob.arrayBuffer(),
    )
    db.close()
    await db.delete()
  })

  it('500 changed sealed files: each refused with a code before anything is read', async () => {
    const r = random(SEED + 1)
    const body = sealed.indexOf(10) + 1
    const codes = new Map<string, number>()
    for (let i = 0; i < 500; i++) {
      const copy = sealed.slice()
      const op = i % 4
      let file: Uint8Array
      if (op === 0) {
        // Ciphertext or tag bytes changed.
        for (let k = 0, n = 1 + int(r, 3); k < n; k++) {
          const at = body + int(r, copy.length - body)
          copy[at] = copy[at]! ^ (1 + int(r, 255))
        }
        file = copy
      } else if (op === 1) {
        file = copy.slice(0, body + int(r, copy.length - body - 1))
      } else if (op === 2) {
        file = new Uint8Array([
          ...copy,
          ...Array.from({ length: 1 + int(r, 40) }, () => int(r, 256)),
        ])
      } else {
        // A header byte changed: the JSON breaks, a field is refused, or the chunks fail.
        const at = int(r, body - 1)
        let next = copy[at]!
        while (next === copy[at]) next = 0x20 + int(r, 0x5f)
        copy[at] = next
        file = copy
      }
      const outcome = await readBackupFile(
        new Blob([file as Uint8Array<ArrayBuffer>]),
        {},
        undefined,
        PASS,
      ).then(
        () => 'read',
        (error: unknown) => {
          if (!(error instanceof BackupError)) throw new Error(`case ${i}: ${String(error)}`)
          return error.code
        },
      )
      codes.set(outcome, (codes.get(outcome) ?? 0) + 1)
    }
    // Any changed byte, header included (it is every chunk's additional data): none read.
    expect(codes.get('read') ?? 0).toBe(0)
    expect(codes.get('tampered') ?? 0).toBeGreaterThan(300)
    console.warn(`sealed fuzz outcomes: ${JSON.stringify(Object.fromEntries(codes))}`)
  }, 60_000)
})
