import { orgChain, scopeRefOf, type Row } from '@/domain/replicationScope'

/** Two reads the chain needs, whether through Dexie or through DBCore. */
export interface ScopeReader {
  get(table: 'orgs' | 'members' | 'meetings', id: string): Promise<Row | undefined>
  /** Orgs set up in a firm (the multi-entry hostFirmIds index). */
  hostsOf(firmId: string): Promise<Row[]>
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/**
 * The org a record belongs to and every org above it, as the tree is here now: what a
 * tombstone or a move mark records, so a package for any of those orgs carries it. An org's
 * own chain starts with its own parent field (the record given, before any write).
 */
export async function scopeChainOf(
  reader: ScopeReader,
  table: string,
  record: Row,
): Promise<string[]> {
  const ref = scopeRefOf(table, record)
  let starts: string[] = []
  if (ref.kind === 'orgs') starts = ref.orgIds
  else if (ref.kind === 'via') {
    const owner = ref.id === '' ? undefined : await reader.get(ref.table, ref.id)
    if (owner && text(owner.orgId) !== '') starts = [text(owner.orgId)]
  } else if (ref.kind === 'hosts') {
    starts = (await reader.hostsOf(ref.firmId)).map((org) => text(org.id))
  }
  const parents = new Map<string, string>()
  if (table === 'orgs') parents.set(text(record.id), text(record.parentId))
  const out = new Set<string>()
  for (const start of starts) {
    // Read up the tree one parent at a time (a few hops), then build the chain from the map.
    for (let id = start, hops = 0; id !== '' && hops < 64; hops++) {
      if (!parents.has(id)) {
        const org = await reader.get('orgs', id)
        if (!org) break
        parents.set(id, text(org.parentId))
      }
      id = parents.get(id)!
    }
    for (const id of orgChain(start, (id) => parents.get(id))) out.add(id)
  }
  return [...out]
}
