import { describe, expect, it } from 'vitest'
import {
  arrearsMonths,
  collectionRate,
  duesClock,
  duesClockDate,
  duesRate,
  duesStartMonth,
  formatYuan,
  monthlyDue,
  owesDuesFor,
  tallyMonth,
  termsFor,
} from '@/domain/dues'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import type { DuesCategory, DuesReduction } from '@/domain/types'

const settings = defaultSettings()
const yuan = (value: number) => Math.round(value * 100)

describe('dues brackets, upper bounds inclusive (党费收缴、使用和管理的规定 2008 一、党费的收缴)', () => {
  it.each([
    ['employed', 0, 0.5],
    ['employed', 3000, 0.5],
    ['employed', 3000.01, 1],
    ['employed', 5000, 1],
    ['employed', 5000.01, 1.5],
    ['employed', 10000, 1.5],
    ['employed', 10000.01, 2],
    ['employed', 50000, 2],
    ['retired', 5000, 0.5],
    ['retired', 5000.01, 1],
    ['retired', 2000, 0.5],
  ] as const)('%s with a base of %s 元 → %s %%', (category, base, percent) => {
    expect(duesRate(yuan(base), category, settings)).toEqual({ kind: 'percent', percent })
  })

  it.each([
    ['student', 0.2],
    ['unemployed', 0.2],
    ['hardship', 0.2],
    ['farmer', 0.2],
  ] as const)(
    '%s pays a flat %s 元 whatever the base (a rate, not a minimum)',
    (category, flat) => {
      expect(duesRate(yuan(8000), category, settings)).toEqual({ kind: 'flat', fen: yuan(flat) })
      expect(monthlyDue({ category, base: yuan(8000), reduction: null }, '2026-05', settings)).toBe(
        yuan(flat),
      )
    },
  )

  it('农牧民 pay what the province sets (dues.farmerYuan, local)', () => {
    const province = { ...settings, 'dues.farmerYuan': 1 }
    expect(monthlyDue({ category: 'farmer', base: 0, reduction: null }, '2026-05', province)).toBe(
      100,
    )
  })

  it.each([
    ['employed', 3000, 15],
    ['employed', 5000, 50],
    ['employed', 10000, 150],
    ['employed', 12345.67, 246.91],
    ['retired', 5000, 25],
    ['retired', 6000, 60],
    ['employed', 1234.5, 6.17],
  ] as const)('%s with %s 元 owes %s 元 a month (rounded to the 分)', (category, base, due) => {
    const terms = { category: category as DuesCategory, base: yuan(base), reduction: null }
    expect(monthlyDue(terms, '2026-05', settings)).toBe(yuan(due))
  })

  it('brackets follow the settings', () => {
    const local = { ...settings, 'dues.bracket1Limit': 3500 }
    expect(duesRate(yuan(3500), 'employed', local)).toEqual({ kind: 'percent', percent: 0.5 })
  })
})

describe('reductions and waivers: branch decision with upper approval, dated', () => {
  const reduction = (partial: Partial<DuesReduction> = {}): DuesReduction => ({
    kind: 'reduced',
    due: 100,
    decidedOn: '2026-03-15',
    approvedOn: '2026-03-20',
    until: '2026-08',
    note: '家庭困难',
    ...partial,
  })
  const terms = (r: DuesReduction) => ({
    category: 'employed' as const,
    base: yuan(6000),
    reduction: r,
  })
  it.each([
    ['before the decision month', reduction(), '2026-02', 90_00 / 100],
    ['from the decision month', reduction(), '2026-03', 1],
    ['through its last month', reduction(), '2026-08', 1],
    ['not after it', reduction(), '2026-09', 90],
    ['not without upper approval', reduction({ approvedOn: '' }), '2026-05', 90],
    ['waived: nothing owed', reduction({ kind: 'waived', due: 0 }), '2026-05', 0],
  ] as const)('%s', (_label, r, month, dueYuan) => {
    expect(monthlyDue(terms(r), month, settings)).toBe(yuan(dueYuan))
  })
})

describe('a new base applies from the month it is paid with, and holds after', () => {
  const records = [
    { month: '2026-01', category: 'employed' as const, base: yuan(4000), reduction: null },
    { month: '2026-07', category: 'employed' as const, base: yuan(6000), reduction: null },
  ]
  it.each([
    ['2025-12', null],
    ['2026-01', 40],
    ['2026-06', 40],
    ['2026-07', 90],
    ['2026-12', 90],
  ] as const)('in %s the month owes %s 元', (month, dueYuan) => {
    const terms = termsFor(records, month)
    expect(terms === null ? null : monthlyDue(terms, month, settings) / 100).toBe(dueYuan)
  })
  it('a reduction past its last month is not carried', () => {
    const reduced = [
      {
        ...records[0]!,
        reduction: {
          kind: 'waived' as const,
          due: 0,
          decidedOn: '2026-01-05',
          approvedOn: '2026-01-10',
          until: '2026-03',
          note: '',
        },
      },
    ]
    expect(termsFor(reduced, '2026-03')?.reduction).not.toBeNull()
    expect(termsFor(reduced, '2026-04')?.reduction).toBeNull()
  })
})

describe('who pays from when: probationary members from the month of the branch vote', () => {
  const member = (partial: object = {}) => ({
    stage: 'probationary' as const,
    status: 'normal' as const,
    fullMemberOn: '',
    development: { ...emptyDevelopment(), branchVoteOn: '2026-04-30' },
    ...partial,
  })
  it.each([
    ['the month before the vote', member(), '2026-03', false],
    ['the month of the vote', member(), '2026-04', true],
    [
      'a full member of old, by the full date',
      member({ stage: 'full', fullMemberOn: '2001-07-01', development: emptyDevelopment() }),
      '2001-07',
      true,
    ],
    ['停止党籍 pays nothing', member({ status: 'suspended' }), '2026-06', false],
    ['出国（境） still pays', member({ status: 'abroad' }), '2026-06', true],
    ['unknown start: not judged', member({ development: emptyDevelopment() }), '2026-06', false],
  ] as const)('%s → %s', (_label, m, month, owes) => {
    expect(owesDuesFor(m, month)).toBe(owes)
  })
  it('start month', () => expect(duesStartMonth(member())).toBe('2026-04'))
})

describe('how far dues are paid: arrears carried, the six-month dues clock', () => {
  const paid = (month: string, due = 100, p = due) => ({ month, due, paid: p })
  it.each([
    ['all paid', [paid('2026-01'), paid('2026-02'), paid('2026-03')], '2026-03', '2026-03'],
    ['a gap carries arrears', [paid('2026-01'), paid('2026-03')], '2026-01', '2026-03'],
    [
      'underpaid month is not settled',
      [paid('2026-01'), paid('2026-02', 100, 50)],
      '2026-01',
      '2026-01',
    ],
    [
      'waived month (due 0) is settled',
      [paid('2026-01', 0, 0), paid('2026-02')],
      '2026-02',
      '2026-02',
    ],
    ['nothing recorded: not judged', [], '', ''],
    ['recorded unpaid from the start', [paid('2026-01', 100, 0)], '2025-12', ''],
    [
      'the book begins with the first record',
      [paid('2026-04'), paid('2026-06')],
      '2026-04',
      '2026-06',
    ],
  ] as const)('%s', (_label, records, paidThrough, lastPaid) => {
    expect(duesClock(records, '2026-01')).toEqual({ paidThrough, lastPaid })
  })
  it.each([
    ['2026-05', '2026-06-30', 0],
    ['2026-05', '2026-07-01', 1],
    ['2026-05', '2026-11-30', 5],
    ['2026-05', '2026-12-01', 6],
    ['', '2026-12-01', 0],
  ] as const)('paid through %s, on %s: %s months in arrears', (through, on, months) => {
    expect(arrearsMonths(through, on)).toBe(months)
  })
  it('the clock date is the last day of the last settled month, or before the book began', () => {
    expect(duesClockDate({ paidThrough: '2026-01', lastPaid: '2026-02' })).toBe('2026-02-28')
    expect(duesClockDate({ paidThrough: '2026-03', lastPaid: '' })).toBe('2026-03-31')
  })
})

describe('collection per org and month', () => {
  it('sums due and paid, counts settled members; rate is paid ÷ due', () => {
    const tally = tallyMonth([
      { month: '2026-05', due: 100, paid: 100 },
      { month: '2026-05', due: 300, paid: 0 },
    ])
    expect(tally).toEqual({ due: 400, paid: 100, members: 2, settled: 1 })
    expect(collectionRate(tally)).toBe(0.25)
    expect(collectionRate({ due: 0, paid: 0 })).toBe(1)
    expect(collectionRate(null)).toBeNull()
  })
  it('shows 元 with two decimals', () => {
    expect(formatYuan(24691)).toBe('246.91')
    expect(formatYuan(5)).toBe('0.05')
  })
})
