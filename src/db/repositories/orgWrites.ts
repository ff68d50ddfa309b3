import { canHoldSeat } from '@/domain/memberStatus'
import { checkTermShift, orgDuties, renewTerm, seatHolderKey } from '@/domain/terms'
import type { CommitteeSeat, Org } from '@/domain/types'
import { validateOrg, type FieldProblem, type OrgInput } from '@/domain/validation'
import { getDb } from '../connection'
import { NotFoundError, ValidationError } from '../errors'
import { createRecord, removeRecord, updateRecord } from '../records'
import { refreshFirmStatuses } from './firmStatus'
import { listSubtreeOrgIds } from './orgs'
import { readSettings } from './settings'
import { orThrow } from './validated'

/**
 * 选举工作条例 第五条: a seat goes to a 正式党员 of the org or an org under it (a 党委's committee
 * is drawn from its branches), never to a 预备党员, someone under 留党察看, or a member of
 * another org. Seats known by name only are not checked; seats unchanged since the last save
 * are left alone (the org rules flag them), so an old record can still be edited.
 */
async function checkSeats(value: OrgInput, id: string, before: Org | undefined): Promise<void> {
  const kept = new Set(
    (before?.committee ?? []).map((seat) => `${seat.post}|${seatHolderKey(seat)}`),
  )
  const changed = value.committee
    .map((seat, index) => ({ seat, index }))
    .filter(({ seat }) => seat.memberId !== '' && !kept.has(`${seat.post}|${seatHolderKey(seat)}`))
  if (changed.length === 0 || value.type === 'jointCommittee') return
  const subtree = new Set(id ? await listSubtreeOrgIds(id) : [])
  const members = await getDb().members.bulkGet(changed.map(({ seat }) => seat.memberId))
  const problems: FieldProblem[] = []
  changed.forEach(({ index }, at) => {
    const member = members[at]
    const field = `committee.${index}.memberId`
    if (!member) problems.push({ field, code: 'notFound' })
    else if (!subtree.has(member.orgId)) problems.push({ field, code: 'seatOutsideOrg' })
    else if (!canHoldSeat(member)) problems.push({ field, code: 'seatNotFullMember' })
  })
  if (problems.length > 0) throw new ValidationError(problems)
}

/** 选举工作条例 第三条: an approved shift of at most term.maxShiftYears; none for a 临时党支部. */
async function checkShift(value: OrgInput): Promise<void> {
  const problem = checkTermShift(value, value.termShift, await readSettings())
  if (problem === null) return
  const code =
    problem === 'tooFar' ? 'termShiftTooFar' : problem === 'noTerm' ? 'temporaryBranch' : 'required'
  const field = problem === 'approvalMissing' ? 'termShift.approvedOn' : 'termShift.months'
  throw new ValidationError([{ field, code }])
}

/** Org writes: validated, audited, moved from orgs.ts (which re-exports them). */

async function checkLinks(value: OrgInput, id = ''): Promise<string> {
  const db = getDb()
  const area = await db.areas.get(value.areaId)
  if (!area) throw new ValidationError([{ field: 'areaId', code: 'notFound' }])
  if (value.parentId) {
    if (!(await db.orgs.get(value.parentId)))
      throw new ValidationError([{ field: 'parentId', code: 'notFound' }])
    if (id && (await listSubtreeOrgIds(id)).includes(value.parentId)) {
      throw new ValidationError([{ field: 'parentId', code: 'cycle' }])
    }
  }
  const firms = await db.firms.bulkGet(value.hostFirmIds)
  if (firms.some((firm) => !firm))
    throw new ValidationError([{ field: 'hostFirmIds', code: 'notFound' }])
  return area.path
}

/** Org writes change their host firms' coverage: both happen in one transaction. */
function inOrgTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction(
    'rw',
    [db.orgs, db.firms, db.areas, db.members, db.settings, db.auditLog, db.recycleBin],
    work,
  )
}

function toInput(org: Org): OrgInput {
  const { id: _id, createdAt: _c, updatedAt: _u, areaPath: _a, nameTokens: _n, ...input } = org
  return input
}

export async function createOrg(input: OrgInput): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const areaPath = await checkLinks(value)
    await checkSeats(value, '', undefined)
    await checkShift(value)
    const org = await createRecord<Org>('orgs', { ...value, areaPath }, value.name)
    await refreshFirmStatuses(org.hostFirmIds)
    return org
  })
}

export async function updateOrg(id: string, input: OrgInput, expectedRev?: string): Promise<Org> {
  const value = orThrow(validateOrg(input))
  return inOrgTransaction(async () => {
    const before = await getDb().orgs.get(id)
    if (!before) throw new NotFoundError('orgs', id)
    const areaPath = await checkLinks(value, id)
    await checkSeats(value, id, before)
    await checkShift(value)
    const org = await updateRecord<Org>('orgs', id, { ...value, areaPath }, value.name, expectedRev)
    await refreshFirmStatuses([...before.hostFirmIds, ...org.hostFirmIds])
    return org
  })
}

/** 撤销: the org stays in the register with its dissolution date; its firms lose coverage from then. */
export async function dissolveOrg(id: string, on: string): Promise<Org> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  return updateOrg(id, { ...toInput(org), dissolvedOn: on })
}

/** Put an org under another (or at the top); refused when that would make a loop. */
export async function moveOrg(id: string, parentId: string): Promise<Org> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  return updateOrg(id, { ...toInput(org), parentId })
}

export async function removeOrg(id: string): Promise<void> {
  await inOrgTransaction(async () => {
    const org = await getDb().orgs.get(id)
    if (!org) throw new NotFoundError('orgs', id)
    await removeRecord('orgs', id, org.name)
    await refreshFirmStatuses(org.hostFirmIds)
  })
}

/**
 * 换届: the newly elected committee takes office from `on`; the one before is kept as history
 * with its 届次 (domain/terms.ts renewTerm). A 临时党支部 holds no 换届: its officers are
 * appointed, so its committee is edited directly.
 */
export async function renewOrgTerm(
  id: string,
  on: string,
  committee: CommitteeSeat[],
): Promise<Org> {
  const org = await getDb().orgs.get(id)
  if (!org) throw new NotFoundError('orgs', id)
  if (!orgDuties(org).renews) {
    throw new ValidationError([{ field: 'type', code: 'temporaryBranch' }])
  }
  if (org.termStartOn !== '' && on <= org.termStartOn) {
    throw new ValidationError([
      { field: 'termStartOn', code: 'dateOrder', params: { after: 'termStartOn' } },
    ])
  }
  return updateOrg(id, { ...toInput(org), ...renewTerm(org, on, committee) })
}
