/**
 * The entities of the records. Dates are ISO strings ('YYYY-MM-DD') so they sort and index;
 * "no value" is '' rather than null because IndexedDB cannot index null.
 * Flags are string unions, never booleans, for the same reason.
 */
export type Id = string
/** 'YYYY-MM-DD', or '' when unknown. */
export type IsoDate = string
/** Full ISO timestamp with milliseconds and 'Z'. */
export type IsoDateTime = string
export type YesNo = 'yes' | 'no'

/**
 * Every stored record carries these; repositories stamp the times, the database the revision
 * (db/revisions.ts). `updatedAt` is for people: no decision between devices reads it.
 */
export interface Stamped {
  id: Id
  createdAt: IsoDateTime
  updatedAt: IsoDateTime
  /** CouchDB's `<generation>-<hash>`; absent = the first revision of the content (revisions.ts). */
  _rev?: string
  /** The ancestry, newest first; absent = the revision alone. */
  _revisions?: RevisionAncestry
}

// ─── Areas ──────────────────────────────────────────────────────────────────
export const AREA_LEVELS = ['region', 'city', 'banner', 'park'] as const
/** region (自治区/省) → city/league (市/盟) → banner/district (旗/县/区) → park/street (园区/街道). */
export type AreaLevel = (typeof AREA_LEVELS)[number]

export interface Area extends Stamped {
  name: string
  parentId: Id | ''
  level: AreaLevel
  /** Materialised path of ids, '/rootId/cityId/', so a subtree is one index range. */
  path: string
  /** Administrative division code (GB/T 2260), '' when unknown. */
  code: string
  retired: YesNo
  sortOrder: number
}

// ─── Firms ──────────────────────────────────────────────────────────────────
export const INDUSTRIES = [
  'newsInfo', // 新闻信息
  'socialNetwork', // 网络社交
  'ecommerce', // 电子商务
  'onlineGame', // 网络游戏
  'lifeService', // 生活服务
  'software', // 软件和信息技术服务
  'onlineFinance', // 互联网金融
  'other',
] as const
export type Industry = (typeof INDUSTRIES)[number]

/** 单独组建 / 联合组建 / 仅工作覆盖 (instructor or liaison) / 未覆盖 */
export const FIRM_ORG_STATUSES = ['ownOrg', 'jointBranch', 'instructorOnly', 'none'] as const
export type FirmOrgStatus = (typeof FIRM_ORG_STATUSES)[number]

/** 规模以上 (above designated size) or not. */
export const SIZE_CLASSES = ['above', 'below'] as const
export type SizeClass = (typeof SIZE_CLASSES)[number]

export interface Firm extends Stamped {
  name: string
  /** 统一社会信用代码, 18 chars, GB 32100-2015. */
  creditCode: string
  areaId: Id
  /** Copy of the area's path, kept in step by the repository, for subtree queries. */
  areaPath: string
  /**
   * How the firm is covered today, derived from the orgs (and instructor/liaison) by the
   * repositories in the same transaction as every write that changes it; never typed by
   * hand. Stored so that lists can filter on it through an index.
   */
  orgStatus: FirmOrgStatus
  /** Two-character pieces of the name (search.ts nameBigrams), derived, for name search. */
  nameTokens: string[]
  industry: Industry
  sizeClass: SizeClass
  employees: number
  registeredOn: IsoDate
  closedOn: IsoDate
  /** 党建指导员 assigned to a firm without an org ('' = none). */
  instructor: string
  /** 联络员, also counts as work coverage. */
  liaison: string
  /**
   * 工会 / 共青团 in the firm carrying the party's work, where the department records it: also
   * 工作覆盖 (中办发〔2012〕11号). Absent on records written before these fields existed.
   */
  tradeUnion?: YesNo
  youthLeague?: YesNo
  address: string
  note: string
}

// ─── Organisations ──────────────────────────────────────────────────────────
export const ORG_TYPES = [
  'baseCommittee', // 基层党委
  'generalBranch', // 党总支
  'branch', // 党支部
  'jointBranch', // 联合党支部
  'jointCommittee', // 联合党委
  'temporaryBranch', // 临时党支部
] as const
export type OrgType = (typeof ORG_TYPES)[number]

export const COMMITTEE_POSTS = [
  'secretary',
  'deputySecretary',
  'organisation',
  'publicity',
  'discipline',
  'committeeMember',
] as const
export type CommitteePost = (typeof COMMITTEE_POSTS)[number]

export interface CommitteeSeat {
  post: CommitteePost
  /** A member of the org, or '' when the holder is recorded by name only. */
  memberId: Id | ''
  holderName: string
  since: IsoDate
}

/**
 * 组建方式: an org of its own unit, or a 区域性 / 行业性 党委 or 党总支 set up over the firms of an
 * area or an industry; the firms such an org lists are 联合组建, not 单独组建 (中办发〔2012〕11号).
 */
export const ORG_FORMATIONS = ['unit', 'regional', 'industry'] as const
export type OrgFormation = (typeof ORG_FORMATIONS)[number]

/** 任期 moved by an approved 延期 (positive months) or 提前 (negative) 换届, 选举工作条例 第三条. */
export interface TermShift {
  months: number
  approvedOn: IsoDate
  /** Who approved it (上级党组织) and why, as recorded. */
  note: string
}

/** A 届 that has ended: its committee kept as history when the next one is elected. */
export interface PastTerm {
  /** 届次, 1 = the first committee on record. */
  number: number
  startOn: IsoDate
  endOn: IsoDate
  committee: CommitteeSeat[]
}

export interface Org extends Stamped {
  name: string
  type: OrgType
  parentId: Id | ''
  areaId: Id
  areaPath: string
  /** Firms the org is set up in; a joint branch covers several. */
  hostFirmIds: Id[]
  foundedOn: IsoDate
  dissolvedOn: IsoDate
  committee: CommitteeSeat[]
  /** Start of the current committee's term, '' when no committee was elected. */
  termStartOn: IsoDate
  /** Term in years; 0 = take the default for the org type from settings. */
  termYears: number
  note: string
  /** Absent on older records: read them through orgRules.ts / terms.ts helpers. */
  formation?: OrgFormation
  /** 嘎查村 / 社区 org: every type's term is 5 years (关于党的基层组织任期的意见 2018). */
  villageOrCommunity?: YesNo
  /** 届次 of the current committee (0 = not recorded). */
  termNumber?: number
  termShift?: TermShift | null
  /** Earlier committees, oldest first. */
  pastTerms?: PastTerm[]
  /** Name pieces for the picker search (search.ts), derived: set by the database on write. */
  nameTokens?: string[]
}

export interface PartyGroup extends Stamped {
  orgId: Id
  name: string
  leaderMemberId: Id | ''
}

// ─── Members ────────────────────────────────────────────────────────────────
export const MEMBER_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const
export type MemberStage = (typeof MEMBER_STAGES)[number]
/**
 * Each stage by name: code outside domain/ writes `STAGE.probationary`, never the string, so
 * the stages are spelled once (eslint/rules/no-stage-literal.js keeps it so).
 */
export const STAGE = {
  applicant: 'applicant',
  activist: 'activist',
  candidate: 'candidate',
  probationary: 'probationary',
  full: 'full',
} as const satisfies { [S in MemberStage]: S }
/** A party member's stages (党章 第七条): 正式党员 and 预备党员; the others are not yet members. */
export const PARTY_STAGES = [STAGE.full, STAGE.probationary] as const
/** 发展党员工作细则: the steps from 入党申请人 to 预备党员, the development pipeline. */
export const PIPELINE_STAGES = [
  STAGE.applicant,
  STAGE.activist,
  STAGE.candidate,
  STAGE.probationary,
] as const
export type PipelineStage = (typeof PIPELINE_STAGES)[number]

/**
 * Where a member stands (memberStatus.ts gives each its effect on rolls, votes, dues and counts):
 * 正常, 流动, 失联, 出国（境）, 留党察看, 停止党籍, 死亡, 除名, 退党, 开除, 取消预备党员资格, 转出.
 */
export const MEMBER_STATUSES = [
  'normal',
  'mobile',
  'lostContact',
  'abroad',
  'disciplinaryProbation',
  'suspended',
  'deceased',
  'removed',
  'withdrawn',
  'expelled',
  'disqualified',
  'transferredOut',
] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

export const GENDERS = ['male', 'female'] as const
export type Gender = (typeof GENDERS)[number]

export const ETHNICITIES = [
  'han',
  'mongol',
  'hui',
  'manchu',
  'daur',
  'ewenki',
  'oroqen',
  'korean',
  'other',
] as const
export type Ethnicity = (typeof ETHNICITIES)[number]

export const EDUCATIONS = [
  'primary',
  'juniorHigh',
  'seniorHigh',
  'vocational',
  'associate',
  'bachelor',
  'master',
  'doctorate',
] as const
export type Education = (typeof EDUCATIONS)[number]

export const APPRAISAL_GRADES = [
  'excellent',
  'qualified',
  'basicallyQualified',
  'unqualified',
] as const
/** 优秀 / 合格 / 基本合格 / 不合格 */
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number]

/** Dates of each development step (发展党员工作细则); '' = not reached. */
export interface Development {
  appliedOn: IsoDate
  talkedOn: IsoDate
  activistOn: IsoDate
  candidateOn: IsoDate
  trainingDays: number
  trainingHours: number
  /** Two full members. */
  introducerIds: Id[]
  contactNames: string[]
  /** Branch assembly vote admitting the member: probation starts here. */
  branchVoteOn: IsoDate
  approvedOn: IsoDate
  extendedUntil: IsoDate
  fullOn: IsoDate
  // The steps below were added later: absent on older records (development.ts reads them
  // through completeDevelopment, which fills '' and 'no').
  /** 团组织推优 (28 岁以下). */
  youthLeagueOn?: IsoDate
  /** 入党积极分子 报上级党委备案. */
  activistFiledOn?: IsoDate
  /** 发展对象 报上级党委备案. */
  candidateFiledOn?: IsoDate
  /** 政治审查 concluded. */
  politicalReviewOn?: IsoDate
  /** 公示, first and last day. */
  publicityFromOn?: IsoDate
  publicityToOn?: IsoDate
  /** 基层党委 预审. */
  preReviewOn?: IsoDate
  /** 填写入党志愿书. */
  applicationFormOn?: IsoDate
  /** 上级党委派人谈话 before the approval. */
  upperTalkOn?: IsoDate
  /** Approval delayed for a special reason: allowed up to development.approvalSpecialMonths. */
  approvalSpecial?: YesNo
  /** 入党宣誓. */
  oathOn?: IsoDate
  /** 转正: the application, the 支部大会 vote and the upper approval. */
  fullAppliedOn?: IsoDate
  fullVoteOn?: IsoDate
  fullVoteMeetingId?: Id | ''
  fullApprovedOn?: IsoDate
  fullApprovalSpecial?: YesNo
  /** 延长预备期: the 支部大会 decision (extendedUntil is its end). */
  extensionOn?: IsoDate
  /** 取消预备党员资格: the 支部大会 decision. */
  cancelledOn?: IsoDate
}

export interface Member extends Stamped {
  orgId: Id
  firmId: Id | ''
  partyGroupId: Id | ''
  name: string
  gender: Gender
  ethnicity: Ethnicity
  birthDate: IsoDate
  /** 公民身份号码, 18 chars, GB 11643-1999. */
  idNumber: string
  phone: string
  education: Education
  jobTitle: string
  stage: MemberStage
  development: Development
  /** Date of becoming a full member (党龄 counts from here); '' if not yet. */
  fullMemberOn: IsoDate
  status: MemberStatus
  /** Since when the status holds ('' for normal). */
  statusSince: IsoDate
  /** Where a mobile member is, or the lost-contact reason code. */
  statusNote: string
  appraisals: { year: number; grade: AppraisalGrade }[]
  /**
   * Date of the last final meeting the member attended ('' = none on record); derived
   * (attendance.ts), kept by the meeting writes in the same transaction, never typed by
   * hand. Stored so the six-month alarm is one index range, not a scan of all meetings.
   */
  lastAttendedOn: IsoDate
  /**
   * 党章 第九条, the third clock: the secretary's flag that the member has not done the work
   * the party assigned, since when and why (absent or null = not flagged).
   */
  workNotDone?: { since: IsoDate; note: string } | null
  /** What the branch did about a six-month alarm: the talk (谈话) or the 支部大会 decision. */
  sixMonthSteps?: SixMonthStep[]
  /** Name pieces for the picker search (search.ts), derived: set by the database on write. */
  nameTokens?: string[]
}

/** 谈话, 支部大会决定除名, or another step (a letter, a home visit …) written in the note. */
export const SIX_MONTH_STEP_KINDS = ['talk', 'decision', 'other'] as const
export type SixMonthStepKind = (typeof SIX_MONTH_STEP_KINDS)[number]

export interface SixMonthStep {
  on: IsoDate
  kind: SixMonthStepKind
  trigger: 'attendance' | 'dues' | 'work'
  note: string
}

export const TRANSFER_STATUSES = ['pending', 'completed', 'cancelled'] as const
export type TransferStatus = (typeof TRANSFER_STATUSES)[number]

/** 组织关系转接. */
export interface Transfer extends Stamped {
  memberId: Id
  direction: 'in' | 'out'
  fromOrgId: Id | ''
  fromName: string
  toOrgId: Id | ''
  toName: string
  letterNo: string
  issuedOn: IsoDate
  completedOn: IsoDate
  status: TransferStatus
}

/** 党费 category (关于中国共产党党费收缴、使用和管理的规定 2008): which rate applies. */
export const DUES_CATEGORIES = [
  'employed', // 在职: after-tax fixed monthly pay (年薪制: actual monthly pay; self-employed: last quarter's average)
  'retired', // 离退休: the monthly pension
  'student', // 学生
  'unemployed', // 下岗失业
  'hardship', // 生活困难 (最低生活保障)
  'farmer', // 农牧民
] as const
export type DuesCategory = (typeof DUES_CATEGORIES)[number]

/** 减免: a branch decision with the upper org's approval, for a member in hardship. */
export interface DuesReduction {
  kind: 'reduced' | 'waived'
  /** The monthly amount while reduced, in 分 (0 when waived). */
  due: number
  decidedOn: IsoDate
  approvedOn: IsoDate
  /** Last month it applies to, 'YYYY-MM'. */
  until: string
  note: string
}

/** One correction of a recorded payment: the values it replaced, with who, when and why. */
export interface DuesCorrection {
  at: IsoDateTime
  actor: string
  reason: string
  paid: number
  paidOn: IsoDate
  receiptNo: string
}

/**
 * 党费: one month's dues of one member (党费收缴登记). Money in 分. The base and category are
 * those of the month: a new base applies from the month it is paid with, and the next
 * months carry the latest terms until they change.
 */
export interface Dues extends Stamped {
  memberId: Id
  orgId: Id
  /** 'YYYY-MM' */
  month: string
  category: DuesCategory
  /** Monthly base (after-tax pay, pension …) in 分; private, masked in lists. */
  base: number
  reduction: DuesReduction | null
  /** What the month owes, in 分 (dues.ts monthlyDue), fixed when recorded. */
  due: number
  paid: number
  paidOn: IsoDate
  receiptNo: string
  note: string
  corrections: DuesCorrection[]
}

// ─── Meetings ───────────────────────────────────────────────────────────────
export const MEETING_TYPES = [
  'branchAssembly', // 支部党员大会
  'committeeMeeting', // 支委会
  'groupMeeting', // 党小组会
  'partyLesson', // 党课
  'themedDay', // 主题党日
  'orgLifeMeeting', // 组织生活会
  'appraisal', // 民主评议党员
  'heartToHeart', // 谈心谈话
] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export const ABSENCE_REASONS = ['work', 'sick', 'personal', 'other'] as const
/** 因公 / 因病 / 因事 / 其他 */
export type AbsenceReason = (typeof ABSENCE_REASONS)[number]

export interface Meeting extends Stamped {
  orgId: Id
  type: MeetingType
  heldOn: IsoDate
  /** 'HH:mm' or '' */
  startTime: string
  place: string
  host: string
  recorder: string
  lecturer: string
  partyGroupId: Id | ''
  topic: string
  attendeeIds: Id[]
  absentees: { memberId: Id; reason: AbsenceReason; note: string }[]
  minutes: string
  resolutions: string
  status: 'draft' | 'final'
  photoIds: Id[]
  /**
   * The roll on `heldOn`, taken when the record is saved (roll.ts): a member who becomes full,
   * leaves or joins later does not change an old meeting's quorum. Absent on older records.
   */
  roll?: MeetingRoll
  /** 表决: resolutions that need a vote (接收预备党员, 转正, 处置 …). */
  votes?: MeetingVote[]
  /** 民主评议: why 优秀 exceeds the usual ⅓ of full members, when it does. */
  excellentReason?: string
}

/** Who was on the roll of the org on the meeting's date. */
export interface MeetingRoll {
  on: IsoDate
  /** On the roll (could attend), 正式 and 预备. */
  memberIds: Id[]
  /** 正式党员 on the roll: the base of the 民主评议 ⅓. */
  fullIds: Id[]
  /** 应到会有表决权: full members with a vote. */
  voterIds: Id[]
  /** Committee members (member id, or 'name:' + holder name) in office on the date. */
  committee: string[]
}

export const VOTE_SUBJECTS = [
  'admit', // 接收预备党员
  'fullMembership', // 预备党员转正
  'extension', // 延长预备期
  'cancellation', // 取消预备党员资格
  'discipline', // 处置不合格党员 / 除名
  'other',
] as const
export type VoteSubject = (typeof VOTE_SUBJECTS)[number]

/** 表决 of one resolution: counts include written opinions of absent voters. */
export interface MeetingVote {
  subject: VoteSubject
  /** The member the resolution is about ('' for other resolutions). */
  memberId: Id | ''
  title: string
  approve: number
  oppose: number
  abstain: number
  /** Of the above, opinions sent in writing by voters who could not come (细则 第二十条). */
  written: number
}

export interface Photo extends Stamped {
  meetingId: Id
  name: string
  type: string
  width: number
  height: number
  blob: Blob
}

// ─── Joint committees ───────────────────────────────────────────────────────
export const SECTORS = [
  'firm', // 企业
  'government', // 党政机关/部门
  'villageCommunity', // 嘎查村/社区
  'nonPublicFirm', // 非公企业
  'socialOrganisation', // 社会组织
  'other',
] as const
export type Sector = (typeof SECTORS)[number]

/** A constituent of a joint committee (an Org of type jointCommittee). */
export interface Constituent extends Stamped {
  committeeId: Id
  /** An org of the register, or '' for an outside organisation known by name. */
  orgId: Id | ''
  name: string
  sector: Sector
  joinedOn: IsoDate
  leftOn: IsoDate
}

/** 联席会议 */
export interface JointMeeting extends Stamped {
  committeeId: Id
  heldOn: IsoDate
  place: string
  host: string
  presentConstituentIds: Id[]
  topics: string
  minutes: string
}

export const ISSUE_STATUSES = ['open', 'inProgress', 'resolved', 'declined'] as const
/** 待办 → 办理中 → 已解决, or 不予解决 */
export type IssueStatus = (typeof ISSUE_STATUSES)[number]

/** 问题清单: a problem raised at joint meetings, tracked to resolution. */
export interface Issue extends Stamped {
  committeeId: Id
  /** Meetings that discussed it, first = where it was raised. */
  meetingIds: Id[]
  title: string
  description: string
  raisedByConstituentId: Id
  responsibleConstituentIds: Id[]
  raisedOn: IsoDate
  dueOn: IsoDate
  status: IssueStatus
  progress: { on: IsoDate; note: string }[]
  resolution: string
  resolvedOn: IsoDate
  declineReason: string
}

// ─── Study ──────────────────────────────────────────────────────────────────
export const STUDY_KINDS = ['collective', 'lesson', 'training', 'self', 'online', 'other'] as const
/** 集中学习 / 党课 / 专题培训 / 自学 / 线上学习 / 其他 */
export type StudyKind = (typeof STUDY_KINDS)[number]

export interface StudyRecord extends Stamped {
  memberId: Id
  orgId: Id
  studiedOn: IsoDate
  kind: StudyKind
  topic: string
  hours: number
  place: string
  note: string
  /** Self-entered records wait for the secretary's confirmation. */
  confirmed: YesNo
  meetingId: Id | ''
}

// ─── Settings, audit, recycle bin ───────────────────────────────────────────
export interface Setting {
  key: string
  value: number
  updatedAt: IsoDateTime
}

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'import',
  'demo',
  'clear',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** An honest trail: when a record was entered and changed, by whom. */
export interface AuditEntry {
  id: Id
  at: IsoDateTime
  actor: string
  action: AuditAction
  table: string
  /** '' for actions on many records (demo load, import). */
  recordId: Id | ''
  /** Field names changed by an update. */
  fields: string[]
  summary: string
}

/** A deleted record, kept whole so it can be restored. */
export interface RecycleEntry {
  id: Id
  table: string
  recordId: Id
  label: string
  deletedAt: IsoDateTime
  deletedBy: string
  record: Record<string, unknown>
}

/** Small key-value facts about the database itself (first run done, last backup …). */
export interface MetaEntry {
  key: string
  value: string
}

// ─── Replication (domain/revisions.ts) ──────────────────────────────────────
/** CouchDB's `_revisions`: the generation of the newest, then hashes newest first. */
export interface RevisionAncestry {
  start: number
  ids: string[]
}

/**
 * A deleted record's winning revision. Kept for good (emptying the recycle bin leaves it),
 * so the deletion reaches every device and an older copy never brings the record back.
 */
export interface Tombstone {
  /** `<table>:<recordId>` */
  id: string
  table: string
  recordId: Id
  _rev: string
  _revisions: RevisionAncestry
  /** A branch closed by a resolution rather than deleted by a person. */
  closed: boolean
  /** The org the record belonged to and the orgs above it, when it was deleted. */
  orgIds: Id[]
  deletedAt: IsoDateTime
  deletedBy: string
}

/** A leaf of a record's history other than the winner: a conflict, or a closed branch. */
export interface LeafRecord {
  /** `<table>:<recordId>:<rev>` */
  id: string
  table: string
  recordId: Id
  _rev: string
  _revisions: RevisionAncestry
  deleted: boolean
  closed: boolean
  /** 'open' while it waits for a person (revisions.ts openLeaves), else 'closed'. */
  state: 'open' | 'closed'
  /** The record as of this revision; null for a deleted leaf. */
  body: Record<string, unknown> | null
  /** When it came to this device. */
  at: IsoDateTime
}

/**
 * An old revision's body: kept when a local edit replaces it (the common ancestor of a later
 * conflict) or when a merge replaces it (`mergeId` set: the merge can be undone record by record).
 */
export interface RevisionBody {
  /** `<table>:<recordId>:<generation, 9 digits>-<hash>` so a record's bodies sort by age. */
  id: string
  table: string
  recordId: Id
  rev: string
  body: Record<string, unknown>
  /** The merge (its audit entry's id) that replaced it, '' for a local edit. */
  mergeId: string
  keptAt: IsoDateTime
}

/** A record left an org's subtree: packages for that org still carry it (both scopes receive it). */
export interface MoveMark {
  /** `<table>:<recordId>:<from org>` */
  id: string
  table: string
  recordId: Id
  /** The org it left and the orgs above it then. */
  orgIds: Id[]
  movedAt: IsoDateTime
}
