import { describe, expect, it } from 'vitest'
import { defaultSettings, resolveSettings } from '@/domain/settings'
import {
  attendeesToCredit,
  committeeMemberIds,
  findMembersBehind,
  isBehind,
  isBehindSeason,
  progressByShortfall,
  studyProgress,
  studyTarget,
  studyYearOf,
  sumStudyHours,
  validateStudyEntry,
} from '@/domain/study'
import type { StudyKind, StudyRecord } from '@/domain/types'
import type { StudyRecordInput } from '@/domain/validation'

type Counted = Pick<StudyRecord, 'memberId' | 'studiedOn' | 'hours' | 'confirmed' | 'kind'>
const rec = (
  studiedOn: string,
  hours: number,
  confirmed: 'yes' | 'no' = 'yes',
  memberId = 'm1',
  kind: StudyKind = 'collective',
): Counted => ({ memberId, studiedOn, hours, confirmed, kind })

describe('hours per calendar year', () => {
  const records = [
    rec('2025-12-31', 4),
    rec('2026-01-01', 2),
    rec('2026-06-30', 3.5),
    rec('2026-12-31', 1.5),
    rec('2027-01-01', 8),
    rec('2026-03-01', 2, 'no'),
    rec('2026-03-02', 3, 'yes', 'm2'),
  ]

  it.each([
    [2025, 4, 0],
    [2026, 7, 2],
    [2027, 8, 0],
  ])('year %i: %f confirmed, %f pending', (year, confirmed, pending) => {
    const m1 = sumStudyHours(records, year).get('m1')
    expect(m1?.confirmedHours).toBe(confirmed)
    expect(m1?.pendingHours).toBe(pending)
  })

  it('counts each member apart and skips members without records in the year', () => {
    const totals = sumStudyHours(records, 2026)
    expect(totals.get('m2')?.confirmedHours).toBe(3)
    expect(sumStudyHours(records, 2027).has('m2')).toBe(false)
  })

  it('rounds tenths so sums do not drift', () => {
    const tenths = [rec('2026-01-01', 0.1), rec('2026-01-02', 0.2)]
    expect(sumStudyHours(tenths, 2026).get('m1')?.confirmedHours).toBe(0.3)
  })

  it('ignores records whose date is not a date', () => {
    expect(studyYearOf('2026-02-30')).toBeNaN()
    expect(sumStudyHours([rec('2026-02-30', 5)], 2026).size).toBe(0)
  })
})

describe('progress against the target from settings', () => {
  const hours = { memberId: 'm1', confirmedHours: 20, pendingHours: 6, otherHours: 0 }

  it('uses the default of 32 and leaves pending hours out', () => {
    const progress = studyProgress(hours, defaultSettings())
    expect(progress).toMatchObject({ target: 32, shortfall: 12, percent: 62, reached: false })
  })

  it('follows a changed target', () => {
    const settings = resolveSettings([{ key: 'study.hoursPerYear', value: 20 }])
    expect(studyProgress(hours, settings)).toMatchObject({
      target: 20,
      shortfall: 0,
      percent: 100,
      reached: true,
    })
    const higher = resolveSettings([{ key: 'study.hoursPerYear', value: 48 }])
    expect(studyProgress(hours, higher).shortfall).toBe(28)
  })

  it('caps the bar at 100 and treats a zero target as reached', () => {
    expect(studyProgress({ ...hours, confirmedHours: 50 }, defaultSettings()).percent).toBe(100)
    const none = resolveSettings([{ key: 'study.hoursPerYear', value: 0 }])
    expect(studyProgress(hours, none)).toMatchObject({ percent: 100, reached: true })
  })

  it('confirming a pending entry moves its hours into the progress', () => {
    const before = sumStudyHours([rec('2026-05-01', 30), rec('2026-05-02', 2, 'no')], 2026)
    expect(studyProgress(before.get('m1')!, defaultSettings()).reached).toBe(false)
    const after = sumStudyHours([rec('2026-05-01', 30), rec('2026-05-02', 2, 'yes')], 2026)
    expect(studyProgress(after.get('m1')!, defaultSettings()).reached).toBe(true)
  })

  it('sorts by shortfall, members without records first at the full target', () => {
    const totals = sumStudyHours(
      [rec('2026-01-01', 30, 'yes', 'a'), rec('2026-01-01', 10, 'yes', 'b')],
      2026,
    )
    const rows = progressByShortfall(['a', 'b', 'c'], totals, defaultSettings())
    expect(rows.map((r) => [r.memberId, r.shortfall])).toEqual([
      ['c', 32],
      ['b', 22],
      ['a', 2],
    ])
  })
})

describe('behind in the last quarter', () => {
  const settings = defaultSettings()
  it.each([
    ['2026-09-30', false],
    ['2026-10-01', true],
    ['2026-12-31', true],
    ['2026-01-01', false],
    ['', false],
  ])('%s in season: %s', (today, expected) => {
    expect(isBehindSeason(today, settings)).toBe(expected)
  })

  it('starts earlier when the setting says so', () => {
    const early = resolveSettings([{ key: 'study.behindAfterMonths', value: 6 }])
    expect(isBehindSeason('2026-07-01', early)).toBe(true)
  })

  it('flags only members short of the target', () => {
    const short = studyProgress(
      { memberId: 'm', confirmedHours: 31.5, pendingHours: 8, otherHours: 0 },
      settings,
    )
    const done = studyProgress(
      { memberId: 'm', confirmedHours: 32, pendingHours: 0, otherHours: 0 },
      settings,
    )
    expect(isBehind(short, '2026-11-01', settings)).toBe(true)
    expect(isBehind(done, '2026-11-01', settings)).toBe(false)
    expect(isBehind(short, '2026-08-01', settings)).toBe(false)
  })
})

describe('validating a study entry', () => {
  const entry: StudyRecordInput = {
    memberId: 'm1',
    orgId: 'o1',
    studiedOn: '2026-11-20',
    kind: 'self',
    topic: '学习党章',
    hours: 2,
    place: '',
    note: '',
    confirmed: 'no',
    meetingId: '',
  }
  const today = '2026-11-23'
  const settings = defaultSettings()
  const codes = (input: unknown) => {
    const result = validateStudyEntry(input, today, settings)
    return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`)
  }

  it('accepts a plain entry, today included', () => {
    expect(codes(entry)).toEqual([])
    expect(codes({ ...entry, studiedOn: today })).toEqual([])
  })

  it.each([
    [{ hours: 0 }, 'hours:min'],
    [{ hours: -1 }, 'hours:min'],
    [{ hours: 12.5 }, 'hours:max'],
    [{ studiedOn: '2026-11-24' }, 'studiedOn:max'],
    [{ kind: 'points' }, 'kind:oneOf'],
    [{ topic: '  ' }, 'topic:required'],
  ])('%o → %s', (change, expected) => {
    expect(codes({ ...entry, ...change })).toEqual([expected])
  })

  it('takes the daily maximum from settings', () => {
    const strict = resolveSettings([{ key: 'study.maxHoursPerDay', value: 4 }])
    const result = validateStudyEntry({ ...entry, hours: 5 }, today, strict)
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'hours', code: 'max', params: { max: 4 } },
    ])
  })
})

describe('crediting a meeting', () => {
  it('skips attendees already credited and repeated ids', () => {
    expect(attendeesToCredit(['a', 'b', 'a', 'c'], ['b'])).toEqual(['a', 'c'])
    expect(attendeesToCredit(['a'], ['a'])).toEqual([])
  })
})

describe('members behind for the 待办 list', () => {
  const members = [
    { id: 'a', name: '甲', orgId: 'o' },
    { id: 'b', name: '乙', orgId: 'o' },
    { id: 'c', name: '丙', orgId: 'o' },
  ]
  const totals = sumStudyHours(
    [
      rec('2026-03-01', 32, 'yes', 'a'),
      rec('2026-03-01', 20, 'yes', 'b'),
      rec('2026-03-01', 30, 'no', 'c'),
    ],
    2026,
  )

  it('lists those short of the target in the last quarter, largest shortfall first', () => {
    const behind = findMembersBehind(members, totals, '2026-10-01', defaultSettings())
    expect(behind.map((m) => [m.name, m.shortfall])).toEqual([
      ['丙', 32],
      ['乙', 12],
    ])
  })

  it('lists nobody before the season', () => {
    expect(findMembersBehind(members, totals, '2026-09-30', defaultSettings())).toEqual([])
  })
})

describe('the target counts 集中学习培训 only (党员教育管理工作条例 2019, national)', () => {
  it.each([
    ['collective', true],
    ['lesson', true],
    ['training', true],
    ['self', false],
    ['online', false],
    ['other', false],
  ] as const)('%s counts: %s', (kind, counted) => {
    const hours = sumStudyHours([rec('2026-03-01', 4, 'yes', 'm1', kind)], 2026).get('m1')
    expect(hours?.confirmedHours).toBe(counted ? 4 : 0)
    expect(hours?.otherHours).toBe(counted ? 0 : 4)
  })

  it('32 hours for a member, 56 for secretaries and committee members', () => {
    const settings = defaultSettings()
    const hours = { memberId: 'm1', confirmedHours: 40, pendingHours: 0, otherHours: 0 }
    expect(studyProgress(hours, settings).reached).toBe(true)
    expect(studyProgress(hours, settings, true)).toMatchObject({
      target: 56,
      shortfall: 16,
      reached: false,
    })
    expect(studyTarget(false, settings)).toBe(32)
    expect(studyTarget(true, { ...settings, 'study.committeeHoursPerYear': 48 })).toBe(48)
  })

  it('finds committee members from the orgs’ seats', () => {
    const ids = committeeMemberIds([
      { committee: [{ memberId: 's1' }, { memberId: '' }] },
      { committee: [{ memberId: 'c2' }] },
    ])
    expect([...ids].sort()).toEqual(['c2', 's1'])
  })
})
