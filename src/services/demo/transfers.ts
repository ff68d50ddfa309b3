/** 组织关系转接: completed transfers out for the members who left, and a few in. */
import { STAGE, type Member, type Org, type Transfer } from '@/domain/types'
import { stamp, type DemoContext } from './context'
import { addDays, fromDayNumber, maxDate, toDayNumber, yearOf } from './dates'
import { OUTSIDE_ORGS } from './names'

const TRANSFERS_IN = 4

export function buildTransfers(ctx: DemoContext, members: Member[], orgs: Org[]): Transfer[] {
  const { rng, today } = ctx
  const orgById = new Map(orgs.map((org) => [org.id, org]))
  const letterNo = (on: string) => `内组转〔${yearOf(on)}〕${rng.int(10, 999)}号`
  const transfers: Transfer[] = []
  for (const member of members.filter((candidate) => candidate.status === 'transferredOut')) {
    const completedOn = member.statusSince
    const issuedOn = addDays(completedOn, -rng.int(5, 30))
    transfers.push({
      memberId: member.id,
      direction: 'out',
      fromOrgId: member.orgId,
      fromName: orgById.get(member.orgId)?.name ?? '',
      toOrgId: '',
      toName: rng.pick(OUTSIDE_ORGS),
      letterNo: letterNo(issuedOn),
      issuedOn,
      completedOn,
      status: 'completed',
      ...stamp(ctx, completedOn),
    })
  }
  const arrivals = members.filter(
    (member) => member.stage === STAGE.full && member.status === 'normal',
  )
  for (const member of rng.sample(arrivals, Math.round(TRANSFERS_IN * ctx.scale))) {
    const org = orgById.get(member.orgId)
    if (!org) continue
    const earliest = toDayNumber(maxDate(member.fullMemberOn, org.foundedOn))
    const completedOn = fromDayNumber(rng.int(earliest, toDayNumber(today) - 30))
    const issuedOn = addDays(completedOn, -rng.int(3, 25))
    transfers.push({
      memberId: member.id,
      direction: 'in',
      fromOrgId: '',
      fromName: rng.pick(OUTSIDE_ORGS),
      toOrgId: org.id,
      toName: org.name,
      letterNo: letterNo(issuedOn),
      issuedOn,
      completedOn,
      status: 'completed',
      ...stamp(ctx, completedOn),
    })
  }
  return transfers
}
