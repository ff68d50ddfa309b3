import { PARTY_STAGES, type Firm, type Member, type Org } from '@/domain/types'
import { isPartyStage } from '@/domain/memberStatus'
import { getDb } from '../connection'

export interface CoverageInput {
  firms: Firm[]
  orgs: Org[]
  members: Member[]
}

/**
 * What the coverage figures are computed from. Reads whole tables: fine for a city's
 * register (hundreds to a few thousand firms). The dashboard issue replaces this with
 * counts kept inside the write transactions for province-scale data.
 */
export async function readCoverageInput(orgIds?: readonly string[]): Promise<CoverageInput> {
  const db = getDb()
  return db.transaction('r', db.firms, db.orgs, db.members, async () => {
    const orgs = orgIds
      ? (await db.orgs.bulkGet([...orgIds])).filter((org): org is Org => !!org)
      : await db.orgs.toArray()
    const firmIds = orgIds ? [...new Set(orgs.flatMap((org) => org.hostFirmIds))] : null
    const firms = firmIds
      ? (await db.firms.bulkGet(firmIds)).filter((firm): firm is Firm => !!firm)
      : await db.firms.toArray()
    const members = orgIds
      ? (
          await db.members
            .where('orgId')
            .anyOf([...orgIds])
            .toArray()
        ).filter((m) => isPartyStage(m.stage))
      : await db.members
          .where('stage')
          .anyOf([...PARTY_STAGES])
          .toArray()
    return { firms, orgs, members }
  })
}
