/**
 * Validation of what a person (or an import) may write into each entity. It trims and
 * normalises, drops unknown keys, and answers codes per field; the UI translates
 * `validation.<code>` with the field name. Field names are the entity's property names,
 * dotted when nested ('development.appliedOn', 'committee.0.holderName').
 *
 * Each field is checked on its own first (valibot schemas, one problem per field); the rules
 * that compare fields run only once every field is valid, so a message never rests on a
 * value that is itself wrong.
 */
import * as v from 'valibot'
import { checkCreditCode, legacyCreditCodeKind } from './creditCode'
import { isIsoDate } from './dates'
import { birthDateFromIdNumber, checkIdNumber, genderFromIdNumber } from './idNumber'
import { LIMITS } from './limits'
import {
  ABSENCE_REASONS,
  APPRAISAL_GRADES,
  AREA_LEVELS,
  COMMITTEE_POSTS,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  INDUSTRIES,
  ISSUE_STATUSES,
  MEETING_TYPES,
  MEMBER_STAGES,
  MEMBER_STATUSES,
  ORG_TYPES,
  SECTORS,
  SIX_MONTH_STEP_KINDS,
  SIZE_CLASSES,
  ORG_FORMATIONS,
  STUDY_KINDS,
  VOTE_SUBJECTS,
  type Area,
  type Constituent,
  type Firm,
  type IsoDate,
  type Issue,
  type JointMeeting,
  type Meeting,
  type Member,
  type Org,
  type Stamped,
  type StudyRecord,
} from './types'

export const VALIDATION_CODES = [
  'required',
  'type',
  'tooLong',
  'invalidDate',
  'dateOrder',
  'time',
  'length',
  'format',
  'charset',
  'checkDigit',
  'idBirthDate',
  'idBirthDateMismatch',
  'idGenderMismatch',
  'phone',
  'min',
  'max',
  'oneOf',
  'integer',
  'duplicate',
  // A tree move under itself or its own descendant.
  'cycle',
  // Raised by repositories, which see the database: a linked record is missing.
  'notFound',
  // An introducer who is not a full member (党章 第五条).
  'notFullMember',
  // 统一社会信用代码 parts (GB 32100-2015 §4).
  'registrationType',
  'divisionCode',
  'orgCode',
  // 公民身份号码: the province code (GB/T 2260) and a birth date after today.
  'idProvince',
  'idFutureBirthDate',
  // Raised by repositories against the roll and the rules:
  'notOnRoll', // not a member on the roll of the org on that date
  'notProbationary', // a 转正 decision for someone who is not 预备
  'extensionUsed', // 延长预备期 only once (党章 第七条)
  'extensionTooShort',
  'extensionTooLong',
  'voteNotPassed', // 赞成 not more than half of 应到会有表决权
  'voteCounts', // counts that cannot be true for the meeting
  'reasonRequired', // 民主评议: 优秀 over the usual share needs its reason recorded
  'temporaryBranch', // 临时党支部 admit no members and hold no 换届
  'seatNotFullMember', // a committee seat for a 预备党员 or one under 留党察看
  'seatOutsideOrg', // a committee seat for a member of another org
  'termShiftTooFar', // 延期/提前换届 beyond term.maxShiftYears
  'nameMismatch', // 彻底删除: the name typed to confirm is not the member's
  'futureDate', // a date that has not come yet for something already done
] as const
export type ValidationCode = (typeof VALIDATION_CODES)[number]

export interface FieldProblem {
  field: string
  code: ValidationCode
  params?: Record<string, string | number>
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] }

type Unstamped<T extends Stamped> = Omit<T, keyof Stamped>
/** The repository sets `path` from the parent. */
export type AreaInput = Omit<Unstamped<Area>, 'path'>
/** The repository copies `areaPath` from the area. */
export type FirmInput = Omit<Unstamped<Firm>, 'areaPath' | 'orgStatus' | 'nameTokens'>
export type OrgInput = Omit<Unstamped<Org>, 'areaPath' | 'nameTokens'>
export type MemberInput = Omit<Unstamped<Member>, 'lastAttendedOn' | 'nameTokens'>
export type MeetingInput = Unstamped<Meeting>
export type StudyRecordInput = Unstamped<StudyRecord>
export type IssueInput = Unstamped<Issue>
export type ConstituentInput = Unstamped<Constituent>
export type JointMeetingInput = Unstamped<JointMeeting>

// ─── Field schemas ──────────────────────────────────────────────────────────

function text(max: number) {
  return v.pipe(v.string(), v.trim(), v.maxLength(max))
}

function requiredText(max: number) {
  return v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(max))
}

/** An id of another record, always present. */
const requiredId = v.pipe(v.string(), v.trim(), v.nonEmpty())
/** An optional link: '' means none (types.ts: IndexedDB cannot index null). */
const optionalId = v.pipe(v.string(), v.trim())
const idList = v.array(requiredId)

const optionalDate = v.pipe(
  v.string(),
  v.trim(),
  v.check((value) => value === '' || isIsoDate(value), 'invalidDate'),
)
const requiredDate = v.pipe(v.string(), v.trim(), v.nonEmpty(), v.check(isIsoDate, 'invalidDate'))

function integer(min: number, max: number) {
  return v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))
}

function amount(min: number, max: number) {
  return v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max))
}

const yesNo = v.picklist(['yes', 'no'])

const creditCode = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(),
  v.toUpperCase(),
  v.check(
    (value) => checkCreditCode(value) === null,
    (issue) => checkCreditCode(String(issue.input)) ?? 'checkDigit',
  ),
)

/**
 * A credit code as an older version may have stored it: valid today, or in a legacy form
 * (creditCode.ts legacyCreditCodeKind) that a restore accepts and names, for the user to
 * bring up to date. Forms never accept these.
 */
const storedCreditCode = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty(),
  v.toUpperCase(),
  v.check(
    (value) => checkCreditCode(value) === null || legacyCreditCodeKind(value) !== null,
    (issue) => checkCreditCode(String(issue.input)) ?? 'checkDigit',
  ),
)

const ID_PROBLEM_CODES = {
  length: 'length',
  format: 'format',
  province: 'idProvince',
  birthDate: 'idBirthDate',
  futureBirthDate: 'idFutureBirthDate',
  checkDigit: 'checkDigit',
} as const satisfies Record<NonNullable<ReturnType<typeof checkIdNumber>>, ValidationCode>

/** Optional, since older records often lack it; when given it must be a real number. */
const idNumber = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.check(
    (value) => value === '' || checkIdNumber(value) === null,
    (issue) => {
      const problem = checkIdNumber(String(issue.input))
      return problem ? ID_PROBLEM_CODES[problem] : 'checkDigit'
    },
  ),
)

/** Mainland mobile numbers: 11 digits from 1; spaces and dashes people type are dropped. */
const phone = v.pipe(
  v.string(),
  v.transform((value) => value.replace(/[\s-]/g, '')),
  v.check((value) => value === '' || /^1\d{10}$/.test(value), 'phone'),
)

const startTime = v.pipe(
  v.string(),
  v.trim(),
  v.check((value) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), 'time'),
)

// ─── Entity schemas ─────────────────────────────────────────────────────────

const areaSchema = v.object({
  name: requiredText(LIMITS.areaName),
  parentId: optionalId,
  level: v.picklist(AREA_LEVELS),
  // GB/T 2260 administrative division codes are 6 digits.
  code: v.pipe(
    v.string(),
    v.trim(),
    v.check(
      (value) => value === '' || (value.length === LIMITS.divisionCode && /^\d+$/.test(value)),
      'format',
    ),
  ),
  retired: yesNo,
  sortOrder: integer(0, LIMITS.sortOrderMax),
})

/** A flag added after records were first written: absent reads as 'no'. */
const laterFlag = v.optional(yesNo, 'no')
/** A date added after records were first written: absent reads as ''. */
const laterDate = v.optional(optionalDate, '')

const firmSchema = v.object({
  tradeUnion: laterFlag,
  youthLeague: laterFlag,
  name: requiredText(LIMITS.name),
  creditCode,
  areaId: requiredId,
  industry: v.picklist(INDUSTRIES),
  sizeClass: v.picklist(SIZE_CLASSES),
  employees: integer(0, LIMITS.employeesMax),
  registeredOn: optionalDate,
  closedOn: optionalDate,
  instructor: text(LIMITS.personName),
  liaison: text(LIMITS.personName),
  address: text(LIMITS.address),
  note: text(LIMITS.note),
})

const storedFirmSchema = v.object({ ...firmSchema.entries, creditCode: storedCreditCode })

const committeeSeatSchema = v.object({
  post: v.picklist(COMMITTEE_POSTS),
  memberId: optionalId,
  holderName: text(LIMITS.personName),
  since: optionalDate,
})

const termShiftSchema = v.object({
  months: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(-LIMITS.termShiftMonthsMax),
    v.maxValue(LIMITS.termShiftMonthsMax),
  ),
  approvedOn: optionalDate,
  note: text(LIMITS.note),
})

const pastTermSchema = v.object({
  number: integer(1, LIMITS.termNumberMax),
  startOn: optionalDate,
  endOn: optionalDate,
  committee: v.array(committeeSeatSchema),
})

const orgSchema = v.object({
  formation: v.optional(v.picklist(ORG_FORMATIONS), 'unit'),
  villageOrCommunity: laterFlag,
  termNumber: v.optional(integer(0, LIMITS.termNumberMax), 0),
  termShift: v.optional(v.nullable(termShiftSchema), null),
  pastTerms: v.optional(v.array(pastTermSchema), []),
  name: requiredText(LIMITS.name),
  type: v.picklist(ORG_TYPES),
  parentId: optionalId,
  areaId: requiredId,
  hostFirmIds: idList,
  foundedOn: optionalDate,
  dissolvedOn: optionalDate,
  committee: v.array(committeeSeatSchema),
  termStartOn: optionalDate,
  termYears: integer(0, LIMITS.termYearsMax),
  note: text(LIMITS.note),
})

const developmentSchema = v.object({
  appliedOn: optionalDate,
  talkedOn: optionalDate,
  activistOn: optionalDate,
  candidateOn: optionalDate,
  trainingDays: amount(0, LIMITS.trainingDaysMax),
  trainingHours: amount(0, LIMITS.trainingHoursMax),
  introducerIds: idList,
  contactNames: v.array(requiredText(LIMITS.personName)),
  branchVoteOn: optionalDate,
  approvedOn: optionalDate,
  extendedUntil: optionalDate,
  fullOn: optionalDate,
  youthLeagueOn: laterDate,
  activistFiledOn: laterDate,
  candidateFiledOn: laterDate,
  politicalReviewOn: laterDate,
  publicityFromOn: laterDate,
  publicityToOn: laterDate,
  preReviewOn: laterDate,
  applicationFormOn: laterDate,
  upperTalkOn: laterDate,
  approvalSpecial: laterFlag,
  oathOn: laterDate,
  fullAppliedOn: laterDate,
  fullVoteOn: laterDate,
  fullVoteMeetingId: v.optional(optionalId, ''),
  fullApprovedOn: laterDate,
  fullApprovalSpecial: laterFlag,
  extensionOn: laterDate,
  cancelledOn: laterDate,
})

const memberSchema = v.object({
  orgId: requiredId,
  firmId: optionalId,
  partyGroupId: optionalId,
  name: requiredText(LIMITS.personName),
  gender: v.picklist(GENDERS),
  ethnicity: v.picklist(ETHNICITIES),
  birthDate: optionalDate,
  idNumber,
  phone,
  education: v.picklist(EDUCATIONS),
  jobTitle: text(LIMITS.jobTitle),
  stage: v.picklist(MEMBER_STAGES),
  development: developmentSchema,
  fullMemberOn: optionalDate,
  status: v.picklist(MEMBER_STATUSES),
  statusSince: optionalDate,
  statusNote: text(LIMITS.statusNote),
  appraisals: v.array(
    v.object({
      year: integer(LIMITS.yearMin, LIMITS.yearMax),
      grade: v.picklist(APPRAISAL_GRADES),
    }),
  ),
  // 党章 第九条: the secretary's flag and the branch's steps; absent on older records.
  workNotDone: v.optional(
    v.nullable(v.object({ since: requiredDate, note: requiredText(LIMITS.statusNote) })),
  ),
  sixMonthSteps: v.optional(
    v.array(
      v.object({
        on: requiredDate,
        kind: v.picklist(SIX_MONTH_STEP_KINDS),
        trigger: v.picklist(['attendance', 'dues', 'work'] as const),
        note: requiredText(LIMITS.statusNote),
      }),
    ),
  ),
})

const voteCount = integer(0, LIMITS.voteMax)

const voteSchema = v.object({
  subject: v.picklist(VOTE_SUBJECTS),
  memberId: optionalId,
  title: text(LIMITS.title),
  approve: voteCount,
  oppose: voteCount,
  abstain: voteCount,
  written: voteCount,
})

const meetingSchema = v.object({
  orgId: requiredId,
  type: v.picklist(MEETING_TYPES),
  heldOn: requiredDate,
  startTime,
  place: text(LIMITS.place),
  host: text(LIMITS.personName),
  recorder: text(LIMITS.personName),
  lecturer: text(LIMITS.personName),
  partyGroupId: optionalId,
  // The form asks for a topic (会议记录 records what was discussed); so does the repository.
  topic: requiredText(LIMITS.title),
  attendeeIds: idList,
  absentees: v.array(
    v.object({
      memberId: requiredId,
      reason: v.picklist(ABSENCE_REASONS),
      note: text(LIMITS.statusNote),
    }),
  ),
  minutes: text(LIMITS.minutes),
  resolutions: text(LIMITS.text),
  status: v.picklist(['draft', 'final']),
  photoIds: idList,
  roll: v.optional(
    v.object({
      on: requiredDate,
      memberIds: idList,
      fullIds: idList,
      voterIds: idList,
      committee: v.array(requiredId),
    }),
  ),
  votes: v.optional(v.array(voteSchema), []),
  excellentReason: v.optional(text(LIMITS.text), ''),
})

/**
 * A meeting as stored by this or an older version: older versions saved a meeting without a
 * topic, and a restore or a pull must not refuse (and so lose) it; a save through the form
 * asks for one.
 */
const storedMeetingSchema = v.object({ ...meetingSchema.entries, topic: text(LIMITS.title) })

const studyRecordSchema = v.object({
  memberId: requiredId,
  orgId: requiredId,
  studiedOn: requiredDate,
  kind: v.picklist(STUDY_KINDS),
  topic: requiredText(LIMITS.title),
  // A record of no time is no study; half hours are common, so not an integer.
  hours: v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(LIMITS.studyHoursPerRecord)),
  place: text(LIMITS.place),
  note: text(LIMITS.note),
  confirmed: yesNo,
  meetingId: optionalId,
})

const issueSchema = v.object({
  committeeId: requiredId,
  meetingIds: idList,
  title: requiredText(LIMITS.title),
  description: text(LIMITS.text),
  raisedByConstituentId: requiredId,
  responsibleConstituentIds: idList,
  raisedOn: requiredDate,
  dueOn: optionalDate,
  status: v.picklist(ISSUE_STATUSES),
  progress: v.array(v.object({ on: requiredDate, note: requiredText(LIMITS.note) })),
  resolution: text(LIMITS.text),
  resolvedOn: optionalDate,
  declineReason: text(LIMITS.text),
})

const constituentSchema = v.object({
  committeeId: requiredId,
  orgId: optionalId,
  name: requiredText(LIMITS.name),
  sector: v.picklist(SECTORS),
  joinedOn: optionalDate,
  leftOn: optionalDate,
})

const jointMeetingSchema = v.object({
  committeeId: requiredId,
  heldOn: requiredDate,
  place: text(LIMITS.place),
  host: text(LIMITS.personName),
  presentConstituentIds: idList,
  topics: text(LIMITS.text),
  minutes: text(LIMITS.minutes),
})

// ─── Issues → problems ──────────────────────────────────────────────────────

const CODE_SET: ReadonlySet<string> = new Set(VALIDATION_CODES)

function isValidationCode(value: string): value is ValidationCode {
  return CODE_SET.has(value)
}

function numberRequirement(issue: v.BaseIssue<unknown>): number {
  return typeof issue.requirement === 'number' ? issue.requirement : 0
}

function problemOf(issue: v.BaseIssue<unknown>): FieldProblem {
  const field = v.getDotPath(issue) ?? ''
  if (issue.kind === 'schema') {
    // A missing key or a cleared number input arrives as undefined or null.
    if (issue.input === undefined || issue.input === null) return { field, code: 'required' }
    return { field, code: issue.type === 'picklist' ? 'oneOf' : 'type' }
  }
  switch (issue.type) {
    case 'non_empty':
      return { field, code: 'required' }
    case 'max_length':
      return { field, code: 'tooLong', params: { max: numberRequirement(issue) } }
    case 'min_value':
    case 'gt_value':
      return { field, code: 'min', params: { min: numberRequirement(issue) } }
    case 'max_value':
      return { field, code: 'max', params: { max: numberRequirement(issue) } }
    case 'integer':
      return { field, code: 'integer' }
    case 'finite':
      return { field, code: 'type' }
    default:
      // Custom checks carry their code as the message.
      return { field, code: isValidationCode(issue.message) ? issue.message : 'type' }
  }
}

function validateWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  crossCheck: (value: v.InferOutput<TSchema>) => FieldProblem[],
): ValidationResult<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (!result.success) return { ok: false, problems: result.issues.map(problemOf) }
  const problems = crossCheck(result.output)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: result.output }
}

// ─── Rules across fields ────────────────────────────────────────────────────

type DatedField = readonly [field: string, date: IsoDate]

/** The later date may not come before the earlier; unknown dates are not compared. */
function dateOrder(earlier: DatedField, later: DatedField): FieldProblem[] {
  const [earlierField, earlierDate] = earlier
  const [laterField, laterDate] = later
  if (earlierDate === '' || laterDate === '' || laterDate >= earlierDate) return []
  return [{ field: laterField, code: 'dateOrder', params: { after: earlierField } }]
}

/** A problem for every repeat of an earlier value; items keyed null are not compared. */
function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string | null,
  field: (index: number) => string,
): FieldProblem[] {
  const seen = new Set<string>()
  const problems: FieldProblem[] = []
  items.forEach((item, index) => {
    const value = key(item)
    if (value === null) return
    if (seen.has(value)) problems.push({ field: field(index), code: 'duplicate' })
    seen.add(value)
  })
  return problems
}

function noProblems(): FieldProblem[] {
  return []
}

// ─── Public validators ──────────────────────────────────────────────────────

export function validateArea(input: unknown): ValidationResult<AreaInput> {
  return validateWith(areaSchema, input, noProblems)
}

export function validateFirm(input: unknown): ValidationResult<FirmInput> {
  return validateWith(firmSchema, input, (firm) =>
    dateOrder(['registeredOn', firm.registeredOn], ['closedOn', firm.closedOn]),
  )
}

/**
 * A firm as stored by this or an older version (a backup, a package, a pull): the form's
 * rules, but a legacy credit code is let through (recordShapes.ts names it for the user).
 */
export function validateStoredFirm(input: unknown): ValidationResult<FirmInput> {
  return validateWith(storedFirmSchema, input, (firm) =>
    dateOrder(['registeredOn', firm.registeredOn], ['closedOn', firm.closedOn]),
  )
}

export function validateOrg(input: unknown): ValidationResult<OrgInput> {
  return validateWith(orgSchema, input, (org) => [
    ...dateOrder(['foundedOn', org.foundedOn], ['dissolvedOn', org.dissolvedOn]),
    ...duplicates(
      org.hostFirmIds,
      (id) => id,
      (index) => `hostFirmIds.${index}`,
    ),
    // A seat is held by a member of the register or by someone known only by name.
    ...org.committee.flatMap((seat, index): FieldProblem[] =>
      seat.memberId === '' && seat.holderName === ''
        ? [{ field: `committee.${index}.holderName`, code: 'required' }]
        : [],
    ),
    // 支部工作条例 第六章: one secretary; deputies and members may be several.
    ...duplicates(
      org.committee,
      (seat) => (seat.post === 'secretary' ? seat.post : null),
      (index) => `committee.${index}.post`,
    ),
  ])
}

export function validateMember(input: unknown): ValidationResult<MemberInput> {
  const result = validateWith(memberSchema, input, (member) => {
    const at = (field: DevelopmentDateField): DatedField => [
      `development.${field}`,
      member.development[field],
    ]
    return [
      ...identityProblems(member.idNumber, member.birthDate, member.gender),
      // 发展党员工作细则: each step follows the one before it.
      ...dateOrder(['birthDate', member.birthDate], at('appliedOn')),
      ...dateOrder(at('appliedOn'), at('talkedOn')),
      ...dateOrder(at('appliedOn'), at('activistOn')),
      ...dateOrder(at('activistOn'), at('candidateOn')),
      ...dateOrder(at('candidateOn'), at('branchVoteOn')),
      ...dateOrder(at('branchVoteOn'), at('approvedOn')),
      ...dateOrder(at('branchVoteOn'), at('extendedUntil')),
      ...dateOrder(at('branchVoteOn'), at('fullOn')),
      ...dateOrder(at('activistOn'), at('activistFiledOn')),
      ...dateOrder(at('candidateOn'), at('candidateFiledOn')),
      ...dateOrder(at('publicityFromOn'), at('publicityToOn')),
      ...dateOrder(at('politicalReviewOn'), at('branchVoteOn')),
      ...dateOrder(at('applicationFormOn'), at('branchVoteOn')),
      ...dateOrder(at('branchVoteOn'), at('upperTalkOn')),
      ...dateOrder(at('branchVoteOn'), at('oathOn')),
      ...dateOrder(at('branchVoteOn'), at('fullVoteOn')),
      ...dateOrder(at('fullAppliedOn'), at('fullVoteOn')),
      ...dateOrder(at('fullVoteOn'), at('fullApprovedOn')),
      ...dateOrder(['birthDate', member.birthDate], ['fullMemberOn', member.fullMemberOn]),
      ...duplicates(
        member.development.introducerIds,
        (id) => id,
        (index) => `development.introducerIds.${index}`,
      ),
      ...duplicates(
        member.appraisals,
        (appraisal) => String(appraisal.year),
        (index) => `appraisals.${index}.year`,
      ),
    ]
  })
  if (!result.ok || result.value.idNumber === '' || result.value.birthDate !== '') return result
  // The number is valid and agrees; an empty birth date is filled from it.
  return {
    ok: true,
    value: { ...result.value, birthDate: birthDateFromIdNumber(result.value.idNumber) },
  }
}

type DevelopmentDateField = {
  [K in keyof Member['development']]-?: NonNullable<Member['development'][K]> extends IsoDate
    ? K
    : never
}[keyof Member['development']]

/** GB 11643-1999: the number codes the birth date and, by its 17th digit, the gender. */
function identityProblems(idNumber: string, birthDate: IsoDate, gender: string): FieldProblem[] {
  if (idNumber === '') return []
  const problems: FieldProblem[] = []
  const codedBirthDate = birthDateFromIdNumber(idNumber)
  if (birthDate !== '' && birthDate !== codedBirthDate) {
    problems.push({
      field: 'idNumber',
      code: 'idBirthDateMismatch',
      params: { birthDate: codedBirthDate },
    })
  }
  const codedGender = genderFromIdNumber(idNumber)
  if (gender !== codedGender) {
    problems.push({ field: 'idNumber', code: 'idGenderMismatch', params: { gender: codedGender } })
  }
  return problems
}

export function validateMeeting(input: unknown): ValidationResult<MeetingInput> {
  return validateWith(meetingSchema, input, meetingProblems)
}

/** A meeting as stored (a backup, a package, a pull): the form's rules, the topic optional. */
export function validateStoredMeeting(input: unknown): ValidationResult<MeetingInput> {
  return validateWith(storedMeetingSchema, input, meetingProblems)
}

function meetingProblems(meeting: MeetingInput): FieldProblem[] {
  const attending = new Set(meeting.attendeeIds)
  return [
    ...duplicates(
      meeting.attendeeIds,
      (id) => id,
      (index) => `attendeeIds.${index}`,
    ),
    ...duplicates(
      meeting.absentees,
      (absentee) => absentee.memberId,
      (index) => `absentees.${index}.memberId`,
    ),
    // Nobody is both present and absent: the quorum count depends on it.
    ...meeting.absentees.flatMap((absentee, index): FieldProblem[] =>
      attending.has(absentee.memberId)
        ? [{ field: `absentees.${index}.memberId`, code: 'duplicate' }]
        : [],
    ),
  ]
}

export function validateStudyRecord(input: unknown): ValidationResult<StudyRecordInput> {
  return validateWith(studyRecordSchema, input, noProblems)
}

export function validateIssue(input: unknown): ValidationResult<IssueInput> {
  return validateWith(issueSchema, input, (issue) => {
    const raised: DatedField = ['raisedOn', issue.raisedOn]
    const problems = [
      ...dateOrder(raised, ['dueOn', issue.dueOn]),
      ...dateOrder(raised, ['resolvedOn', issue.resolvedOn]),
      ...issue.progress.flatMap((step, index) =>
        dateOrder(raised, [`progress.${index}.on`, step.on]),
      ),
    ]
    // The figures count resolutions and days to resolve: a resolved issue needs both.
    if (issue.status === 'resolved') {
      if (issue.resolvedOn === '') problems.push({ field: 'resolvedOn', code: 'required' })
      if (issue.resolution === '') problems.push({ field: 'resolution', code: 'required' })
    }
    if (issue.status === 'declined' && issue.declineReason === '') {
      problems.push({ field: 'declineReason', code: 'required' })
    }
    return problems
  })
}

export function validateConstituent(input: unknown): ValidationResult<ConstituentInput> {
  return validateWith(constituentSchema, input, (constituent) =>
    dateOrder(['joinedOn', constituent.joinedOn], ['leftOn', constituent.leftOn]),
  )
}

export function validateJointMeeting(input: unknown): ValidationResult<JointMeetingInput> {
  return validateWith(jointMeetingSchema, input, (meeting) =>
    duplicates(
      meeting.presentConstituentIds,
      (id) => id,
      (index) => `presentConstituentIds.${index}`,
    ),
  )
}
