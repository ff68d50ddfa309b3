import type { Member } from '@/domain/types'
import { validateMember, type FieldProblem, type MemberInput } from '@/domain/validation'
import { getDb, newId, nowIso } from '../connection'
import { ValidationError } from '../errors'
import { auditEntry, changedFields, plain } from '../records'
import type { ImportCounts, ImportOptions } from './imports'

/**
 * Members from a spreadsheet: every row validated first, then one transaction with one audit
 * entry. A row whose ID number is already in the register updates that member (keeping id,
 * createdAt, status, appraisals and the derived lastAttendedOn); others are added. Any bad
 * row, unknown org or ID number repeated in the file: nothing is written.
 */
export async function importMembers(
  rows: readonly MemberInput[],
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const problems: FieldProblem[] = []
  const values: MemberInput[] = []
  const seen = new Map<string, number>()
  rows.forEach((row, index) => {
    const result = validateMember(row)
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ ...p, field: `${index}.${p.field}` })))
      return
    }
    const id = result.value.idNumber
    if (id !== '' && seen.has(id)) {
      problems.push({ field: `${index}.idNumber`, code: 'duplicate' })
      return
    }
    if (id !== '') seen.set(id, index)
    values.push(result.value)
  })
  if (problems.length > 0) throw new ValidationError(problems)
  const db = getDb()
  return db.transaction('rw', [db.members, db.orgs, db.auditLog], async () => {
    const orgIds = [...new Set(values.map((value) => value.orgId))]
    const orgs = await db.orgs.bulkGet(orgIds)
    const missing = orgs.findIndex((org) => !org)
    if (missing >= 0) {
      throw new ValidationError([
        { field: 'orgId', code: 'notFound', params: { id: orgIds[missing] ?? '' } },
      ])
    }
    const existing = await db.members
      .where('idNumber')
      .anyOf([...seen.keys()])
      .toArray()
    const byIdNumber = new Map(existing.map((member) => [member.idNumber, member]))
    const now = nowIso()
    const added: Member[] = []
    const changed: Member[] = []
    for (const value of values) {
      const before = value.idNumber === '' ? undefined : byIdNumber.get(value.idNumber)
      const record: Member = before
        ? {
            ...before,
            ...plain(value),
            // The sheet has no status, appraisals or introducers: the register's stay.
            status: before.status,
            statusSince: before.statusSince,
            statusNote: before.statusNote,
            appraisals: before.appraisals,
            development: {
              ...before.development,
              branchVoteOn: value.development.branchVoteOn || before.development.branchVoteOn,
              fullOn: value.development.fullOn || before.development.fullOn,
            },
            updatedAt: now,
          }
        : {
            ...plain(value),
            id: newId(),
            lastAttendedOn: '',
            createdAt: now,
            updatedAt: now,
          }
      if (!before) added.push(record)
      else if (changedFields({ ...before }, { ...record }).length > 0) changed.push(record)
    }
    await db.members.bulkPut(changed)
    await db.members.bulkAdd(added)
    const counts = { created: added.length, updated: values.length - added.length }
    const summary = options.summary?.(counts) ?? `+${counts.created} ~${counts.updated}`
    await db.auditLog.add(auditEntry('import', 'members', '', summary))
    return counts
  })
}
