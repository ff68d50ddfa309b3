import { describe, expect, it } from 'vitest'
import {
  countRecords,
  createArea,
  createFirm,
  listRecentAudit,
  listRecycleBin,
  readMeta,
  readSettings,
  replaceAllRecords,
  resetSetting,
  restoreFromRecycleBin,
  saveSetting,
} from '@/db'
import { area, firm, useFreshDb } from './helpers'

const { db } = useFreshDb()

describe('replaceAllRecords', () => {
  it('writes everything, keeps the old data as one snapshot and audits once', async () => {
    const city = await createArea(area())
    await createFirm(firm(city.id))
    const auditBefore = await db().auditLog.count()
    const newArea = {
      ...area({ name: '赤峰市' }),
      id: 'a2',
      path: '/a2/',
      createdAt: 'x',
      updatedAt: 'x',
    }
    await replaceAllRecords({ areas: [newArea] }, 'demo', 'demo', 'demo')

    expect(await countRecords()).toMatchObject({ areas: 1, firms: 0 })
    expect(await db().auditLog.count()).toBe(auditBefore + 1)
    expect((await listRecentAudit(1))[0]).toMatchObject({ action: 'demo', table: '*' })
    const [snapshot] = await listRecycleBin(0, 10)
    expect(snapshot).toMatchObject({ table: '*snapshot', label: 'demo', record: { total: 2 } })
    expect(await readMeta('demoLoadedAt')).not.toBe('')
    expect(await readMeta('firstRunDone')).not.toBe('')
  })

  it('brings a snapshot back, and keeps what it replaced as a snapshot in turn', async () => {
    const city = await createArea(area())
    const created = await createFirm(firm(city.id))
    await replaceAllRecords({}, 'clear', 'clear', 'clear')
    expect(await countRecords()).toMatchObject({ areas: 0, firms: 0 })
    const [snapshot] = await listRecycleBin(0, 10)
    await restoreFromRecycleBin(snapshot!.id)
    expect(await db().firms.get(created.id)).toEqual(created)
    expect(await db().areas.get(city.id)).toEqual(city)
    // The empty database it replaced had nothing to keep: no new snapshot.
    expect(await db().recycleBin.count()).toBe(0)
  })

  it('rolls back entirely when one record cannot be written', async () => {
    const city = await createArea(area())
    const duplicate = { ...area(), id: 'same', path: '/same/', createdAt: 'x', updatedAt: 'x' }
    await expect(
      replaceAllRecords({ areas: [duplicate, duplicate] }, 'demo', 'demo', 'demo'),
    ).rejects.toThrow()
    expect(await db().areas.get(city.id)).toEqual(city)
    expect(await db().recycleBin.count()).toBe(0)
  })
})

describe('settings', () => {
  it('are the defaults until changed, and the change is audited', async () => {
    expect((await readSettings())['study.hoursPerYear']).toBe(32)
    await saveSetting('study.hoursPerYear', 40)
    expect((await readSettings())['study.hoursPerYear']).toBe(40)
    expect((await listRecentAudit(1))[0]).toMatchObject({
      table: 'settings',
      recordId: 'study.hoursPerYear',
    })
    await resetSetting('study.hoursPerYear')
    expect((await readSettings())['study.hoursPerYear']).toBe(32)
  })

  it('refuses a value that is not a number', async () => {
    await expect(saveSetting('study.hoursPerYear', Number.NaN)).rejects.toThrow(RangeError)
    expect(await db().settings.count()).toBe(0)
  })
})
