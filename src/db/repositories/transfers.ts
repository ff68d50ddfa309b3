import { transferEffect, validateTransfer, type TransferInput } from '@/domain/transfers'
import type { Member, Transfer } from '@/domain/types'
import { getDb } from '../connection'
import { ConflictError, NotFoundError, ValidationError } from '../errors'
import { createRecord, updateRecord } from '../records'
import { memberInputOf } from './members'
import { orThrow } from './validated'

export type { TransferInput }

/** A transfer and its effect on the member are one transaction (with their audit entries). */
function inTransferTransaction<T>(work: () => Promise<T>): Promise<T> {
  const db = getDb()
  return db.transaction('rw', [db.transfers, db.members, db.orgs, db.auditLog], work)
}

async function checkLinks(value: TransferInput): Promise<Member> {
  const db = getDb()
  const member = await db.members.get(value.memberId)
  if (!member) throw new ValidationError([{ field: 'memberId', code: 'notFound' }])
  for (const field of ['fromOrgId', 'toOrgId'] as const) {
    if (value[field] !== '' && !(await db.orgs.get(value[field]))) {
      throw new ValidationError([{ field, code: 'notFound' }])
    }
  }
  return member
}

function label(value: TransferInput, member: Member): string {
  return `${member.name} ${value.letterNo || value.issuedOn}`
}

/** Apply a completed transfer to its member: a new org, or transferredOut. */
async function applyEffect(value: TransferInput, member: Member): Promise<void> {
  const effect = transferEffect(member, value)
  if (!effect) return
  await updateRecord<Member>(
    'members',
    member.id,
    {
      ...memberInputOf(member),
      ...effect,
      lastAttendedOn: member.lastAttendedOn,
    },
    member.name,
  )
}

/**
 * Record a transfer out or in. When it is recorded as completed the member changes in the
 * same transaction: the member's org becomes the receiving org of the register, or their
 * status becomes transferredOut (the record and its history stay).
 */
export async function recordTransfer(input: TransferInput): Promise<Transfer> {
  const value = orThrow(validateTransfer(input))
  return inTransferTransaction(async () => {
    const member = await checkLinks(value)
    const transfer = await createRecord<Transfer>('transfers', value, label(value, member))
    await applyEffect(value, member)
    return transfer
  })
}

/** A pending transfer arrives (completedOn) or is called off; the member follows in one go. */
export async function settleTransfer(
  id: string,
  outcome: { status: 'completed'; completedOn: string } | { status: 'cancelled' },
): Promise<Transfer> {
  return inTransferTransaction(async () => {
    const before = await getDb().transfers.get(id)
    if (!before) throw new NotFoundError('transfers', id)
    if (before.status !== 'pending') throw new ConflictError('transferSettled')
    const { id: _i, createdAt: _c, updatedAt: _u, ...input } = before
    const value = orThrow(
      validateTransfer({
        ...input,
        status: outcome.status,
        completedOn: outcome.status === 'completed' ? outcome.completedOn : '',
      }),
    )
    const member = await checkLinks(value)
    const transfer = await updateRecord<Transfer>('transfers', id, value, label(value, member))
    await applyEffect(value, member)
    return transfer
  })
}

/** A member's transfers, newest letter first: where they have been. */
export async function listTransfersOfMember(memberId: string): Promise<Transfer[]> {
  const transfers = await getDb().transfers.where('memberId').equals(memberId).toArray()
  return transfers.sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))
}
