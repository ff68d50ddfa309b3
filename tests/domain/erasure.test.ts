import { describe, expect, it } from 'vitest'
import { eraseFromHistoryRow, eraseFromRecord, snapshotsOverLimit } from '@/domain/erasure'

const snap = (id: string, takenAt: string, bytes: number) => ({ id, takenAt, bytes })

describe('eraseFromRecord', () => {
  it('drops the member and their own records, keeps records of others', () => {
    expect(eraseFromRecord('members', { id: 'm1' }, 'm1').kind).toBe('drop')
    expect(eraseFromRecord('members', { id: 'm2' }, 'm1').kind).toBe('keep')
    for (const table of ['transfers', 'dues', 'studyRecords']) {
      expect(eraseFromRecord(table, { id: 'x', memberId: 'm1' }, 'm1').kind).toBe('drop')
      expect(eraseFromRecord(table, { id: 'x', memberId: 'm2' }, 'm1').kind).toBe('keep')
    }
    // A meeting keeps the bare id: an anonymous reference to the tombstone.
    expect(eraseFromRecord('meetings', { id: 'g', attendeeIds: ['m1'] }, 'm1').kind).toBe('keep')
  })

  it('clears the name of a seat the member holds, now and in past terms', () => {
    const seat = { post: 'secretary', memberId: 'm1', holderName: '赵敏学', since: '' }
    const other = { ...seat, memberId: 'm2', holderName: '钱多多' }
    const result = eraseFromRecord(
      'orgs',
      { id: 'o', committee: [seat, other], pastTerms: [{ number: 1, committee: [seat] }] },
      'm1',
    )
    expect(result).toEqual({
      kind: 'change',
      row: {
        id: 'o',
        committee: [{ ...seat, holderName: '' }, other],
        pastTerms: [{ number: 1, committee: [{ ...seat, holderName: '' }] }],
      },
    })
    expect(eraseFromRecord('orgs', { id: 'o', committee: [other] }, 'm1').kind).toBe('keep')
  })

  it('empties a leaf body and drops an old body of an erased record', () => {
    const row = { id: 'members:m1:1-a', table: 'members', recordId: 'm1', body: { id: 'm1' } }
    expect(eraseFromHistoryRow('leaves', row, 'm1')).toEqual({
      kind: 'change',
      row: { ...row, body: null },
    })
    expect(eraseFromHistoryRow('revisionBodies', row, 'm1').kind).toBe('drop')
    expect(eraseFromHistoryRow('leaves', { ...row, body: null }, 'm1').kind).toBe('keep')
  })
})

describe('snapshotsOverLimit', () => {
  const list = [
    snap('a', '2026-01-01', 10),
    snap('b', '2026-02-01', 10),
    snap('c', '2026-03-01', 10),
  ]

  it('prunes the oldest beyond the count, oldest first', () => {
    expect(snapshotsOverLimit(list, 1, 0).map((s) => s.id)).toEqual(['a', 'b'])
    expect(snapshotsOverLimit(list, 3, 0)).toEqual([])
  })

  it('prunes by size, never the newest alone, and everything older than a pruned one', () => {
    expect(snapshotsOverLimit(list, 0, 20).map((s) => s.id)).toEqual(['a'])
    expect(snapshotsOverLimit(list, 0, 5).map((s) => s.id)).toEqual(['a', 'b'])
    const uneven = [
      snap('a', '2026-01-01', 1),
      snap('b', '2026-02-01', 50),
      snap('c', '2026-03-01', 10),
    ]
    expect(snapshotsOverLimit(uneven, 0, 30).map((s) => s.id)).toEqual(['a', 'b'])
  })

  it('0 means no limit of that kind', () => {
    expect(snapshotsOverLimit(list, 0, 0)).toEqual([])
  })
})
