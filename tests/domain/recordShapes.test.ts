import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { RECORD_TABLES } from '@/db'
import { getDb } from '@/db/connection'
import { checkRecordShape, checkRecycleEntry, ReferenceCheck } from '@/domain/recordShapes'
import type { RecordTable } from '@/domain/recordTables'
import { loadDemoData } from '@/services/demoLoader'
import { useFreshDb } from '../db/helpers'
import { keepBlobsInFakeIndexedDb } from '../services/backup/helpers'

keepBlobsInFakeIndexedDb()
useFreshDb()

describe('strict shapes of every record', { timeout: 60_000 }, () => {
  it('every record of the demo passes, and its references resolve', async () => {
    await loadDemoData('2026-11-23')
    const references = new ReferenceCheck()
    for (const table of RECORD_TABLES as readonly RecordTable[]) {
      const rows = (await getDb().table(table).toArray()) as Record<string, unknown>[]
      for (const row of rows) {
        expect(checkRecordShape(table, row), `${table} ${String(row.id)}`).toBeNull()
        references.record(table, row)
      }
    }
    expect([...references.unresolved().values()].flatMap((m) => [...m.values()])).toEqual([])
  })
  it('a meeting an older version stored without a topic is restored, not refused', async () => {
    await loadDemoData('2026-11-23')
    const sample = (await getDb().meetings.limit(1).toArray())[0]!
    expect(checkRecordShape('meetings', { ...sample, topic: '' })).toBeNull()
    expect(checkRecordShape('meetings', { ...sample, topic: 42 })?.field).toBe('topic')
  })
})

describe('hostile records are refused naming table, id and field', { timeout: 60_000 }, () => {
  it('every field of every table: a wrong value there is named', async () => {
    await loadDemoData('2026-11-23')
    const WEIRD: unknown[] = [42, null, {}, [], 'x'.repeat(100_001), true, -1.5, '<svg onload=1>']
    let checked = 0
    for (const table of RECORD_TABLES as readonly RecordTable[]) {
      const sample = (await getDb().table(table).limit(1).toArray())[0] as
        Record<string, unknown> | undefined
      if (!sample) continue
      for (const field of Object.keys(sample)) {
        for (const weird of WEIRD) {
          const problem = checkRecordShape(table, { ...sample, [field]: weird })
          if (problem === null) continue
          checked += 1
          expect(problem.table).toBe(table)
          expect(
            problem.field.split('.')[0],
            `${table}.${field} = ${String(weird).slice(0, 20)}`,
          ).toBe(field)
        }
        // A field no record has is refused by name.
        expect(checkRecordShape(table, { ...sample, [`${field}X`]: '' })?.field).toBe(`${field}X`)
      }
      // A string of 20 MB in any text field is refused, never stored.
      expect(
        checkRecordShape(table, { ...sample, id: 'x'.repeat(20 * 1024 * 1024) }),
      ).not.toBeNull()
    }
    expect(checked).toBeGreaterThan(300)
  })

  it('a number as an org name, an org that does not exist, a photo that is an SVG', async () => {
    await loadDemoData('2026-11-23')
    const org = (await getDb().orgs.limit(1).toArray())[0]!
    expect(checkRecordShape('orgs', { ...org, name: 42 })).toMatchObject({
      table: 'orgs',
      id: org.id,
      field: 'name',
    })
    const member = (await getDb().members.limit(1).toArray())[0]!
    const references = new ReferenceCheck()
    references.record('members', { ...member, orgId: 'no-such-org' })
    const missing = references.unresolved().get('orgs')!.get('no-such-org')
    expect(missing).toMatchObject({
      table: 'members',
      id: member.id,
      field: 'orgId',
      code: 'badReference',
    })
    const svg = btoa('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const photo = {
      id: 'p1',
      meetingId: 'm1',
      name: 'a.png',
      type: 'image/png',
      width: 1,
      height: 1,
      blob: { $blob: svg, type: 'image/png' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
    expect(checkRecordShape('photos', photo)).toMatchObject({ field: 'blob' })
    expect(checkRecordShape('photos', { ...photo, type: 'image/svg+xml' })).toMatchObject({
      field: 'type',
    })
  })

  it('a recycle-bin entry may hold a record of a record table only, never meta or settings', () => {
    const entry = {
      id: 'r1',
      table: 'meta',
      recordId: 'deviceId',
      label: 'x',
      deletedAt: '2026-01-01T00:00:00.000Z',
      deletedBy: 'x',
      record: { key: 'deviceId', value: 'attacker' },
    }
    expect(checkRecycleEntry(entry, RECORD_TABLES)).toMatchObject({ field: 'table' })
    expect(checkRecycleEntry({ ...entry, table: 'settings' }, RECORD_TABLES)).not.toBeNull()
    expect(
      checkRecycleEntry(
        { ...entry, table: '*snapshot-chunk', record: { table: 'meta', rows: [] } },
        RECORD_TABLES,
      ),
    ).toMatchObject({ field: 'record.table' })
  })
})
