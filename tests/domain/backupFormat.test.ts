import { describe, expect, it } from 'vitest'
import {
  BackupError,
  backupFileName,
  backupReminder,
  backupTodoItem,
  canonicalJson,
  checkTableRows,
  incomingIsNewer,
  parseBackupJson,
  type TableSpec,
} from '@/domain/backupFormat'

const codeOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    return error instanceof BackupError ? error.code : `other: ${String(error)}`
  }
  return 'none'
}

describe('canonicalJson', () => {
  it('sorts keys at every level, so key order never changes the checksum', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: '<b>' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":"<b>","z":0}]},"b":1}',
    )
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
  })

  it('drops undefined members as JSON does and refuses functions', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}')
    expect(codeOf(() => canonicalJson({ f: () => 1 }))).toBe('shape')
  })

  it('refuses nesting deeper than any record has', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    expect(codeOf(() => canonicalJson(deep))).toBe('tooDeep')
  })
})

describe('parseBackupJson', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere', (key) => {
    expect(codeOf(() => parseBackupJson(`{"a":[{"${key}":{"x":1}}]}`))).toBe('hostileKey')
  })

  it('keeps HTML as plain text and calls broken JSON notJson', () => {
    expect(parseBackupJson('{"note":"<script>alert(1)</script>"}')).toEqual({
      note: '<script>alert(1)</script>',
    })
    expect(codeOf(() => parseBackupJson('{"a":'))).toBe('notJson')
  })
})

describe('checkTableRows', () => {
  const spec: TableSpec = {
    name: 'firms',
    primaryKey: 'id',
    stamped: true,
    indexes: [
      { path: 'name', multi: false, unique: false },
      { path: 'creditCode', multi: false, unique: true },
      { path: 'nameTokens', multi: true, unique: false },
    ],
  }
  const row = (partial: Record<string, unknown> = {}) => ({
    id: 'f1',
    name: '甲',
    creditCode: 'c1',
    nameTokens: ['甲'],
    createdAt: 'x',
    updatedAt: 'y',
    ...partial,
  })

  it.each([
    ['accepts good rows', [row(), row({ id: 'f2', creditCode: 'c2' })], 'none'],
    ['a row that is not an object', [[1]], 'shape'],
    ['an empty id', [row({ id: '' })], 'badId'],
    ['a numeric id', [row({ id: 7 })], 'badId'],
    ['a repeated id', [row(), row({ creditCode: 'c2' })], 'duplicateId'],
    ['a missing timestamp', [row({ updatedAt: undefined })], 'shape'],
    ['an object in an indexed field', [row({ name: {} })], 'badKey'],
    ['a multi-entry index that is no array', [row({ nameTokens: '甲' })], 'badKey'],
    ['a unique index repeated', [row(), row({ id: 'f2' })], 'badKey'],
    ['a damaged photo', [row({ blob: { $blob: '***', type: 'image/png' } })], 'badBlob'],
    ['a photo with extra keys', [row({ blob: { $blob: 'AA==', type: 'x', more: 1 } })], 'badBlob'],
  ])('%s', (_, rows, code) => {
    expect(codeOf(() => checkTableRows(spec, rows))).toBe(code)
  })
})

describe('merge and reminder rules', () => {
  it('the newer updatedAt wins; a tie keeps what is here', () => {
    expect(incomingIsNewer(undefined, { updatedAt: 'a' })).toBe(true)
    expect(incomingIsNewer({ updatedAt: '2026-01-02' }, { updatedAt: '2026-01-01' })).toBe(false)
    expect(incomingIsNewer({ updatedAt: '2026-01-01' }, { updatedAt: '2026-01-01' })).toBe(false)
    expect(incomingIsNewer({ updatedAt: '2026-01-01' }, { updatedAt: '2026-01-02' })).toBe(true)
  })

  const now = new Date('2026-11-23T08:00:00.000Z')
  it.each([
    ['never backed up, with data', '', 10, { due: true, daysSince: null }],
    ['never backed up, empty database', '', 0, { due: false, daysSince: null }],
    ['6 days ago', '2026-11-17T08:00:00.000Z', 10, { due: false, daysSince: 6 }],
    ['exactly 7 days ago', '2026-11-16T08:00:00.000Z', 10, { due: true, daysSince: 7 }],
    ['a clock set back', '2027-01-01T00:00:00.000Z', 10, { due: false, daysSince: 0 }],
  ])('reminder: %s', (_, last, records, expected) => {
    expect(backupReminder(last, now, 7, records)).toEqual(expected)
  })

  it('a 待办 line links to /data, due when the interval ran out, first when never', () => {
    expect(backupTodoItem({ due: false, daysSince: 1 }, 7, '2026-11-22')).toBeNull()
    expect(backupTodoItem({ due: true, daysSince: 7 }, 7, '2026-11-16')).toMatchObject({
      kind: 'data',
      code: 'backup.todo.due',
      urgency: 'soon',
      dueOn: '2026-11-23',
      link: '/data',
      params: { days: 7, limit: 7 },
    })
    expect(backupTodoItem({ due: true, daysSince: 9 }, 7, '2026-11-14')?.urgency).toBe('overdue')
    expect(backupTodoItem({ due: true, daysSince: null }, 7, '')).toMatchObject({
      code: 'backup.todo.never',
      urgency: 'overdue',
      dueOn: '',
    })
  })

  it('file names carry the local date and time', () => {
    expect(backupFileName(new Date(2026, 10, 3, 9, 5))).toBe('zhibu-backup-2026-11-03-0905.zhibu')
  })
})
