/**
 * Every number a rule uses, as data with its source. Regions differ, so each
 * can be overridden in the settings table; the rules read them from a `Settings` object and
 * never from literals. Keys are stable identifiers: renaming one orphans stored overrides.
 */
import type { Org, OrgType } from './types'

export type SettingUnit =
  | 'count'
  | 'years'
  | 'months'
  | 'days'
  | 'hours'
  | 'ratio'
  | 'yuan'
  | 'percent'
  | 'flag'
  | 'megabytes'

export type SettingGroup =
  'org' | 'term' | 'meeting' | 'member' | 'development' | 'dues' | 'study' | 'data'

/**
 * Whose number it is: a national regulation (国家规定), a regional one (地方规定, set locally),
 * common practice that no national text fixes (通行做法), or the app's own safeguard (本应用).
 */
export type SourceScope = 'national' | 'local' | 'practice' | 'app'

export interface SettingSource {
  scope: SourceScope
  /** The regulation and article, as a citation reads in Chinese; '' for the app's own numbers. */
  cite: string
}

export interface SettingDefinition {
  key: string
  defaultValue: number
  unit: SettingUnit
  group: SettingGroup
  /** The rule's source, cited as the UI shows it next to the setting. */
  source: SettingSource
  /**
   * The rules (domain functions) that read it; a setting no rule reads yet is kept for the
   * feature that will, and not shown (SettingsView lists only `readBy.length > 0`).
   */
  readBy: readonly string[]
}

const BRANCH_RULES = '中国共产党支部工作条例（试行）2018'
const DEVELOPMENT_RULES = '中国共产党发展党员工作细则 2014'
const CONSTITUTION = '中国共产党章程 2017'
const DUES_RULES = '关于中国共产党党费收缴、使用和管理的规定 2008'
const ELECTION_RULES = '中国共产党基层组织选举工作条例 2020'
const EDUCATION_RULES = '中国共产党党员教育管理工作条例 2019'
const TERM_OPINION = '关于党的基层组织任期的意见 2018'
/** The principle the limits serve; the numbers themselves are this app's. */
const SNAPSHOT_RETENTION =
  '中华人民共和国个人信息保护法 第十九条：保存期限应当为实现处理目的所必要的最短时间；回收站快照的个数和总大小由本应用设定'

const national = (cite: string): SettingSource => ({ scope: 'national', cite })
const local = (cite: string): SettingSource => ({ scope: 'local', cite })
const practice = (cite: string): SettingSource => ({ scope: 'practice', cite })
const app = (cite = ''): SettingSource => ({ scope: 'app', cite })

export const SETTING_DEFINITIONS = [
  // ─── Organisation ────────────────────────────────────────────────────────
  {
    key: 'org.ownBranchMinFull',
    defaultValue: 3,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第四条、第五条`),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.jointBranchMaxUnits',
    defaultValue: 5,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第五条`),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.branchMaxMembers',
    defaultValue: 50,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第四条`),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.generalBranchMinMembers',
    defaultValue: 50,
    unit: 'count',
    group: 'org',
    source: practice('非公企业的通行做法（国有企业基层组织工作条例 2019 第四条只适用于国有企业）'),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.baseCommitteeMinMembers',
    defaultValue: 100,
    unit: 'count',
    group: 'org',
    source: practice('非公企业的通行做法（国有企业基层组织工作条例 2019 第四条只适用于国有企业）'),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.committeeMinFull',
    defaultValue: 7,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第六章`),
    readBy: ['orgRules.checkOrgRules'],
  },
  {
    key: 'org.committeeMinSize',
    defaultValue: 3,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第六章`),
    readBy: ['orgRules.checkOrgRules', 'meetings.hasCommittee'],
  },
  {
    key: 'org.committeeMaxSize',
    defaultValue: 7,
    unit: 'count',
    group: 'org',
    source: national(`${BRANCH_RULES} 第六章`),
    readBy: ['orgRules.checkOrgRules'],
  },
  // ─── Terms (换届) ────────────────────────────────────────────────────────
  {
    key: 'term.baseCommittee',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: national(`${CONSTITUTION} 第三十一条（三至五年）; ${TERM_OPINION}`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.generalBranch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: national(`${CONSTITUTION} 第三十一条; ${TERM_OPINION}`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.branch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: national(`${CONSTITUTION} 第三十一条; ${TERM_OPINION}`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.jointBranch',
    defaultValue: 3,
    unit: 'years',
    group: 'term',
    source: national(`${CONSTITUTION} 第三十一条; ${TERM_OPINION}`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.jointCommittee',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: practice(`同基层党委: ${CONSTITUTION} 第三十一条; ${TERM_OPINION}`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.village',
    defaultValue: 5,
    unit: 'years',
    group: 'term',
    source: national(`${TERM_OPINION}（村、社区党组织每届任期 5 年）`),
    readBy: ['terms.termEndsOn'],
  },
  {
    key: 'term.remindMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'term',
    source: national(`${BRANCH_RULES} 第六章（任期届满前提醒换届）`),
    readBy: ['terms.termStatus'],
  },
  {
    key: 'term.maxShiftYears',
    defaultValue: 1,
    unit: 'years',
    group: 'term',
    source: national(`${ELECTION_RULES} 第三条（延期或提前换届一般不超过 1 年）`),
    readBy: ['terms.checkTermShift'],
  },
  // ─── Meetings (三会一课 and other organisational life) ──────────────────
  {
    key: 'meeting.branchAssemblyPerQuarter',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第四章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.committeePerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第四章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.groupPerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第四章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.lessonPerQuarter',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: local(`${BRANCH_RULES} 第五章（按时上好党课，频次由各地规定）`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.themedDayPerMonth',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第五章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.orgLifePerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第五章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.appraisalPerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第五章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.heartToHeartPerYear',
    defaultValue: 1,
    unit: 'count',
    group: 'meeting',
    source: national(`${BRANCH_RULES} 第五章`),
    readBy: ['meetings.requiredCount'],
  },
  {
    key: 'meeting.quorumRatio',
    defaultValue: 0.5,
    unit: 'ratio',
    group: 'meeting',
    source: national(
      `${BRANCH_RULES} 第十一条、第十二条（半数以上）; 严格读作超过半数: ${DEVELOPMENT_RULES} 第二十条`,
    ),
    readBy: ['meetings.checkQuorum', 'votes.voteOutcome'],
  },
  {
    key: 'meeting.excellentMaxRatio',
    defaultValue: 0.3333,
    unit: 'ratio',
    group: 'meeting',
    source: practice('民主评议党员: 优秀一般不超过正式党员的三分之一（超出时记录理由）'),
    readBy: ['appraisal.checkAppraisalCap'],
  },
  // ─── Development (发展党员) ──────────────────────────────────────────────
  {
    key: 'development.minAge',
    defaultValue: 18,
    unit: 'years',
    group: 'development',
    source: national(`${CONSTITUTION} 第一条`),
    readBy: ['development.isOldEnoughToApply'],
  },
  {
    key: 'development.talkWithinMonths',
    defaultValue: 1,
    unit: 'months',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第七条`),
    readBy: ['development.talkDeadline'],
  },
  {
    key: 'development.youthLeagueMaxAge',
    defaultValue: 28,
    unit: 'years',
    group: 'development',
    source: national(
      `${DEVELOPMENT_RULES} 第二章（群团组织推优）; 28 周岁以下团员入党一般经团组织推荐`,
    ),
    readBy: ['development.developmentWarnings'],
  },
  {
    key: 'development.activistMinYears',
    defaultValue: 1,
    unit: 'years',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第十三条`),
    readBy: ['development.earliestCandidateOn'],
  },
  {
    key: 'development.introducers',
    defaultValue: 2,
    unit: 'count',
    group: 'development',
    source: national(`${CONSTITUTION} 第五条`),
    readBy: ['development.developmentWarnings'],
  },
  {
    key: 'development.trainingMinDays',
    defaultValue: 3,
    unit: 'days',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第十七条`),
    readBy: ['development.isTrainingEnough'],
  },
  {
    key: 'development.trainingMinHours',
    defaultValue: 24,
    unit: 'hours',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第十七条`),
    readBy: ['development.isTrainingEnough'],
  },
  {
    key: 'development.publicityWorkingDays',
    defaultValue: 5,
    unit: 'days',
    group: 'development',
    source: local('发展对象公示期（工作日），由各地规定'),
    readBy: ['development.developmentWarnings'],
  },
  {
    key: 'development.approvalWithinMonths',
    defaultValue: 3,
    unit: 'months',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第四章（接收审批）、第三十三条（转正审批）`),
    readBy: ['development.approvalDeadline'],
  },
  {
    key: 'development.approvalSpecialMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第四章（遇有特殊情况可适当延长，但不得超过六个月）`),
    readBy: ['development.approvalDeadline'],
  },
  {
    key: 'development.probationYears',
    defaultValue: 1,
    unit: 'years',
    group: 'development',
    source: national(`${CONSTITUTION} 第七条`),
    readBy: ['development.probationEnd'],
  },
  {
    key: 'development.extensionMinMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'development',
    source: national(`${DEVELOPMENT_RULES} 第三十二条`),
    readBy: ['development.extensionBounds'],
  },
  {
    key: 'development.extensionMaxMonths',
    defaultValue: 12,
    unit: 'months',
    group: 'development',
    source: national(`${CONSTITUTION} 第七条; ${DEVELOPMENT_RULES} 第三十二条`),
    readBy: ['development.extensionBounds'],
  },
  // ─── Members ─────────────────────────────────────────────────────────────
  {
    key: 'member.alarmMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: national(`${CONSTITUTION} 第九条`),
    readBy: ['memberRules.attendanceAlarm'],
  },
  {
    key: 'member.lostContactMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: national(`${EDUCATION_RULES} 第二十四条（失联满 6 个月，停止党籍）`),
    readBy: ['memberRules.statusDeadline'],
  },
  {
    key: 'member.suspendedYears',
    defaultValue: 2,
    unit: 'years',
    group: 'member',
    source: national(`${EDUCATION_RULES} 第二十四条（停止党籍 2 年后仍无法取得联系，按除名处理）`),
    readBy: ['memberRules.statusDeadline'],
  },
  {
    key: 'member.transferAwayMonths',
    defaultValue: 6,
    unit: 'months',
    group: 'member',
    source: national(
      `${EDUCATION_RULES} 第二十五条（外出地点相对固定、时间 6 个月以上，转接组织关系）`,
    ),
    readBy: ['memberRules.statusDeadline'],
  },
  {
    key: 'member.transferLetterValidMonths',
    defaultValue: 3,
    unit: 'months',
    group: 'member',
    source: local('组织关系介绍信有效期，由各地规定'),
    readBy: ['transfers.isLetterExpired'],
  },
  // ─── Dues (党费): domain/dues.ts duesRate reads them ────────────────────────────
  {
    key: 'dues.bracket1Limit',
    defaultValue: 3000,
    unit: 'yuan',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（每月工资收入 3000 元以下（含）交纳 0.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket1Rate',
    defaultValue: 0.5,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（3000 元以下（含）交纳 0.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket2Limit',
    defaultValue: 5000,
    unit: 'yuan',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（3000 元以上至 5000 元（含）交纳 1%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket2Rate',
    defaultValue: 1,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（3000 元以上至 5000 元（含）交纳 1%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket3Limit',
    defaultValue: 10000,
    unit: 'yuan',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（5000 元以上至 10000 元（含）交纳 1.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket3Rate',
    defaultValue: 1.5,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（5000 元以上至 10000 元（含）交纳 1.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.bracket4Rate',
    defaultValue: 2,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（10000 元以上交纳 2%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.retireeLimit',
    defaultValue: 5000,
    unit: 'yuan',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（离退休费 5000 元以下（含）交纳 0.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.retireeLowRate',
    defaultValue: 0.5,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（离退休费 5000 元以下（含）交纳 0.5%）`),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.retireeHighRate',
    defaultValue: 1,
    unit: 'percent',
    group: 'dues',
    source: national(`${DUES_RULES} 一、党费的收缴（5000 元以上交纳 1%）`),
    readBy: ['dues.duesRate'],
  },
  // A flat amount, not a minimum: 学生、下岗失业、依靠最低生活保障金生活的党员 pay it whatever
  // their income (the key is new: the old 'minimum' reading was wrong).
  {
    key: 'dues.flatYuan',
    defaultValue: 0.2,
    unit: 'yuan',
    group: 'dues',
    source: national(
      `${DUES_RULES} 一、党费的收缴（学生、下岗失业、领取最低生活保障金的党员每月交纳 0.2 元）`,
    ),
    readBy: ['dues.duesRate'],
  },
  {
    key: 'dues.farmerYuan',
    defaultValue: 0.2,
    unit: 'yuan',
    group: 'dues',
    source: local(
      `${DUES_RULES} 一、党费的收缴（农民党员每月 0.2 元至 1 元，由省级党委组织部确定）`,
    ),
    readBy: ['dues.duesRate'],
  },
  // ─── Study, data ────────────────────────────────────────────────────────
  {
    key: 'study.hoursPerYear',
    defaultValue: 32,
    unit: 'hours',
    group: 'study',
    source: national(`${EDUCATION_RULES}（党员每年集中学习培训一般不少于 32 学时）`),
    readBy: ['study.studyTarget'],
  },
  {
    key: 'study.committeeHoursPerYear',
    defaultValue: 56,
    unit: 'hours',
    group: 'study',
    source: national(`${EDUCATION_RULES}（基层党组织书记和班子成员每年不少于 56 学时）`),
    readBy: ['study.studyTarget'],
  },
  {
    key: 'study.maxHoursPerDay',
    defaultValue: 12,
    unit: 'hours',
    group: 'study',
    source: app('一条记录的学时不超过一天'),
    readBy: ['study.validateStudyEntry'],
  },
  {
    key: 'study.behindAfterMonths',
    defaultValue: 9,
    unit: 'months',
    group: 'study',
    source: app('第四季度（10 月 1 日起）提醒学时不足的党员'),
    readBy: ['study.isBehindSeason'],
  },
  {
    key: 'data.backupReminderDays',
    defaultValue: 7,
    unit: 'days',
    group: 'data',
    source: app('数据只保存在本机，定期备份'),
    readBy: ['backupFormat.backupReminder'],
  },
  // Replication (db/revisions.ts): how much history each record keeps.
  {
    key: 'data.revsLimit',
    defaultValue: 1000,
    unit: 'count',
    group: 'data',
    source: practice('CouchDB revs_limit 默认值：每条记录的修订历史保留的修订号个数'),
    readBy: ['revisions.readLimits', 'replication.planMerges'],
  },
  {
    key: 'data.revisionBodies',
    defaultValue: 3,
    unit: 'count',
    group: 'data',
    source: app('每条记录保留的旧版本数，用于合并建议和撤销合并'),
    readBy: ['revisions.readLimits', 'replication.applyMerges'],
  },
  // Snapshot retention (db/repositories/erase.ts): the recycle bin's whole-database snapshots
  // hold every person's data as it was; older ones are pruned after a confirmation.
  {
    key: 'data.snapshotMaxCount',
    defaultValue: 5,
    unit: 'count',
    group: 'data',
    source: app(SNAPSHOT_RETENTION),
    readBy: ['erasure.snapshotsOverLimit'],
  },
  {
    key: 'data.snapshotMaxMegabytes',
    defaultValue: 500,
    unit: 'megabytes',
    group: 'data',
    source: app(SNAPSHOT_RETENTION),
    readBy: ['erasure.snapshotsOverLimit'],
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

/** The settings a person sees: those some rule reads. */
export function shownSettingDefinitions(): readonly (typeof SETTING_DEFINITIONS)[number][] {
  return SETTING_DEFINITIONS.filter((definition) => definition.readBy.length > 0)
}

/** 临时党支部 hold no 换届: their officers are appointed for the project or training. */
const TERM_KEY_BY_TYPE = {
  baseCommittee: 'term.baseCommittee',
  generalBranch: 'term.generalBranch',
  branch: 'term.branch',
  jointBranch: 'term.jointBranch',
  jointCommittee: 'term.jointCommittee',
  temporaryBranch: null,
} as const satisfies Record<OrgType, SettingKey | null>

/**
 * Default committee term of an org, in years (0 = it holds no 换届). 关于党的基层组织任期的意见
 * 2018: every party org of a 村 or 社区 serves 5 years, whatever its type.
 */
export function termYearsFor(
  org: Pick<Org, 'type' | 'villageOrCommunity'>,
  settings: Settings,
): number {
  const key = TERM_KEY_BY_TYPE[org.type]
  if (key === null) return 0
  return org.villageOrCommunity === 'yes' ? settings['term.village'] : settings[key]
}

/** The org's own term when recorded (Org.termYears > 0), else its default; 0 = no 换届. */
export function effectiveTermYears(
  org: Pick<Org, 'type' | 'termYears' | 'villageOrCommunity'>,
  settings: Settings,
): number {
  if (TERM_KEY_BY_TYPE[org.type] === null) return 0
  return org.termYears > 0 ? org.termYears : termYearsFor(org, settings)
}
