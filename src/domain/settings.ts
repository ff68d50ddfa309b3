/**
 * Every number a rule of DOMAIN.md uses, as data with its source. Regions differ, so each
 * can be overridden in the settings table; the rules read them from a `Settings` object and
 * never from literals. Keys are stable identifiers: renaming one orphans stored overrides.
 */
import type { Org, OrgType } from './types'

export type SettingUnit =
  'count' | 'years' | 'months' | 'days' | 'hours' | 'ratio' | 'yuan' | 'percent' | 'flag'

export type SettingGroup =
  'org' | 'term' | 'meeting' | 'member' | 'development' | 'dues' | 'study' | 'data' | 'feature'

export interface SettingDefinition {
  key: string
  defaultValue: number
  unit: SettingUnit
  group: SettingGroup
  /** The rule's source, cited as the UI shows it next to the setting. */
  source: string
}

const BRANCH_RULES = '中国共产党支部工作条例（试行）2018'
const DEVELOPMENT_RULES = '中国共产党发展党员工作细则 2014'
const CONSTITUTION = '中国共产党章程'
const DUES_RULES = '中共中央组织部 关于中国共产党党费收缴、使用和管理的规定 2008'
const ELECTION_RULES = '中国共产党基层组织选举工作条例 2020'

export const SETTING_DEFINITIONS = [
  // ─── Organisation ────────────────────────────────────────────────────────
  {
    key: 'org.ownBranchMinFull',
    defaultValue: 3,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第四条`,
  },
  {
    key: 'org.jointBranchMaxUnits',
    defaultValue: 5,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第五条`,
  },
  {
    key: 'org.branchMaxMembers',
    defaultValue: 50,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第四条`,
  },
  {
    key: 'org.generalBranchMinMembers',
    defaultValue: 50,
    unit: 'count',
    group: 'org',
    source: `${CONSTITUTION} 第三十条; 国有企业基层组织工作条例（试行）2019 第六条`,
  },
  {
    key: 'org.baseCommitteeMinMembers',
    defaultValue: 100,
    unit: 'count',
    group: 'org',
    source: `${CONSTITUTION} 第三十条; 国有企业基层组织工作条例（试行）2019 第六条`,
  },
  {
    key: 'org.committeeMinFull',
    defaultValue: 7,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第六章`,
  },
  {
    key: 'org.committeeMinSize',
    defaultValue: 3,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第六章`,
  },
  {
    key: 'org.committeeMaxSize',
    defaultValue: 7,
    unit: 'count',
    group: 'org',
    source: `${BRANCH_RULES} 第六章`,
  },
  // ─── Terms (换届) ────────────────────────────────────────────────────────
  {
    key: 'term.baseCommittee',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: `${CONSTITUTION} 第三十条 (3–5 年); ${ELECTION_RULES}`,
  },
  {
    key: 'term.generalBranch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: `${BRANCH_RULES} 第六章; ${CONSTITUTION} 第三十条 (3–5 年)`,
  },
  {
    key: 'term.branch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: `${BRANCH_RULES} 第六章`,
  },
  {
    key: 'term.jointBranch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: `${BRANCH_RULES} 第六章`,
  },
  {
    key: 'term.temporaryBranch',
    defaultValue: 1,
    unit: 'years',
    group: 'term',
    source: 'local: lasts for its project or training',
  },
  {
    key: 'term.jointCommittee',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: `local: as a base committee, ${CONSTITUTION} 第三十条`,
  },
  {
    key: 'term.village',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: `${BRANCH_RULES} 第六章; 2018 村社区组织任期调整为5年`,
  },
  {
    key: 'term.remindMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'term',
    source: 'local: remind before the term ends (DOMAIN.md)',
  },
  {
    key: 'term.maxShiftYears',
    defaultValue: 1,
    unit: 'years',
    group: 'term',
    source: `${ELECTION_RULES}: 延期或提前一般不超过1年`,
  },
  // ─── Meetings (三会一课 and other organisational life) ──────────────────
  {
    key: 'meeting.branchAssemblyPerQuarter',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第四章`,
  },
  {
    key: 'meeting.committeePerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第四章`,
  },
  {
    key: 'meeting.groupPerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第四章`,
  },
  {
    key: 'meeting.lessonPerQuarter',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `local custom; ${BRANCH_RULES} 第五章 (按时上好党课)`,
  },
  {
    key: 'meeting.themedDayPerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第五章`,
  },
  {
    key: 'meeting.orgLifePerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第五章`,
  },
  {
    key: 'meeting.appraisalPerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第五章`,
  },
  {
    key: 'meeting.heartToHeartPerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: `${BRANCH_RULES} 第五章`,
  },
  {
    key: 'meeting.quorumRatio',
    defaultValue: 0.5,
    unit: 'ratio',
    group: 'meeting',
    source: `${BRANCH_RULES} 第四章: 到会超过半数`,
  },
  {
    key: 'meeting.excellentMaxRatio',
    defaultValue: 0.3333,
    unit: 'ratio',
    group: 'meeting',
    source: 'local: 民主评议 优秀 ≤ ⅓ (DOMAIN.md)',
  },
  // ─── Development (发展党员) ──────────────────────────────────────────────
  {
    key: 'development.minAge',
    defaultValue: 18,
    unit: 'years',
    group: 'development',
    source: `${CONSTITUTION} 第一条`,
  },
  {
    key: 'development.talkWithinMonths',
    defaultValue: 1,
    unit: 'months',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第七条`,
  },
  {
    key: 'development.activistMinYears',
    defaultValue: 1,
    unit: 'years',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第四章`,
  },
  {
    key: 'development.introducers',
    defaultValue: 2,
    unit: 'count',
    group: 'development',
    source: `${CONSTITUTION} 第五条`,
  },
  {
    key: 'development.trainingMinDays',
    defaultValue: 3,
    unit: 'days',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第四章`,
  },
  {
    key: 'development.trainingMinHours',
    defaultValue: 24,
    unit: 'hours',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第四章`,
  },
  {
    key: 'development.approvalWithinMonths',
    defaultValue: 3,
    unit: 'months',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第五章`,
  },
  {
    key: 'development.probationYears',
    defaultValue: 1,
    unit: 'years',
    group: 'development',
    source: `${CONSTITUTION} 第七条`,
  },
  {
    key: 'development.extensionMinMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'development',
    source: `${DEVELOPMENT_RULES} 第六章`,
  },
  {
    key: 'development.extensionMaxMonths',
    defaultValue: 12,
    unit: 'months',
    group: 'development',
    source: `${CONSTITUTION} 第七条; ${DEVELOPMENT_RULES} 第六章`,
  },
  {
    key: 'development.publicityWorkingDays',
    defaultValue: 5,
    unit: 'days',
    group: 'development',
    source: `local; ${DEVELOPMENT_RULES} (公示)`,
  },
  // ─── Members ─────────────────────────────────────────────────────────────
  {
    key: 'member.alarmMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: `${CONSTITUTION} 第九条`,
  },
  {
    key: 'member.lostContactMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: 'local: 失联党员 (DOMAIN.md)',
  },
  {
    key: 'member.transferAwayMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: 'local: 流动党员管理 (DOMAIN.md)',
  },
  {
    key: 'member.transferLetterValidMonths',
    defaultValue: 3,
    unit: 'months',
    group: 'member',
    source: 'local: 组织关系介绍信有效期 (DOMAIN.md)',
  },
  // ─── Dues (党费), % of monthly after-tax fixed pay ──────────────────────
  {
    key: 'dues.bracket1Limit',
    defaultValue: 3000,
    unit: 'yuan',
    group: 'dues',
    source: DUES_RULES,
  },
  {
    key: 'dues.bracket1Rate',
    defaultValue: 0.5,
    unit: 'percent',
    group: 'dues',
    source: DUES_RULES,
  },
  {
    key: 'dues.bracket2Limit',
    defaultValue: 5000,
    unit: 'yuan',
    group: 'dues',
    source: DUES_RULES,
  },
  { key: 'dues.bracket2Rate', defaultValue: 1, unit: 'percent', group: 'dues', source: DUES_RULES },
  {
    key: 'dues.bracket3Limit',
    defaultValue: 10000,
    unit: 'yuan',
    group: 'dues',
    source: DUES_RULES,
  },
  {
    key: 'dues.bracket3Rate',
    defaultValue: 1.5,
    unit: 'percent',
    group: 'dues',
    source: DUES_RULES,
  },
  { key: 'dues.bracket4Rate', defaultValue: 2, unit: 'percent', group: 'dues', source: DUES_RULES },
  { key: 'dues.retireeLimit', defaultValue: 5000, unit: 'yuan', group: 'dues', source: DUES_RULES },
  {
    key: 'dues.retireeLowRate',
    defaultValue: 0.5,
    unit: 'percent',
    group: 'dues',
    source: DUES_RULES,
  },
  {
    key: 'dues.retireeHighRate',
    defaultValue: 1,
    unit: 'percent',
    group: 'dues',
    source: DUES_RULES,
  },
  { key: 'dues.minimumYuan', defaultValue: 0.2, unit: 'yuan', group: 'dues', source: DUES_RULES },
  // ─── Study, data, features ──────────────────────────────────────────────
  {
    key: 'study.hoursPerYear',
    defaultValue: 32,
    unit: 'hours',
    group: 'study',
    source: 'local: 党员集中学习培训每年不少于32学时 (DOMAIN.md)',
  },
  {
    key: 'study.maxHoursPerDay',
    defaultValue: 12,
    unit: 'hours',
    group: 'study',
    source: 'app: one record cannot hold more study than a long day',
  },
  {
    key: 'study.behindAfterMonths',
    defaultValue: 9,
    unit: 'months',
    group: 'study',
    source: 'local: 第四季度 (9 months in, from 1 October) members short of the hours are 待办',
  },
  {
    key: 'data.backupReminderDays',
    defaultValue: 7,
    unit: 'days',
    group: 'data',
    source: 'app: offline data lives on one device',
  },
  // Replication (revisions.ts): how much history each record keeps.
  {
    key: 'data.revsLimit',
    defaultValue: 1000,
    unit: 'count',
    group: 'data',
    source: 'CouchDB revs_limit (default 1000): revision ids kept in each record’s ancestry',
  },
  {
    key: 'data.revisionBodies',
    defaultValue: 3,
    unit: 'count',
    group: 'data',
    source: 'app: old versions kept per record, for a proposed merge and to undo a merge',
  },
  // Off by default: a 2023 central notice bans forcing check-ins, points and rankings.
  {
    key: 'feature.rankings',
    defaultValue: 0,
    unit: 'flag',
    group: 'feature',
    source: '2023 中央 整治形式主义为基层减负 通知 (DOMAIN.md)',
  },
] as const satisfies readonly SettingDefinition[]

export type SettingKey = (typeof SETTING_DEFINITIONS)[number]['key']
export type Settings = Record<SettingKey, number>

const DEFINITION_BY_KEY: ReadonlyMap<string, SettingDefinition> = new Map(
  SETTING_DEFINITIONS.map((definition) => [definition.key, definition]),
)

export function isSettingKey(key: string): key is SettingKey {
  return DEFINITION_BY_KEY.has(key)
}

export function settingDefinition(key: SettingKey): SettingDefinition {
  const definition = DEFINITION_BY_KEY.get(key)
  if (!definition) throw new RangeError(`unknown setting ${key}`)
  return definition
}

/** A fresh object each call, so a caller that edits it cannot change the defaults. */
export function defaultSettings(): Settings {
  return Object.fromEntries(
    SETTING_DEFINITIONS.map((definition) => [definition.key, definition.defaultValue]),
  ) as Settings
}

/**
 * Stored overrides over the defaults. Keys of removed settings and non-finite values (a
 * damaged import) are skipped, so a bad row cannot break every rule that reads the settings.
 */
export function resolveSettings(stored: readonly { key: string; value: number }[]): Settings {
  const settings = defaultSettings()
  for (const { key, value } of stored) {
    if (isSettingKey(key) && typeof value === 'number' && Number.isFinite(value)) {
      settings[key] = value
    }
  }
  return settings
}

const TERM_KEY_BY_TYPE = {
  baseCommittee: 'term.baseCommittee',
  generalBranch: 'term.generalBranch',
  branch: 'term.branch',
  jointBranch: 'term.jointBranch',
  jointCommittee: 'term.jointCommittee',
  temporaryBranch: 'term.temporaryBranch',
} as const satisfies Record<OrgType, SettingKey>

/** Default committee term of an org type, in years. */
export function termYearsFor(type: OrgType, settings: Settings): number {
  return settings[TERM_KEY_BY_TYPE[type]]
}

/** The org's own term when recorded (Org.termYears > 0), else its type's default. */
export function effectiveTermYears(
  org: Pick<Org, 'type' | 'termYears'>,
  settings: Settings,
): number {
  return org.termYears > 0 ? org.termYears : termYearsFor(org.type, settings)
}
