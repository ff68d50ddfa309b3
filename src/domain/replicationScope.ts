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
