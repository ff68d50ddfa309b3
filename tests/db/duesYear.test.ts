import { describe, expect, it } from 'vitest'
import { createArea, createMember, createOrg, readMemberYearRecords, savePayment } from '@/db'
import { NotFoundError } from '@/db/errors'
import { area, member, org, useFreshDb } from './helpers'

useFreshDb()

describe('the records of a member’s yearly sheet', () => {
  it('reads the year’s records and the latest one before it, by index', async () => {
    const a = await createArea(area())
    const o = await createOrg(org(a.id, { name: '一支部' }))
    const m = await createMember(
      member(o.id, { idNumber: '', phone: '', fullMemberOn: '2010-07-01' }),
    )
    const other = await createMember(
      member(o.id, { name: '李强', idNumber: '', phone: '', fullMemberOn: '2010-07-01' }),
    )
    const pay = (memberId: string, month: string) =>
      savePayment({
        memberId,
        orgId: o.id,
        month,
        category: 'employed',
        base: 400000,
        reduction: null,
        paid: 4000,
        paidOn: `${month}-05`,
        receiptNo: '',
        note: '',
      })
    for (const month of ['2025-10', '2025-11', '2026-02', '2026-12', '2027-01'])
      await pay(m.id, month)
    await pay(other.id, '2026-03')
    const year = await readMemberYearRecords(m.id, 2026)
    expect(year.orgName).toBe('一支部')
    expect(year.member.id).toBe(m.id)
    expect(year.records.map((r) => r.month)).toEqual(['2026-02', '2026-12'])
    expect(year.before?.month).toBe('2025-11')
    expect((await readMemberYearRecords(m.id, 2025)).before).toBeNull()
    await expect(readMemberYearRecords('nobody', 2026)).rejects.toBeInstanceOf(NotFoundError)
  })
})
