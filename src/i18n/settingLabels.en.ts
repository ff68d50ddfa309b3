import type zhCN from './settingLabels.zh-CN'

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

/** The names of the rules on the settings page; `settingLabels` in the messages. */
const en: Messages<typeof zhCN> = {
  org: {
    ownBranchMinFull: 'Full members to set up a branch',
    jointBranchMaxUnits: 'Units a joint branch may cover',
    branchMaxMembers: 'Members a branch may have',
    generalBranchMinMembers: 'Members for a general branch',
    baseCommitteeMinMembers: 'Members for a base committee',
    committeeMinFull: 'Full members for a branch committee',
    committeeMinSize: 'Smallest branch committee',
    committeeMaxSize: 'Largest branch committee',
  },
  term: {
    baseCommittee: 'Base committee term',
    generalBranch: 'General branch term',
    branch: 'Branch term',
    jointBranch: 'Joint branch term',
    jointCommittee: 'Joint committee term',
    village: 'Village and community term',
    remindMonths: 'Renewal reminder ahead',
    maxShiftYears: 'Approved renewal advance or delay at most',
  },
  meeting: {
    branchAssemblyPerQuarter: 'Branch assembly (per quarter)',
    committeePerMonth: 'Committee meeting (per month)',
    groupPerMonth: 'Group meeting (per month)',
    lessonPerQuarter: 'Party lesson (per quarter)',
    themedDayPerMonth: 'Themed day (per month)',
    orgLifePerYear: 'Review meeting (per year)',
    appraisalPerYear: 'Member appraisal (per year)',
    heartToHeartPerYear: 'Heart-to-heart talks (per year)',
    quorumRatio: 'Attendance must exceed',
    excellentMaxRatio: 'Share of "excellent" at most',
  },
  development: {
    minAge: 'Minimum age to apply',
    talkWithinMonths: 'Talk after applying within',
    activistMinYears: 'Time as activist at least',
    introducers: 'Introducers',
    trainingMinDays: 'Training days at least',
    trainingMinHours: 'Training hours at least',
    approvalWithinMonths: 'Approval after the vote within',
    approvalSpecialMonths: 'Approval in special cases at most',
    youthLeagueMaxAge: 'Youth League recommendation up to age',
    probationYears: 'Probation',
    extensionMinMonths: 'Extension at least',
    extensionMaxMonths: 'Extension at most',
    publicityWorkingDays: 'Publicity (working days)',
  },
  member: {
    alarmMonths: 'Alarm after months without organisational life',
    lostContactMonths: 'Suspend membership after lost contact for',
    suspendedYears: 'Remove after suspension for',
    transferAwayMonths: 'Transfer membership when away for',
    transferLetterValidMonths: 'Transfer letter valid for',
  },
  dues: {
    bracket1Limit: 'First bracket up to',
    bracket1Rate: 'First bracket rate',
    bracket2Limit: 'Second bracket up to',
    bracket2Rate: 'Second bracket rate',
    bracket3Limit: 'Third bracket up to',
    bracket3Rate: 'Third bracket rate',
    bracket4Rate: 'Top bracket rate',
    retireeLimit: 'Retirees: bracket line',
    retireeLowRate: 'Retirees: lower rate',
    retireeHighRate: 'Retirees: higher rate',
    flatYuan: 'Monthly dues of students, the unemployed and those on basic allowances',
    farmerYuan: 'Monthly dues of farmers and herders',
  },
  study: {
    hoursPerYear: 'Collective study and training hours per member per year',
    committeeHoursPerYear: 'Hours for secretaries and committee members',
    maxHoursPerDay: 'Most hours in one study record',
    behindAfterMonths: 'Remind of missing hours after the year has run',
  },
  data: {
    backupReminderDays: 'Backup reminder after',
    revsLimit: 'Revision ids kept per record',
    revisionBodies: 'Old versions kept per record',
  },
}

export default en
