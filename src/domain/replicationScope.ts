/**
 * Which org a replicated record belongs to, for scopes: a package (and a sync database)
 * covers one org's subtree, and a device accepts from it only what lies inside that
 * subtree by its OWN org tree. Pure: lookups are handed in.
 */
export type Row = Record<string, unknown>

/**
 * Where a record belongs:
 * - `orgs`: directly to these orgs (an org to itself; members, meetings … to their org;
 *   joint committee records to their committee);
 * - `via`: through another record (a transfer through its member, a photo its meeting);
 * - `hosts`: a firm, to the orgs set up in it (a reference record otherwise);
 * - `none`: areas, reference records of the register only.
 */
export type ScopeRef =
  | { kind: 'orgs'; orgIds: string[] }
  | { kind: 'via'; table: 'members' | 'meetings'; id: string }
  | { kind: 'hosts'; firmId: string }
  | { kind: 'none' }

const ORG_FIELD: Readonly<Record<string, string>> = {
  members: 'orgId',
  meetings: 'orgId',
  partyGroups: 'orgId',
  studyRecords: 'orgId',
  dues: 'orgId',
  constituents: 'committeeId',
  jointMeetings: 'committeeId',
  issues: 'committeeId',
}

/** Tables that are reference records: accepted when new, changed only from their scope. */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set(['areas', 'firms'])

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

export function scopeRefOf(table: string, record: Row): ScopeRef {
  if (table === 'orgs') return { kind: 'orgs', orgIds: [text(record.id)] }
  const field = ORG_FIELD[table]
  if (field) {
    const orgId = text(record[field])
    return { kind: 'orgs', orgIds: orgId === '' ? [] : [orgId] }
  }
  if (table === 'transfers') return { kind: 'via', table: 'members', id: text(record.memberId) }
  if (table === 'photos') return { kind: 'via', table: 'meetings', id: text(record.meetingId) }
  if (table === 'firms') return { kind: 'hosts', firmId: text(record.id) }
  return { kind: 'none' }
}

/**
 * The field whose change moves a record to another place in the org tree (an org's parent,
 * a member's org …), or null where records never move by themselves.
 */
export function placementOf(table: string, record: Row): string | null {
  if (table === 'orgs') return text(record.parentId)
  const field = ORG_FIELD[table]
  return field ? text(record[field]) : null
}

/**
 * The org itself and the orgs above it, by a parent lookup; stops at a cycle or an unknown
 * org (a damaged tree never loops).
 */
export function orgChain(orgId: string, parentOf: (id: string) => string | undefined): string[] {
  const chain: string[] = []
  const seen = new Set<string>()
  for (let id = orgId; id !== '' && !seen.has(id) && chain.length < 64;) {
    seen.add(id)
    chain.push(id)
    const parent = parentOf(id)
    if (parent === undefined) break
    id = parent
  }
  return chain
}

/**
 * The receiving device's view for one package: its own org tree first, then the orgs the
 * package brings that are new here. Every answer is about this device, never the sender.
 */
export interface ScopeView {
  /** The package's declared root org. */
  root: string
  /** An org's parent here ('' at the top), undefined when the org is not here. */
  parentHere(orgId: string): string | undefined
  /** An org's parent as the package has it, undefined when the package does not carry it. */
  parentInPackage(orgId: string): string | undefined
  /** The orgs here set up in a firm. */
  hostsHere(firmId: string): readonly string[]
  /** The org a member or meeting belongs to here, undefined when it is not here. */
  ownerHere(table: 'members' | 'meetings', id: string): string | undefined
  /** The same, as the package has it. */
  ownerInPackage(table: 'members' | 'meetings', id: string): string | undefined
  /** Orgs the package may bring along when new here: above the root, named by constituents. */
  referencedOrgIds: ReadonlySet<string>
}

/** Whether an org lies in the root's subtree: up its parents here, then the package's. */
export function inScope(view: ScopeView, orgId: string): boolean {
  const seen = new Set<string>()
  for (let id = orgId; id !== '' && !seen.has(id) && seen.size < 64;) {
    if (id === view.root) return true
    seen.add(id)
    const parent = view.parentHere(id) ?? view.parentInPackage(id)
    if (parent === undefined) return false
    id = parent
  }
  return false
}

/**
 * Where a record is, as orgs (an org is where it is itself: inScope walks up from it), or
 * 'reference' for records placed by no org of their own.
 */
function placedIn(view: ScopeView, table: string, record: Row): string[] | 'reference' {
  const ref = scopeRefOf(table, record)
  if (ref.kind === 'orgs') return ref.orgIds
  if (ref.kind === 'via') {
    const owner = view.ownerHere(ref.table, ref.id) ?? view.ownerInPackage(ref.table, ref.id)
    return owner === undefined ? [] : [owner]
  }
  return 'reference'
}

export type ScopeJudgement = 'accept' | 'refuse'

/**
 * Whether a package may change one record, judged by this device's own tree:
 * - a record already here: by where it is here (a package for A cannot move B's member
 *   into A, nor rename B); a record moving out of the subtree is accepted, since its old
 *   place is inside;
 * - a record new here: by where the package puts it, through orgs here or new in it;
 * - reference records (areas, firms, orgs above the root or named by constituents): new here
 *   they are accepted so the package lands whole; existing ones only when they belong to the
 *   scope (a firm set up in an org of the subtree). The caller accepts anything unchanged.
 * `here` is the record as stored here (live or the last body before a deletion) or, for a
 * record deleted here, its tombstone's org chain.
 */
export function judgeScope(
  view: ScopeView,
  table: string,
  here: { record: Row } | { deletedFrom: readonly string[] } | null,
  incoming: { record: Row } | { deletedFrom: readonly string[] },
): ScopeJudgement {
  if (table === 'areas') return here === null ? 'accept' : 'refuse'
  if (table === 'firms') {
    if (here === null) return 'accept'
    const id = 'record' in incoming ? text(incoming.record.id) : ''
    const hosts = id === '' ? [] : view.hostsHere(id)
    return hosts.some((orgId) => inScope(view, orgId)) ? 'accept' : 'refuse'
  }
  if (here !== null) {
    if ('deletedFrom' in here)
      return here.deletedFrom.some((id) => inScope(view, id)) ? 'accept' : 'refuse'
    const place = placedIn(view, table, here.record)
    return place !== 'reference' && place.some((id) => inScope(view, id)) ? 'accept' : 'refuse'
  }
  if ('deletedFrom' in incoming) {
    return incoming.deletedFrom.some((id) => inScope(view, id)) ? 'accept' : 'refuse'
  }
  if (table === 'orgs' && view.referencedOrgIds.has(text(incoming.record.id))) return 'accept'
  const place = placedIn(view, table, incoming.record)
  return place !== 'reference' && place.some((id) => inScope(view, id)) ? 'accept' : 'refuse'
}
