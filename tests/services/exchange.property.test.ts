import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readAllTables, setClock, setDb, ZhibuDb } from '@/db'
import { getDb } from '@/db/connection'
import { replicatedTransaction } from '@/db/revisions'
import { canonicalJson } from '@/domain/backupFormat'
import { lastAttendedOn } from '@/domain/attendance'
import { firmOrgStatus } from '@/domain/coverage'
import { todayIso } from '@/domain/dates'
import { EXCHANGE_TABLES } from '@/domain/exchange'
import { DERIVED_FIELDS } from '@/domain/revisions'
import { createExchangePackage, mergeExchangePackage, readExchangeFile } from '@/services/exchange'
import { area, firm as firmInput, meeting, member, org as orgInput } from '../db/helpers'
import { keepBlobsInFakeIndexedDb } from './backup/helpers'

const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

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
    ...member(ROOT),
    id: `member-${i}`,
    orgId: ROOT,
    firmId: FIRM,
    partyGroupId: '',
    // A name is required: what a form would accept.
    name: `党员${m.name}`,
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
    ...meeting(ROOT),
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
            // A PNG by its first bytes: photos are judged by them.
            blob: new Blob([PNG_SIGNATURE, m.photo], { type: 'image/png' }),
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
      kind: 'self',
      topic: '学习党章',
      hours: s.hours,
      place: '',
      note: '',
      confirmed: 'yes',
      meetingId: '',
      createdAt: stampOn(s.on),
      updatedAt: stampOn(s.on),
    }))
  const org = {
    ...orgInput(AREA),
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
    ...firmInput(AREA),
    id: FIRM,
    name: '测试公司',
    nameTokens: ['测试公司'],
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
    areas: [{ ...area(), id: AREA, path: `/${AREA}/`, createdAt: T0, updatedAt: T0 }],
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

/** The same records on a device as a restore would put them: revisions kept as they are. */
async function put(rows: Record<string, Row[]>): Promise<void> {
  const db = getDb()
  await replicatedTransaction(db, db.tables, async () => {
    for (const [name, list] of Object.entries(rows)) await db.table(name).bulkPut(list)
  })
}

/**
 * What must be equal between devices that have seen the same revisions: each record with
 * its revision (derived fields and this device's own bookkeeping left out), tombstones and
 * other leaves. Photos' bytes compare by size, as their revisions do.
 */
async function replicaDigest(): Promise<Record<string, string>> {
  const all = await readAllTables()
  const out: Record<string, string> = {}
  const strip = (table: string, row: Row) => {
    const copy: Row = { ...row }
    for (const field of DERIVED_FIELDS[table] ?? []) delete copy[field]
    if (copy.blob instanceof Blob) copy.blob = { size: copy.blob.size, type: copy.blob.type }
    delete copy.at
    // When and by whom is information for people: two devices deleting the same revision
    // make the same tombstone revision, each with its own moment.
    if (table === 'tombstones') {
      delete copy.deletedAt
      delete copy.deletedBy
    }
    return copy
  }
  for (const name of [...EXCHANGE_TABLES, 'tombstones', 'leaves']) {
    out[name] = canonicalJson((all[name] ?? []).map((row) => strip(name, row)))
  }
  return out
}

async function packageOf(db: ZhibuDb): Promise<Blob> {
  setDb(db)
  return (await createExchangePackage(ROOT)).blob
}

async function importInto(db: ZhibuDb, file: Blob) {
  setDb(db)
  return mergeExchangePackage(await readExchangeFile(file))
}

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

/** One device's change to the shared records: local writes, so they make revisions. */
const change = fc.oneof(
  fc.record({
    kind: fc.constant('topic' as const),
    device: fc.nat(2),
    meeting: fc.nat(4),
    topic: text,
  }),
  fc.record({ kind: fc.constant('delete' as const), device: fc.nat(2), meeting: fc.nat(4) }),
  fc.record({
    kind: fc.constant('rename' as const),
    device: fc.nat(2),
    member: fc.nat(5),
    name: text,
  }),
  fc.record({ kind: fc.constant('send' as const), from: fc.nat(2), to: fc.nat(2) }),
)

describe('package → merge on random data sets (fast-check)', () => {
  it('into an empty device: every record of the package arrives with its revision', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (data) =>
        withDevices(2, async ([source, target]) => {
          setDb(source!)
          await put(records(data))
          const before = await replicaDigest()
          const result = await importInto(target!, await packageOf(source!))
          expect(result.conflict).toBe(0)
          expect(await replicaDigest()).toEqual(before)
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
          await importInto(target!, file)
          const once = await replicaDigest()
          const again = await importInto(target!, file)
          expect(again).toMatchObject({ new: 0, updated: 0, deleted: 0, conflict: 0 })
          expect(await replicaDigest()).toEqual(once)
        }),
      ),
      { numRuns: 25 },
    )
  }, 120_000)

  it('converges: three devices edit, delete and exchange in any order, then all see all', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(change, { maxLength: 14 }), async (data, changes) =>
        withDevices(3, async (devices) => {
          const base = records(data)
          for (const db of devices) {
            setDb(db)
            await put(base)
          }
          for (const step of changes) {
            if (step.kind === 'send') {
              if (step.from !== step.to)
                await importInto(devices[step.to]!, await packageOf(devices[step.from]!))
              continue
            }
            const db = devices[step.device]!
            setDb(db)
            if (step.kind === 'rename') {
              const row = await db.members.get(`member-${step.member}`)
              if (row) await db.members.put({ ...row, name: `党员${step.name}` })
              continue
            }
            const id = `meeting-${step.meeting}`
            const row = await db.meetings.get(id)
            if (!row) continue
            if (step.kind === 'delete') await db.meetings.delete(id)
            else await db.meetings.put({ ...row, topic: step.topic })
          }
          for (let round = 0; round < 2; round++) {
            for (const from of devices) {
              const file = await packageOf(from)
              for (const to of devices) if (to !== from) await importInto(to, file)
            }
          }
          const digests: Record<string, string>[] = []
          for (const db of devices) {
            setDb(db)
            digests.push(await replicaDigest())
          }
          expect(digests[1]).toEqual(digests[0])
          expect(digests[2]).toEqual(digests[0])
        }),
      ),
      { numRuns: 20 },
    )
  }, 300_000)
})
