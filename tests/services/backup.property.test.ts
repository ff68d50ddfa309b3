import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getDb, setDb, ZhibuDb } from '@/db'
import { FORBIDDEN_KEYS } from '@/domain/backupFormat'
import { firmOrgStatus } from '@/domain/coverage'
import { todayIso } from '@/domain/dates'
import { SETTING_DEFINITIONS } from '@/domain/settings'
import { AREA_LEVELS, INDUSTRIES } from '@/domain/types'
import { createBackup, DATA_TABLES, readBackupFile, restoreBackup } from '@/services/backup'
import { digestAll, keepBlobsInFakeIndexedDb } from './backup/helpers'

keepBlobsInFakeIndexedDb()

// Any text a user can type or paste: unicode, lone surrogates, HTML, quotes, empty.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '<script>alert(1)</script>', '"\\\'\n\t', '𠮷野家', '\u0000'),
)
const stamp = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString())
// JSON cannot tell -0 from 0, and no field of the app holds NaN or Infinity.
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
)
const key = fc.string({ maxLength: 8 }).filter((k) => !FORBIDDEN_KEYS.has(k) && k !== '$blob')
const extra = fc.dictionary(
  key,
  fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 })),
  { maxKeys: 4 },
)

const area = fc.record({
  id: fc.uuid(),
  name: text,
  parentId: fc.constant(''),
  level: fc.constantFrom(...AREA_LEVELS),
  path: text,
  code: text,
  retired: fc.constantFrom('yes', 'no'),
  sortOrder: number,
  extra,
  createdAt: stamp,
  updatedAt: stamp,
})
const firm = fc.record({
  id: fc.uuid(),
  name: text,
  areaId: fc.uuid(),
  areaPath: text,
  orgStatus: fc.constantFrom('ownOrg', 'jointBranch', 'instructorOnly', 'none'),
  nameTokens: fc.array(text, { maxLength: 4 }),
  industry: fc.constantFrom(...INDUSTRIES),
  sizeClass: fc.constantFrom('above', 'below'),
  employees: number,
  registeredOn: text,
  closedOn: text,
  instructor: text,
  liaison: text,
  address: text,
  note: text,
  createdAt: stamp,
  updatedAt: stamp,
})
const photo = fc.record({
  id: fc.uuid(),
  meetingId: fc.uuid(),
  name: text,
  type: fc.constantFrom('image/png', 'image/jpeg', ''),
  width: fc.nat(),
  height: fc.nat(),
  bytes: fc.uint8Array({ maxLength: 200 }),
  createdAt: stamp,
  updatedAt: stamp,
})
const setting = fc.record({
  key: fc.constantFrom(...SETTING_DEFINITIONS.map((d) => d.key)),
  value: number,
  updatedAt: stamp,
})
const dataset = fc.record({
  areas: fc.uniqueArray(area, { selector: (a) => a.id, maxLength: 6 }),
  firms: fc.uniqueArray(firm, { selector: (f) => f.id, maxLength: 6 }),
  photos: fc.uniqueArray(photo, { selector: (p) => p.id, maxLength: 3 }),
  settings: fc.uniqueArray(setting, { selector: (s) => s.key, maxLength: 4 }),
})
type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never

async function openFresh(): Promise<ZhibuDb> {
  const db = new ZhibuDb(`prop-${crypto.randomUUID()}`)
  await db.open()
  setDb(db)
  return db
}

async function write(data: Dataset): Promise<void> {
  const db = getDb()
  await db.areas.bulkAdd(data.areas)
  // creditCode is a unique index: one per firm. orgStatus is derived (a merge recomputes it
  // for the firms it brings), so the data set holds the value the rule gives.
  await db.firms.bulkAdd(
    data.firms.map((f, i) => ({
      ...f,
      creditCode: `C${i}`,
      orgStatus: firmOrgStatus(f, [], todayIso()),
    })),
  )
  await db.photos.bulkAdd(
    data.photos.map(({ bytes, ...p }) => ({ ...p, blob: new Blob([bytes], { type: p.type }) })),
  )
  await db.settings.bulkAdd(data.settings)
}

function pick(digest: Record<string, string>): Record<string, string> {
  return Object.fromEntries(DATA_TABLES.map((name) => [name, digest[name] ?? '']))
}

describe('backup → restore on random data sets (fast-check)', () => {
  it('nothing is lost or changed, in either mode, into an empty database', async () => {
    await fc.assert(
      fc.asyncProperty(
        dataset,
        fc.constantFrom('replace', 'merge') as fc.Arbitrary<'replace' | 'merge'>,
        async (data, mode) => {
          const source = await openFresh()
          const target = new ZhibuDb(`prop-${crypto.randomUUID()}`)
          try {
            await write(data)
            const before = pick(await digestAll())
            const backup = await createBackup()
            await target.open()
            setDb(target)
            await restoreBackup(await readBackupFile(backup.blob), mode)
            expect(pick(await digestAll())).toEqual(before)
            expect((await createBackup()).header.dataChecksum).toBe(backup.header.dataChecksum)
          } finally {
            source.close()
            target.close()
            await Promise.all([source.delete(), target.delete()])
          }
        },
      ),
      { numRuns: 30 },
    )
  }, 120_000)

  it('merging a backup into the database it came from changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const db = await openFresh()
        try {
          await write(data)
          const backup = await createBackup()
          const before = await digestAll()
          const result = await restoreBackup(await readBackupFile(backup.blob), 'merge')
          expect(result).toMatchObject({ added: 0, updated: 0, snapshotTaken: false })
          expect(await digestAll()).toEqual(before)
        } finally {
          db.close()
          await db.delete()
        }
      }),
      { numRuns: 20 },
    )
  }, 120_000)
})
