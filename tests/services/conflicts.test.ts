import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import {
  countOpenConflicts,
  listOpenConflicts,
  listReplacedByMerges,
  readConflict,
  removeMeeting,
  resolveConflict,
  restoreReplacedBody,
  StaleRevisionError,
} from '@/db'
import { getDb } from '@/db/connection'
import { compareFields, mergeChosen } from '@/domain/fieldMerge'
import { revisionOf } from '@/domain/revisions'
import { keepBlobsInFakeIndexedDb } from './backup/helpers'
import {
  closeDevices,
  department,
  newDevice,
  on,
  read,
  send,
  editMeeting,
} from './exchange/devices'

keepBlobsInFakeIndexedDb()
afterEach(closeDevices)

const edit = editMeeting

async function conflicted() {
  const dept = await newDevice('department')
  const reg = await department(dept)
  const branch = await newDevice('branch')
  await send(dept, branch, reg.branchA.id)
  await edit(branch, reg, { place: '支部会议室' })
  await edit(dept, reg, { topic: '部门改题目' })
  await send(branch, dept, reg.branchA.id)
  return { dept, branch, reg }
}

describe('the conflict screen', () => {
  it('lists the record, shows both versions and proposes the merge from the kept ancestor', async () => {
    const { dept, reg } = await conflicted()
    await on(dept, async () => {
      expect(await countOpenConflicts()).toBe(1)
      const page = await listOpenConflicts(null, 20)
      expect(page.rows).toMatchObject([{ table: 'meetings', recordId: reg.meetingA.id, others: 1 }])
      expect(page.next).toBeNull()
      const detail = (await readConflict('meetings', reg.meetingA.id))!
      const other = detail.others[0]!
      expect(other.ancestor).toMatchObject({ topic: '学习会', place: '党员活动室' })
      const rows = compareFields('meetings', detail.current.body!, other.body!, other.ancestor)
      const merged = mergeChosen(
        'meetings',
        detail.current.body!,
        other.body!,
        Object.fromEntries(rows.map((r) => [r.field, r.proposed])),
      )
      expect(merged).toMatchObject({ topic: '部门改题目', place: '支部会议室' })
    })
  })

  it('a resolution is a revision that reaches the other device and ends the conflict there too', async () => {
    const { dept, branch, reg } = await conflicted()
    // The branch learns of the conflict too.
    await send(dept, branch, reg.branchA.id)
    expect(await on(branch, countOpenConflicts)).toBe(1)
    await on(dept, async () => {
      const detail = (await readConflict('meetings', reg.meetingA.id))!
      const merged = { ...detail.current.body!, place: '支部会议室', topic: '部门改题目' }
      await resolveConflict('meetings', reg.meetingA.id, merged, detail.revisions)
      expect(await countOpenConflicts()).toBe(0)
    })
    const there = await send(dept, branch, reg.branchA.id)
    expect(there.preview.plan.counts.meetings).toMatchObject({ updated: 1, conflict: 0 })
    expect(await on(branch, countOpenConflicts)).toBe(0)
    const shown = await Promise.all(
      [dept, branch].map((d) => read(d, async (db) => (await db.meetings.get(reg.meetingA.id))!)),
    )
    expect(shown[1]).toMatchObject({ topic: '部门改题目', place: '支部会议室' })
    expect(revisionOf('meetings', shown[1]!)).toBe(revisionOf('meetings', shown[0]!))
  })

  it('a resolution from a stale screen is refused', async () => {
    const { dept, reg } = await conflicted()
    await on(dept, async () => {
      const detail = (await readConflict('meetings', reg.meetingA.id))!
      await expect(
        resolveConflict('meetings', reg.meetingA.id, detail.current.body, ['1-x']),
      ).rejects.toBeInstanceOf(StaleRevisionError)
      expect(await countOpenConflicts()).toBe(1)
    })
  })

  it('a deletion made elsewhere: keeping the record closes it, deleting deletes on both', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    const branch = await newDevice('branch')
    await send(dept, branch, reg.branchA.id)
    await on(branch, () => removeMeeting(reg.meetingA.id))
    await edit(dept, reg, { topic: '部门改' })
    await send(branch, dept, reg.branchA.id)
    await on(dept, async () => {
      const detail = (await readConflict('meetings', reg.meetingA.id))!
      expect(detail.others).toMatchObject([{ deleted: true, body: null }])
      await resolveConflict('meetings', reg.meetingA.id, null, detail.revisions)
      expect(await getDb().meetings.get(reg.meetingA.id)).toBeUndefined()
      expect(await countOpenConflicts()).toBe(0)
    })
    await send(dept, branch, reg.branchA.id)
    expect(await read(branch, (db) => db.meetings.get(reg.meetingA.id))).toBeUndefined()
    expect(await on(branch, countOpenConflicts)).toBe(0)
  })

  it('a version a merge replaced is listed and can be brought back as a new revision', async () => {
    const dept = await newDevice('department')
    const reg = await department(dept)
    const branch = await newDevice('branch')
    await send(dept, branch, reg.branchA.id)
    await edit(branch, reg, { topic: '支部改' })
    await send(branch, dept, reg.branchA.id)
    await on(dept, async () => {
      const { rows } = await listReplacedByMerges(null, 10)
      expect(rows).toMatchObject([
        { table: 'meetings', recordId: reg.meetingA.id, label: '学习会' },
      ])
      const before = revisionOf('meetings', (await getDb().meetings.get(reg.meetingA.id))!)
      await restoreReplacedBody(rows[0]!.id)
      const after = (await getDb().meetings.get(reg.meetingA.id))!
      expect(after.topic).toBe('学习会')
      expect(after._revisions?.ids[1]).toBe(before.slice(2))
    })
  })
})
