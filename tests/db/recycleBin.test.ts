import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  countRecycleBin,
  createArea,
  createFirm,
  EMPTY_BIN_SUMMARY,
  emptyRecycleBin,
  listRecentAudit,
  listRecycleBin,
  purgeRecycleEntry,
  PURGE_SUMMARY,
  replaceAllRecords,
  setSnapshotChunkRows,
  SNAPSHOT_TABLE,
} from '@/db'
import { removeRecord } from '@/db/records'
import { area, firm, useFreshDb } from './helpers'

const { db } = useFreshDb()

/** Two records a piece, so each snapshot below has several pieces. */
beforeEach(() => setSnapshotChunkRows(2))
afterEach(() => setSnapshotChunkRows())

/** A bin with two snapshots (each in pieces) and one deleted record; 2 areas + 1 firm live. */
async function fillBin(): Promise<void> {
  for (const name of ['甲市', '乙市', '丙市']) await createArea(area({ name, code: '' }))
  await replaceAllRecords({}, 'clear', 'clear', 'clear')
  for (const name of ['丁市', '戊市', '己市']) await createArea(area({ name, code: '' }))
  await replaceAllRecords({}, 'clear', 'clear', 'clear')
  const city = await createArea(area({ name: '包头市' }))
  await createArea(area({ name: '呼和浩特市', code: '150100' }))
  await createFirm(firm(city.id))
  const doomed = await createArea(area({ name: '待删地区', code: '' }))
  await removeRecord('areas', doomed.id, doomed.name)
}

describe('emptying the recycle bin', () => {
  it('deletes every entry, snapshots with their pieces, and audits it once', async () => {
    await fillBin()
    expect(await countRecycleBin()).toBe(3)
    // The pieces are there beside the three listed entries.
    expect(await db().recycleBin.count()).toBeGreaterThan(3)
    const auditBefore = await db().auditLog.count()

    expect(await emptyRecycleBin()).toBe(3)

    expect(await db().recycleBin.count()).toBe(0)
    expect(await countRecycleBin()).toBe(0)
    expect(await listRecycleBin(0, 10)).toEqual([])
    expect(await db().auditLog.count()).toBe(auditBefore + 1)
    expect((await listRecentAudit(1))[0]).toMatchObject({
      action: 'delete',
      table: '*',
      recordId: '',
      summary: `${EMPTY_BIN_SUMMARY}:3`,
      actor: '测试员',
    })
    // The records themselves are not the bin's: they stay.
    expect(await db().areas.count()).toBe(2)
    expect(await db().firms.count()).toBe(1)
  })

  it('does nothing and audits nothing when the bin is already empty', async () => {
    await createArea(area())
    const auditBefore = await db().auditLog.count()
    expect(await emptyRecycleBin()).toBe(0)
    expect(await db().auditLog.count()).toBe(auditBefore)
  })

  it('is all or nothing: a failed audit write leaves every entry and piece in the bin', async () => {
    await fillBin()
    const binBefore = await db().recycleBin.count()
    const auditBefore = await db().auditLog.count()
    const spy = vi
      .spyOn(db().auditLog, 'add')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    await expect(emptyRecycleBin()).rejects.toMatchObject({ name: 'QuotaExceededError' })
    spy.mockRestore()
    expect(await db().recycleBin.count()).toBe(binBefore)
    expect(await countRecycleBin()).toBe(3)
    expect(await db().auditLog.count()).toBe(auditBefore)
  })
})

describe('purging one entry', () => {
  it('audits the purge under its code with the label, so the log can say what went', async () => {
    await fillBin()
    const entries = await listRecycleBin(0, 10)
    const head = entries.find((entry) => entry.table === SNAPSHOT_TABLE)!
    await purgeRecycleEntry(head.id)
    expect((await listRecentAudit(1))[0]).toMatchObject({
      action: 'delete',
      table: '*',
      summary: `${PURGE_SUMMARY}:clear`,
    })
    const record = entries.find((entry) => entry.table === 'areas')!
    await purgeRecycleEntry(record.id)
    expect((await listRecentAudit(1))[0]).toMatchObject({
      action: 'delete',
      table: 'areas',
      summary: `${PURGE_SUMMARY}:待删地区`,
    })
    expect(await countRecycleBin()).toBe(1)
  })
})
