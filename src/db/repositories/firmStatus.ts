import { todayIso } from '@/domain/dates'
import { firmOrgStatus } from '@/domain/coverage'
import type { Firm } from '@/domain/types'
import { getDb } from '../connection'

/**
 * Firm.orgStatus is derived (coverage.ts firmOrgStatus) and stored only so lists can
 * filter on it through an index. Every write that can change it calls this inside its own
 * transaction, which must include the firms and orgs tables.
 */
export async function refreshFirmStatuses(
  firmIds: Iterable<string>,
  today: string = todayIso(),
): Promise<void> {
  const db = getDb()
  const ids = [...new Set(firmIds)].filter((id) => id !== '')
  if (ids.length === 0) return
  const firms = await db.firms.bulkGet(ids)
  for (const firm of firms) {
    if (!firm) continue
    const orgs = await db.orgs.where('hostFirmIds').equals(firm.id).toArray()
    const status = firmOrgStatus(firm, orgs, today)
    // Derived, not edited: updatedAt stays, so a device exchange does not see a change.
    if (status !== firm.orgStatus) await db.firms.update(firm.id, { orgStatus: status })
  }
}

/** The status a firm about to be written will have, from the orgs already stored. */
export async function statusForFirm(
  firm: Pick<Firm, 'id' | 'instructor' | 'liaison'>,
  today: string = todayIso(),
): Promise<Firm['orgStatus']> {
  const orgs = await getDb().orgs.where('hostFirmIds').equals(firm.id).toArray()
  return firmOrgStatus(firm, orgs, today)
}

/**
 * Dates pass: an org founded or dissolved on a day that has now come changes its firms'
 * status without any write. Once a day, refresh the host firms of exactly those orgs (the
 * foundedOn and dissolvedOn indexes find them), not the whole register.
 */
export async function refreshAllFirmStatusesOnce(today: string = todayIso()): Promise<boolean> {
  const db = getDb()
  const last = (await db.meta.get('firmStatusOn'))?.value ?? ''
  if (last >= today) return false
  await db.transaction('rw', db.firms, db.orgs, db.meta, async () => {
    // (last, today]: '' as the lower bound with exclusion still admits every real date.
    const [founded, dissolved] = await Promise.all([
      db.orgs.where('foundedOn').between(last, today, false, true).toArray(),
      db.orgs.where('dissolvedOn').between(last, today, false, true).toArray(),
    ])
    await refreshFirmStatuses(
      [...founded, ...dissolved].flatMap((org) => org.hostFirmIds),
      today,
    )
    await db.meta.put({ key: 'firmStatusOn', value: today })
  })
  return true
}
