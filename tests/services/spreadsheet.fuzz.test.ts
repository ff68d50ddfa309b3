import { describe, expect, it } from 'vitest'
import { createArea } from '@/db'
import { getDb } from '@/db/connection'
import { checkImport, openImportFile, SpreadsheetError } from '@/services/spreadsheet'
import { declaredUnzippedBytes } from '@/services/spreadsheet/zipSize'
import { buildFirmWorkbook } from '../e2e/xlsx'
import { area, useFreshDb } from '../db/helpers'

useFreshDb()

/** mulberry32: a seeded generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function validWorkbook(): Promise<Uint8Array> {
  const { buffer } = await buildFirmWorkbook({ count: 20, areaNames: ['昆都仑区'] })
  return new Uint8Array(buffer)
}

function mutate(bytes: Uint8Array, random: () => number): ArrayBuffer {
  const kind = Math.floor(random() * 3)
  if (kind === 0) return bytes.slice(0, Math.floor(random() * bytes.length)).buffer
  const copy = bytes.slice()
  const flips = 1 + Math.floor(random() * 20)
  for (let i = 0; i < flips; i++) {
    copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256)
  }
  if (kind === 1) return copy.buffer
  const at = Math.floor(random() * copy.length)
  const junk = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => random() * 256)
  const out = new Uint8Array(copy.length + junk.length)
  out.set(copy.subarray(0, at))
  out.set(junk, at)
  out.set(copy.subarray(at), at + junk.length)
  return out.buffer
}

describe('spreadsheet reader against hostile files', () => {
  it('refuses a zip whose parts claim to unpack past the cap (a zip bomb) before unzipping', async () => {
    const bytes = await validWorkbook()
    expect(declaredUnzippedBytes(bytes.slice().buffer)).toBeGreaterThan(0)
    // Claim 300 MB for the first part, as a bomb of zeros would.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let end = bytes.length - 22
    while (view.getUint32(end, true) !== 0x06054b50) end--
    const central = view.getUint32(end + 16, true)
    view.setUint32(central + 24, 300 * 1024 * 1024, true)
    const error = await openImportFile('firms', bytes.slice().buffer).catch((e: unknown) => e)
    expect((error as SpreadsheetError).code).toBe('tooLarge')
  })

  it('turns 2,000 mutated workbooks into a coded message or a clean read, never a crash', async () => {
    await createArea(area({ name: '昆都仑区' }))
    const bytes = await validWorkbook()
    const random = seeded(20261124)
    const codes = new Map<string, number>()
    for (let run = 0; run < 2_000; run++) {
      const data = mutate(bytes, random)
      try {
        const file = await openImportFile('firms', data)
        await checkImport(file, file.header.mapping)
        codes.set('read', (codes.get('read') ?? 0) + 1)
      } catch (error) {
        expect(error, `run ${run}`).toBeInstanceOf(SpreadsheetError)
        const code = (error as SpreadsheetError).code
        codes.set(code, (codes.get(code) ?? 0) + 1)
      }
    }
    expect(codes.get('unreadable') ?? 0).toBeGreaterThan(500)
    // Reading and checking write nothing.
    expect(await getDb().firms.count()).toBe(0)
  }, 120_000)
})
