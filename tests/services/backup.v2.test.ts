import 'fake-indexeddb/auto'
import { gzipSync } from 'fflate'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { setDb, ZhibuDb } from '@/db'
import { getDb } from '@/db/connection'
import { BACKUP_FORMAT_VERSION, BackupError, type BackupErrorCode } from '@/domain/backupFormat'
import { createBackup, readBackupFile, restoreBackup, type BackupProgress } from '@/services/backup'
import { useFreshDb } from '../db/helpers'
import {
  digestAll,
  inflateText,
  keepBlobsInFakeIndexedDb,
  loadSmallSet,
  PHOTO_BYTES,
  readJson,
  writeV1,
  type BackupObject,
} from './backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()

async function codeOf(promise: Promise<unknown>): Promise<BackupErrorCode | 'none'> {
  return promise.then(
    () => 'none' as const,
    (error: unknown) => {
      expect(error).toBeInstanceOf(BackupError)
      return (error as BackupError).code
    },
  )
}

describe('format 2: JSON Lines, streamed', { timeout: 60_000 }, () => {
  let good: Blob
  beforeAll(async () => {
    const db = new ZhibuDb(`v2-${crypto.randomUUID()}`)
    await db.open()
    setDb(db)
    await loadSmallSet()
    good = (await createBackup()).blob
    db.close()
    await db.delete()
  })

  it('is a head line, a marker and one canonical record per line per table, an end line', async () => {
    const lines = (await inflateText(good)).split('\n')
    expect(lines.at(-1)).toBe('')
    const head = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(head).toMatchObject({ format: 'zhibu-backup', formatVersion: BACKUP_FORMAT_VERSION })
    expect(Object.keys(head)).toEqual([
      'app',
      'createdAt',
      'format',
      'formatVersion',
      'schemaVersion',
    ])
    const markers = lines.filter((line) => line.startsWith('["table",'))
    const names = markers.map((line) => (JSON.parse(line) as string[])[1]!)
    expect(names).toEqual([...names].sort())
    expect(names).toContain('firms')
    const end = JSON.parse(lines.at(-2)!) as [string, { counts: Record<string, number> }]
    expect(end[0]).toBe('end')
    expect(end[1].counts.firms).toBe(2)
    // One line per record: the two firms follow their marker.
    const at = lines.indexOf('["table","firms"]')
    expect((JSON.parse(lines[at + 1]!) as { id: string }).id).toBe('f1')
    expect((JSON.parse(lines[at + 2]!) as { id: string }).id).toBe('f2')
  })

  it('round trip: every table equal, the photo byte for byte, the same data checksum', async () => {
    await loadSmallSet()
    const before = await digestAll()
    const first = await createBackup()
    const target = new ZhibuDb(`v2-target-${crypto.randomUUID()}`)
    await target.open()
    setDb(target)
    const progress: BackupProgress[] = []
    const checked = await readBackupFile(first.blob, {}, (p) => progress.push(p))
    expect(checked.tables).toBeNull()
    expect(checked.totalRecords).toBe(
      Object.values(first.header.counts).reduce((sum, n) => sum + n, 0),
    )
    await restoreBackup(checked, 'replace', (p) => progress.push(p))
    expect(progress.some((p) => p.phase === 'check')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ phase: 'restore' })
    const after = await digestAll()
    for (const [name, text] of Object.entries(before)) {
      if (name === 'auditLog' || name === 'meta') continue
      expect(after[name], name).toBe(text)
    }
    const photo = await target.photos.get('p1')
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(PHOTO_BYTES)
    const second = await createBackup()
    expect(second.header.dataChecksum).toBe(first.header.dataChecksum)
    target.close()
    await target.delete()
  })

  it('a format-1 file (one JSON document) still restores', async () => {
    const v1 = await writeV1((await readJson(good)) as BackupObject)
    expect((await inflateText(v1)).includes('\n')).toBe(false)
    const checked = await readBackupFile(v1)
    expect(checked.header.formatVersion).toBe(1)
    expect(checked.tables?.firms).toHaveLength(2)
    await restoreBackup(checked, 'replace')
    expect((await getDb().firms.toArray()).map((firm) => firm.id)).toEqual(['f1', 'f2'])
    const photo = await getDb().photos.get('p1')
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(PHOTO_BYTES)
  })

  async function refused(file: Blob, code: BackupErrorCode, limits = {}) {
    await loadSmallSet()
    const before = await digestAll()
    expect(
      await codeOf(readBackupFile(file, limits).then((c) => restoreBackup(c, 'replace'))),
    ).toBe(code)
    expect(await digestAll()).toEqual(before)
  }

  const text = async () => inflateText(good)
  const gz = (body: string) =>
    new Blob([gzipSync(new TextEncoder().encode(body)) as Uint8Array<ArrayBuffer>])

  it('cut at a line boundary (gzip intact, no end line): corrupt', async () => {
    const lines = (await text()).split('\n')
    await refused(gz(`${lines.slice(0, -3).join('\n')}\n`), 'corrupt')
  })

  it('anything after the end line: notBackup', async () => {
    await refused(gz(`${await text()}{"id":"x"}\n`), 'notBackup')
  })

  it('a line over the cap (a bomb inside one record): decompressedTooLarge', async () => {
    const [head] = (await text()).split('\n')
    const bomb = `${head}\n["table","areas"]\n{"id":"${'0'.repeat(3_000_000)}"}\n`
    await refused(gz(bomb), 'decompressedTooLarge', { maxLineBytes: 1_000_000 })
  })

  it('more inflated in all than the cap: decompressedTooLarge', async () => {
    await refused(good, 'decompressedTooLarge', { maxInflatedBytes: 500 })
  })

  it('tables out of name order: missingTable; a table twice: notBackup', async () => {
    const lines = (await text()).split('\n')
    const a = lines.indexOf('["table","areas"]')
    const b = lines.indexOf('["table","auditLog"]')
    const swapped = [...lines]
    ;[swapped[a], swapped[b]] = [lines[b]!, lines[a]!]
    await refused(gz(swapped.join('\n')), 'missingTable')
    const twice = [...lines]
    twice.splice(b, 0, '["table","areas"]')
    await refused(gz(twice.join('\n')), 'notBackup')
  })

  it('a record line before any marker, or a control line of no kind: notBackup', async () => {
    const lines = (await text()).split('\n')
    lines.splice(1, 0, '{"id":"x"}')
    await refused(gz(lines.join('\n')), 'notBackup')
    const other = (await text()).split('\n')
    other.splice(2, 0, '["what",1]')
    await refused(gz(other.join('\n')), 'notBackup')
  })

  it('invalid UTF-8 in a record: notJson', async () => {
    const bytes = new TextEncoder().encode(await text())
    const at = bytes.indexOf(
      0x7b,
      new TextEncoder().encode((await text()).split('\n')[0]!).length + 30,
    )
    const broken = new Uint8Array([...bytes.subarray(0, at + 1), 0xff, ...bytes.subarray(at + 1)])
    await refused(new Blob([gzipSync(broken) as Uint8Array<ArrayBuffer>]), 'notJson')
  })

  it('a hostile key in a record line: hostileKey, nothing polluted', async () => {
    const body = (await text()).replace('"name":', '"__proto__":{"polluted":1},"name":')
    await refused(gz(body), 'hostileKey')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('a failing write in pass 2 rolls everything back', async () => {
    await loadSmallSet()
    const checked = await readBackupFile(good)
    await getDb().firms.update('f1', { name: '本机改过' })
    const before = await digestAll()
    // settings come after areas, firms, members and photos: those were already written.
    const spy = vi
      .spyOn(getDb().table('settings'), 'bulkAdd')
      .mockRejectedValue(new Error('disk failed'))
    try {
      expect(await codeOf(restoreBackup(checked, 'replace'))).toBe('writeFailed')
    } finally {
      spy.mockRestore()
    }
    expect(await digestAll()).toEqual(before)
    expect((await getDb().firms.get('f1'))?.name).toBe('本机改过')
  })

  it('a full disk in pass 2 is quota, and rolls back', async () => {
    await loadSmallSet()
    const checked = await readBackupFile(good)
    const before = await digestAll()
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' })
    const spy = vi.spyOn(getDb().table('members'), 'bulkAdd').mockRejectedValue(quota)
    try {
      expect(await codeOf(restoreBackup(checked, 'replace'))).toBe('quota')
    } finally {
      spy.mockRestore()
    }
    expect(await digestAll()).toEqual(before)
  })
})
