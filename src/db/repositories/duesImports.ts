import { todayIso } from '@/domain/dates'
import type { Month } from '@/domain/dues'
import {
  correctionOf,
  paymentProblems,
  paymentValue,
  type PaymentInput,
} from '@/domain/duesRecords'
import type { Settings } from '@/domain/settings'
import { orgDuties } from '@/domain/terms'
import type { Dues, Id, Member, Org } from '@/domain/types'
import { getActor, getDb, newId, nowIso } from '../connection'
import { ValidationError } from '../errors'
import { auditEntry, changedFields } from '../records'
import {
  auditImport,
  chunksOf,
  importCounts,
  staleCounter,
  type ImportCounts,
  type ImportOptions,
} from './imports'
import { listSubtreeOrgIds } from './orgs'
import { readSettings } from './settings'

const HIGH = '\uffff'

/** A dues record is the same record when member and month are (one record per member-month). */
export function duesRecordKey(memberId: Id, month: Month): string {
  return `${memberId}\u0000${month}`
}

/** Who a dues sheet's rows can name, read by index only (no table is read whole). */
export interface DuesImportPeople {
  /** Members with one of the sheet's ID numbers. */
  byIdNumber: Map<string, Member>
  /** Orgs of the names in the org column, by name (two orgs may share one). */
  orgsByName: Map<string, Org[]>
  /** Rosters by org id: the page's org and every org the sheet names. */
  rosters: Map<Id, Member[]>
  /** Every org a row may land in (the members' own and the named ones), by id. */
  orgs: Map<Id, Org>
  /** The org ids the user may write; null = everything (the department). */
  scope: Set<Id> | null
  settings: Settings
  today: string
}

/**
 * What the check of a dues sheet needs: the members of the sheet's ID numbers, the orgs it
 * names, the rosters to find names in, the user's scope (the subtree of `scopeOrgId`).
 */
export async function readDuesImportPeople(query: {
  idNumbers: readonly string[]
  orgNames: readonly string[]
  pageOrgId: Id
  scopeOrgId: Id
}): Promise<DuesImportPeople> {
  const db = getDb()
  const settings = await readSettings()
  return db.transaction('r', [db.members, db.orgs], async () => {
    const byIdNumber = new Map<string, Member>()
    for (const chunk of chunksOf(
      [...new Set(query.idNumbers)].filter((id) => id !== ''),
      1000,
    ))
      for (const member of await db.members.where('idNumber').anyOf(chunk).toArray())
        byIdNumber.set(member.idNumber, member)
    const orgsByName = new Map<string, Org[]>()
    const names = [...new Set(query.orgNames)].filter((name) => name !== '')
    for (const org of names.length > 0 ? await db.orgs.where('name').anyOf(names).toArray() : [])
      orgsByName.set(org.name, [...(orgsByName.get(org.name) ?? []), org])
    const rosterIds = new Set<Id>([...orgsByName.values()].flat().map((org) => org.id))
    if (query.pageOrgId !== '') rosterIds.add(query.pageOrgId)
    const rosters = new Map<Id, Member[]>()
    for (const orgId of rosterIds) {
      rosters.set(
        orgId,
        await db.members
          .where('[orgId+name+id]')
          .between([orgId, '', ''], [orgId, HIGH, HIGH])
          .toArray(),
      )
    }
    const orgIds = new Set<Id>([...rosterIds, ...[...byIdNumber.values()].map((m) => m.orgId)])
    const orgs = new Map<Id, Org>()
    for (const org of await db.orgs.bulkGet([...orgIds])) if (org) orgs.set(org.id, org)
    const scope =
      query.scopeOrgId === '' ? null : new Set(await listSubtreeOrgIds(query.scopeOrgId))
    return {
      byIdNumber,
      orgsByName,
      rosters,
      orgs,
      scope,
      settings,
      today: todayIso(new Date(nowIso())),
    }
  })
}

/** A member's month as stored, and the latest record before it (whose terms run on). */
export interface DuesAt {
  stored: Dues | undefined
  before: Dues | undefined
}

/** For each member and month: its record and the latest earlier one, one index key each. */
export async function readDuesAt(
  pairs: readonly { memberId: Id; month: Month }[],
): Promise<Map<string, DuesAt>> {
  const db = getDb()
  return db.transaction('r', [db.dues], async () => {
    const found = new Map<string, DuesAt>()
    for (const { memberId, month } of pairs) {
      const key = duesRecordKey(memberId, month)
      if (found.has(key)) continue
      const [stored, before] = await Promise.all([
        db.dues.where('[memberId+month]').equals([memberId, month]).first(),
        db.dues
          .where('[memberId+month]')
          .between([memberId, ''], [memberId, month], true, false)
          .last(),
      ])
      found.set(key, { stored, before })
    }
    return found
  })
}

/**
 * Payments and bases from a sheet, in ONE transaction: each row is one member's month, laid
 * over its stored record. A stored record that changed after the preview refuses the whole
 * import (ImportStaleError); so does a row of a temporary branch or of a member no longer
 * there, or one that no longer validates — nothing is written then. A change to a month
 * already paid keeps what it replaced as a correction with `reason` (the import names its
 * file), like a correction typed on the page. The dues tallies follow through the middleware.
 */
export async function importDuesRecords(
  rows: readonly PaymentInput[],
  options: ImportOptions & { reason?: string } = {},
): Promise<ImportCounts> {
  const settings = await readSettings()
  const problems = rows.flatMap((row, index) =>
    paymentProblems(row).map((p) => ({ ...p, field: `${index}.${p.field}` })),
  )
  if (problems.length > 0) throw new ValidationError(problems)
  const db = getDb()
  return db.transaction('rw', [db.dues, db.members, db.orgs, db.auditLog], async () => {
    const stale = staleCounter(options.expected)
    const orgs = new Map<Id, Org | undefined>()
    const at = nowIso()
    const reason = options.reason?.trim() || 'import'
    let created = 0
    let updated = 0
    let done = 0
    const seen = new Set<string>()
    for (const chunk of chunksOf(rows)) {
      const written: Dues[] = []
      const entries = []
      for (const [offset, row] of chunk.entries()) {
        const index = done + offset
        const key = duesRecordKey(row.memberId, row.month)
        if (seen.has(key))
          throw new ValidationError([{ field: `${index}.month`, code: 'duplicate' }])
        seen.add(key)
        if (!orgs.has(row.orgId)) orgs.set(row.orgId, await db.orgs.get(row.orgId))
        const org = orgs.get(row.orgId)
        if (!org) throw new ValidationError([{ field: `${index}.orgId`, code: 'notFound' }])
        if (!orgDuties(org).collectsDues)
          throw new ValidationError([{ field: `${index}.orgId`, code: 'temporaryBranch' }])
        if (!(await db.members.get(row.memberId)))
          throw new ValidationError([{ field: `${index}.memberId`, code: 'notFound' }])
        const stored = await db.dues
          .where('[memberId+month]')
          .equals([row.memberId, row.month])
          .first()
        stale.check(key, stored)
        const wasPaid = !!stored && (stored.paid > 0 || stored.receiptNo !== '')
        const changesPayment =
          !!stored &&
          (stored.paid !== row.paid ||
            stored.paidOn !== row.paidOn ||
            stored.receiptNo !== row.receiptNo.trim())
        const corrections = [...(stored?.corrections ?? [])]
        if (stored && wasPaid && changesPayment) {
          corrections.push(correctionOf(stored, reason, at, getActor())!)
        }
        const record: Dues = {
          ...paymentValue(row, settings, corrections),
          id: stored?.id ?? newId(),
          createdAt: stored?.createdAt ?? at,
          updatedAt: at,
        }
        const fields = stored ? changedFields(stored as never, record as never) : []
        if (stored && fields.length === 0) continue
        written.push(record)
        if (stored) updated++
        else created++
        entries.push(
          auditEntry(
            stored ? 'update' : 'create',
            'dues',
            record.id,
            `${row.month} ${reason}`,
            fields,
          ),
        )
      }
      stale.throwIfStale()
      if (written.length > 0) {
        await db.dues.bulkPut(written)
        await db.auditLog.bulkAdd(entries)
      }
      done += chunk.length
      options.onProgress?.(done / rows.length)
    }
    return auditImport('dues', importCounts(rows.length, created, updated), options.summary)
  })
}
