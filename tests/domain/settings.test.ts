import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  SETTING_DEFINITIONS,
  defaultSettings,
  effectiveTermYears,
  isSettingKey,
  resolveSettings,
  settingDefinition,
  shownSettingDefinitions,
  termYearsFor,
} from '@/domain/settings'
import { ORG_TYPES } from '@/domain/types'

describe('SETTING_DEFINITIONS', () => {
  it('has unique keys, each with a source and a finite default', () => {
    const keys = SETTING_DEFINITIONS.map((definition) => definition.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const definition of SETTING_DEFINITIONS) {
      expect(['national', 'local', 'practice', 'app']).toContain(definition.source.scope)
      if (definition.source.scope !== 'app') expect(definition.source.cite.trim()).not.toBe('')
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
    ['dues.flatYuan', 0.2],
    ['dues.farmerYuan', 0.2],
    ['study.hoursPerYear', 32],
    ['study.committeeHoursPerYear', 56],
    ['term.maxShiftYears', 1],
    ['member.lostContactMonths', 6],
    ['member.suspendedYears', 2],
    ['member.transferAwayMonths', 6],
    ['development.publicityWorkingDays', 5],
    ['development.approvalSpecialMonths', 6],
    ['development.youthLeagueMaxAge', 28],
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
    ['a local term', [{ key: 'term.village', value: 4 }], 'term.village', 4],
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

  // 党章 第三十一条 (3–5 years), defaults of 关于党的基层组织任期的意见 2018; a 村/社区 org 5 years
  // whatever its type; a 临时党支部 holds no 换届.
  it.each([
    ['baseCommittee', 'no', 5],
    ['generalBranch', 'no', 3],
    ['branch', 'no', 3],
    ['jointBranch', 'no', 3],
    ['jointCommittee', 'no', 5],
    ['temporaryBranch', 'no', 0],
    ['generalBranch', 'yes', 5],
    ['branch', 'yes', 5],
    ['temporaryBranch', 'yes', 0],
  ] as const)('%s, 村/社区 %s → %i years', (type, villageOrCommunity, years) => {
    expect(termYearsFor({ type, villageOrCommunity }, settings)).toBe(years)
  })

  it('covers every org type but the temporary branch', () => {
    for (const type of ORG_TYPES) {
      const years = termYearsFor({ type }, settings)
      if (type === 'temporaryBranch') expect(years).toBe(0)
      else expect(years).toBeGreaterThan(0)
    }
  })

  it('follows a regional override', () => {
    const local = resolveSettings([{ key: 'term.branch', value: 5 }])
    expect(termYearsFor({ type: 'branch' }, local)).toBe(5)
  })

  it.each([
    [0, 'branch', 3],
    [5, 'branch', 5],
    [0, 'baseCommittee', 5],
    [4, 'temporaryBranch', 0],
  ] as const)('termYears %i on a %s → %i', (termYears, type, expected) => {
    expect(effectiveTermYears({ type, termYears }, settings)).toBe(expected)
  })
})

describe('every setting shown is read by a rule', () => {
  it('shows only settings that name the rules reading them', () => {
    const shown = shownSettingDefinitions()
    expect(shown.every((definition) => definition.readBy.length > 0)).toBe(true)
    // Every setting is read by some rule, so none is hidden.
    expect(SETTING_DEFINITIONS.map((d) => d.readBy.length).filter((n) => n < 1)).toEqual([])
  })

  it.each(shownSettingDefinitions().map((definition) => [definition.key] as const))(
    '%s is read outside the settings file',
    (key) => {
      const sources = readSources(join(process.cwd(), 'src'))
      const reads = sources.filter(
        ({ path, text }) => !path.endsWith('domain/settings.ts') && text.includes(`'${key}'`),
      )
      // The term defaults are read through TERM_KEY_BY_TYPE in settings.ts itself.
      if (key.startsWith('term.') && key !== 'term.remindMonths' && key !== 'term.maxShiftYears')
        return
      expect(reads.length).toBeGreaterThan(0)
    },
  )

  it('cites no internal document and the corrected articles', () => {
    const cites = SETTING_DEFINITIONS.map((d) => `${d.key} ${d.source.cite}`).join('\n')
    expect(cites).not.toMatch(/DOMAIN\.md|换届工作的意见/)
    expect(settingDefinition('term.branch').source.cite).toContain('第三十一条')
    expect(settingDefinition('development.trainingMinDays').source.cite).toContain('第十七条')
    expect(settingDefinition('development.activistMinYears').source.cite).toContain('第十三条')
    expect(settingDefinition('development.extensionMinMonths').source.cite).toContain('第三十二条')
    expect(settingDefinition('development.approvalWithinMonths').source.cite).toContain('第四章')
    expect(settingDefinition('term.remindMonths').source).toMatchObject({ scope: 'national' })
    expect(settingDefinition('term.remindMonths').source.cite).toContain('第六章')
    expect(settingDefinition('member.transferAwayMonths').source.cite).toContain('第二十五条')
    expect(settingDefinition('member.lostContactMonths').source.cite).toContain('第二十四条')
    expect(settingDefinition('study.hoursPerYear').source).toMatchObject({ scope: 'national' })
    expect(settingDefinition('development.publicityWorkingDays').source.scope).toBe('local')
    expect(settingDefinition('meeting.quorumRatio').source.cite).toMatch(/第十一条.*第二十条/)
    expect(settingDefinition('org.baseCommitteeMinMembers').source.scope).toBe('practice')
  })
})

function readSources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return readSources(path)
    return /\.(ts|vue)$/.test(entry.name) ? [{ path, text: readFileSync(path, 'utf8') }] : []
  })
}
