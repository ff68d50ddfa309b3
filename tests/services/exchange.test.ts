import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { getDb, readDeviceId, setDb, ZhibuDb } from '@/db'
import { BackupError } from '@/domain/backupFormat'
import { conflictKey } from '@/domain/exchange'
import { createBackup } from '@/services/backup'
import { loadDemoData } from '@/services/demoLoader'
import { createExchangePackage, mergeExchangePackage, readExchangeFile } from '@/services/exchange'
import { useFreshDb } from '../db/helpers'
import { gzipText, keepBlobsInFakeIndexedDb, readJson } from './backup/helpers'

keepBlobsInFakeIndexedDb()
const fresh = useFreshDb()
const today = '2026-11-23'

/** A second device: its own database, the demo loaded, made current. */
async function otherDevice(): Promise<ZhibuDb> {
  const db = new ZhibuDb(`exchange-${crypto.randomUUID()}`)
  await db.open()
  setDb(db)
  await loadDemoData(today)
  return db
}

async function aBranch(): Promise<{ id: string; name: string; parentId: string }> {
  const orgs = await getDb().orgs.where('type').equals('branch').toArray()
  const branch = orgs.find((org) => org.parentId !== '')!
  return branch
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BackupError) return error.code
    throw error
  }
  return 'none'
}

describe('exchange packages', { timeout: 60_000 }, () => {
  it('carry the org subtree with its records and the orgs, firms and areas they refer to', async () => {
    await loadDemoData(today)
    const branch = await aBranch()
    const created = await createExchangePackage(branch.id)
    const json = await readJson(created.blob)
    expect(json.format).toBe('zhibu-exchange')
    expect(json.sourceDeviceId).toBe(await readDeviceId())
    expect(json.scope).toMatchObject({ orgId: branch.id, orgName: branch.name })
    const payload = json.payload as Record<string, { id: string; orgId?: string }[]>
    const orgIds = payload.orgs!.map((org) => org.id)
    expect(orgIds).toContain(branch.id)
    expect(orgIds).toContain(branch.parentId)
    const members = await getDb().members.where('orgId').equals(branch.id).count()
    expect(payload.members!.length).toBe(members)
    expect(payload.meetings!.every((m) => m.orgId === branch.id)).toBe(true)
    expect(payload.firms!.length).toBeGreaterThan(0)
    expect(payload.areas!.length).toBeGreaterThan(0)
    // Derived and device-own tables never travel.
    expect(Object.keys(payload)).not.toContain('tallies')
    expect(Object.keys(payload)).not.toContain('settings')
    expect(Object.keys(payload)).not.toContain('auditLog')
  })

  it(
    'a new meeting arrives on another device once; conflicts wait for the choice',
    {
      timeout: 60_000,
    },
    async () => {
      await loadDemoData(today)
      const here = getDb()
      const branch = await aBranch()
      const meeting = (await here.meetings.where('orgId').equals(branch.id).first())!
      await here.meetings.add({
        ...meeting,
        id: 'new-meeting',
        topic: '新会议',
        updatedAt: '2026-11-23T09:00:00.000Z',
      })
      const first = await createExchangePackage(branch.id)
      const there = await otherDevice()
      try {
        const checked = await readExchangeFile(first.blob)
        expect(checked.preview.plan.totals).toMatchObject({ new: 1, conflict: 0, newer: 0 })
        expect(checked.fromThisDevice).toBe(false)
        const result = await mergeExchangePackage(checked, {})
        expect(result).toMatchObject({ added: 1, updated: 0 })
        expect((await there.meetings.get('new-meeting'))?.topic).toBe('新会议')
        const again = await mergeExchangePackage(await readExchangeFile(first.blob), {})
        expect(again).toMatchObject({ added: 0, updated: 0, conflicts: 0 })

        // Both sides change the meeting after that exchange: a conflict, for the user to choose.
        await there.meetings.update('new-meeting', {
          topic: '这里改的',
          updatedAt: '2026-11-24T00:00:00.000Z',
        })
        setDb(fresh.db())
        await here.meetings.update('new-meeting', {
          topic: '那里改的',
          updatedAt: '2026-11-23T10:00:00.000Z',
        })
        await here.members.where('orgId').equals(branch.id).modify({ jobTitle: '改过' })
        const second = await createExchangePackage(branch.id)
        setDb(there)
        const checkedTwo = await readExchangeFile(second.blob)
        expect(checkedTwo.preview.plan.conflicts.map((c) => c.id)).toEqual(['new-meeting'])
        // Keep mine: nothing of mine is overwritten, and the package again changes nothing.
        await mergeExchangePackage(checkedTwo, { [conflictKey('meetings', 'new-meeting')]: 'mine' })
        expect((await there.meetings.get('new-meeting'))?.topic).toBe('这里改的')
        const thrice = await readExchangeFile(second.blob)
        expect(thrice.preview.plan.totals.conflict).toBe(0)
        expect(Object.entries(thrice.preview.plan.counts).filter(([, c]) => c.newer > 0)).toEqual(
          [],
        )

        // Take theirs on a fresh conflict.
        setDb(fresh.db())
        await here.meetings.update('new-meeting', {
          topic: '那里再改',
          updatedAt: '2026-11-25T00:00:00.000Z',
        })
        const third = await createExchangePackage(branch.id)
        setDb(there)
        await there.meetings.update('new-meeting', {
          topic: '这里再改',
          updatedAt: '2026-11-25T01:00:00.000Z',
        })
        const checkedThree = await readExchangeFile(third.blob)
        expect(checkedThree.preview.plan.totals.conflict).toBe(1)
        await mergeExchangePackage(checkedThree, {
          [conflictKey('meetings', 'new-meeting')]: 'theirs',
        })
        expect((await there.meetings.get('new-meeting'))?.topic).toBe('那里再改')
      } finally {
        there.close()
        await there.delete()
      }
    },
  )

  it(
    'a record deleted here after its last change there stays deleted',
    { timeout: 60_000 },
    async () => {
      await loadDemoData(today)
      const branch = await aBranch()
      const file = (await createExchangePackage(branch.id)).blob
      const there = await otherDevice()
      try {
        const meeting = (await there.meetings.where('orgId').equals(branch.id).first())!
        const { removeMeeting } = await import('@/db')
        await removeMeeting(meeting.id)
        const checked = await readExchangeFile(file)
        expect(checked.preview.plan.totals.deletedHere).toBe(1)
        await mergeExchangePackage(checked, {})
        expect(await there.meetings.get(meeting.id)).toBeUndefined()
      } finally {
        there.close()
        await there.delete()
      }
    },
  )

  it(
    'a firm entered on both devices under different ids is matched by credit code',
    {
      timeout: 60_000,
    },
    async () => {
      await loadDemoData(today)
      const db = getDb()
      const branch = await aBranch()
      const org = (await db.orgs.get(branch.id))!
      const firmId = org.hostFirmIds[0]!
      const file = (await createExchangePackage(branch.id)).blob
      const there = await otherDevice()
      try {
        const firm = (await there.firms.get(firmId))!
        await there.firms.delete(firmId)
        await there.firms.add({ ...firm, id: 'local-firm' })
        // The branch was never entered here: it arrives pointing at the firm as entered here.
        await there.orgs.delete(branch.id)
        const checked = await readExchangeFile(file)
        expect(checked.preview.matchedFirms).toBe(1)
        await mergeExchangePackage(checked, {})
        expect(await there.firms.where('creditCode').equals(firm.creditCode).count()).toBe(1)
        expect((await there.orgs.get(branch.id))!.hostFirmIds).toContain('local-firm')
      } finally {
        there.close()
        await there.delete()
      }
    },
  )

  it('a backup, a hostile file or a damaged package is refused before anything is written', async () => {
    await loadDemoData(today)
    const branch = await aBranch()
    const backup = await createBackup()
    expect(await codeOf(readExchangeFile(backup.blob))).toBe('notBackup')
    const json = await readJson((await createExchangePackage(branch.id)).blob)
    const hostile = JSON.stringify(json).replace('"scope":{', '"scope":{"__proto__":{"x":1},')
    expect(await codeOf(readExchangeFile(await gzipText(hostile)))).toBe('hostileKey')
    const payload = json.payload as Record<string, { topic?: string }[]>
    payload.meetings![0]!.topic = '改过的'
    expect(await codeOf(readExchangeFile(await gzipText(JSON.stringify(json))))).toBe('checksum')
    expect(await codeOf(readExchangeFile(new Blob([new Uint8Array([1, 2, 3])])))).toBe('notGzip')
  })
})
