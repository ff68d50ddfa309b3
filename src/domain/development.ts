/**
 * The time rules of party development (发展党员) as pure functions: what the next step of a
 * person is, with its earliest and latest date, and which rules the recorded dates break.
 * Every number comes from the 'development' settings; every answer is a code.
 *
 * Age: completed years on the calendar (dates.ts ageOn) — a birthday counts on the day
 * itself, and someone born on 29 February reaches the new age on 1 March in a common year
 * (民法典 第二百零一条第二款: a period whose end month lacks the day ends on the month's last
 * day, 28 February, so the age is complete from 1 March). Born 2008-02-29 → 18 on 2026-03-01.
 */
import { addMonths, addYears, ageOn, workingDaysBetween } from './dates'
import { emptyDevelopment } from './members'
import type { Settings } from './settings'
import type { Development, IsoDate, Member, MemberStage } from './types'

export const NEXT_STEPS = [
  'talk', // 谈话 within a month of the application
  'becomeActivist', // 确定为入党积极分子
  'becomeCandidate', // 确定为发展对象 after ≥ 1 year as activist
  'politicalReview', // 政治审查
  'training', // 短期集中培训
  'publicity', // 公示
  'preReview', // 基层党委预审
  'applicationForm', // 填写入党志愿书
  'branchVote', // 支部大会讨论接收为预备党员
  'upperTalk', // 上级党委派人谈话
  'approval', // 上级党委审批 within 3 months of the vote
  'oath', // 入党宣誓
  'becomeFull', // 预备期满 → 转正 (支部大会讨论)
  'fullApproval', // 转正 审批 within 3 months of the vote
] as const
export type NextStepCode = (typeof NEXT_STEPS)[number]

export interface NextStep {
  code: NextStepCode
  /** '' when the rules set no bound. */
  earliest: IsoDate
  latest: IsoDate
}

export const DEVELOPMENT_WARNINGS = [
  'underAge', // 党章 第一条: 年满十八岁
  'talkLate', // 细则 第七条: talk within a month
  'talkOverdue',
  'youthLeagueOverAge', // 团组织推优 is for those aged 28 or under
  'activistTooShort', // 细则 第十三条: 培养教育考察一年以上
  'politicalReviewMissing', // 细则 第十六条: no admission without 政治审查
  'trainingShort', // 细则 第十七条: 集中培训 ≥ 3 days or 24 hours
  'publicityShort', // 公示 of at least N working days (local)
  'voteBeforePublicityEnd',
  'introducersMissing', // 党章 第五条: two full members
  'approvalLate', // 细则 第四章: 上级党委 approves within 3 months (6 in special cases)
  'approvalOverdue',
  'fullEarly', // 党章 第七条: probation is one year
  'fullOverdue',
  'fullApprovalLate', // 细则 第三十三条: 转正 approved within 3 months of the vote
  'fullApprovalOverdue',
  'extensionTooShort', // 细则 第三十二条: 延长预备期 at least half a year
  'extensionTooLong', // 党章 第七条: at most one year
] as const
export type DevelopmentWarningCode = (typeof DEVELOPMENT_WARNINGS)[number]

export interface DevelopmentWarning {
  code: DevelopmentWarningCode
  /** The dotted field the warning is about, for the form ('development.candidateOn'). */
  field: string
  params: Record<string, string | number>
}

/** What the rules read of a person. */
export type DevelopmentFacts = Pick<Member, 'birthDate' | 'stage' | 'development'>

/** Every step of the record, the later ones '' (and 'no') on records written before them. */
export type FullDevelopment = Required<Development>

export function completeDevelopment(development: Development): FullDevelopment {
  return { ...emptyDevelopment(), ...development }
}

// ─── Single rules (each testable at its boundary) ──────────────────────────

/** 党章 第一条: the applicant is 18 or older on the day of applying; null if unknown. */
export function isOldEnoughToApply(
  birthDate: IsoDate,
  appliedOn: IsoDate,
  settings: Settings,
): boolean | null {
  const age = ageOn(birthDate, appliedOn)
  return age === null ? null : age >= settings['development.minAge']
}

/** 细则 第七条: the last day for the talk after an application. */
export function talkDeadline(appliedOn: IsoDate, settings: Settings): IsoDate {
  return addMonths(appliedOn, settings['development.talkWithinMonths'])
}

/** 细则 第十三条: the first day an activist can become a candidate (the anniversary). */
export function earliestCandidateOn(activistOn: IsoDate, settings: Settings): IsoDate {
  return addYears(activistOn, settings['development.activistMinYears'])
}

/** 细则 第十七条: training of at least N days or M hours (either is enough). */
export function isTrainingEnough(
  development: Pick<Development, 'trainingDays' | 'trainingHours'>,
  settings: Settings,
): boolean {
  return (
    development.trainingDays >= settings['development.trainingMinDays'] ||
    development.trainingHours >= settings['development.trainingMinHours']
  )
}

/** 公示 lasts at least N working days (local setting); null when a date is missing. */
export function isPublicityLongEnough(
  fromOn: IsoDate,
  toOn: IsoDate,
  settings: Settings,
): boolean | null {
  const days = workingDaysBetween(fromOn, toOn)
  return days === null ? null : days >= settings['development.publicityWorkingDays']
}

/**
 * 细则 第四章 (接收) and 第三十三条 (转正): the upper committee approves within 3 months of the
 * branch vote; a special case recorded as such may take up to 6.
 */
export function approvalDeadline(voteOn: IsoDate, settings: Settings, special = false): IsoDate {
  return addMonths(
    voteOn,
    special
      ? settings['development.approvalSpecialMonths']
      : settings['development.approvalWithinMonths'],
  )
}

/** 党章 第七条: probation ends one year after the branch vote (the day it becomes due). */
export function probationEnd(branchVoteOn: IsoDate, settings: Settings): IsoDate {
  return addYears(branchVoteOn, settings['development.probationYears'])
}

/**
 * 党章 第七条, 细则 第三十二条: an extension runs from the end of probation for at least 6 and at
 * most 12 months, once (the model keeps one `extendedUntil`, so a second cannot be recorded).
 */
export function extensionBounds(
  branchVoteOn: IsoDate,
  settings: Settings,
): { earliest: IsoDate; latest: IsoDate } {
  const end = probationEnd(branchVoteOn, settings)
  return {
    earliest: addMonths(end, settings['development.extensionMinMonths']),
    latest: addMonths(end, settings['development.extensionMaxMonths']),
  }
}

/** When probation is over: the extension's end if there is one, else one year from the vote. */
export function probationDue(development: Development, settings: Settings): IsoDate {
  if (development.branchVoteOn === '') return ''
  return development.extendedUntil || probationEnd(development.branchVoteOn, settings)
}

/**
 * 党章 第七条, 细则 第三十四条: 党龄 counts from the day probation ends, whatever date is typed
 * for the 转正. '' when the branch vote is not on record (the typed date is all there is).
 */
export function fullMemberSince(development: Development, settings: Settings): IsoDate {
  return probationDue(development, settings)
}

// ─── The next step ──────────────────────────────────────────────────────────

const STAGE_ORDER: Record<MemberStage, number> = {
  applicant: 0,
  activist: 1,
  candidate: 2,
  probationary: 3,
  full: 4,
}

/** The stage after this one, or null for a full member. */
export function stageAfter(stage: MemberStage): MemberStage | null {
  const order = STAGE_ORDER[stage]
  const next = (Object.keys(STAGE_ORDER) as MemberStage[]).find((s) => STAGE_ORDER[s] === order + 1)
  return next ?? null
}

const step = (code: NextStepCode, earliest: IsoDate = '', latest: IsoDate = ''): NextStep => ({
  code,
  earliest,
  latest,
})

/** The step a person is waiting for, with its dates; null when nothing is left. */
export function nextStep(person: DevelopmentFacts, settings: Settings): NextStep | null {
  const d = completeDevelopment(person.development)
  switch (person.stage) {
    case 'applicant':
      if (d.talkedOn === '' && d.appliedOn !== '') {
        return step('talk', d.appliedOn, talkDeadline(d.appliedOn, settings))
      }
      return step('becomeActivist', d.talkedOn || d.appliedOn)
    case 'activist':
      return step(
        'becomeCandidate',
        d.activistOn ? earliestCandidateOn(d.activistOn, settings) : '',
      )
    case 'candidate':
      if (d.politicalReviewOn === '') return step('politicalReview', d.candidateOn)
      if (!isTrainingEnough(d, settings)) return step('training', d.candidateOn)
      if (d.publicityFromOn === '') return step('publicity', d.candidateOn)
      if (d.preReviewOn === '') return step('preReview', d.publicityToOn || d.candidateOn)
      if (d.applicationFormOn === '') return step('applicationForm', d.preReviewOn)
      return step('branchVote', d.applicationFormOn || d.candidateOn)
    case 'probationary': {
      if (d.approvedOn === '' && d.branchVoteOn !== '') {
        const latest = approvalDeadline(d.branchVoteOn, settings, d.approvalSpecial === 'yes')
        if (d.upperTalkOn === '') return step('upperTalk', d.branchVoteOn, latest)
        return step('approval', d.branchVoteOn, latest)
      }
      if (d.oathOn === '' && d.approvedOn !== '') return step('oath', d.approvedOn)
      const due = probationDue(d, settings)
      return step('becomeFull', due, due)
    }
    case 'full':
      if (d.fullVoteOn !== '' && d.fullApprovedOn === '') {
        return step(
          'fullApproval',
          d.fullVoteOn,
          approvalDeadline(d.fullVoteOn, settings, d.fullApprovalSpecial === 'yes'),
        )
      }
      return null
  }
}

// ─── Warnings ───────────────────────────────────────────────────────────────

function warning(
  code: DevelopmentWarningCode,
  field: keyof Development,
  params: Record<string, string | number> = {},
): DevelopmentWarning {
  return { code, field: `development.${field}`, params }
}

/** A done step against its deadline: late when after it, overdue when missing past it. */
function deadlineWarning(
  out: DevelopmentWarning[],
  done: IsoDate,
  latest: IsoDate,
  today: IsoDate,
  waiting: boolean,
  codes: readonly [late: DevelopmentWarningCode, overdue: DevelopmentWarningCode],
  field: keyof Development,
): void {
  if (done !== '' && done > latest) out.push(warning(codes[0], field, { latest }))
  else if (done === '' && waiting && today > latest) out.push(warning(codes[1], field, { latest }))
}

/**
 * Every time rule the recorded dates break, or that has run out by `today` with the step
 * not taken. Steps not yet reached are not judged; unknown dates are never guessed; a step
 * missing from an older record is asked for only while the person is still in development.
 */
export function developmentWarnings(
  person: DevelopmentFacts,
  settings: Settings,
  today: IsoDate,
): DevelopmentWarning[] {
  const d = completeDevelopment(person.development)
  const stage = STAGE_ORDER[person.stage]
  const inDevelopment = person.stage !== 'full'
  const out: DevelopmentWarning[] = []
  if (d.appliedOn !== '' && isOldEnoughToApply(person.birthDate, d.appliedOn, settings) === false) {
    out.push(warning('underAge', 'appliedOn', { minAge: settings['development.minAge'] }))
  }
  if (d.appliedOn !== '') {
    deadlineWarning(
      out,
      d.talkedOn,
      talkDeadline(d.appliedOn, settings),
      today,
      stage === STAGE_ORDER.applicant,
      ['talkLate', 'talkOverdue'],
      'talkedOn',
    )
  }
  const youthAge = ageOn(person.birthDate, d.youthLeagueOn)
  if (youthAge !== null && youthAge > settings['development.youthLeagueMaxAge']) {
    out.push(
      warning('youthLeagueOverAge', 'youthLeagueOn', {
        maxAge: settings['development.youthLeagueMaxAge'],
      }),
    )
  }
  if (d.activistOn !== '' && d.candidateOn !== '') {
    const earliest = earliestCandidateOn(d.activistOn, settings)
    if (d.candidateOn < earliest) out.push(warning('activistTooShort', 'candidateOn', { earliest }))
  }
  const admitted = stage >= STAGE_ORDER.probationary || d.branchVoteOn !== ''
  if (inDevelopment && admitted && d.politicalReviewOn === '') {
    out.push(warning('politicalReviewMissing', 'politicalReviewOn'))
  }
  if (admitted && !isTrainingEnough(d, settings)) {
    out.push(
      warning('trainingShort', 'trainingDays', {
        days: settings['development.trainingMinDays'],
        hours: settings['development.trainingMinHours'],
      }),
    )
  }
  if (isPublicityLongEnough(d.publicityFromOn, d.publicityToOn, settings) === false) {
    out.push(
      warning('publicityShort', 'publicityToOn', {
        days: settings['development.publicityWorkingDays'],
      }),
    )
  }
  if (d.publicityToOn !== '' && d.branchVoteOn !== '' && d.branchVoteOn <= d.publicityToOn) {
    out.push(warning('voteBeforePublicityEnd', 'branchVoteOn', { date: d.publicityToOn }))
  }
  if (admitted && d.introducerIds.length < settings['development.introducers']) {
    out.push(
      warning('introducersMissing', 'introducerIds', {
        count: settings['development.introducers'],
      }),
    )
  }
  if (d.branchVoteOn !== '') {
    deadlineWarning(
      out,
      d.approvedOn,
      approvalDeadline(d.branchVoteOn, settings, d.approvalSpecial === 'yes'),
      today,
      true,
      ['approvalLate', 'approvalOverdue'],
      'approvedOn',
    )
    if (d.extendedUntil !== '') {
      const bounds = extensionBounds(d.branchVoteOn, settings)
      if (d.extendedUntil < bounds.earliest) {
        out.push(warning('extensionTooShort', 'extendedUntil', { earliest: bounds.earliest }))
      } else if (d.extendedUntil > bounds.latest) {
        out.push(warning('extensionTooLong', 'extendedUntil', { latest: bounds.latest }))
      }
    }
    const due = probationDue(d, settings)
    const voted = d.fullVoteOn || d.fullOn
    if (voted !== '' && voted < due) {
      out.push(warning('fullEarly', d.fullVoteOn ? 'fullVoteOn' : 'fullOn', { earliest: due }))
    } else if (voted === '' && person.stage === 'probationary' && today > due) {
      out.push(warning('fullOverdue', 'fullVoteOn', { latest: due }))
    }
  }
  if (d.fullVoteOn !== '') {
    deadlineWarning(
      out,
      d.fullApprovedOn,
      approvalDeadline(d.fullVoteOn, settings, d.fullApprovalSpecial === 'yes'),
      today,
      true,
      ['fullApprovalLate', 'fullApprovalOverdue'],
      'fullApprovedOn',
    )
  }
  return out
}

// ─── Moving a person one step on ────────────────────────────────────────────

/** What the secretary enters to move a person to the next stage (activist, candidate, 预备). */
export interface StageAdvance {
  /** The date of the step: activistOn, candidateOn or branchVoteOn. */
  on: IsoDate
  /** For the branch vote: introducers and training (细则 第十四条、第十七条). */
  introducerIds?: string[]
  trainingDays?: number
  trainingHours?: number
}

const DATE_OF_STAGE = {
  activist: 'activistOn',
  candidate: 'candidateOn',
  probationary: 'branchVoteOn',
  full: 'fullOn',
} as const satisfies Partial<Record<MemberStage, keyof Development>>

type Advanceable = DevelopmentFacts & Pick<Member, 'fullMemberOn'>

/**
 * The person after moving one stage on: the step's date is written where the model keeps
 * it. Null for a full member. The 转正 goes through decideProbation (it needs its vote); the
 * result is validated by the caller like any other member write; the time rules above say
 * what it broke.
 */
export function advanceStage<T extends Advanceable>(person: T, change: StageAdvance): T | null {
  const next = stageAfter(person.stage)
  if (next === null || next === 'applicant' || next === 'full') return null
  const development: Development = {
    ...person.development,
    introducerIds: [...person.development.introducerIds],
    contactNames: [...person.development.contactNames],
  }
  development[DATE_OF_STAGE[next]] = change.on
  if (next === 'probationary') {
    if (change.introducerIds) development.introducerIds = [...change.introducerIds]
    if (change.trainingDays !== undefined) development.trainingDays = change.trainingDays
    if (change.trainingHours !== undefined) development.trainingHours = change.trainingHours
  }
  return { ...person, stage: next, development }
}

// ─── 转正: the 支部大会's decision on a probationary member ─────────────────

export const PROBATION_DECISIONS = ['full', 'extend', 'cancel'] as const
/** 按期转正 / 延长预备期 / 取消预备党员资格 (细则 第三十二条、第三十三条). */
export type ProbationDecision = (typeof PROBATION_DECISIONS)[number]

export interface ProbationDecisionInput {
  decision: ProbationDecision
  /** The 支部党员大会 where the vote was held, and its date. */
  meetingId: string
  heldOn: IsoDate
  /** 转正申请 (for 'full'). */
  appliedOn: IsoDate
  /** 上级党委审批, '' while it is awaited. */
  approvedOn: IsoDate
  approvalSpecial: boolean
  /** The extension's end (for 'extend'). */
  extendedUntil: IsoDate
}

export type ProbationProblem =
  | 'notProbationary'
  | 'extensionUsed'
  | 'extensionTooShort'
  | 'extensionTooLong'
  | 'approvalBeforeVote'
  | 'applicationAfterVote'

/**
 * The member after the 支部大会 decided (its vote passed; the caller checks that): 转正 sets the
 * stage and 党龄 from the end of probation (党章 第七条; 细则 第三十四条), not from the date of the
 * meeting; 延长预备期 is allowed once, for 6 to 12 months; 取消资格 ends the membership.
 */
export function decideProbation<T extends Advanceable & Pick<Member, 'status' | 'statusSince'>>(
  person: T,
  input: ProbationDecisionInput,
  settings: Settings,
): { ok: true; value: T } | { ok: false; problem: ProbationProblem } {
  if (person.stage !== 'probationary') return { ok: false, problem: 'notProbationary' }
  const d = completeDevelopment(person.development)
  if (input.decision === 'extend') {
    if (d.extendedUntil !== '') return { ok: false, problem: 'extensionUsed' }
    const bounds = extensionBounds(d.branchVoteOn, settings)
    if (input.extendedUntil < bounds.earliest) return { ok: false, problem: 'extensionTooShort' }
    if (input.extendedUntil > bounds.latest) return { ok: false, problem: 'extensionTooLong' }
    return {
      ok: true,
      value: {
        ...person,
        development: { ...d, extendedUntil: input.extendedUntil, extensionOn: input.heldOn },
      },
    }
  }
  if (input.decision === 'cancel') {
    return {
      ok: true,
      value: {
        ...person,
        status: 'disqualified',
        statusSince: input.heldOn,
        development: { ...d, cancelledOn: input.heldOn },
      },
    }
  }
  if (input.appliedOn !== '' && input.appliedOn > input.heldOn) {
    return { ok: false, problem: 'applicationAfterVote' }
  }
  if (input.approvedOn !== '' && input.approvedOn < input.heldOn) {
    return { ok: false, problem: 'approvalBeforeVote' }
  }
  const since = fullMemberSince(d, settings)
  const development: FullDevelopment = {
    ...d,
    fullAppliedOn: input.appliedOn,
    fullVoteOn: input.heldOn,
    fullVoteMeetingId: input.meetingId,
    fullApprovedOn: input.approvedOn,
    fullApprovalSpecial: input.approvalSpecial ? 'yes' : 'no',
    fullOn: since || input.heldOn,
  }
  return {
    ok: true,
    value: { ...person, stage: 'full', development, fullMemberOn: since || input.heldOn },
  }
}

/** The dated steps of a person in order, for a timeline; '' dates are steps not reached. */
export function developmentTimeline(
  development: Development,
): { step: keyof Development; on: IsoDate }[] {
  const d = completeDevelopment(development)
  return TIMELINE_STEPS.map((key) => ({ step: key, on: d[key] }))
}

/** The development dates in the order of the steps (form, timeline). */
export const TIMELINE_STEPS = [
  'appliedOn',
  'talkedOn',
  'youthLeagueOn',
  'activistOn',
  'activistFiledOn',
  'candidateOn',
  'candidateFiledOn',
  'politicalReviewOn',
  'publicityFromOn',
  'publicityToOn',
  'preReviewOn',
  'applicationFormOn',
  'branchVoteOn',
  'upperTalkOn',
  'approvedOn',
  'oathOn',
  'extensionOn',
  'extendedUntil',
  'fullAppliedOn',
  'fullOn',
  'fullVoteOn',
  'fullApprovedOn',
  'cancelledOn',
] as const satisfies readonly (keyof Development)[]
