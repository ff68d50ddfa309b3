import { describe, expect, it } from 'vitest'
import { yearSheet } from '@/domain/duesYear'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import type { Dues } from '@/domain/types'

const settings = defaultSettings()
// Probationary from the branch vote of 2026-03-10: owes from March (2008 规定).
const member = {
  stage: 'probationary' as const,
  status: 'normal' as const,
  fullMemberOn: '',
  development: { ...emptyDevelopment(), branchVoteOn: '2026-03-10' },
}
type Row = Pick<
  Dues,
  'month' | 'category' | 'base' | 'reduction' | 'due' | 'paid' | 'paidOn' | 'receiptNo'
>
const record = (month: string, partial: Partial<Row> = {}): Row => ({
  month,
  category: 'employed',
  base: 400000, // 4000 元 → 1 % → 40 元
  reduction: null,
  due: 4000,
  paid: 4000,
  paidOn: `${month}-05`,
  receiptNo: `R-${month}`,
  ...partial,
})

describe('the yearly dues sheet of a member', () => {
  it('shows each month: not owed before the vote, paid, underpaid, unpaid, carried arrears', () => {
    const sheet = yearSheet(
      member,
      2026,
      [
        record('2026-03'),
        record('2026-04', { paid: 1000, receiptNo: 'R-4' }),
        // A new base from the month it is paid: 6000 元 → 1.5 % → 90 元 from June.
        record('2026-06', { base: 600000, due: 9000, paid: 9000 }),
      ],
      null,
      '2026-09-15',
      settings,
    )
    expect(sheet.rows.map((row) => [row.month.slice(5), row.state, row.due, row.arrears])).toEqual([
      ['01', 'notOwed', null, 0],
      ['02', 'notOwed', null, 0],
      ['03', 'paid', 4000, 0],
      ['04', 'partial', 4000, 3000],
      ['05', 'unpaid', 4000, 7000],
      ['06', 'paid', 9000, 7000],
      ['07', 'unpaid', 9000, 16000],
      ['08', 'unpaid', 9000, 25000],
      // The current month is still payable: owed, not yet arrears.
      ['09', 'unpaid', 9000, 25000],
      ['10', 'upcoming', 9000, 25000],
      ['11', 'upcoming', 9000, 25000],
      ['12', 'upcoming', 9000, 25000],
    ])
    expect(sheet.rows[3]).toMatchObject({ paid: 1000, paidOn: '2026-04-05', receiptNo: 'R-4' })
    expect(sheet.rows[4]).toMatchObject({
      paid: null,
      paidOn: '',
      receiptNo: '',
      category: 'employed',
    })
    expect(sheet.totals).toEqual({
      due: 4000 * 3 + 9000 * 7,
      paid: 4000 + 1000 + 9000,
      arrears: 25000,
    })
  })

  it('carries the terms of the year before and shows an approved reduction', () => {
    const before = record('2025-11', {
      category: 'retired',
      base: 300000, // retired ≤ 5000 → 0.5 % → 15 元
      due: 1500,
      reduction: {
        kind: 'waived',
        due: 0,
        decidedOn: '2025-11-02',
        approvedOn: '2025-11-20',
        until: '2026-02',
        note: '生活困难',
      },
    })
    const full = {
      ...member,
      stage: 'full' as const,
      fullMemberOn: '2000-07-01',
      development: emptyDevelopment(),
    }
    const sheet = yearSheet(full, 2026, [], before, '2026-05-03', settings)
    expect(
      sheet.rows.slice(0, 5).map((row) => [row.state, row.due, row.reduction, row.category]),
    ).toEqual([
      ['notOwed', 0, 'waived', 'retired'],
      ['notOwed', 0, 'waived', 'retired'],
      ['unpaid', 1500, '', 'retired'],
      ['unpaid', 1500, '', 'retired'],
      ['unpaid', 1500, '', 'retired'],
    ])
    expect(sheet.rows[3]?.arrears).toBe(3000)
    expect(sheet.totals.arrears).toBe(3000)
  })

  it('has no base to compute from before the first record', () => {
    const full = {
      ...member,
      stage: 'full' as const,
      fullMemberOn: '2000-07-01',
      development: emptyDevelopment(),
    }
    const sheet = yearSheet(full, 2026, [], null, '2026-02-10', settings)
    expect(sheet.rows.slice(0, 3).map((row) => row.state)).toEqual(['noBase', 'noBase', 'upcoming'])
    expect(sheet.totals).toEqual({ due: 0, paid: 0, arrears: 0 })
  })
})
