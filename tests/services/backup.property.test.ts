import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { setDb, ZhibuDb } from '@/db'
import { getDb } from '@/db/connection'
import { computeCreditCheckChar, computeOrgCodeCheckChar } from '@/domain/creditCode'
import { firmOrgStatus } from '@/domain/coverage'
import { todayIso } from '@/domain/dates'
import { SETTING_DEFINITIONS } from '@/domain/settings'
import { AREA_LEVELS, INDUSTRIES } from '@/domain/types'
import { createBackup, DATA_TABLES, readBackupFile, restoreBackup } from '@/services/backup'
import { area as areaInput, meeting as meetingInput, org as orgInput } from '../db/helpers'
import { digestAll, keepBlobsInFakeIndexedDb } from './backup/helpers'

keepBlobsInFakeIndexedDb()

// Any text a user can type or paste: unicode, lone surrogates, HTML, quotes, empty.
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '<script>alert(1)</script>', '"\\\'\n\t', '𠮷野家', '\u0000'),
)
/** A required name: what a form accepts (something left after trimming). */
const name = (prefix: string) => text.map((t) => `${prefix}${t}`)
const stamp = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString())
const day = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const optionalDay = fc.oneof(fc.constant(''), day)

// Every record is one a form would accept, field by field: the restore now refuses others.
const BASE_AREA = 'area-base'
const BASE_ORG = 'org-base'
const BASE_MEETING = 'meeting-base'
const T0 = '2026-01-01T00:00:00.000Z'

const area = fc.record({
  id: fc.uuid(),
  name: name('地区'),
  parentId: fc.constantFrom('', BASE_AREA),
  level: fc.constantFrom(...AREA_LEVELS),
  path: text,
  code: fc.oneof(fc.constant(''), fc.integer({ min: 100000, max: 999999 }).map(String)),
  retired: fc.constantFrom('yes', 'no'),
  sortOrder: fc.integer({ min: 0, max: 1_000_000 }),
  createdAt: stamp,
  updatedAt: stamp,
})
const firm = fc.record({
  id: fc.uuid(),
  name: name('企业'),
  areaPath: text,
  nameTokens: fc.array(text, { maxLength: 4 }),
  industry: fc.constantFrom(...INDUSTRIES),
  sizeClass: fc.constantFrom('above', 'below'),
  employees: fc.integer({ min: 0, max: 10_000_000 }),
  registeredOn: optionalDay,
  instructor: text,
  liaison: text,
  address: text,
  note: text,
  createdAt: stamp,
  updatedAt: stamp,
})
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff, 0xe0]
const photo = fc.record({
  id: fc.uuid(),
  name: text,
  type: fc.constantFrom('image/png', 'image/jpeg'),
  width: fc.nat(100_000),
  height: fc.nat(100_000),
  bytes: fc.uint8Array({ maxLength: 200 }),
  createdAt: stamp,
  updatedAt: stamp,
})
const setting = fc.record({
  key: fc.constantFrom(...SETTING_DEFINITIONS.map((d) => d.key)),
  value: fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
  ),
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

/** A valid credit code for firm `i` (GB 11714 organisation code, GB 32100 check character). */
function creditCodeOf(i: number): string {
  const body = `M${String(i).padStart(7, '0')}`
  const first17 = `91350100${body}${computeOrgCodeCheckChar(body)}`
  return `${first17}${computeCreditCheckChar(first17)}`
}

async function write(data: Dataset): Promise<void> {
  const db = getDb()
  // What the photos and firms stand on: an area, an org, a meeting.
  await db.areas.add({
    ...areaInput(),
    id: BASE_AREA,
    path: `/${BASE_AREA}/`,
    createdAt: T0,
    updatedAt: T0,
  })
  await db.orgs.add({
    ...orgInput(BASE_AREA),
    id: BASE_ORG,
    areaPath: `/${BASE_AREA}/`,
    createdAt: T0,
    updatedAt: T0,
  })
  await db.meetings.add({
    ...meetingInput(BASE_ORG),
    id: BASE_MEETING,
    createdAt: T0,
    updatedAt: T0,
  })
  await db.areas.bulkAdd(data.areas)
  // creditCode is a unique index: one per firm. orgStatus is derived (a merge recomputes it
  // for the firms it brings), so the data set holds the value the rule gives.
  await db.firms.bulkAdd(
    data.firms.map((f, i) => {
      const row = { ...f, areaId: BASE_AREA, closedOn: '', creditCode: creditCodeOf(i) }
      return { ...row, orgStatus: firmOrgStatus(row, [], todayIso()) }
    }),
  )
  await db.photos.bulkAdd(
    data.photos.map(({ bytes, ...p }) => ({
      ...p,
      meetingId: BASE_MEETING,
      blob: new Blob([new Uint8Array(p.type === 'image/png' ? PNG : JPEG), bytes], {
        type: p.type,
      }),
    })),
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
