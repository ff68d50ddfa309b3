import {
  createArea,
  createMeeting,
  createMember,
  createOrg,
  setClock,
  setDb,
  updateMeeting,
  ZhibuDb,
} from '@/db'
import { getDb } from '@/db/connection'
import { revisionOf } from '@/domain/revisions'
import type { MeetingInput } from '@/domain/validation'
import type { Meeting, Member, Org } from '@/domain/types'
import {
  createExchangePackage,
  mergeExchangePackage,
  readExchangeFile,
  type CheckedPackage,
} from '@/services/exchange'
import { area, fieldsOf, meeting, member, org } from '../../db/helpers'

/**
 * Devices for exchange tests: each its own fake-indexeddb database and its own clock, which
 * may be hours or a year off; packages travel between them through the app's own code.
 */
export interface Device {
  name: string
  db: ZhibuDb
  /** This device's clock: what nowIso() stamps while it is current. */
  clock: Date
}

const opened: Device[] = []

export async function newDevice(name: string, clock = '2026-11-23T08:00:00.000Z'): Promise<Device> {
  const db = new ZhibuDb(`${name}-${crypto.randomUUID()}`)
  await db.open()
  const device = { name, db, clock: new Date(clock) }
  opened.push(device)
  return device
}

export async function closeDevices(): Promise<void> {
  for (const device of opened.splice(0)) {
    device.db.close()
    await device.db.delete()
  }
}

/** Run on a device: its database current, its clock ticking from its own time. */
export async function on<T>(device: Device, work: () => Promise<T>): Promise<T> {
  setDb(device.db)
  const start = Date.now()
  setClock(() => new Date(device.clock.getTime() + (Date.now() - start)))
  try {
    return await work()
  } finally {
    device.clock = new Date(device.clock.getTime() + (Date.now() - start) + 1)
  }
}

export async function makePackage(from: Device, orgId: string): Promise<Blob> {
  return on(from, async () => (await createExchangePackage(orgId)).blob)
}

export async function receive(
  to: Device,
  file: Blob,
): Promise<CheckedPackage & { merged: Awaited<ReturnType<typeof mergeExchangePackage>> }> {
  return on(to, async () => {
    const checked = await readExchangeFile(file)
    const merged = await mergeExchangePackage(checked)
    return { ...checked, merged }
  })
}

/** A package of `orgId` made on `from` and merged on `to`. */
export async function send(from: Device, to: Device, orgId: string) {
  return receive(to, await makePackage(from, orgId))
}

export interface Register {
  committee: Org
  branchA: Org
  branchB: Org
  memberA: Member
  memberB: Member
  meetingA: Meeting
}

/** The department's register: a committee with branches A and B, a member each, a meeting in A. */
export async function department(device: Device): Promise<Register> {
  return on(device, async () => {
    const city = await createArea(area())
    const committee = await createOrg(org(city.id, { name: '园区党委', type: 'baseCommittee' }))
    const branchA = await createOrg(org(city.id, { name: '甲支部', parentId: committee.id }))
    const branchB = await createOrg(org(city.id, { name: '乙支部', parentId: committee.id }))
    const memberA = await createMember(member(branchA.id, { name: '王芳' }))
    const memberB = await createMember(member(branchB.id, { name: '李强', phone: '13900000000' }))
    const meetingA = await createMeeting(meeting(branchA.id, { topic: '学习会' }))
    return { committee, branchA, branchB, memberA, memberB, meetingA }
  })
}

/** Edit the register's meeting in A on a device, as its form saves: against the revision read. */
export async function editMeeting(
  device: Device,
  reg: Register,
  change: Partial<MeetingInput>,
): Promise<void> {
  await on(device, async () => {
    const stored = (await getDb().meetings.get(reg.meetingA.id))!
    await updateMeeting(
      reg.meetingA.id,
      { ...fieldsOf(stored), ...change },
      revisionOf('meetings', stored),
    )
  })
}

export async function read<T>(device: Device, work: (db: ZhibuDb) => Promise<T>): Promise<T> {
  return on(device, () => work(getDb() as ZhibuDb))
}
