import { describe, expect, it } from 'vitest'
import {
  SETTING_DEFINITIONS,
  defaultSettings,
  effectiveTermYears,
  isSettingKey,
  resolveSettings,
  settingDefinition,
  termYearsFor,
} from '@/domain/settings'
import { ORG_TYPES } from '@/domain/types'

describe('SETTING_DEFINITIONS', () => {
  it('has unique keys, each with a source and a finite default', () => {
    const keys = SETTING_DEFINITIONS.map((definition) => definition.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const definition of SETTING_DEFINITIONS) {
      expect(definition.source.trim()).not.toBe('')
      expect(Number.isFinite(definition.defaultValue)).toBe(true)
      expect(definition.key.startsWith(`${definition.group}.`)).toBe(true)
    }
  })

  it.each([
    ['org.ownBranchMinFull', 3],
    ['org.jointBranchMaxUnits', 5],
    ['org.branchMaxMembers', 50],
    ['org.committeeMinFull', 7],
    ['term.baseCommittee', 5],
    ['term.branch', 3],
    ['term.village', 5],
    ['meeting.quorumRatio', 0.5],
    ['development.minAge', 18],
    ['development.trainingMinHours', 24],
    ['member.alarmMonths', 6],
    ['dues.bracket3Limit', 10000],
    ['dues.bracket4Rate', 2],
    ['dues.minimumYuan', 0.2],
    ['study.hoursPerYear', 32],
    ['feature.rankings', 0],
  ] as const)('%s defaults to %d', (key, value) => {
    expect(defaultSettings()[key]).toBe(value)
    expect(settingDefinition(key).defaultValue).toBe(value)
  })
})

describe('defaultSettings', () => {
  it('returns a fresh object each time', () => {
    const first = defaultSettings()
    first['study.hoursPerYear'] = 99
    expect(defaultSettings()['study.hoursPerYear']).toBe(32)
  })
})

describe('resolveSettings', () => {
  it.each([
    ['no stored rows', [], 'study.hoursPerYear', 32],
    ['an override', [{ key: 'study.hoursPerYear', value: 40 }], 'study.hoursPerYear', 40],
    ['a flag turned on', [{ key: 'feature.rankings', value: 1 }], 'feature.rankings', 1],
    ['NaN', [{ key: 'study.hoursPerYear', value: Number.NaN }], 'study.hoursPerYear', 32],
    ['Infinity', [{ key: 'term.branch', value: Number.POSITIVE_INFINITY }], 'term.branch', 3],
    [
      'the last of two rows',
      [
        { key: 'term.branch', value: 4 },
        { key: 'term.branch', value: 5 },
      ],
      'term.branch',
      5,
    ],
  ] as const)('with %s', (_label, stored, key, expected) => {
    expect(resolveSettings(stored)[key]).toBe(expected)
  })

  it('ignores unknown keys', () => {
    const settings = resolveSettings([{ key: 'org.removedRule', value: 9 }])
    expect(settings).toEqual(defaultSettings())
    expect('org.removedRule' in settings).toBe(false)
  })

  it('knows its keys', () => {
    expect(isSettingKey('term.branch')).toBe(true)
    expect(isSettingKey('term.nope')).toBe(false)
  })
})

describe('termYearsFor and effectiveTermYears', () => {
  const settings = defaultSettings()

  it.each([
    ['baseCommittee', 5],
    ['generalBranch', 3],
    ['branch', 3],
    ['jointBranch', 3],
    ['jointCommittee', 5],
    ['temporaryBranch', 1],
  ] as const)('%s → %i years', (type, years) => {
    expect(termYearsFor(type, settings)).toBe(years)
  })

  it('covers every org type', () => {
    for (const type of ORG_TYPES) expect(termYearsFor(type, settings)).toBeGreaterThan(0)
  })

  it('follows a regional override', () => {
    const local = resolveSettings([{ key: 'term.branch', value: 5 }])
    expect(termYearsFor('branch', local)).toBe(5)
  })

  it.each([
    [0, 'branch', 3],
    [5, 'branch', 5],
    [0, 'baseCommittee', 5],
  ] as const)('termYears %i on a %s → %i', (termYears, type, expected) => {
    expect(effectiveTermYears({ type, termYears }, settings)).toBe(expected)
  })
})
