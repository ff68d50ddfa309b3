import { describe, expect, it } from 'vitest'
import { readArrears, readRegister } from '@/db'
import { monthlyDue } from '@/domain/dues'
import { defaultSettings } from '@/domain/settings'
import type { Dues, Member, Org } from '@/domain/types'
import { createProvince, DUES_MONTHS, DUES_PAYERS, PROVINCE_COUNTS } from '@/services/demo/province'
import { useFreshDb } from '../db/helpers'

const { db } = useFreshDb()
// The bench's PROVINCE_TODAY (src/bench/main.ts): the counts are kept for that day.
const TODAY = '2026-06-30'
const province = createProvince({ today: TODAY })

describe('province 党费 for the bench rows (dues register, province arrears)', () => {
  it('counts exactly the payers it generates, twelve months each', () => {
    expect(province.duesPayers()).toHaveLength(DUES_PAYERS)
    expect(PROVINCE_COUNTS.dues).toBe(DUES_PAYERS * DUES_MONTHS)
    const last = province.rows('dues', PROVINCE_COUNTS.dues - 1, 5)
    expect(last).toHaveLength(1)
  })

  it('gives each payer a base and the year up to last month; some are behind', () => {
    const settings = defaultSettings()
    const payers = province.duesPayers()
    const inFirstOrgs = payers.filter((index) => index < 70).length
    const dues = province.rows('dues', 0, inFirstOrgs * DUES_MONTHS) as Dues[]
    const members = province.rows('members', 0, 70) as Member[]
    const byId = new Map(members.map((m) => [m.id, m]))
    for (const record of dues) {
      const member = byId.get(record.memberId)!
      expect(member, record.id).toBeDefined()
      expect(['full', 'probationary']).toContain(member.stage)
      expect(record.orgId).toBe(member.orgId)
      expect(record.due).toBe(monthlyDue(record, record.month, settings))
      expect(record.due).toBeGreaterThan(0)
      expect([0, record.due]).toContain(record.paid)
    }
    expect(dues.slice(0, DUES_MONTHS).map((record) => record.month)).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `${i < 7 ? 2025 : 2026}-${String(((i + 5) % 12) + 1).padStart(2, '0')}`,
      ),
    )
    // Payer 0 is one in 500: its last seven months are open.
    expect(dues.slice(0, DUES_MONTHS).map((record) => record.paid > 0)).toEqual([
      ...Array<boolean>(5).fill(true),
      ...Array<boolean>(7).fill(false),
    ])
  })

  it('has data for both bench rows once written: a branch register and the arrears list', async () => {
    const payers = province.duesPayers()
    const inFirstOrgs = payers.filter((index) => index < 70).length
    await db().orgs.bulkAdd(province.rows('orgs', 0, 10) as Org[])
    await db().members.bulkAdd(province.rows('members', 0, 70) as Member[])
    await db().dues.bulkAdd(province.rows('dues', 0, inFirstOrgs * DUES_MONTHS) as Dues[])
    const branch = await db().orgs.where('type').equals('branch').first()
    const register = await readRegister(branch!.id, '2026-05')
    expect(register.rows.length).toBeGreaterThan(3)
    expect(register.rows.filter((row) => row.record).length).toBeGreaterThan(3)
    const arrears = await readArrears(null, TODAY, 3)
    expect(arrears.map((row) => [row.memberId, row.months])).toContainEqual([
      (province.rows('members', payers[0]!, 1)[0] as Member).id,
      7,
    ])
  })
})
