/**
 * 组织关系转接: what a transfer record must hold, and what its completion does to the member.
 * Transfers are never deleted when they complete: the history of where a member was stays.
 */
import { addMonths, isIsoDate } from './dates'
import type { Settings } from './settings'
import { TRANSFER_STATUSES, type Id, type IsoDate, type Member, type Transfer } from './types'
import { LIMITS } from './limits'
import type { FieldProblem, ValidationResult } from './validation'

export type TransferInput = Omit<Transfer, 'id' | 'createdAt' | 'updatedAt'>

function trimmed(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * A transfer out leaves from an org of the register to another org of the register or an
 * outside organisation known by name; a transfer in arrives at an org of the register.
 * A completed transfer needs its completion date, not before the letter's date.
 */
export function validateTransfer(input: unknown): ValidationResult<TransferInput> {
  const raw = (input ?? {}) as Record<string, unknown>
  const value: TransferInput = {
    memberId: trimmed(raw.memberId),
    direction: raw.direction === 'in' ? 'in' : 'out',
    fromOrgId: trimmed(raw.fromOrgId),
    fromName: trimmed(raw.fromName),
    toOrgId: trimmed(raw.toOrgId),
    toName: trimmed(raw.toName),
    letterNo: trimmed(raw.letterNo),
    issuedOn: trimmed(raw.issuedOn),
    completedOn: trimmed(raw.completedOn),
    status: (TRANSFER_STATUSES as readonly unknown[]).includes(raw.status)
      ? (raw.status as Transfer['status'])
      : 'pending',
  }
  const problems: FieldProblem[] = []
  if (raw.direction !== 'in' && raw.direction !== 'out')
    problems.push({ field: 'direction', code: 'oneOf' })
  if (!(TRANSFER_STATUSES as readonly unknown[]).includes(raw.status))
    problems.push({ field: 'status', code: 'oneOf' })
  if (value.memberId === '') problems.push({ field: 'memberId', code: 'required' })
  if (value.issuedOn === '') problems.push({ field: 'issuedOn', code: 'required' })
  else if (!isIsoDate(value.issuedOn)) problems.push({ field: 'issuedOn', code: 'invalidDate' })
  if (value.completedOn !== '' && !isIsoDate(value.completedOn)) {
    problems.push({ field: 'completedOn', code: 'invalidDate' })
  } else if (value.status === 'completed' && value.completedOn === '') {
    problems.push({ field: 'completedOn', code: 'required' })
  } else if (value.completedOn !== '' && value.completedOn < value.issuedOn) {
    problems.push({ field: 'completedOn', code: 'dateOrder', params: { after: 'issuedOn' } })
  }
  // Each end is an org of the register or a name; the register's end of each direction is
  // an org (out: where the member is; in: where they arrive).
  if (value.direction === 'out' && value.fromOrgId === '')
    problems.push({ field: 'fromOrgId', code: 'required' })
  if (value.direction === 'in' && value.toOrgId === '')
    problems.push({ field: 'toOrgId', code: 'required' })
  if (value.toOrgId === '' && value.toName === '')
    problems.push({ field: 'toName', code: 'required' })
  if (value.fromOrgId === '' && value.fromName === '')
    problems.push({ field: 'fromName', code: 'required' })
  if (value.fromOrgId !== '' && value.fromOrgId === value.toOrgId)
    problems.push({ field: 'toOrgId', code: 'duplicate' })
  const long = (field: 'fromName' | 'toName' | 'letterNo', max: number) => {
    if (value[field].length > max) problems.push({ field, code: 'tooLong', params: { max } })
  }
  long('fromName', LIMITS.name)
  long('toName', LIMITS.name)
  long('letterNo', LIMITS.letterNo)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value }
}

/** What a completed transfer changes on the member; null when it changes nothing. */
export interface TransferEffect {
  orgId: Id
  status: Member['status']
  statusSince: IsoDate
  statusNote: string
}

/**
 * A completed transfer moves the member to the receiving org of the register (their status
 * back to normal), or — leaving for an organisation outside the register — marks them
 * transferred out from the completion date; their record and the transfer stay as history.
 */
export function transferEffect(
  member: Pick<Member, 'orgId' | 'status' | 'statusSince' | 'statusNote'>,
  transfer: TransferInput,
): TransferEffect | null {
  if (transfer.status !== 'completed') return null
  if (transfer.toOrgId !== '') {
    return { orgId: transfer.toOrgId, status: 'normal', statusSince: '', statusNote: '' }
  }
  return {
    orgId: member.orgId,
    status: 'transferredOut',
    statusSince: transfer.completedOn,
    statusNote: transfer.toName,
  }
}

/** A pending letter past its validity (about 3 months, a local setting). */
export function isLetterExpired(
  transfer: Pick<Transfer, 'status' | 'issuedOn'>,
  settings: Settings,
  today: IsoDate,
): boolean {
  if (transfer.status !== 'pending' || transfer.issuedOn === '') return false
  return today > addMonths(transfer.issuedOn, settings['member.transferLetterValidMonths'])
}
