import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  confirmStudyRecords,
  createArea,
  createMember,
  createOrg,
  createStudyRecord,
  importStudyRecords,
  recordStudySession,
  removeStudyRecord,
  updateStudyRecord,
} from '@/db'
import { readAllTables, writeBackupTables } from '@/db/repositories/backup'
import { rebuildStudyHours } from '@/db/studyTallies'
import { studyHoursRows, type StudyHoursRow } from '@/domain/studyTallies'
import type { StudyRecord } from '@/domain/types'
import type { StudyRecordInput } from '@/domain/validation'
import { area, member, org, useFreshDb } from './helpers'

const { db } = useFreshDb()

const byKey = (a: StudyHoursRow, b: StudyHoursRow) => a.key.localeCompare(b.key)

/** The kept rows beside a recount of every stored record: they must be equal. */
async function keptAndRecount(): Promise<[StudyHoursRow[], StudyHoursRow[]]> {
  const kept = (await db().studyHours.toArray()).sort(byKey)
  const recount = studyHoursRows(await db().studyRecords.toArray()).sort(byKey)
  return [kept, recount]
}

async function expectKept(): Promise<StudyHoursRow[]> {
  const [kept, recount] = await keptAndRecount()
  expect(kept).toEqual(recount)
  return kept
}

async function branch(n: number) {
  const city = await createArea(area())
  const o = await createOrg(org(city.id))
  const members = []
  for (let i = 1; i <= n; i++) {
    members.push(
      await createMember(
        member(o.id, { name: `党员${i}`, idNumber: i === 1 ? '11010519491231002X' : '' }),
      ),
    )
  }
  return { org: o, members }
}

function entry(memberId: string, orgId: string, change: Partial<StudyRecordInput> = {}) {
  return {
    memberId,
    orgId,
    studiedOn: '2026-11-01',
    kind: 'training' as const,
    topic: '专题培训',
    hours: 2,
    place: '',
    note: '',
    confirmed: 'yes' as const,
    meetingId: '',
    ...change,
  }
}

describe('the kept study hours equal a recount after every kind of write', () => {
  it('follows create, update across years and members, confirm, remove, session and import', async () => {
    const { org: o, members } = await branch(3)
    const [a, b, c] = members.map((m) => m.id) as [string, string, string]
    const today = '2026-12-01'
    const first = await createStudyRecord(entry(a, o.id, { hours: 1.5 }), today)
    const pending = await createStudyRecord(
      entry(a, o.id, { kind: 'self', confirmed: 'no', hours: 0.1 }),
      today,
    )
    await createStudyRecord(entry(b, o.id, { kind: 'self', hours: 0.2 }), today)
    expect(await expectKept()).toHaveLength(2)

    // Moved to the year before and to another member: both member-years recounted.
    await updateStudyRecord(first.id, entry(b, o.id, { studiedOn: '2025-06-01', hours: 3 }), today)
    const kept = await expectKept()
    expect(kept.map((row) => row.key)).toEqual([`2025|${b}`, `2026|${a}`, `2026|${b}`])

    await confirmStudyRecords([pending.id])
    await expectKept()
    await recordStudySession(
      {
        studiedOn: '2026-11-20',
        kind: 'collective',
        topic: '学习党章',
        hours: 4,
        place: '',
        note: '',
        meetingId: '',
      },
      [a, c],
      today,
    )
    await expectKept()
    await importStudyRecords(o.id, [
      {
        name: '党员3',
        idNumber: '',
        studiedOn: '2026-09-01',
        hours: 3,
        topic: '专题培训',
        kind: 'training',
        place: '',
        note: '',
      },
    ])
    expect((await expectKept()).find((row) => row.key === `2026|${c}`)?.confirmedHours).toBe(7)

    // The last record of a member-year gone: its row goes with it.
    await removeStudyRecord(first.id)
    expect((await expectKept()).some((row) => row.key === `2025|${b}`)).toBe(false)
  })

  it('follows raw puts, deletes and clears in any order (replication, restore, demo)', async () => {
    const record = fc.record({
      id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'),
      memberId: fc.constantFrom('m1', 'm2', 'gone'),
      studiedOn: fc.constantFrom('2025-12-31', '2026-01-01', '2026-07-15', 'no date'),
      hours: fc.constantFrom(0.1, 0.2, 0.5, 2),
      confirmed: fc.constantFrom('yes' as const, 'no' as const),
      kind: fc.constantFrom('training' as const, 'self' as const, 'lesson' as const),
    })
    const step = fc.oneof(
      fc.record({ put: fc.array(record, { minLength: 1, maxLength: 3 }) }),
      fc.record({
        remove: fc.array(fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5'), { minLength: 1 }),
      }),
      fc.record({ clear: fc.constant(true) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        await db().studyRecords.clear()
        for (const s of steps) {
          const table = db().studyRecords
          if ('put' in s) {
            await table.bulkPut(s.put.map((r) => ({ ...r, orgId: 'o1' }) as unknown as StudyRecord))
          } else if ('remove' in s) await table.bulkDelete(s.remove)
          else await table.clear()
        }
        const [kept, recount] = await keptAndRecount()
        expect(kept).toEqual(recount)
      }),
      { numRuns: 40 },
    )
  })

  it('follows a restore, replacing or merging the records of a file', async () => {
    const { org: o, members } = await branch(2)
    const [a, b] = members.map((m) => m.id) as [string, string]
    await createStudyRecord(entry(a, o.id, { hours: 3 }), '2026-12-01')
    const file = await readAllTables()
    const later = await createStudyRecord(entry(b, o.id, { hours: 5 }), '2026-12-01')
    await updateStudyRecord(later.id, entry(a, o.id, { hours: 1 }), '2026-12-01')
    await writeBackupTables(file, 'replace')
    expect((await expectKept()).map((row) => [row.key, row.confirmedHours])).toEqual([
      [`2026|${a}`, 3],
    ])
    await createStudyRecord(entry(b, o.id, { hours: 2 }), '2026-12-01')
    const merged = await readAllTables()
    await db().studyRecords.clear()
    expect(await expectKept()).toEqual([])
    await writeBackupTables(merged, 'merge')
    expect(await expectKept()).toHaveLength(2)
  })

  it('is rebuilt page by page from the records, those of missing members too (v7 upgrade)', async () => {
    const { org: o, members } = await branch(5)
    for (const [index, m] of members.entries()) {
      await createStudyRecord(entry(m.id, o.id, { hours: index + 0.5 }), '2026-12-01')
      await createStudyRecord(entry(m.id, o.id, { studiedOn: '2025-03-01' }), '2026-12-01')
    }
    await db().studyRecords.put({
      ...(await db().studyRecords.toCollection().first())!,
      id: 'orphan',
      memberId: 'zz-gone',
    })
    const before = await expectKept()
    await db().transaction('rw', [db().studyHours, db().members, db().studyRecords], (tx) =>
      rebuildStudyHours(tx, 2),
    )
    expect(await expectKept()).toEqual(before)
    expect(before.some((row) => row.memberId === 'zz-gone')).toBe(true)
  })
})
