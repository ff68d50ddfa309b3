import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskPhone } from '@/domain/mask'
import { emptyDevelopment } from '@/domain/members'
import {
  ageBandOf,
  alarmCutoff,
  attendanceAlarm,
  birthDateRange,
  emptyMemberFilter,
  findAttendanceAlarms,
  isStatusActionDue,
  memberMatcher,
  partyYears,
  sixMonthAlarms,
  statusDeadline,
  type AlarmFacts,
} from '@/domain/memberRules'
import { defaultSettings } from '@/domain/settings'
import { isLetterExpired, transferEffect, validateTransfer } from '@/domain/transfers'
import type { Member } from '@/domain/types'

const settings = defaultSettings()
const today = '2026-11-23'

function facts(partial: Partial<AlarmFacts> = {}): AlarmFacts {
  return {
    id: 'm1',
    orgId: 'o1',
    name: '王芳',
    stage: 'full',
    status: 'normal',
    lastAttendedOn: '2026-10-01',
    fullMemberOn: '2010-07-01',
    development: emptyDevelopment(),
    ...partial,
  }
}

describe('党龄 from the full-member date', () => {
  it.each([
    ['2010-07-01', '2026-06-30', 15],
    ['2010-07-01', '2026-07-01', 16],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
    ['', today, null],
    ['2027-01-01', today, null],
  ])('full on %s, today %s → %s', (fullOn, on, years) => {
    expect(partyYears(fullOn, on)).toBe(years)
  })
})

describe('age bands', () => {
  it.each([
    ['1996-11-24', 'upTo30'], // 29
    ['1995-11-23', 'from31to40'], // 31 today
    ['1995-11-24', 'upTo30'], // 30, 31 tomorrow
    ['1965-11-23', 'from61'],
    ['1965-11-24', 'from51to60'],
  ])('born %s → %s', (birth, band) => {
    expect(ageBandOf(birth, today)).toBe(band)
  })
  it('the birth-date range of a band agrees with ageBandOf at both ends', () => {
    const range = birthDateRange('from31to40', today)
    expect(ageBandOf(range.from, today)).toBe('from31to40')
    expect(ageBandOf(range.to, today)).toBe('from31to40')
    expect(ageBandOf('1985-11-23', today)).toBe('from41to50')
    expect(range.from).toBe('1985-11-24')
    expect(range.to).toBe('1995-11-23')
  })
})

describe('roster filter', () => {
  const member = (partial: Partial<Member>): Member =>
    ({
      ...facts(),
      gender: 'female',
      ethnicity: 'han',
      education: 'bachelor',
      birthDate: '1990-01-01',
      phone: '13812345678',
      ...partial,
    }) as Member
  it('leaves transferred-out members off the roster unless asked for', () => {
    const gone = member({ status: 'transferredOut' })
    expect(memberMatcher(emptyMemberFilter(), today)(gone)).toBe(false)
    expect(memberMatcher({ ...emptyMemberFilter(), status: 'transferredOut' }, today)(gone)).toBe(
      true,
    )
  })
  it('searches a name start or a phone start', () => {
    const m = member({})
    expect(memberMatcher({ ...emptyMemberFilter(), text: '王' }, today)(m)).toBe(true)
    expect(memberMatcher({ ...emptyMemberFilter(), text: '芳' }, today)(m)).toBe(false)
    expect(memberMatcher({ ...emptyMemberFilter(), text: '1381' }, today)(m)).toBe(true)
    expect(memberMatcher({ ...emptyMemberFilter(), text: '1391' }, today)(m)).toBe(false)
    expect(memberMatcher({ ...emptyMemberFilter(), ageBand: 'from31to40' }, today)(m)).toBe(true)
    expect(memberMatcher({ ...emptyMemberFilter(), ageBand: 'upTo30' }, today)(m)).toBe(false)
  })
})

describe('masking in lists', () => {
  it('keeps the area prefix and the last four of an ID number, three and four of a phone', () => {
    expect(maskIdNumber('15020319800101123x')).toBe('1502**********123X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskIdNumber('')).toBe('')
  })
})

describe('the six-month alarm (党章 第九条)', () => {
  it('cuts off six calendar months before today', () => {
    expect(alarmCutoff(today, settings)).toBe('2026-05-23')
    expect(alarmCutoff('2026-08-31', settings)).toBe('2026-02-28')
  })
  it('rings the day after six months, not on the last day of them', () => {
    expect(attendanceAlarm(facts({ lastAttendedOn: '2026-05-23' }), settings, today)).toBeNull()
    expect(attendanceAlarm(facts({ lastAttendedOn: '2026-05-22' }), settings, today)).toEqual({
      memberId: 'm1',
      orgId: 'o1',
      name: '王芳',
      lastAttendedOn: '2026-05-22',
      dueOn: '2026-11-22',
    })
  })
  it('rings for a member with no attendance on record', () => {
    expect(attendanceAlarm(facts({ lastAttendedOn: '' }), settings, today)).toMatchObject({
      lastAttendedOn: '',
      dueOn: '2011-01-01',
    })
    // Nothing known at all: flagged so the record gets completed.
    expect(
      attendanceAlarm(facts({ lastAttendedOn: '', fullMemberOn: '' }), settings, today),
    ).toMatchObject({ dueOn: '' })
  })
  it('gives a new member six months from admission', () => {
    const fresh = facts({
      stage: 'probationary',
      lastAttendedOn: '',
      fullMemberOn: '',
      development: { ...emptyDevelopment(), branchVoteOn: '2026-06-01' },
    })
    expect(attendanceAlarm(fresh, settings, today)).toBeNull()
    expect(attendanceAlarm(fresh, settings, '2026-12-02')).toMatchObject({ dueOn: '2026-12-01' })
  })
  it('is for full and probationary members who are normal or mobile only', () => {
    const old = { lastAttendedOn: '2025-01-01' }
    const found = findAttendanceAlarms(
      [
        facts({ ...old, id: 'a' }),
        facts({ ...old, id: 'b', status: 'mobile' }),
        facts({ ...old, id: 'c', status: 'lostContact' }),
        facts({ ...old, id: 'd', status: 'transferredOut' }),
        facts({ ...old, id: 'e', stage: 'candidate' }),
        facts({ ...old, id: 'f', stage: 'probationary' }),
      ],
      settings,
      today,
    )
    expect(found.map((a) => a.memberId)).toEqual(['a', 'b', 'f'])
  })
  it('follows the setting', () => {
    const three = { ...settings, 'member.alarmMonths': 3 }
    expect(attendanceAlarm(facts({ lastAttendedOn: '2026-08-01' }), three, today)).not.toBeNull()
    expect(attendanceAlarm(facts({ lastAttendedOn: '2026-08-01' }), settings, today)).toBeNull()
  })
})

describe('transfers', () => {
  const out = {
    memberId: 'm1',
    direction: 'out',
    fromOrgId: 'o1',
    fromName: '',
    toOrgId: '',
    toName: '北京市某党支部',
    letterNo: '京组转〔2026〕12号',
    issuedOn: '2026-10-01',
    completedOn: '2026-10-20',
    status: 'completed',
  }
  it('validates the ends, dates and status', () => {
    expect(validateTransfer(out).ok).toBe(true)
    const bad = validateTransfer({ ...out, toName: '', completedOn: '2026-09-01' })
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'completedOn:dateOrder',
      'toName:required',
    ])
    const noDate = validateTransfer({ ...out, completedOn: '' })
    expect(noDate.ok ? [] : noDate.problems.map((p) => p.code)).toEqual(['required'])
    const inward = validateTransfer({ ...out, direction: 'in', fromOrgId: '', fromName: '外地' })
    expect(inward.ok ? [] : inward.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'toOrgId:required',
    ])
  })
  it('completing out of the register marks the member transferred out, within it moves them', () => {
    const member = { orgId: 'o1', status: 'normal' as const, statusSince: '', statusNote: '' }
    const checked = validateTransfer(out)
    if (!checked.ok) throw new Error('invalid')
    expect(transferEffect(member, checked.value)).toEqual({
      orgId: 'o1',
      status: 'transferredOut',
      statusSince: '2026-10-20',
      statusNote: '北京市某党支部',
    })
    expect(transferEffect(member, { ...checked.value, toOrgId: 'o2' })).toMatchObject({
      orgId: 'o2',
      status: 'normal',
    })
    expect(transferEffect(member, { ...checked.value, status: 'pending' })).toBeNull()
  })
  it('a pending letter expires after its validity', () => {
    const pending = { status: 'pending' as const, issuedOn: '2026-08-23' }
    expect(isLetterExpired(pending, settings, '2026-11-23')).toBe(false)
    expect(isLetterExpired(pending, settings, '2026-11-24')).toBe(true)
  })
})

describe('the six-month rule has three independent clocks (党章 第九条)', () => {
  const old = '2026-01-10'
  it.each([
    ['attendance only (what the app records)', { attendance: old }, ['attendance']],
    ['attendance kept, dues lapsed', { attendance: '2026-11-01', dues: old }, ['dues']],
    ['all three lapsed', { attendance: old, dues: old, work: old }, ['attendance', 'dues', 'work']],
    ['none lapsed', { attendance: '2026-10-01', dues: '2026-10-01' }, []],
    ['a clock not recorded is not judged', {}, []],
  ] as const)('%s → %j', (_label, clocks, triggers) => {
    expect(sixMonthAlarms(facts(), clocks, settings, today).map((a) => a.trigger)).toEqual(triggers)
  })
  it.each([
    ['normal', true],
    ['mobile', true],
    ['disciplinaryProbation', true],
    ['lostContact', false],
    ['abroad', false],
    ['suspended', false],
  ] as const)('runs for a %s member: %s', (status, runs) => {
    expect(sixMonthAlarms(facts({ status }), { attendance: old }, settings, today).length > 0).toBe(
      runs,
    )
  })
})

describe('status deadlines (党员教育管理工作条例 2019 第二十四条、第二十五条)', () => {
  const person = (status: Member['status'], statusSince: string) => ({
    stage: 'full' as const,
    status,
    statusSince,
  })
  it.each([
    ['失联 since 2026-05-23', person('lostContact', '2026-05-23'), 'suspend', '2026-11-23', true],
    ['失联 since 2026-05-24', person('lostContact', '2026-05-24'), 'suspend', '2026-11-24', false],
    ['停止党籍 since 2024-11-23', person('suspended', '2024-11-23'), 'remove', '2026-11-23', true],
    ['停止党籍 since 2024-11-24', person('suspended', '2024-11-24'), 'remove', '2026-11-24', false],
    ['流动 since 2026-05-23', person('mobile', '2026-05-23'), 'transfer', '2026-11-23', true],
    ['流动 since 2026-06-30', person('mobile', '2026-06-30'), 'transfer', '2026-12-30', false],
  ] as const)('%s → %s from %s, due today %s', (_label, member, action, dueOn, due) => {
    expect(statusDeadline(member, settings)).toEqual({ action, dueOn })
    expect(isStatusActionDue(member, settings, today) !== null).toBe(due)
  })
  it('asks nothing of other statuses or without a date', () => {
    expect(statusDeadline(person('abroad', '2020-01-01'), settings)).toBeNull()
    expect(statusDeadline(person('lostContact', ''), settings)).toBeNull()
  })
  it('follows the settings', () => {
    const three = { ...settings, 'member.lostContactMonths': 3 }
    expect(statusDeadline(person('lostContact', '2026-05-23'), three)?.dueOn).toBe('2026-08-23')
  })
})
