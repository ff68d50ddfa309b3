import 'fake-indexeddb/auto'
import { beforeAll, describe, expect, it } from 'vitest'
import { RELEASED_STORES, removeMeeting, saveSetting, SCHEMA_VERSION, setDb, ZhibuDb } from '@/db'
import { storesAt } from '@/db/schema'
import { getDb } from '@/db/connection'
import { revisionOf } from '@/domain/revisions'
import { BackupError, type BackupErrorCode } from '@/domain/backupFormat'
import { createBackup, readBackupFile, restoreBackup } from '@/services/backup'
import { clearAllData, loadDemoData } from '@/services/demoLoader'
import { meeting, useFreshDb } from '../db/helpers'
import {
  digestAll,
  gzipText,
  keepBlobsInFakeIndexedDb,
  loadSmallSet,
  PHOTO_BYTES,
  readJson,
  rebuild,
  type BackupObject,
} from './backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()
const today = '2026-11-23'
const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'

/** The demo, a photo with a real Blob, a stored setting and HTML in a text field. */
async function loadRichDemo(): Promise<void> {
  await loadDemoData(today)
  const db = getDb()
  const meeting = (await db.meetings.toCollection().first())!
  await db.photos.add({
    id: 'photo-1',
    meetingId: meeting.id,
    name: '合影.png',
    type: 'image/png',
    width: 2,
    height: 1,
    blob: new Blob([PHOTO_BYTES], { type: 'image/png' }),
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  })
  const firm = (await db.firms.toCollection().first())!
  await db.firms.update(firm.id, { note: HOSTILE })
  await saveSetting('data.backupReminderDays', 14)
  // Replication state travels too: a tombstone, a kept body (the edit above), a device mark.
  await removeMeeting((await db.meetings.offset(3).first())!.id)
  await db.meta.put({ key: 'exchangedWith:other-device', value: '{}' })
}

async function freshTarget(): Promise<ZhibuDb> {
  const target = new ZhibuDb(`target-${crypto.randomUUID()}`)
  await target.open()
  setDb(target)
  return target
}

async function expectCode(promise: Promise<unknown>, code: BackupErrorCode): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BackupError)
  expect((error as BackupError).code).toBe(code)
}

describe('backup → restore round trip (demo data set)', { timeout: 90_000 }, () => {
  it('gives every table back equal, and the same data checksum', async () => {
    await loadRichDemo()
    const before = await digestAll()
    const first = await createBackup()
    expect(first.header.schemaVersion).toBe(SCHEMA_VERSION)
    expect(first.header.counts.firms).toBe(before.firms ? JSON.parse(before.firms).length : -1)
    expect(first.fileName).toMatch(/^zhibu-backup-\d{4}-\d{2}-\d{2}-\d{4}\.zhibu$/)

    const source = getDb()
    const target = await freshTarget()
    const checked = await readBackupFile(first.blob)
    expect(checked.header.checksum).toBe(first.header.checksum)
    const result = await restoreBackup(checked, 'replace')
    expect(result.snapshotTaken).toBe(false)
    const after = await digestAll()
    for (const [name, text] of Object.entries(before)) {
      if (name === 'auditLog' || name === 'meta') continue
      expect(after[name], name).toBe(text)
    }
    // The revisions and the replication state came back as they were; device marks did not.
    expect(await target.tombstones.count()).toBe(1)
    expect(await target.revisionBodies.count()).toBeGreaterThan(0)
    expect(await target.meta.get('exchangedWith:other-device')).toBeUndefined()
    const photo = await target.photos.get('photo-1')
    expect(photo?.blob).toBeInstanceOf(Blob)
    expect(new Uint8Array(await photo!.blob.arrayBuffer())).toEqual(PHOTO_BYTES)
    expect(photo?.blob.type).toBe('image/png')
    expect((await target.firms.toArray()).some((firm) => firm.note === HOSTILE)).toBe(true)

    const second = await createBackup()
    expect(second.header.dataChecksum).toBe(first.header.dataChecksum)
    // The whole payload differs by exactly the restore's own audit entry.
    const restoreEntry = (await target.auditLog.toArray()).filter((e) => e.action === 'restore')
    expect(restoreEntry).toHaveLength(1)
    const rebuilt = await rebuild(second.blob, (file) => {
      // The checksum covers the head line too, and with it the moment the file was made.
      file.createdAt = first.header.createdAt
      file.payload.auditLog = file.payload.auditLog!.filter(
        (entry) => (entry as { id: string }).id !== restoreEntry[0]!.id,
      )
      // The device mark stayed behind on the first device (a fact about it, not the data).
      file.payload.meta = [
        ...file.payload.meta!,
        { key: 'exchangedWith:other-device', value: '{}' },
      ].sort((a, b) =>
        String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)),
      )
    })
    expect(((await readJson(rebuilt)) as BackupObject).checksum).toBe(first.header.checksum)
    source.close()
    await source.delete()
  })

  it('replace keeps the data it replaces as one snapshot in the recycle bin', async () => {
    await loadDemoData(today)
    const backup = await createBackup()
    await clearAllData()
    await getDb().areas.add({
      id: 'extra',
      name: '新区',
      parentId: '',
      level: 'city',
      path: '/extra/',
      code: '',
      retired: 'no',
      sortOrder: 9,
      createdAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
    })
    const result = await restoreBackup(await readBackupFile(backup.blob), 'replace')
    expect(result.snapshotTaken).toBe(true)
    expect(await getDb().areas.get('extra')).toBeUndefined()
    const snapshots = await getDb().recycleBin.where('table').equals('*snapshot').toArray()
    expect(snapshots.map((s) => s.label).sort()).toEqual(['backupReplace', 'clear'])
  })

  it('merge decides by revisions: older copies change nothing, deletions stay, concurrent edits conflict', async () => {
    await loadDemoData(today)
    const db = getDb()
    const [edited, other, gone] = await db.firms.limit(3).toArray()
    const backup = await createBackup()
    // Since the backup: an edit here with an ancient stamp, and a deletion.
    await db.firms.update(edited!.id, { name: '本机改过', updatedAt: '2000-01-01T00:00:00.000Z' })
    await db.firms.delete(gone!.id)
    const bin = await db.recycleBin.count()
    const checked = await readBackupFile(backup.blob)
    const result = await restoreBackup(checked, 'merge')
    expect(result).toMatchObject({
      mode: 'merge',
      added: 0,
      updated: 0,
      conflicts: 0,
      snapshotTaken: false,
    })
    expect((await db.firms.get(edited!.id))?.name).toBe('本机改过')
    expect(await db.firms.get(gone!.id)).toBeUndefined()
    expect(await db.recycleBin.count()).toBe(bin)

    // Another device restores the same backup and edits the same firm and another one.
    const here = db
    const there = await freshTarget()
    await restoreBackup(await readBackupFile(backup.blob), 'replace')
    await there.firms.update(edited!.id, { name: '那边改过' })
    await there.firms.update(other!.id, { name: '那边也改了' })
    const theirs = await readBackupFile((await createBackup()).blob)
    setDb(here)
    const merged = await restoreBackup(theirs, 'merge')
    expect(merged).toMatchObject({ updated: 1, conflicts: 1 })
    expect((await here.firms.get(other!.id))?.name).toBe('那边也改了')
    // Both versions of the edited firm are kept, one shown, the other waiting.
    const open = await here.leaves
      .where('[state+id]')
      .between(['open', ''], ['open', '\uffff'])
      .toArray()
    const names = [
      (await here.firms.get(edited!.id))!.name,
      (open[0]!.body as { name: string }).name,
    ]
    expect(names.sort()).toEqual(['本机改过', '那边改过'].sort())
    // What the merge replaced is kept under it, not as a snapshot.
    expect(await here.revisionBodies.where('mergeId').above('').count()).toBeGreaterThan(0)
    const digest = await digestAll()
    const again = await restoreBackup(theirs, 'merge')
    expect(again).toMatchObject({ added: 0, updated: 0, deleted: 0, conflicts: 0 })
    expect(await digestAll()).toEqual(digest)
    expect(revisionOf('firms', (await here.firms.get(other!.id))!)).toMatch(/^2-/)
    there.close()
    await there.delete()
  })
})

describe('bad files: a coded error and nothing written', { timeout: 15_000 }, () => {
  let good: Blob
  beforeAll(async () => {
    const db = new ZhibuDb(`bad-${crypto.randomUUID()}`)
    await db.open()
    setDb(db)
    await loadSmallSet()
    good = (await createBackup()).blob
    db.close()
    await db.delete()
  })

  async function expectRefused(
    file: Blob,
    code: BackupErrorCode,
    limits?: Parameters<typeof readBackupFile>[1],
  ) {
    await loadSmallSet()
    const before = await digestAll()
    await expectCode(
      readBackupFile(file, limits).then((checked) => restoreBackup(checked, 'replace')),
      code,
    )
    expect(await digestAll()).toEqual(before)
  }

  const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer())

  it('truncated', async () => {
    const bytes = await bytesOf(good)
    await expectRefused(new Blob([bytes.slice(0, Math.floor(bytes.length / 2))]), 'corrupt')
  })

  it('corrupted bytes', async () => {
    const bytes = await bytesOf(good)
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff
    await expectRefused(new Blob([bytes]), 'corrupt')
  })

  it('not gzip at all', async () => {
    await expectRefused(new Blob(['{"format":"zhibu-backup"} plain text, not gzip']), 'notGzip')
  })

  it('empty', async () => {
    await expectRefused(new Blob([]), 'empty')
  })

  it('not JSON inside', async () => {
    await expectRefused(await gzipText('hello, this is not json'), 'notJson')
  })

  it('JSON but not a backup', async () => {
    await expectRefused(await gzipText('{"hello":"world"}'), 'notBackup')
  })

  it('wrong format version', async () => {
    await expectRefused(await rebuild(good, (f) => (f.formatVersion = 99)), 'formatVersion')
  })

  it('newer schema version', async () => {
    await expectRefused(
      await rebuild(good, (f) => (f.schemaVersion = SCHEMA_VERSION + 1)),
      'schemaNewer',
    )
  })

  it('a schema version that is no version', async () => {
    await expectRefused(await rebuild(good, (f) => (f.schemaVersion = 0.5)), 'notBackup')
    await expectRefused(await rebuild(good, (f) => (f.schemaVersion = 0)), 'notBackup')
  })

  it('every earlier schema version has its stores, so its backups can be upgraded', () => {
    expect(Object.keys(RELEASED_STORES).map(Number)).toEqual(
      Array.from({ length: SCHEMA_VERSION - 1 }, (_, index) => index + 1),
    )
    // Taken from the schema registry, the same stores the database declared at each version.
    for (const [version, stores] of Object.entries(RELEASED_STORES)) {
      expect(stores, `v${version}`).toEqual(storesAt(Number(version)))
    }
    // Full stores, not only what a version changed: v1 lacks v2's tallies, the latest has v1's areas.
    expect(RELEASED_STORES[1]).not.toHaveProperty('tallies')
    expect(RELEASED_STORES[SCHEMA_VERSION - 1]).toHaveProperty('areas')
  })

  it('an older schema version is upgraded by the app’s own migrations, then restored', async () => {
    // A v1 file: no Member.lastAttendedOn yet (v2 derives it from the final meetings).
    const v1 = await rebuild(good, (f) => {
      f.schemaVersion = 1
      // Tables added since v1 were not in a v1 file.
      for (const name of Object.keys(f.payload)) {
        if (!(name in RELEASED_STORES[1]!)) {
          delete f.payload[name]
          delete (f.counts as Record<string, number>)[name]
        }
      }
      for (const row of f.payload.members!)
        delete (row as { lastAttendedOn?: string }).lastAttendedOn
      f.payload.meetings!.push({
        ...meeting('o1'),
        id: 'mt1',
        orgId: 'o1',
        type: 'branchAssembly',
        heldOn: '2026-05-01',
        status: 'final',
        attendeeIds: ['m1'],
        createdAt: '2026-05-01T00:00:00.000Z',
        updatedAt: '2026-05-01T00:00:00.000Z',
      })
      ;(f.counts as Record<string, number>).meetings! += 1
    })
    const checked = await readBackupFile(v1)
    expect((checked.tables!.members![0] as { lastAttendedOn?: string }).lastAttendedOn).toBe(
      SCHEMA_VERSION >= 2 ? '2026-05-01' : undefined,
    )
    await restoreBackup(checked, 'replace')
    expect((await getDb().members.get('m1'))?.lastAttendedOn).toBe('2026-05-01')
    expect(await getDb().photos.get('p1')).toBeDefined()
    // Nothing is left behind: the scratch database is gone.
    const names = (await indexedDB.databases()).map((d) => d.name ?? '')
    expect(names.filter((name) => name.startsWith('zhibu-upgrade-'))).toEqual([])
  })

  it('wrong checksum (a record changed after the file was made)', async () => {
    const changed = await rebuild(
      good,
      (f) => ((f.payload.firms![0] as { name: string }).name = '篡改'),
      false,
    )
    await expectRefused(changed, 'checksum')
  })

  it('oversized file', async () => {
    await expectRefused(good, 'tooLarge', { maxFileBytes: 1000, maxJsonBytes: 1e9 })
  })

  it('gzip bomb: inflating stops at the cap', async () => {
    // 256 MB of zeros in ~250 KB of gzip.
    const chunk = new Uint8Array(1024 * 1024)
    let sent = 0
    const source = new ReadableStream<BufferSource>({
      pull(controller) {
        if (sent++ < 256) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const parts: Uint8Array[] = []
    const reader = source.pipeThrough(new CompressionStream('gzip')).getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parts.push(value)
    }
    const bomb = new Blob(parts as BlobPart[])
    expect(bomb.size).toBeLessThan(1024 * 1024)
    const started = performance.now()
    await expectRefused(bomb, 'decompressedTooLarge', { maxFileBytes: 1e9, maxJsonBytes: 8e6 })
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('__proto__ / constructor / prototype keys anywhere', async () => {
    const goodText = JSON.stringify(await readJson(good))
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = goodText.replace('"payload":{', `"payload":{"areas2":{"${key}":{"polluted":1}},`)
      await expectRefused(await gzipText(text), 'hostileKey')
      const nested = goodText.replace('"name":', `"${key}":{"polluted":1},"name":`)
      await expectRefused(await gzipText(nested), 'hostileKey')
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  const misfits: [string, BackupErrorCode, (f: BackupObject) => void][] = [
    ['a table this database lacks', 'unknownTable', (f) => (f.payload.nonsense = [])],
    ['a table missing', 'missingTable', (f) => delete f.payload.firms],
    [
      'counts that disagree',
      'countMismatch',
      (f) => (f.counts = { ...(f.counts as object), firms: 1 }),
    ],
    [
      'an id that is not a string',
      'badId',
      (f) => ((f.payload.firms![0] as { id: unknown }).id = 42),
    ],
    [
      'the same id twice',
      'duplicateId',
      (f) => {
        f.payload.areas!.push({ ...(f.payload.areas![0] as object) })
        ;(f.counts as Record<string, number>).areas! += 1
      },
    ],
    [
      'an indexed field that is no key',
      'badKey',
      (f) => ((f.payload.firms![0] as { name: unknown }).name = { a: 1 }),
    ],
    ['a row that is no object', 'shape', (f) => (f.payload.firms![0] = 'a string row')],
    [
      'a record without timestamps',
      'shape',
      (f) => delete (f.payload.members![0] as { updatedAt?: string }).updatedAt,
    ],
  ]
  it.each(misfits)('%s', async (_, code, mutate) => {
    await expectRefused(await rebuild(good, mutate), code)
  })

  it('a merge that breaks a unique index rolls back entirely', async () => {
    const clash = await rebuild(good, (f) => {
      const firm = f.payload.firms![0] as { id: string; updatedAt: string }
      firm.id = 'someone-else'
      firm.updatedAt = '2099-01-01T00:00:00.000Z'
    })
    await loadSmallSet()
    const before = await digestAll()
    await expectCode(
      readBackupFile(clash).then((checked) => restoreBackup(checked, 'merge')),
      'writeFailed',
    )
    expect(await digestAll()).toEqual(before)
  })

  it('HTML in text fields stays text, byte for byte', async () => {
    const withHtml = await rebuild(good, (f) => {
      ;(f.payload.firms![0] as { note: string }).note = HOSTILE
    })
    const checked = await readBackupFile(withHtml)
    await restoreBackup(checked, 'replace')
    const id = ((await readJson(withHtml)) as BackupObject).payload
      .firms!.map((firm) => firm as { id: string; note: string })
      .find((firm) => firm.note === HOSTILE)!.id
    expect((await getDb().firms.get(id))?.note).toBe(HOSTILE)
  })
})
