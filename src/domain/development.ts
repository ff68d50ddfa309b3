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
import { addMonths, addYears, ageOn } from './dates'
import type { Settings } from './settings'
import type { Development, IsoDate, Member, MemberStage } from './types'

export const NEXT_STEPS = [
  'talk', // 谈话 within a month of the application
  'becomeActivist', // 确定为入党积极分子
  'becomeCandidate', // 确定为发展对象 after ≥ 1 year as activist
  'branchVote', // 支部大会讨论接收为预备党员
  'approval', // 上级党委审批 within 3 months of the vote
  'becomeFull', // 预备期满转正
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
  'activistTooShort', // 细则 第十三条: 培养教育考察一年以上
  'trainingShort', // 细则 第十六条: 集中培训 ≥ 3 days or 24 hours
  'introducersMissing', // 党章 第五条: two full members
  'approvalLate', // 细则 第二十三条: 上级党委 approves within 3 months
  'approvalOverdue',
  'fullEarly', // 党章 第七条: probation is one year
  'fullOverdue',
  'extensionTooShort', // 细则 第三十一条: 延长预备期 at least half a year
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

/** 细则 第十六条: training of at least N days or M hours (either is enough). */
export function isTrainingEnough(
  development: Pick<Development, 'trainingDays' | 'trainingHours'>,
  settings: Settings,
): boolean {
  return (
    development.trainingDays >= settings['development.trainingMinDays'] ||
    development.trainingHours >= settings['development.trainingMinHours']
  )
}

/** 细则 第二十三条: the last day for the upper committee's approval after the branch vote. */
export function approvalDeadline(branchVoteOn: IsoDate, settings: Settings): IsoDate {
  return addMonths(branchVoteOn, settings['development.approvalWithinMonths'])
}

/** 党章 第七条: probation ends one year after the branch vote (the day it becomes due). */
export function probationEnd(branchVoteOn: IsoDate, settings: Settings): IsoDate {
  return addYears(branchVoteOn, settings['development.probationYears'])
}

/**
 * 党章 第七条, 细则 第三十一条: an extension runs from the end of probation for at least 6 and at
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

/** The step a person is waiting for, with its dates; null for a full member. */
export function nextStep(person: DevelopmentFacts, settings: Settings): NextStep | null {
  const d = person.development
  switch (person.stage) {
    case 'applicant':
      if (d.talkedOn === '' && d.appliedOn !== '') {
        return { code: 'talk', earliest: d.appliedOn, latest: talkDeadline(d.appliedOn, settings) }
      }
      return { code: 'becomeActivist', earliest: d.talkedOn || d.appliedOn, latest: '' }
    case 'activist':
      return {
        code: 'becomeCandidate',
        earliest: d.activistOn ? earliestCandidateOn(d.activistOn, settings) : '',
        latest: '',
      }
    case 'candidate':
      return { code: 'branchVote', earliest: d.candidateOn, latest: '' }
    case 'probationary': {
      if (d.approvedOn === '' && d.branchVoteOn !== '') {
        return {
          code: 'approval',
          earliest: d.branchVoteOn,
          latest: approvalDeadline(d.branchVoteOn, settings),
        }
      }
      const due = probationDue(d, settings)
      return { code: 'becomeFull', earliest: due, latest: due }
    }
    case 'full':
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

/**
 * Every time rule the recorded dates break, or that has run out by `today` with the step
 * not taken. Steps not yet reached are not judged; unknown dates are never guessed.
 */
export function developmentWarnings(
  person: DevelopmentFacts,
  settings: Settings,
  today: IsoDate,
): DevelopmentWarning[] {
  const d = person.development
  const stage = STAGE_ORDER[person.stage]
  const out: DevelopmentWarning[] = []
  if (d.appliedOn !== '' && isOldEnoughToApply(person.birthDate, d.appliedOn, settings) === false) {
    out.push(warning('underAge', 'appliedOn', { minAge: settings['development.minAge'] }))
  }
  if (d.appliedOn !== '') {
    const deadline = talkDeadline(d.appliedOn, settings)
    if (d.talkedOn !== '' && d.talkedOn > deadline) {
      out.push(warning('talkLate', 'talkedOn', { latest: deadline }))
    } else if (d.talkedOn === '' && stage === STAGE_ORDER.applicant && today > deadline) {
      out.push(warning('talkOverdue', 'talkedOn', { latest: deadline }))
    }
  }
  if (d.activistOn !== '' && d.candidateOn !== '') {
    const earliest = earliestCandidateOn(d.activistOn, settings)
    if (d.candidateOn < earliest) out.push(warning('activistTooShort', 'candidateOn', { earliest }))
  }
  if (stage >= STAGE_ORDER.probationary || d.branchVoteOn !== '') {
    if (!isTrainingEnough(d, settings)) {
      out.push(
        warning('trainingShort', 'trainingDays', {
          days: settings['development.trainingMinDays'],
          hours: settings['development.trainingMinHours'],
        }),
      )
    }
    if (d.introducerIds.length < settings['development.introducers']) {
      out.push(
        warning('introducersMissing', 'introducerIds', {
          count: settings['development.introducers'],
        }),
      )
    }
  }
  if (d.branchVoteOn !== '') {
    const latest = approvalDeadline(d.branchVoteOn, settings)
    if (d.approvedOn !== '' && d.approvedOn > latest) {
      out.push(warning('approvalLate', 'approvedOn', { latest }))
    } else if (d.approvedOn === '' && today > latest) {
      out.push(warning('approvalOverdue', 'approvedOn', { latest }))
    }
    if (d.extendedUntil !== '') {
      const bounds = extensionBounds(d.branchVoteOn, settings)
      if (d.extendedUntil < bounds.earliest) {
        out.push(warning('extensionTooShort', 'extendedUntil', { earliest: bounds.earliest }))
      } else if (d.extendedUntil > bounds.latest) {
        out.push(warning('extensionTooLong', 'extendedUntil', { latest: bounds.latest }))
      }
    }
    const due = probationDue(d, settings)
    if (d.fullOn !== '' && d.fullOn < due) {
      out.push(warning('fullEarly', 'fullOn', { earliest: due }))
    } else if (d.fullOn === '' && person.stage === 'probationary' && today > due) {
      out.push(warning('fullOverdue', 'fullOn', { latest: due }))
    }
  }
  return out
}

// ─── Moving a person one step on ────────────────────────────────────────────

/** What the secretary enters to move a person to the next stage. */
export interface StageAdvance {
  /** The date of the step: activistOn, candidateOn, branchVoteOn or fullOn. */
  on: IsoDate
  /** For the branch vote: introducers and training (细则 第十六、十七条). */
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

/**
 * The person after moving one stage on: the step's date is written where the model keeps
 * it, and a full member's 党龄 date (fullMemberOn) is set. Null for a full member. The
 * result is validated by the caller like any other member write; the time rules above say
 * what it broke.
 */
export function advanceStage<T extends DevelopmentFacts & Pick<Member, 'fullMemberOn'>>(
  person: T,
  change: StageAdvance,
): T | null {
  const next = stageAfter(person.stage)
  if (next === null || next === 'applicant') return null
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
  return {
    ...person,
    stage: next,
    development,
    fullMemberOn: next === 'full' ? change.on : person.fullMemberOn,
  }
}

/** The dated steps of a person in order, for a timeline; '' dates are steps not reached. */
export function developmentTimeline(
  development: Development,
): { step: keyof Development; on: IsoDate }[] {
  const steps = [
    'appliedOn',
    'talkedOn',
    'activistOn',
    'candidateOn',
    'branchVoteOn',
    'approvedOn',
    'extendedUntil',
    'fullOn',
  ] as const
  return steps.map((step) => ({ step, on: development[step] }))
}
