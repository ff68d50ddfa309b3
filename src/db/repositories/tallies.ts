import {
  FIRM_TALLY_PREFIX,
  ORG_TALLY_PREFIX,
  memberWeight,
  type NotYetStarted,
  type Tally,
} from '@/domain/tallies'
import { getDb } from '../connection'

export interface TallyRead {
  rows: Tally[]
  notYet: NotYetStarted
}

/**
 * Today's coverage counts of an area's subtree ('' = everything) from the tallies kept in
 * every write (db/tallies.ts): two key ranges, plus the few records dated after `today`
 * through their date indexes. No table scan: this is the province dashboard's read.
 */
export async function readTallies(areaPath: string, today: string): Promise<TallyRead> {
  const db = getDb()
  return db.transaction('r', [db.tallies, db.firms, db.orgs, db.members], async () => {
    const range = (prefix: string) =>
      db.tallies.where('key').between(`${prefix}${areaPath}`, `${prefix}${areaPath}\uffff`)
    const [firmRows, orgRows, laterFirms, laterOrgs] = await Promise.all([
      range(FIRM_TALLY_PREFIX).toArray(),
      range(ORG_TALLY_PREFIX).toArray(),
      db.firms.where('registeredOn').above(today).toArray(),
      db.orgs.where('foundedOn').above(today).toArray(),
    ])
    const inArea = (path: string) => path.startsWith(areaPath)
    const orgs = await Promise.all(
      laterOrgs
        .filter((org) => inArea(org.areaPath))
        .map(async (org) => {
          const members = await db.members.where('orgId').equals(org.id).toArray()
          const weight = { full: 0, probationary: 0 }
          for (const member of members) {
            const one = memberWeight(member)
            weight.full += one.full
            weight.probationary += one.probationary
          }
          return { org, members: weight }
        }),
    )
    return {
      rows: [...firmRows, ...orgRows],
      notYet: { firms: laterFirms.filter((firm) => inArea(firm.areaPath)), orgs },
    }
  })
}

/** Every tally row, for the recount check (tests, the data page's integrity check). */
export async function listAllTallies(): Promise<Tally[]> {
  return getDb().tallies.orderBy('key').toArray()
}
