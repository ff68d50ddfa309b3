import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@/domain/settings'
import { findTermAlerts, lacksSecretary, termEndsOn, termStatus } from '@/domain/terms'
import type { Org } from '@/domain/types'

function org(partial: Partial<Org>): Org {
  return {
    id: 'o1',
    createdAt: '',
    updatedAt: '',
    name: '测试支部',
    type: 'branch',
    parentId: '',
    areaId: 'a',
    areaPath: '/a/',
    hostFirmIds: [],
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    committee: [],
    termStartOn: '2023-07-01',
    termYears: 0,
    note: '',
    ...partial,
  }
}

const settings = defaultSettings()

describe('termEndsOn', () => {
  it.each([
    ['branch', 0, '2023-07-01', '2026-07-01'],
    ['baseCommittee', 0, '2023-07-01', '2028-07-01'],
    ['branch', 5, '2023-07-01', '2028-07-01'],
    ['branch', 0, '2024-02-29', '2027-02-28'],
    ['branch', 0, '', ''],
  ] as const)('%s, %i years, from %s ends %s', (type, termYears, termStartOn, expected) => {
    expect(termEndsOn(org({ type, termYears, termStartOn }), settings)).toBe(expected)
  })

  it('follows a settings change of the type default', () => {
    expect(termEndsOn(org({}), { ...settings, 'term.branch': 5 })).toBe('2028-07-01')
  })
})

describe('termStatus around the end and the 6-month reminder', () => {
  const o = org({ termStartOn: '2023-07-01' }) // ends 2026-07-01
  it.each([
    ['2025-12-31', 'current'],
    ['2026-01-01', 'dueSoon'],
    ['2026-06-30', 'dueSoon'],
    ['2026-07-01', 'overdue'],
    ['2026-07-02', 'overdue'],
  ] as const)('on %s is %s', (today, expected) => {
    expect(termStatus(o, settings, today)).toBe(expected)
  })

  it('has no term once dissolved or without a start', () => {
    expect(termStatus(org({ dissolvedOn: '2026-01-01' }), settings, '2026-08-01')).toBe('noTerm')
    expect(termStatus(org({ termStartOn: '' }), settings, '2026-08-01')).toBe('noTerm')
  })
})

describe('findTermAlerts', () => {
  it('lists due and overdue orgs, earliest end first', () => {
    const orgs = [
      org({ id: 'late', termStartOn: '2023-09-01' }),
      org({ id: 'fine', termStartOn: '2025-01-01' }),
      org({ id: 'early', termStartOn: '2023-03-01' }),
    ]
    expect(findTermAlerts(orgs, settings, '2026-05-01')).toEqual([
      { orgId: 'early', status: 'overdue', endsOn: '2026-03-01' },
      { orgId: 'late', status: 'dueSoon', endsOn: '2026-09-01' },
    ])
  })
})

describe('lacksSecretary', () => {
  it('needs a named secretary, unless dissolved', () => {
    expect(lacksSecretary(org({}), '2026-01-01')).toBe(true)
    const seat = {
      post: 'secretary' as const,
      memberId: '',
      holderName: '张三',
      since: '2023-07-01',
    }
    expect(lacksSecretary(org({ committee: [seat] }), '2026-01-01')).toBe(false)
    expect(lacksSecretary(org({ committee: [{ ...seat, holderName: ' ' }] }), '2026-01-01')).toBe(
      true,
    )
    expect(lacksSecretary(org({ dissolvedOn: '2025-01-01' }), '2026-01-01')).toBe(false)
  })
})
