import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getDb, readAllTables, setClock, setDb, ZhibuDb } from '@/db'
import { lastAttendedOn } from '@/domain/attendance'
import { firmOrgStatus } from '@/domain/coverage'
import { todayIso } from '@/domain/dates'
import { defaultChoice, conflictKey, EXCHANGE_TABLES, type Choice } from '@/domain/exchange'
import {
  createExchangePackage,
  mergeExchangePackage,
  readExchangeFile,
  type CheckedPackage,
} from '@/services/exchange'
import { digestAll, keepBlobsInFakeIndexedDb } from './backup/helpers'

keepBlobsInFakeIndexedDb()

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '<script>alert(1)</script>', '𠮷野家', '"\\\n'),
)
const day = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2026-11-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const stampOn = (d: string) => `${d}T08:00:00.000Z`

/** A branch in one area and firm, with members, meetings (with photos) and study records. */
const dataset = fc.record({
  members: fc.array(fc.record({ name: text, joined: day }), { maxLength: 6 }),
  meetings: fc.array(
    fc.record({
      topic: text,
      heldOn: day,
      final: fc.boolean(),
      attendees: fc.array(fc.nat(5), { maxLength: 4 }),
      photo: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
    }),
    { maxLength: 5 },
  ),
  study: fc.array(
    fc.record({ member: fc.nat(5), hours: fc.integer({ min: 1, max: 8 }), on: day }),
    {
      maxLength: 4,
    },
  ),
})
type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never

const ROOT = 'org-root'
const AREA = 'area-1'
const FIRM = 'firm-1'
const T0 = '2026-01-01T00:00:00.000Z'

type Row = Record<string, unknown>

/** The data set as records with fixed ids, so two devices can hold the same records. */
function records(data: Dataset): Record<string, Row[]> {
  const members = data.members.map((m, i) => ({
    id: `member-${i}`,
    orgId: ROOT,
    firmId: FIRM,
    partyGroupId: '',
    name: m.name,
    stage: 'full',
    status: 'normal',
    phone: '',
    idNumber: '',
    birthDate: '',
    fullMemberOn: m.joined,
    lastAttendedOn: '',
    createdAt: stampOn(m.joined),
    updatedAt: stampOn(m.joined),
  }))
  const meetings = data.meetings.map((m, i) => ({
    id: `meeting-${i}`,
    orgId: ROOT,
    type: 'branchAssembly',
    heldOn: m.heldOn,
    topic: m.topic,
    status: m.final ? 'final' : 'draft',
    attendeeIds: [...new Set(m.attendees.filter((a) => a < members.length))].map(
      (a) => `member-${a}`,
    ),
    photoIds: m.photo ? [`photo-${i}`] : [],
    createdAt: stampOn(m.heldOn),
    updatedAt: stampOn(m.heldOn),
  }))
  for (const member of members) member.lastAttendedOn = lastAttendedOn(member.id, meetings as never)
  const photos = data.meetings.flatMap((m, i) =>
    m.photo
      ? [
          {
            id: `photo-${i}`,
            meetingId: `meeting-${i}`,
            name: 'p.png',
            type: 'image/png',
            width: 1,
            height: 1,
            blob: new Blob([m.photo], { type: 'image/png' }),
            createdAt: T0,
            updatedAt: T0,
          },
        ]
      : [],
  )
  const studyRecords = data.study
    .filter((s) => s.member < members.length)
    .map((s, i) => ({
      id: `study-${i}`,
      memberId: `member-${s.member}`,
      orgId: ROOT,
      studiedOn: s.on,
      hours: s.hours,
      confirmed: 'yes',
      createdAt: stampOn(s.on),
      updatedAt: stampOn(s.on),
    }))
  const org = {
    id: ROOT,
    name: '测试支部',
    type: 'branch',
    parentId: '',
    areaId: AREA,
    areaPath: `/${AREA}/`,
    hostFirmIds: [FIRM],
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    createdAt: T0,
    updatedAt: T0,
  }
  const firm = {
    id: FIRM,
    name: '测试公司',
    creditCode: 'C1',
    areaId: AREA,
    areaPath: `/${AREA}/`,
    instructor: '',
    liaison: '',
    registeredOn: '2016-01-01',
    closedOn: '',
    createdAt: T0,
    updatedAt: T0,
  }
  return {
    areas: [
      { id: AREA, name: '包头市', parentId: '', path: `/${AREA}/`, createdAt: T0, updatedAt: T0 },
    ],
    firms: [{ ...firm, orgStatus: firmOrgStatus(firm as never, [org] as never, todayIso()) }],
    orgs: [org],
    members,
    meetings,
    photos,
    studyRecords,
  }
}

async function openDevice(): Promise<ZhibuDb> {
  const db = new ZhibuDb(`exprop-${crypto.randomUUID()}`)
  await db.open()
  setDb(db)
  return db
}

async function put(rows: Record<string, Row[]>): Promise<void> {
  const db = getDb()
  await db.transaction('rw', db.tables, async () => {
    for (const [name, list] of Object.entries(rows)) await db.table(name).bulkPut(list)
  })
}

/** The record tables only: the history and meta of each device are its own. */
async function recordDigest(): Promise<Record<string, string>> {
  const all = await digestAll()
  return Object.fromEntries(EXCHANGE_TABLES.map((name) => [name, all[name] ?? '']))
}

async function packageOf(db: ZhibuDb): Promise<Blob> {
  setDb(db)
  return (await createExchangePackage(ROOT)).blob
}

async function importInto(
  db: ZhibuDb,
  file: Blob,
  pick?: (c: CheckedPackage) => Record<string, Choice>,
) {
  setDb(db)
  const checked = await readExchangeFile(file)
  return mergeExchangePackage(checked, pick ? pick(checked) : {})
}

const newerWins = (checked: CheckedPackage): Record<string, Choice> =>
  Object.fromEntries(
    checked.preview.plan.conflicts.map((c) => [conflictKey(c.table, c.id), defaultChoice(c)]),
  )

async function withDevices<T>(n: number, body: (dbs: ZhibuDb[]) => Promise<T>): Promise<T> {
  setClock(() => new Date('2026-11-23T08:00:00.000Z'))
  const dbs: ZhibuDb[] = []
  try {
    for (let i = 0; i < n; i++) dbs.push(await openDevice())
    return await body(dbs)
  } finally {
    for (const db of dbs) db.close()
    await Promise.all(dbs.map((db) => db.delete()))
  }
}

describe('package → merge on random data sets (fast-check)', () => {
  it('into an empty device: every record of the package arrives unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (data) =>
        withDevices(2, async ([source, target]) => {
          setDb(source!)
          await put(records(data))
          const before = await recordDigest()
          const file = await packageOf(source!)
          const result = await importInto(target!, file)
          expect(result.conflicts).toBe(0)
          expect(await recordDigest()).toEqual(before)
          const all = await readAllTables()
          expect(all.meetings!.length).toBe(data.meetings.length)
        }),
      ),
      { numRuns: 25 },
    )
  }, 120_000)

  it('is idempotent: the same package again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, dataset, async (mine, theirs) =>
        withDevices(2, async ([source, target]) => {
          setDb(source!)
          await put(records(theirs))
          setDb(target!)
          await put(records(mine))
          const file = await packageOf(source!)
          await importInto(target!, file, newerWins)
          const once = await recordDigest()
          const again = await importInto(target!, file, newerWins)
          expect(again).toMatchObject({ added: 0, updated: 0, conflicts: 0 })
          expect(await recordDigest()).toEqual(once)
        }),
      ),
      { numRuns: 25 },
    )
  }, 120_000)

  it('is order-independent for non-conflicting changes: A then B equals B then A', async () => {
    // Both devices start from the same records; A changes and adds only even-numbered
    // meetings and members, B only odd ones, so no record changed on both.
    const edits = fc.record({
      topics: fc.array(text, { maxLength: 6 }),
      names: fc.array(text, { maxLength: 6 }),
      extra: fc.array(fc.record({ topic: text, heldOn: day }), { maxLength: 3 }),
    })
    await fc.assert(
      fc.asyncProperty(dataset, edits, edits, async (data, editA, editB) =>
        withDevices(4, async ([a, b, first, second]) => {
          const base = records(data)
          for (const db of [a!, b!, first!, second!]) {
            setDb(db)
            await put(base)
          }
          const edit = (db: ZhibuDb, edit: typeof editA, parity: number, at: string) => {
            setDb(db)
            const meetings = (base.meetings ?? []).filter((_, i) => i % 2 === parity)
            const members = (base.members ?? []).filter((_, i) => i % 2 === parity)
            return put({
              meetings: [
                ...meetings.map((m, i) => ({
                  ...m,
                  topic: edit.topics[i] ?? m.topic,
                  updatedAt: at,
                })),
                ...edit.extra.map((m, i) => ({
                  id: `meeting-new-${parity}-${i}`,
                  orgId: ROOT,
                  type: 'themedDay',
                  heldOn: m.heldOn,
                  topic: m.topic,
                  status: 'final',
                  attendeeIds: [],
                  photoIds: [],
                  createdAt: at,
                  updatedAt: at,
                })),
              ],
              members: members.map((m, i) => ({
                ...m,
                name: edit.names[i] ?? m.name,
                updatedAt: at,
              })),
            })
          }
          await edit(a!, editA, 0, '2026-11-20T01:00:00.000Z')
          await edit(b!, editB, 1, '2026-11-20T02:00:00.000Z')
          const fileA = await packageOf(a!)
          const fileB = await packageOf(b!)
          const resultA = await importInto(first!, fileA)
          await importInto(first!, fileB)
          await importInto(second!, fileB)
          await importInto(second!, fileA)
          expect(resultA.conflicts).toBe(0)
          setDb(first!)
          const one = await recordDigest()
          setDb(second!)
          expect(await recordDigest()).toEqual(one)
        }),
      ),
      { numRuns: 20 },
    )
  }, 180_000)
})
