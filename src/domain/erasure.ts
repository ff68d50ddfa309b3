/**
 * 彻底删除个人信息 (《中华人民共和国个人信息保护法》第四十七条): what erasing a member does to each
 * record that holds or names them, as data, so the live tables, the recycle bin, the
 * snapshots and the kept history all apply the one rule. Pure.
 *
 * - The member's own record, and the records that are personal data of that one person
 *   (转接, 党费 with the pay base, 学习记录), are dropped.
 * - Records of the organisation that only reference the member (meetings, votes, rolls,
 *   party groups, other members' introducers, committee seats) keep the bare id: an
 *   anonymous reference to the member's tombstone, which has no personal field. Counts and
 *   quorums of past meetings stay true. A copy of the person's name in such a record (a
 *   committee seat's holderName) is cleared.
 */
import type { CommitteeSeat, PastTerm } from './types'

type Row = Record<string, unknown>

/** Tables whose records are personal data of the member they name by `memberId`. */
export const ERASED_WITH_MEMBER = ['transfers', 'dues', 'studyRecords'] as const
const ERASED_WITH: ReadonlySet<string> = new Set(ERASED_WITH_MEMBER)

/** Fields no tombstone may carry (checked by the tests and by {@link personalFieldsOf}). */
export const PERSONAL_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'birthDate',
  'gender',
  'ethnicity',
  'education',
  'jobTitle',
  'development',
  'appraisals',
  'statusNote',
  'base',
  'holderName',
] as const

export type Erasure = { kind: 'keep' } | { kind: 'drop' } | { kind: 'change'; row: Row }

const KEEP: Erasure = { kind: 'keep' }
const DROP: Erasure = { kind: 'drop' }

function scrubSeats(seats: unknown, memberId: string): CommitteeSeat[] | null {
  if (!Array.isArray(seats)) return null
  let changed = false
  const out = (seats as CommitteeSeat[]).map((seat) => {
    if (seat?.memberId !== memberId || seat.holderName === '') return seat
    changed = true
    return { ...seat, holderName: '' }
  })
  return changed ? out : null
}

/** What erasing `memberId` does to one record of `table` (a record of a record table). */
export function eraseFromRecord(table: string, row: Row, memberId: string): Erasure {
  if (table === 'members') return row.id === memberId ? DROP : KEEP
  if (ERASED_WITH.has(table)) return row.memberId === memberId ? DROP : KEEP
  if (table === 'orgs') {
    const committee = scrubSeats(row.committee, memberId)
    let pastChanged = false
    const pastTerms = Array.isArray(row.pastTerms)
      ? (row.pastTerms as PastTerm[]).map((term) => {
          const seats = scrubSeats(term?.committee, memberId)
          if (!seats) return term
          pastChanged = true
          return { ...term, committee: seats }
        })
      : row.pastTerms
    if (!committee && !pastChanged) return KEEP
    return {
      kind: 'change',
      row: { ...row, ...(committee ? { committee } : {}), ...(pastChanged ? { pastTerms } : {}) },
    }
  }
  return KEEP
}

/**
 * What erasing does to a row of the kept history (leaves, revisionBodies: `table`,
 * `recordId`, `body`): a dropped record's rows lose their body (the leaf stays, so the
 * record's branches still replicate as closed) or go (an old body); a changed one's body is
 * scrubbed the same way.
 */
export function eraseFromHistoryRow(
  store: 'leaves' | 'revisionBodies',
  row: Row,
  memberId: string,
): Erasure {
  const table = String(row.table ?? '')
  const body = row.body
  if (body === null || typeof body !== 'object') return KEEP
  const inner = eraseFromRecord(table, body as Row, memberId)
  if (inner.kind === 'keep') return KEEP
  if (inner.kind === 'change') return { kind: 'change', row: { ...row, body: inner.row } }
  return store === 'revisionBodies' ? DROP : { kind: 'change', row: { ...row, body: null } }
}

/** The personal fields a row (a tombstone, say) still carries: [] when none. */
export function personalFieldsOf(row: Row): string[] {
  return PERSONAL_FIELDS.filter((field) => field in row)
}

/**
 * Snapshot retention: which snapshots to prune, oldest first, so that at most `maxCount`
 * remain and they hold at most `maxBytes` together (0 = no limit of that kind). The newest
 * snapshot is never pruned by the size limit alone: it is what "undo" brings back.
 */
export function snapshotsOverLimit<T extends { id: string; takenAt: string; bytes: number }>(
  snapshots: readonly T[],
  maxCount: number,
  maxBytes: number,
): T[] {
  const newestFirst = [...snapshots].sort((a, b) =>
    a.takenAt === b.takenAt ? b.id.localeCompare(a.id) : b.takenAt.localeCompare(a.takenAt),
  )
  const kept: T[] = []
  let bytes = 0
  const prune: T[] = []
  for (const snapshot of newestFirst) {
    const overCount = maxCount > 0 && kept.length >= maxCount
    const overSize = maxBytes > 0 && kept.length > 0 && bytes + snapshot.bytes > maxBytes
    if (overCount || overSize || prune.length > 0) prune.push(snapshot)
    else {
      kept.push(snapshot)
      bytes += snapshot.bytes
    }
  }
  return prune.reverse()
}
