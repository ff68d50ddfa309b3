/**
 * Rules of organisational life (支部工作条例 2018, 第四章–第五章): quorum and compliance — how many meetings of each type an org owes per month, quarter
 * or year against what it held. Pure: plain data in, codes and numbers out.
 */
import { addDays, addMonths } from './dates'
import type { Settings, SettingKey } from './settings'
import { committeePeople } from './terms'
import type { Id, IsoDate, Meeting, MeetingRoll, MeetingType, Org, OrgType } from './types'
import { MEETING_TYPES } from './types'

// ─── Quorum ─────────────────────────────────────────────────────────────────

export type QuorumCode = 'met' | 'notMet' | 'notApplicable'

export interface Quorum {
  code: QuorumCode
  /** Voters present. */
  present: number
  /** 应到会有表决权 (大会) or the committee's people (支委会) on the meeting's date. */
  eligible: number
  /** The smallest number present that is more than the ratio. */
  needed: number
}

/** The smallest whole number strictly more than `ratio` of `eligible`: exactly half is not enough. */
export function quorumNeeded(eligible: number, ratio: number): number {
  return Math.floor(eligible * ratio) + 1
}

/**
 * 支部工作条例 第十一条、第十二条 (半数以上, read strictly as more than half, 细则 第二十条): a
 * 支部党员大会 needs more than half of those with a vote on the meeting's date present
 * (预备党员 and those under 留党察看 attend without one); a 支委会 more than half of the
 * committee in office then. Other meetings have no quorum. The roll is the one stored on the
 * meeting (roll.ts takeRoll), so an old meeting keeps its quorum when the roster changes.
 */
export function checkQuorum(
  meeting: Pick<Meeting, 'type' | 'attendeeIds'>,
  roll: Pick<MeetingRoll, 'voterIds' | 'committee'>,
  settings: Settings,
): Quorum {
  const attending = new Set(meeting.attendeeIds)
  let voters: readonly string[]
  if (meeting.type === 'branchAssembly') voters = roll.voterIds
  else if (meeting.type === 'committeeMeeting') voters = roll.committee
  else return { code: 'notApplicable', present: 0, eligible: 0, needed: 0 }
  const eligible = voters.length
  if (eligible === 0) return { code: 'notApplicable', present: 0, eligible: 0, needed: 0 }
  // A seat known by name only ('name:…') cannot be ticked present.
  const present = voters.filter((id) => attending.has(id)).length
  const needed = quorumNeeded(eligible, settings['meeting.quorumRatio'])
  return { code: present >= needed ? 'met' : 'notMet', present, eligible, needed }
}

// ─── Periods ────────────────────────────────────────────────────────────────

export type Frequency = 'month' | 'quarter' | 'year'

export interface Period {
  frequency: Frequency
  /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY'. */
  key: string
  year: number
  /** 1–12 for a month, 1–4 for a quarter, 0 for a year. */
  index: number
  start: IsoDate
  end: IsoDate
}

/** The month, quarter or year a date falls in. */
export function periodOf(frequency: Frequency, date: IsoDate): Period {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const yyyy = date.slice(0, 4)
  if (frequency === 'month') {
    const start = `${date.slice(0, 7)}-01`
    return {
      frequency,
      key: date.slice(0, 7),
      year,
      index: month,
      start,
      end: addDays(addMonths(start, 1), -1),
    }
  }
  if (frequency === 'quarter') {
    const quarter = Math.floor((month - 1) / 3) + 1
    const start = `${yyyy}-${String(quarter * 3 - 2).padStart(2, '0')}-01`
    return {
      frequency,
      key: `${yyyy}-Q${quarter}`,
      year,
      index: quarter,
      start,
      end: addDays(addMonths(start, 3), -1),
    }
  }
  return { frequency, key: yyyy, year, index: 0, start: `${yyyy}-01-01`, end: `${yyyy}-12-31` }
}

/** The period just before the one containing `date`. */
export function previousPeriod(frequency: Frequency, date: IsoDate): Period {
  return periodOf(frequency, addDays(periodOf(frequency, date).start, -1))
}

// ─── Requirements ───────────────────────────────────────────────────────────

export const MEETING_REQUIREMENTS: Record<
  MeetingType,
  { frequency: Frequency; setting: SettingKey }
> = {
  branchAssembly: { frequency: 'quarter', setting: 'meeting.branchAssemblyPerQuarter' },
  committeeMeeting: { frequency: 'month', setting: 'meeting.committeePerMonth' },
  groupMeeting: { frequency: 'month', setting: 'meeting.groupPerMonth' },
  partyLesson: { frequency: 'quarter', setting: 'meeting.lessonPerQuarter' },
  themedDay: { frequency: 'month', setting: 'meeting.themedDayPerMonth' },
  orgLifeMeeting: { frequency: 'year', setting: 'meeting.orgLifePerYear' },
  appraisal: { frequency: 'year', setting: 'meeting.appraisalPerYear' },
  heartToHeart: { frequency: 'year', setting: 'meeting.heartToHeartPerYear' },
}

/** 三会一课 is the branch's duty; committees and general branches hold their own meetings. */
export const ASKED_ORG_TYPES: readonly OrgType[] = ['branch', 'jointBranch', 'temporaryBranch']

/** What compliance needs to know of an org. */
export interface ComplianceOrg extends Pick<
  Org,
  'id' | 'type' | 'committee' | 'foundedOn' | 'dissolvedOn'
> {
  /** Has at least one 党小组: only then is it asked for 党小组会. */
  hasGroups: boolean
}

export type MeetingFact = Pick<Meeting, 'orgId' | 'type' | 'heldOn' | 'status'>

/** A committee is elected with at least the minimum people, not seats (支部工作条例 第六章). */
export function hasCommittee(org: Pick<Org, 'committee'>, settings: Settings): boolean {
  return committeePeople(org.committee).length >= settings['org.committeeMinSize']
}

/**
 * How many meetings of a type the org owes in one period (0 = not asked): branches without a
 * committee owe no 支委会, without party groups no 党小组会; an org owes nothing for a period it
 * did not exist through (founded during it or dissolved by its end).
 */
export function requiredCount(
  org: ComplianceOrg,
  type: MeetingType,
  period: Pick<Period, 'start' | 'end'>,
  settings: Settings,
): number {
  if (!ASKED_ORG_TYPES.includes(org.type)) return 0
  if (org.foundedOn === '' || org.foundedOn > period.start) return 0
  if (org.dissolvedOn !== '' && org.dissolvedOn <= period.end) return 0
  if (type === 'committeeMeeting' && !hasCommittee(org, settings)) return 0
  if (type === 'groupMeeting' && !org.hasGroups) return 0
  return Math.max(0, Math.floor(settings[MEETING_REQUIREMENTS[type].setting]))
}

/** Final meetings held: org → type → period key → count. Drafts are plans, not meetings held. */
export type HeldCounts = Map<Id, Map<MeetingType, Map<string, number>>>

export function countHeld(meetings: Iterable<MeetingFact>): HeldCounts {
  const held: HeldCounts = new Map()
  for (const meeting of meetings) {
    if (meeting.status !== 'final') continue
    const key = periodOf(MEETING_REQUIREMENTS[meeting.type].frequency, meeting.heldOn).key
    let byType = held.get(meeting.orgId)
    if (!byType) held.set(meeting.orgId, (byType = new Map()))
    let byPeriod = byType.get(meeting.type)
    if (!byPeriod) byType.set(meeting.type, (byPeriod = new Map()))
    byPeriod.set(key, (byPeriod.get(key) ?? 0) + 1)
  }
  return held
}

export type ComplianceState = 'met' | 'missed' | 'notDue' | 'future'

export interface ComplianceItem {
  type: MeetingType
  period: Period
  required: number
  held: number
  state: ComplianceState
}

/** One type for one period: met, missed (the period is over), not due yet, or to come. */
export function complianceItem(
  org: ComplianceOrg,
  type: MeetingType,
  period: Period,
  held: HeldCounts,
  settings: Settings,
  today: IsoDate,
): ComplianceItem {
  const required = requiredCount(org, type, period, settings)
  const count = held.get(org.id)?.get(type)?.get(period.key) ?? 0
  let state: ComplianceState
  if (period.start > today) state = 'future'
  else if (required === 0 || count >= required) state = required === 0 ? 'notDue' : 'met'
  else state = period.end < today ? 'missed' : 'notDue'
  return { type, period, required, held: count, state }
}

// ─── The board (orgs × months) ──────────────────────────────────────────────

export interface BoardCell {
  /** 'YYYY-MM' */
  month: string
  state: ComplianceState
  /** Every type asked in the periods that contain this month. */
  items: ComplianceItem[]
}

export interface BoardRow {
  orgId: Id
  cells: BoardCell[]
}

/** The months of a board: `count` months ending with the month of `last`, oldest first. */
export function boardMonths(last: IsoDate, count: number): string[] {
  const start = `${last.slice(0, 7)}-01`
  return Array.from({ length: count }, (_, index) =>
    addMonths(start, index - count + 1).slice(0, 7),
  )
}

/**
 * A cell is missed when any type asked in a period containing the month fell short and that
 * period is over; met when everything due by the month's end was held; not due while a period
 * ending this month is still open or nothing is asked. A quarter's shortfall colours each of
 * its three months.
 */
export function complianceBoard(
  orgs: readonly ComplianceOrg[],
  meetings: Iterable<MeetingFact>,
  months: readonly string[],
  settings: Settings,
  today: IsoDate,
  types: readonly MeetingType[] = MEETING_TYPES,
): BoardRow[] {
  const held = countHeld(meetings)
  return orgs.map((org) => ({
    orgId: org.id,
    cells: months.map((month) => {
      const date = `${month}-01`
      const items = types
        .map((type) =>
          complianceItem(
            org,
            type,
            periodOf(MEETING_REQUIREMENTS[type].frequency, date),
            held,
            settings,
            today,
          ),
        )
        .filter((item) => item.required > 0 || item.state === 'future')
      return { month, state: cellState(date, today, items), items }
    }),
  }))
}

function cellState(
  date: IsoDate,
  today: IsoDate,
  items: readonly ComplianceItem[],
): ComplianceState {
  if (date > today) return 'future'
  if (items.some((item) => item.state === 'missed')) return 'missed'
  // A quarter or year still open past this month does not hold the month back: the month is
  // judged on what was due by its end (and a longer period already met counts as met).
  const monthEnd = periodOf('month', date).end
  const judged = items.filter((item) => item.state === 'met' || item.period.end <= monthEnd)
  if (judged.length > 0 && judged.every((item) => item.state === 'met')) return 'met'
  return 'notDue'
}

/** The first and last date a board over these months needs meetings for (whole periods). */
export function boardRange(months: readonly string[]): { from: IsoDate; to: IsoDate } {
  const first = months[0] ?? '1970-01'
  const last = months.at(-1) ?? first
  return {
    from: periodOf('year', `${first}-01`).start,
    to: periodOf('year', `${last}-01`).end,
  }
}

// ─── Overdue (待办) and rates (dashboard) ───────────────────────────────────

export interface OverdueMeeting {
  orgId: Id
  type: MeetingType
  period: Period
  required: number
  held: number
}

/**
 * For each org and type, the last period that has ended, when it fell short: "第三季度未召开
 * 支部党员大会". Older shortfalls are on the board; the 待办 list is what to act on now.
 */
export function findOverdueMeetings(
  orgs: readonly ComplianceOrg[],
  meetings: Iterable<MeetingFact>,
  settings: Settings,
  today: IsoDate,
): OverdueMeeting[] {
  const held = countHeld(meetings)
  const overdue: OverdueMeeting[] = []
  for (const org of orgs) {
    for (const type of MEETING_TYPES) {
      const period = previousPeriod(MEETING_REQUIREMENTS[type].frequency, today)
      const item = complianceItem(org, type, period, held, settings, today)
      if (item.state === 'missed') {
        overdue.push({ orgId: org.id, type, period, required: item.required, held: item.held })
      }
    }
  }
  return overdue
}

/** The dates of the last completed periods of every type: what `findOverdueMeetings` reads. */
export function overdueRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: previousPeriod('year', today).start, to: today }
}

export interface ComplianceRate {
  /** Periods asked and over. */
  due: number
  met: number
  /** met ÷ due, 1 when nothing was due. */
  rate: number
}

/** Per org: of the periods that ended within the months given, how many were met. */
export function complianceRates(
  orgs: readonly ComplianceOrg[],
  meetings: Iterable<MeetingFact>,
  months: readonly string[],
  settings: Settings,
  today: IsoDate,
): Map<Id, ComplianceRate> {
  const held = countHeld(meetings)
  const rates = new Map<Id, ComplianceRate>()
  for (const org of orgs) {
    let due = 0
    let met = 0
    const seen = new Set<string>()
    for (const month of months) {
      for (const type of MEETING_TYPES) {
        const period = periodOf(MEETING_REQUIREMENTS[type].frequency, `${month}-01`)
        if (seen.has(`${type}:${period.key}`)) continue
        seen.add(`${type}:${period.key}`)
        const item = complianceItem(org, type, period, held, settings, today)
        if (item.state === 'missed') due++
        if (item.state === 'met' && period.end < today) {
          due++
          met++
        }
      }
    }
    rates.set(org.id, { due, met, rate: due === 0 ? 1 : met / due })
  }
  return rates
}

// ─── Photos ─────────────────────────────────────────────────────────────────

/** The size a photo is stored at: the longest side at most `max`, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max: number,
): { width: number; height: number } {
  const longest = Math.max(width, height)
  if (longest <= max || longest === 0) return { width, height }
  const scale = max / longest
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}
