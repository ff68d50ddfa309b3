import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readDeviceId, restoreFromRecycleBin } from '@/db'
import { getDb } from '@/db/connection'
import { BackupError, canonicalJson } from '@/domain/backupFormat'
import { displayType, sniffPhotoType } from '@/domain/imageType'
import { createBackup, DATA_TABLES, readBackupFile } from '@/services/backup'
import { PhotoRefused, resizePhoto } from '@/services/photos'
import { declaredUnzippedBytes, inflatedZipBytes } from '@/services/spreadsheet/zipSize'
import { useFreshDb } from '../db/helpers'
import {
  gzipText,
  inflateText,
  keepBlobsInFakeIndexedDb,
  loadSmallSet,
  rebuild,
} from './backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()

describe('hostile keys are checked on the parsed objects', () => {
  it('an escaped "__prot\\u006f__" in a streamed backup is refused like a plain one', async () => {
    await loadSmallSet()
    const text = await inflateText((await createBackup()).blob)
    const lines = text.split('\n').filter((line) => line !== '')
    const at = lines.findIndex((line) => line.includes('"王芳"'))
    expect(at).toBeGreaterThan(0)
    // The member's line gets an escaped hostile key; the checksums are made to match.
    lines[at] = lines[at]!.replace('{', '{"__prot\\u006f__":{"polluted":true},')
    expect(lines[at]).not.toContain('"__proto__"')
    const error = await readBackupFile(await relined(lines)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupError)
    expect((error as BackupError).code).toBe('hostileKey')
    // The same file without the escape reads: the checksums made above are right.
    lines[at] = lines[at]!.replace('"__prot\\u006f__":{"polluted":true},', '')
    expect((await readBackupFile(await relined(lines))).totalRecords).toBeGreaterThan(0)
  })
})

/** A format-3 file of these lines (the end line last), its checksums computed anew. */
async function relined(lines: readonly string[]): Promise<Blob> {
  const body = lines.slice(0, -1)
  const all = createHash('sha256')
  const data = createHash('sha256')
  let inData = false
  for (const line of body) {
    const value = JSON.parse(line) as unknown
    if (Array.isArray(value) && value[0] === 'table')
      inData = DATA_TABLES.includes(value[1] as string)
    all.update(`${line}\n`)
    if (inData) data.update(`${line}\n`)
  }
  const end = JSON.parse(lines.at(-1)!) as [string, Record<string, unknown>]
  end[1] = { ...end[1], checksum: all.digest('hex'), dataChecksum: data.digest('hex') }
  return gzipText(`${[...body, canonicalJson(end)].join('\n')}\n`)
}

describe('the zip guard counts the bytes really inflated', () => {
  it('a part that declares 10 bytes and inflates to 2 MB is caught', () => {
    const zip = zipSync(
      { 'xl/worksheets/sheet1.xml': new Uint8Array(2 * 1024 * 1024) },
      { level: 9 },
    )
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    let end = zip.length - 22
    while (view.getUint32(end, true) !== 0x06054b50) end--
    const central = view.getUint32(end + 16, true)
    view.setUint32(central + 24, 10, true)
    const data = zip.slice().buffer
    // What the file says about itself: harmless.
    expect(declaredUnzippedBytes(data)).toBe(10)
    expect(inflatedZipBytes(data, 1024 * 1024)).toBe(Number.POSITIVE_INFINITY)
    expect(inflatedZipBytes(data, 4 * 1024 * 1024)).toBe(2 * 1024 * 1024)
  })

  it('an unreadable part is no zip', () => {
    const zip = zipSync({ 'a.xml': new TextEncoder().encode('<a/>'.repeat(100)) }, { level: 6 })
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    view.setUint32(0, 0, true)
    expect(inflatedZipBytes(zip.slice().buffer, 1024)).toBeNull()
  })
})

describe('photos by their bytes', () => {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]
  const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]
  const webp = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
  it.each([
    ['png', png, 'image/png'],
    ['jpeg', jpeg, 'image/jpeg'],
    ['webp', webp, 'image/webp'],
    ['svg', [...new TextEncoder().encode(svg)], null],
    ['html', [...new TextEncoder().encode('<!doctype html><script>1</script>')], null],
    ['gif', [...new TextEncoder().encode('GIF89a......')], null],
    ['riff, not webp', [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x41, 0x56, 0x49, 0x20], null],
    ['empty', [], null],
  ] as const)('%s', (_name, bytes, expected) => {
    expect(sniffPhotoType(new Uint8Array(bytes))).toBe(expected)
  })

  it('an SVG or an HTML page calling itself image/png is refused before it is decoded', async () => {
    for (const [name, body, type] of [
      ['x.svg', svg, 'image/svg+xml'],
      ['photo.png', '<html><script>alert(1)</script></html>', 'image/png'],
    ] as const) {
      const file = Object.assign(new Blob([body], { type }), { name })
      const error = await resizePhoto(file).catch((e: unknown) => e)
      expect(error, name).toBeInstanceOf(PhotoRefused)
    }
  })

  it('a stored photo is shown under an image type, never one a browser opens as a page', () => {
    expect(displayType('image/png')).toBe('image/png')
    expect(displayType('image/svg+xml')).toBe('application/octet-stream')
    expect(displayType('text/html')).toBe('application/octet-stream')
  })
})

describe('recycle-bin entries never reach meta or settings', () => {
  const entry = {
    id: 'r-meta',
    table: 'meta',
    recordId: 'deviceId',
    label: '设备',
    deletedAt: '2026-01-01T00:00:00.000Z',
    deletedBy: 'x',
    record: { key: 'deviceId', value: 'attacker-device' },
  }

  it('a backup carrying one is refused, naming the bin and the field', async () => {
    await loadSmallSet()
    const file = await rebuild((await createBackup()).blob, (f) => {
      f.payload.recycleBin = [...(f.payload.recycleBin ?? []), entry]
      ;(f.counts as Record<string, number>).recycleBin = f.payload.recycleBin.length
    })
    const error = (await readBackupFile(file).catch((e: unknown) => e)) as BackupError
    expect(error.code).toBe('shape')
    expect(error.detail).toMatchObject({ table: 'recycleBin', field: 'table' })
  })

  it('one already in the bin is not restored over the device id', async () => {
    const before = await readDeviceId()
    await getDb().recycleBin.add(entry)
    await expect(restoreFromRecycleBin('r-meta')).rejects.toThrow()
    expect(await readDeviceId()).toBe(before)
  })
})
