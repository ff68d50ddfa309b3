import { describe, expect, it } from 'vitest'
import {
  boardMonths,
  complianceBoard,
  complianceRates,
  findOverdueMeetings,
  fitWithin,
  hasCommittee,
  periodOf,
  previousPeriod,
  requiredCount,
  type ComplianceOrg,
  type MeetingFact,
} from '@/domain/meetings'
import { defaultSettings } from '@/domain/settings'
import type { CommitteeSeat, MeetingType } from '@/domain/types'

const settings = defaultSettings()
const seat = (memberId: string): CommitteeSeat => ({
  post: 'committeeMember',
  memberId,
  holderName: memberId,
  since: '',
})

describe('periods', () => {
  it('month, quarter, year with their bounds (leap February)', () => {
    expect(periodOf('month', '2024-02-10')).toMatchObject({
      key: '2024-02',
      start: '2024-02-01',
      end: '2024-02-29',
    })
    expect(periodOf('quarter', '2025-09-30')).toMatchObject({
      key: '2025-Q3',
      index: 3,
      start: '2025-07-01',
      end: '2025-09-30',
    })
    expect(periodOf('quarter', '2025-10-01').key).toBe('2025-Q4')
    expect(periodOf('year', '2025-12-31')).toMatchObject({
      key: '2025',
      start: '2025-01-01',
      end: '2025-12-31',
    })
  })
  it('the previous period crosses year boundaries', () => {
    expect(previousPeriod('month', '2026-01-15').key).toBe('2025-12')
    expect(previousPeriod('quarter', '2026-02-01').key).toBe('2025-Q4')
    expect(previousPeriod('year', '2026-06-01').key).toBe('2025')
  })
  it('board months end with the given month', () => {
    expect(boardMonths('2026-02-15', 3)).toEqual(['2025-12', '2026-01', '2026-02'])
  })
})

const branch = (partial: Partial<ComplianceOrg> = {}): ComplianceOrg => ({
  id: 'o1',
  type: 'branch',
  committee: [seat('a'), seat('b'), seat('c')],
  foundedOn: '2018-01-01',
  dissolvedOn: '',
  hasGroups: true,
  ...partial,
})
const held = (
  type: MeetingType,
  heldOn: string,
  status: 'final' | 'draft' = 'final',
): MeetingFact => ({
  orgId: 'o1',
  type,
  heldOn,
  status,
})

describe('required counts', () => {
  const q = periodOf('quarter', '2025-07-01')
  const m = periodOf('month', '2025-07-01')
  it('no committee → no 支委会; no groups → no 小组会', () => {
    expect(requiredCount(branch(), 'committeeMeeting', m, settings)).toBe(1)
    expect(requiredCount(branch({ committee: [seat('a')] }), 'committeeMeeting', m, settings)).toBe(
      0,
    )
    expect(requiredCount(branch({ hasGroups: false }), 'groupMeeting', m, settings)).toBe(0)
  })
  it('committees and general branches are not asked; nor periods before founding or after dissolution', () => {
    expect(requiredCount(branch({ type: 'baseCommittee' }), 'branchAssembly', q, settings)).toBe(0)
    expect(requiredCount(branch({ foundedOn: '2025-08-01' }), 'branchAssembly', q, settings)).toBe(
      0,
    )
    expect(
      requiredCount(branch({ dissolvedOn: '2025-09-01' }), 'branchAssembly', q, settings),
    ).toBe(0)
    expect(
      requiredCount(branch({ dissolvedOn: '2025-10-01' }), 'branchAssembly', q, settings),
    ).toBe(1)
  })
})

describe('compliance board', () => {
  const today = '2025-11-20'
  const months = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']
  const assemblyOnly = ['branchAssembly'] as const

  it('a quarter with an assembly is met in each of its months; one without is missed once over', () => {
    const [row] = complianceBoard(
      [branch()],
      [held('branchAssembly', '2025-09-30')],
      months,
      settings,
      today,
      assemblyOnly,
    )
    expect(row?.cells.map((c) => c.state)).toEqual([
      'missed', // Q2 had none
      'met',
      'met',
      'met',
      'notDue', // Q4 still open
      'notDue',
      'future',
    ])
  })

  it('the meeting counts in the quarter of its date, across the boundary', () => {
    const [row] = complianceBoard(
      [branch()],
      [held('branchAssembly', '2025-10-01')],
      months,
      settings,
      today,
      assemblyOnly,
    )
    expect(row?.cells[3]?.state).toBe('missed')
    expect(row?.cells[4]?.state).toBe('met')
  })

  it('drafts do not count', () => {
    const [row] = complianceBoard(
      [branch()],
      [held('branchAssembly', '2025-08-01', 'draft')],
      months,
      settings,
      today,
      assemblyOnly,
    )
    expect(row?.cells[1]?.state).toBe('missed')
  })

  it('monthly 支委会: a month without one is missed; an org without a committee is never asked', () => {
    const meetings = [held('committeeMeeting', '2025-09-05')]
    const types = ['committeeMeeting'] as const
    const [row] = complianceBoard([branch()], meetings, months, settings, today, types)
    expect(row?.cells.slice(2, 5).map((c) => c.state)).toEqual(['missed', 'met', 'missed'])
    const [none] = complianceBoard([branch({ committee: [] })], [], months, settings, today, types)
    expect(none?.cells.slice(0, 6).every((c) => c.state === 'notDue')).toBe(true)
  })

  it('follows settings changes: two lessons a quarter, or none', () => {
    const lessons = [held('partyLesson', '2025-07-10')]
    const types = ['partyLesson'] as const
    const two = { ...settings, 'meeting.lessonPerQuarter': 2 }
    expect(
      complianceBoard([branch()], lessons, months, two, today, types)[0]?.cells[1]?.state,
    ).toBe('missed')
    expect(
      complianceBoard([branch()], lessons, months, settings, today, types)[0]?.cells[1]?.state,
    ).toBe('met')
    const none = { ...settings, 'meeting.lessonPerQuarter': 0 }
    expect(complianceBoard([branch()], [], months, none, today, types)[0]?.cells[0]?.state).toBe(
      'notDue',
    )
  })

  it('yearly meetings: the previous year is judged, the current year waits for its end', () => {
    const types = ['orgLifeMeeting'] as const
    const [row] = complianceBoard(
      [branch()],
      [held('orgLifeMeeting', '2024-12-20')],
      ['2024-12', '2025-01'],
      settings,
      '2025-02-01',
      types,
    )
    expect(row?.cells.map((c) => c.state)).toEqual(['met', 'notDue'])
  })
})

describe('board cells over all types', () => {
  it('a month whose monthly meetings were held is met while the year is still open', () => {
    const org = branch({ committee: [], hasGroups: false })
    const meetings = [
      held('themedDay', '2025-07-03'),
      held('branchAssembly', '2025-07-04'),
      held('partyLesson', '2025-07-05'),
    ]
    const [row] = complianceBoard(
      [org],
      meetings,
      ['2025-07', '2025-08', '2025-09', '2025-10'],
      settings,
      '2025-10-02',
    )
    expect(row?.cells.map((c) => c.state)).toEqual(['met', 'missed', 'missed', 'notDue'])
  })
})

describe('overdue and rates', () => {
  it('names the last ended quarter without an assembly, and the last month without a 支委会', () => {
    const today = '2025-10-15'
    const overdue = findOverdueMeetings(
      [branch({ hasGroups: false })],
      [
        held('themedDay', '2025-09-02'),
        held('partyLesson', '2025-08-02'),
        held('orgLifeMeeting', '2024-12-20'),
        held('appraisal', '2024-12-20'),
        held('heartToHeart', '2024-05-20'),
      ],
      settings,
      today,
    )
    expect(overdue.map((o) => `${o.type}:${o.period.key}`).sort()).toEqual([
      'branchAssembly:2025-Q3',
      'committeeMeeting:2025-09',
    ])
  })

  it('rates count ended periods only', () => {
    const months = ['2025-07', '2025-08', '2025-09']
    const rates = complianceRates(
      [branch({ committee: [], hasGroups: false })],
      [
        held('branchAssembly', '2025-07-01'),
        held('partyLesson', '2025-07-01'),
        held('themedDay', '2025-07-01'),
      ],
      months,
      settings,
      '2025-10-01',
    )
    // Q3 assembly ✓, Q3 lesson ✓, themed day 7 ✓ 8 ✗ 9 ✗; 2025 yearly types still open.
    expect(rates.get('o1')).toEqual({ due: 5, met: 3, rate: 0.6 })
  })
})

describe('photo size', () => {
  it.each([
    [4000, 3000, 1600, 1200],
    [3000, 4000, 1200, 1600],
    [1600, 900, 1600, 900],
    [800, 600, 800, 600],
    [10000, 10, 1600, 2],
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    expect(fitWithin(w, h, 1600)).toEqual({ width: ew, height: eh })
  })
})

describe('a committee counts people, not seats (支部工作条例 第六章)', () => {
  it.each([
    ['three people', [seat('a'), seat('b'), seat('c')], true],
    ['one person holding two of three seats', [seat('a'), seat('a'), seat('b')], false],
    ['two people', [seat('a'), seat('b')], false],
  ])('%s → a committee %s', (_label, committee, expected) => {
    expect(hasCommittee({ committee }, settings)).toBe(expected)
  })
})
