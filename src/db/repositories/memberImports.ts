import type { Member } from '@/domain/types'
import { validateMember, type MemberInput } from '@/domain/validation'
import { getDb, newId, nowIso } from '../connection'
import { ValidationError } from '../errors'
import { plain } from '../records'
import {
  chunksOf,
  ImportWrites,
  staleCounter,
  validateAll,
  type ImportCounts,
  type ImportOptions,
} from './imports'
import { withPartyAge } from './memberWrites'
import { readSettings } from './settings'

/** The stored members with one of `idNumbers`, by ID number (a preview's "before"). */
export async function membersByIdNumber(
  idNumbers: readonly string[],
): Promise<Map<string, Member>> {
  const found = new Map<string, Member>()
  for (const chunk of chunksOf(
    [...new Set(idNumbers)].filter((id) => id !== ''),
    1000,
  )) {
    for (const member of await getDb().members.where('idNumber').anyOf(chunk).toArray()) {
      found.set(member.idNumber, member)
    }
  }
  return found
}

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
  const seen = new Map<string, number>()
  const settings = await readSettings()
  // Validated in chunks before the transaction (no main-thread task over 200 ms).
  const values = await validateAll(rows, (row, index) => {
    const checked = validateMember(row)
    if (!checked.ok) return checked
    // 党龄 from the end of probation, whatever 转正日期 the sheet gives (党章 第七条).
    const result = { ok: true as const, value: withPartyAge(checked.value, settings) }
    const id = result.value.idNumber
    if (id !== '' && seen.has(id)) {
      return { ok: false, problems: [{ field: 'idNumber', code: 'duplicate' }] }
    }
    if (id !== '') seen.set(id, index)
    return result
  })
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
    const now = nowIso()
    const stale = staleCounter(options.expected)
    const writes = new ImportWrites(db.members)
    let done = 0
    // Read, built and written a chunk at a time: each awaited write ends a short task.
    for (const chunk of chunksOf(values)) {
      const idNumbers = chunk.map((value) => value.idNumber).filter((id) => id !== '')
      const existing =
        idNumbers.length > 0 ? await db.members.where('idNumber').anyOf(idNumbers).toArray() : []
      const byIdNumber = new Map(existing.map((member) => [member.idNumber, member]))
      for (const id of idNumbers) stale.check(id, byIdNumber.get(id))
      stale.throwIfStale()
      for (const value of chunk) {
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
        writes.note(before, record)
      }
      await writes.flush()
      done += chunk.length
      options.onProgress?.(done / values.length)
    }
    return writes.finish(values.length, options.summary)
  })
}
