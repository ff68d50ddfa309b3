import { describe, expect, it } from 'vitest'
import { emptyDevelopment } from '@/domain/members'
import { defaultSettings } from '@/domain/settings'
import {
  findSixMonthAlarms,
  lastExcusedOn,
  sixMonthClocks,
  type SixMonthFacts,
} from '@/domain/sixMonths'
import type { AbsenceReason, Meeting } from '@/domain/types'

const settings = defaultSettings()
const today = '2026-12-01'

function member(partial: Partial<SixMonthFacts> = {}): SixMonthFacts {
  return {
    id: 'm1',
    orgId: 'o1',
    name: '李强',
    stage: 'full',
    status: 'normal',
    lastAttendedOn: '2026-11-10',
    fullMemberOn: '2010-07-01',
    development: emptyDevelopment(),
    ...partial,
  }
}
const paidThrough = (month: string) => ({ paidThrough: month, lastPaid: month })
const alarmsOf = (m: SixMonthFacts, dues = paidThrough('2026-11'), excusedOn = '', on = today) =>
  findSixMonthAlarms([{ member: m, inputs: { excusedOn, dues } }], settings, on).map(
    (alarm) => alarm.trigger,
  )

describe('党章 第九条: three independent triggers, each alarming on its own', () => {
  it.each([
    ['none', member(), paidThrough('2026-11'), []],
    [
      'attendance alone',
      member({ lastAttendedOn: '2026-05-20' }),
      paidThrough('2026-11'),
      ['attendance'],
    ],
    ['dues alone', member(), paidThrough('2026-05'), ['dues']],
    [
      'work alone (the secretary’s flag)',
      member({ workNotDone: { since: '2026-05-01', note: '拒不完成支部分配的联系群众任务' } }),
      paidThrough('2026-11'),
      ['work'],
    ],
    [
      'all three',
      member({
        lastAttendedOn: '2026-01-01',
        workNotDone: { since: '2026-01-01', note: '未完成' },
      }),
      paidThrough('2026-01'),
      ['attendance', 'dues', 'work'],
    ],
  ] as const)('%s → %j', (_label, m, dues, triggers) => {
    expect(alarmsOf(m, dues)).toEqual(triggers)
  })

  it('a work flag set less than six months ago does not alarm yet', () => {
    expect(alarmsOf(member({ workNotDone: { since: '2026-06-02', note: '未完成' } }))).toEqual([])
  })

  it('dues are not judged where they are not collected (temporary branch: no clock given)', () => {
    const m = member()
    const alarms = findSixMonthAlarms([{ member: m, inputs: { excusedOn: '' } }], settings, today)
    expect(alarms).toEqual([])
  })

  it('a status that pays no dues runs no dues clock', () => {
    expect(
      sixMonthClocks(member({ status: 'suspended' }), {
        excusedOn: '',
        dues: paidThrough('2020-01'),
      }).dues,
    ).toBeUndefined()
  })
})

describe('the boundary day of the dues clock: six whole months unpaid', () => {
  it.each([
    ['2026-11-30', []],
    ['2026-12-01', ['dues']],
  ] as const)('last paid May, on %s → %j', (on, triggers) => {
    expect(alarmsOf(member({ lastAttendedOn: on }), paidThrough('2026-05'), '', on)).toEqual(
      triggers,
    )
  })
  it('the boundary day of attendance: six months to the day', () => {
    const m = member({ lastAttendedOn: '2026-06-01' })
    expect(alarmsOf(m, paidThrough('2026-11'), '', '2026-12-01')).toEqual([])
    expect(alarmsOf(m, paidThrough('2026-11'), '', '2026-12-02')).toEqual(['attendance'])
  })
})

describe('absences with a good reason do not count toward the attendance clock', () => {
  const meeting = (
    heldOn: string,
    reason: AbsenceReason,
  ): Pick<Meeting, 'heldOn' | 'status' | 'absentees'> => ({
    heldOn,
    status: 'final',
    absentees: [{ memberId: 'm1', reason, note: '' }],
  })
  it.each([
    ['因公 (work)', 'work', '2026-09-10'],
    ['因病 (sick)', 'sick', '2026-09-10'],
    ['因事 (personal)', 'personal', '2026-09-10'],
    ['other, no good reason', 'other', ''],
  ] as const)('%s', (_label, reason, excused) => {
    expect(lastExcusedOn('m1', [meeting('2026-09-10', reason)])).toBe(excused)
  })
  it('an excused absence keeps the alarm off; an unexcused one does not', () => {
    const m = member({ lastAttendedOn: '2026-03-01' })
    expect(alarmsOf(m, paidThrough('2026-11'), '2026-09-10')).toEqual([])
    expect(alarmsOf(m, paidThrough('2026-11'), '')).toEqual(['attendance'])
  })
  it('a draft meeting excuses nothing', () => {
    expect(lastExcusedOn('m1', [{ ...meeting('2026-09-10', 'sick'), status: 'draft' }])).toBe('')
  })
})

describe('the alarm carries the branch’s latest step for its trigger', () => {
  it('talk recorded', () => {
    const m = member({
      sixMonthSteps: [
        { on: '2026-11-02', kind: 'talk', trigger: 'dues', note: '已谈话' },
        { on: '2026-11-03', kind: 'talk', trigger: 'attendance', note: '' },
      ],
    })
    const [alarm] = findSixMonthAlarms(
      [{ member: m, inputs: { excusedOn: '', dues: paidThrough('2026-04') } }],
      settings,
      today,
    )
    expect(alarm).toMatchObject({ trigger: 'dues', step: { kind: 'talk', on: '2026-11-02' } })
  })
})
