import type { Collection } from 'dexie'
import { todayIso } from '@/domain/dates'
import { alarmCutoff, isPhoneSearch, memberMatcher, type MemberFilter } from '@/domain/memberRules'
import { ENDED_STATUSES, isOnRoll } from '@/domain/memberStatus'
import type { Settings } from '@/domain/settings'
import {
  STAGE,
  PIPELINE_STAGES,
  type Member,
  type MemberStage,
  type PipelineStage,
} from '@/domain/types'
import type { MemberInput } from '@/domain/validation'
import { pickerNameMatches } from '@/domain/search'
import { getDb } from '../connection'
import {
  boundedWalk,
  byNameThenId,
  CANDIDATE_CAP,
  fullTokenIds,
  intersect,
  prefixStarts,
  readSorted,
  tokenIds,
} from '../nameSearch'

// Writes (and with them valibot's schemas) live in memberWrites.ts, re-exported here: the
// reads the first route needs (getMember) stay out of the write path's chunk (the first-route budget).

const HIGH = '\uffff'

/** The editable fields of a stored member (what a form or a write takes). */
export function memberInputOf(member: Member): MemberInput {
  const {
    id: _i,
    createdAt: _c,
    updatedAt: _u,
    lastAttendedOn: _l,
    nameTokens: _n,
    ...input
  } = member
  return input
}

export async function getMember(id: string): Promise<Member | undefined> {
  return getDb().members.get(id)
}

export async function getMembers(ids: readonly string[]): Promise<Member[]> {
  return (await getDb().members.bulkGet([...ids])).filter((m): m is Member => !!m)
}

/** Members of some orgs in name order, for pickers and small rosters. */
export async function listMembersOfOrgs(orgIds: readonly string[]): Promise<Member[]> {
  const members = await getDb()
    .members.where('orgId')
    .anyOf([...orgIds])
    .toArray()
  return members.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/**
 * Party members on the roll for pickers (domain/search.ts pickerNameMatches), in name order,
 * at most `limit`, through indexes only: the name pieces (`*nameTokens`), or a name range,
 * org by org for a small scope. `scope`: the org ids the role sees, null for all.
 */
export async function searchMembers(
  text: string,
  limit = 20,
  scope: readonly string[] | null = null,
): Promise<Member[]> {
  const needle = text.trim()
  const members = getDb().members
  const inScope = scope ? new Set(scope) : null
  const matches = (m: Member): boolean =>
    isOnRoll(m) && pickerNameMatches(m.name, needle) && (!inScope || inScope.has(m.orgId))
  if (needle.length < 2) {
    const starts = needle === '' ? [''] : prefixStarts(needle)
    const upper = (start: string): string => (start === '' ? HIGH : start + HIGH)
    if (scope && scope.length <= ORG_WALK_MAX) {
      // A small scope: each org's own name range, merged.
      const pages = await Promise.all(
        scope.map((orgId) =>
          members
            .where('[orgId+name+id]')
            .inAnyRange(
              starts.map((start) => [
                [orgId, start, ''],
                [orgId, upper(start), HIGH],
              ]),
            )
            .filter(matches)
            .limit(limit)
            .toArray(),
        ),
      )
      return pages.flat().sort(byNameThenId).slice(0, limit)
    }
    return members
      .where('[name+id]')
      .inAnyRange(
        starts.map((start) => [
          [start, ''],
          [upper(start), HIGH],
        ]),
      )
      .filter(matches)
      .limit(limit)
      .toArray()
  }
  const byName = () => members.where('[name+id]').between(['', ''], [HIGH, HIGH])
  let ids = await tokenIds(members, needle)
  if (ids === null) {
    const dense = await boundedWalk(byName(), matches, limit)
    if (dense) return dense
    ids = await fullTokenIds(members, needle)
  }
  if (scope && ids.size > CANDIDATE_CAP) {
    const keys = await members
      .where('orgId')
      .anyOf([...scope])
      .primaryKeys()
    ids = intersect([ids, new Set(keys)])
  }
  if (ids.size <= CANDIDATE_CAP) return readSorted(members, ids, matches, limit)
  const many = ids
  return byName()
    .filter((m) => many.has(m.id) && matches(m))
    .limit(limit)
    .toArray()
}

// ─── Roster: keyset pages ───────────────────────────────────────────────────

export type { MemberFilter }

/**
 * Where the next page starts: the position in the scope's org list (0 when the walk is one
 * index for the whole scope) and the index key of the last row shown.
 */
export type MemberCursor = { orgAt: number; key: unknown[] } | null

export interface MemberPage {
  rows: Member[]
  next: MemberCursor
}

/** Up to this many orgs, a scope is walked org by org; beyond, one name-ordered index. */
const ORG_WALK_MAX = 60
/** Past this many phone matches the number is too short to narrow: walk the name index. */
const PHONE_CAP = 2000

interface Walk {
  index: string
  lower: unknown[]
  upper: unknown[]
  keyOf: (member: Member) => unknown[]
}

/**
 * The index for one org (orgId given) or for everything (null), always in name order:
 * a name start narrows most, then status, then stage; the rest filter the walk.
 */
function walkFor(orgId: string | null, filter: MemberFilter): Walk {
  const text = filter.text.trim()
  const head = orgId === null ? [] : [orgId]
  const prefix = orgId === null ? '' : 'orgId+'
  const nameRange = (before: unknown[], key: (m: Member) => unknown[], index: string): Walk => ({
    index,
    lower: [...before, text, ''],
    upper: [...before, text === '' ? HIGH : text + HIGH, HIGH],
    keyOf: key,
  })
  const scoped = (m: Member): unknown[] => (orgId === null ? [] : [m.orgId])
  if (text !== '' && !isPhoneSearch(text)) {
    return nameRange(head, (m) => [...scoped(m), m.name, m.id], `[${prefix}name+id]`)
  }
  if (filter.status) {
    return nameRange(
      [...head, filter.status],
      (m) => [...scoped(m), m.status, m.name, m.id],
      `[${prefix}status+name+id]`,
    )
  }
  if (filter.stage) {
    return nameRange(
      [...head, filter.stage],
      (m) => [...scoped(m), m.stage, m.name, m.id],
      `[${prefix}stage+name+id]`,
    )
  }
  return nameRange(head, (m) => [...scoped(m), m.name, m.id], `[${prefix}name+id]`)
}

/** The units of a walk: each org of a small scope, or one walk of the whole (null). */
function unitsOf(scope: readonly string[] | null): (string | null)[] {
  return scope === null || scope.length > ORG_WALK_MAX ? [null] : [...scope]
}

function matcherFor(
  scope: readonly string[] | null,
  filter: MemberFilter,
  today: string,
): (member: Member) => boolean {
  const matches = memberMatcher(filter, today)
  if (scope === null || scope.length <= ORG_WALK_MAX) return matches
  const orgs = new Set(scope)
  return (m) => orgs.has(m.orgId) && matches(m)
}

function collection(
  unit: string | null,
  filter: MemberFilter,
  matches: (m: Member) => boolean,
  after: unknown[] | null,
): Collection<Member, string> {
  const walk = walkFor(unit, filter)
  return getDb()
    .members.where(walk.index)
    .between(after ?? walk.lower, walk.upper, after === null, true)
    .filter(matches)
}

/** Members a phone start can match, through the phone index; null when too many. */
async function phoneCandidates(
  scope: readonly string[] | null,
  filter: MemberFilter,
  today: string,
): Promise<Member[] | null> {
  const text = filter.text.trim()
  if (!isPhoneSearch(text)) return null
  const found = await getDb()
    .members.where('phone')
    .startsWith(text)
    .limit(PHONE_CAP + 1)
    .toArray()
  if (found.length > PHONE_CAP) return null
  const orgs = scope === null ? null : new Set(scope)
  const matches = memberMatcher(filter, today)
  return found
    .filter((m) => (!orgs || orgs.has(m.orgId)) && matches(m))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
}

/**
 * One roster page, read through an index and resumed after `after` (keyset): for one org
 * (or a scope of up to 60) the [orgId+…+name+id] indexes org by org; for everything (or a
 * larger scope) [name+id] / [status+name+id] / [stage+name+id]. Filters no index serves
 * (gender, ethnicity, education, age band, the org set of a large scope) are checked on
 * the rows the walk reads, so a page reads its rows plus the ones it skips. No whole-table
 * read; `scope` null = everything. This is the function the benchmark calls.
 */
export async function listMembersPage(
  scope: readonly string[] | null,
  filter: MemberFilter,
  after: MemberCursor,
  limit: number,
  today: string = todayIso(),
): Promise<MemberPage> {
  const phone = await phoneCandidates(scope, filter, today)
  if (phone) {
    const [name = '', id = ''] = (after?.key ?? []) as string[]
    const rest = after
      ? phone.filter((m) => m.name > name || (m.name === name && m.id > id))
      : phone
    const page = rest.slice(0, limit)
    const last = page.at(-1)
    return {
      rows: page,
      next: rest.length > limit && last ? { orgAt: 0, key: [last.name, last.id] } : null,
    }
  }
  const units = unitsOf(scope)
  const matches = matcherFor(scope, filter, today)
  const found: { member: Member; at: number }[] = []
  const start = after?.orgAt ?? 0
  for (let at = start; at < units.length && found.length <= limit; at++) {
    const unit = units[at] ?? null
    const rows = await collection(unit, filter, matches, at === start ? (after?.key ?? null) : null)
      .limit(limit + 1 - found.length)
      .toArray()
    for (const member of rows) found.push({ member, at })
  }
  const page = found.slice(0, limit)
  const last = page.at(-1)
  const next =
    found.length > limit && last
      ? { orgAt: last.at, key: walkFor(units[last.at] ?? null, filter).keyOf(last.member) }
      : null
  return { rows: page.map((entry) => entry.member), next }
}

/** Is the filter exactly what the index encodes (nothing else to check per row)? */
function onlyIndexed(filter: MemberFilter): boolean {
  return (
    filter.text.trim() === '' &&
    !filter.gender &&
    !filter.ethnicity &&
    !filter.education &&
    !filter.ageBand &&
    !filter.stage
  )
}

/** How many members match (shown beside the pager, read after the page). */
export async function countMembersMatching(
  scope: readonly string[] | null,
  filter: MemberFilter,
  today: string = todayIso(),
): Promise<number> {
  const phone = await phoneCandidates(scope, filter, today)
  if (phone) return phone.length
  const units = unitsOf(scope)
  const matches = matcherFor(scope, filter, today)
  const db = getDb()
  let total = 0
  for (const unit of units) {
    if (onlyIndexed(filter) && (unit !== null || scope === null)) {
      // Index-only counts: a status is its own range; the roster is all minus those left.
      const walk = walkFor(unit, filter)
      const range = db.members.where(walk.index).between(walk.lower, walk.upper, true, true)
      if (filter.status) total += await range.count()
      else {
        total += await range.count()
        for (const status of ENDED_STATUSES) {
          const gone = walkFor(unit, { ...filter, status })
          total -= await db.members
            .where(gone.index)
            .between(gone.lower, gone.upper, true, true)
            .count()
        }
      }
      continue
    }
    total += await collection(unit, filter, matches, null).count()
  }
  return total
}

// ─── Pipeline board and the alarm ───────────────────────────────────────────

/**
 * People in development in a scope, by stage, through the stage indexes (they are few
 * beside the full members); at most `limit` per stage and org walk.
 */
export async function listPipeline(
  scope: readonly string[] | null,
  limit = 500,
): Promise<Record<PipelineStage, Member[]>> {
  const out = {} as Record<PipelineStage, Member[]>
  for (const stage of PIPELINE_STAGES) {
    const filter: MemberFilter = {
      stage,
      status: '',
      gender: '',
      ethnicity: '',
      education: '',
      ageBand: '',
      text: '',
    }
    out[stage] = (await listMembersPage(scope, filter, null, limit)).rows
  }
  return out
}

/**
 * Candidates for the six-month alarm: members whose last attendance is before the cut-off
 * (or none: '' sorts first), read as one range of the lastAttendedOn index. The domain rule
 * (memberRules.ts attendanceAlarm) decides; this only narrows.
 */
export async function listAlarmCandidates(
  scope: readonly string[] | null,
  settings: Settings,
  today: string,
): Promise<Member[]> {
  const orgs = scope === null ? null : new Set(scope)
  const party: readonly MemberStage[] = [STAGE.full, STAGE.probationary]
  return getDb()
    .members.where('lastAttendedOn')
    .below(alarmCutoff(today, settings))
    .filter((m) => (!orgs || orgs.has(m.orgId)) && party.includes(m.stage))
    .toArray()
}
