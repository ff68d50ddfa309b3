import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db/connection'
import { BackupError, type BackupErrorCode } from '@/domain/backupFormat'
import { chunkLayout, looksSealed, passphraseStrength } from '@/domain/sealedFormat'
import {
  createBackup,
  openSealedFile,
  readBackupFile,
  readSealedInfo,
  restoreBackup,
  sealFile,
} from '@/services/backup'
import { createExchangePackage, mergeExchangePackage, readExchangeFile } from '@/services/exchange'
import { useFreshDb } from '../db/helpers'
import { digestAll, keepBlobsInFakeIndexedDb, loadSmallSet } from './backup/helpers'
import { closeDevices, department, newDevice, on, read } from './exchange/devices'

keepBlobsInFakeIndexedDb()
useFreshDb()
afterEach(closeDevices)

const PASS = '支部备份 2026 春'
// Valid (GB 11643), born 1949-12-31 as the test member is.
const ID_NUMBER = '11010519491231002X'

async function codeOf(promise: Promise<unknown>): Promise<BackupErrorCode | 'ok'> {
  return promise.then(
    () => 'ok' as const,
    (error: unknown) => {
      if (error instanceof BackupError) return error.code
      throw error
    },
  )
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer())
}

/** Whether `needle` appears in `hay` as plain UTF-8, UTF-16 (either order) or base64. */
function holds(hay: Uint8Array, needle: string): boolean {
  const text = Buffer.from(hay).toString('latin1')
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(needle, 'utf16le').swap16(),
  ].map((b) => b.toString('latin1'))
  for (let shift = 0; shift < 3; shift++) {
    // base64 of the text at any alignment: the middle of the encoding is stable.
    const encoded = Buffer.from(`${'x'.repeat(shift)}${needle}`).toString('base64')
    const middle = encoded.slice(4 + shift * 2, -4)
    if (middle.length >= 8) forms.push(middle)
  }
  return forms.some((form) => text.includes(form))
}

describe('sealed backups', { timeout: 60_000 }, () => {
  it('restore byte for byte with the passphrase; the file shows its header, never a record', async () => {
    await loadSmallSet()
    await getDb().members.update('m1', { idNumber: ID_NUMBER })
    const before = await digestAll()
    const created = await createBackup(new Date(), undefined, PASS)
    expect(created.sealed).toBe(true)
    const bytes = await bytesOf(created.blob)
    expect(looksSealed(bytes)).toBe(true)
    expect(holds(bytes, ID_NUMBER)).toBe(false)
    expect(holds(bytes, '王芳')).toBe(false)
    const headerLine = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(10)))
    const header = JSON.parse(headerLine) as Record<string, unknown>
    expect(header).toMatchObject({
      format: 'zhibu-sealed',
      content: 'backup',
      cipher: 'AES-256-GCM',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
    })
    expect((header.counts as Record<string, number>).members).toBe(1)
    const info = await readSealedInfo(created.blob, 'backup')
    expect(info?.counts.members).toBe(1)

    await getDb().members.clear()
    const checked = await readBackupFile(created.blob, {}, undefined, PASS)
    expect(checked.sealed).toBe(true)
    await restoreBackup(checked, 'replace')
    const after = await digestAll()
    for (const name of ['members', 'firms', 'photos', 'settings', 'areas']) {
      expect(after[name], name).toBe(before[name])
    }
  })

  it('without, or with a wrong passphrase, says so and writes nothing', async () => {
    await loadSmallSet()
    const created = await createBackup(new Date(), undefined, PASS)
    await getDb().firms.clear()
    const before = await digestAll()
    expect(await codeOf(readBackupFile(created.blob))).toBe('passphraseNeeded')
    expect(await codeOf(readBackupFile(created.blob, {}, undefined, 'wrong passphrase'))).toBe(
      'wrongPassphrase',
    )
    expect(await digestAll()).toEqual(before)
  })

  it('refuses a changed, cut, extended or reordered file, and a changed header', async () => {
    await loadSmallSet()
    // Text that gzip cannot shrink much: the inner file spans several 1 KB chunks.
    const noise = Array.from({ length: 600 }, (_, i) => ((i * 7919) % 10007).toString(36)).join('')
    await getDb().firms.update('f1', { note: noise })
    const created = await createBackup(new Date(), undefined, PASS)
    const bytes = await bytesOf(created.blob)
    const body = bytes.indexOf(10) + 1
    // A small chunk size gives several chunks to reorder.
    const resealed = await sealFile(
      (await openSealedFile(created.blob, 'backup', PASS)).inner,
      PASS,
      {
        content: 'backup',
        createdAt: created.header.createdAt,
        schemaVersion: 4,
        counts: {},
        chunkBytes: 1024,
      },
    )
    const many = await bytesOf(resealed)
    const manyBody = many.indexOf(10) + 1
    expect(chunkLayout(many.length - manyBody, 1024)!.full).toBeGreaterThan(1)
    const flipped = bytes.slice()
    flipped[body + 20]! ^= 1
    const swapped = many.slice()
    swapped.set(many.subarray(manyBody, manyBody + 1040), manyBody + 1040)
    swapped.set(many.subarray(manyBody + 1040, manyBody + 2080), manyBody)
    const headerEdited = new TextDecoder()
      .decode(bytes.subarray(0, body))
      .replace('"members":1', '"members":2')
    const cases: [string, Uint8Array][] = [
      ['flipped bit', flipped],
      ['cut', bytes.subarray(0, bytes.length - 5)],
      ['cut at a chunk boundary', many.subarray(0, manyBody + 1040)],
      [
        'extended',
        new Uint8Array([...bytes, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]),
      ],
      ['reordered', swapped],
      [
        'header edited',
        new Uint8Array([...new TextEncoder().encode(headerEdited), ...bytes.subarray(body)]),
      ],
    ]
    for (const [name, file] of cases) {
      const code = await codeOf(
        readBackupFile(new Blob([file as Uint8Array<ArrayBuffer>]), {}, undefined, PASS),
      )
      expect(code, name).toBe('tampered')
    }
    expect(await codeOf(readBackupFile(resealed, {}, undefined, PASS))).toBe('ok')
  })

  it('a sealed package is no backup, and the other way round', async () => {
    await loadSmallSet()
    const created = await createBackup(new Date(), undefined, PASS)
    expect(await codeOf(readExchangeFile(created.blob, undefined, PASS))).toBe('notBackup')
  })
})

describe('sealed packages', { timeout: 60_000 }, () => {
  it('merge with the passphrase; refused without it, with a wrong one or changed', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    const file = await on(dept, async () => {
      const created = await createExchangePackage(reg.branchA.id, new Date(), PASS)
      expect(created.sealed).toBe(true)
      return created.blob
    })
    const bytes = await bytesOf(file)
    expect(holds(bytes, '王芳')).toBe(false)
    expect((await readSealedInfo(file, 'package'))?.orgName).toBe('甲支部')
    const branch = await newDevice('branch')
    await on(branch, async () => {
      expect(await codeOf(readExchangeFile(file))).toBe('passphraseNeeded')
      expect(await codeOf(readExchangeFile(file, undefined, 'not it at all'))).toBe(
        'wrongPassphrase',
      )
      const flipped = bytes.slice()
      flipped[bytes.length - 3]! ^= 0x40
      expect(await codeOf(readExchangeFile(new Blob([flipped]), undefined, PASS))).toBe('tampered')
      expect(await getDb().members.count()).toBe(0)
      const checked = await readExchangeFile(file, undefined, PASS)
      expect(checked.sealed).toBe(true)
      await mergeExchangePackage(checked)
    })
    expect(await read(branch, (db) => db.members.get(reg.memberA.id))).toMatchObject({
      name: '王芳',
    })
  })
})

describe('passphrase strength', () => {
  it.each([
    ['', 'empty'],
    ['abc123', 'tooShort'],
    ['aaaaaaaa', 'weak'],
    ['12345678', 'weak'],
    ['password', 'weak'],
    ['Tr0ub4dor&3', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['支部备份二〇二六年春季', 'strong'],
  ] as const)('%s → %s', (text, expected) => {
    expect(passphraseStrength(text)).toBe(expected)
  })
})
