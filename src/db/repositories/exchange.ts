import { todayIso } from '@/domain/dates'
import {
  areaIdsOfPath,
  EXCHANGE_TABLES,
  emptyCounts,
  mergeWrites,
  nextMark,
  NO_MARK,
  planMerge,
  remapFirmIds,
  type Choice,
  type ExchangeMark,
  type ExchangePlan,
  type ExchangeTable,
  type Row,
} from '@/domain/exchange'
import type { Org } from '@/domain/types'
import { getDb, newId, nowIso } from '../connection'
import { auditEntry } from '../records'
import { refreshLastAttended } from './attendance'
import { keepSnapshot } from './bulk'
import { refreshFirmStatuses } from './firmStatus'
import { listSubtreeOrgIds } from './orgs'

/**
 * Exchange packages between devices: what one org's package holds, this device's id, the
 * mark of the last exchange with each other device, and the merge in one transaction.
 */

export type ExchangeTables = Record<ExchangeTable, Row[]>

const DEVICE_ID_KEY = 'deviceId'
const markKey = (deviceId: string) => `exchangedWith:${deviceId}`

/** This device's random id, made on first use and kept in meta (a restore never copies it). */
export async function readDeviceId(): Promise<string> {
  const db = getDb()
  return db.transaction('rw', db.meta, async () => {
    const found = (await db.meta.get(DEVICE_ID_KEY))?.value
    if (found) return found
    const id = newId()
    await db.meta.put({ key: DEVICE_ID_KEY, value: id })
    return id
  })
}

export async function readExchangeMark(deviceId: string): Promise<ExchangeMark> {
  const value = (await getDb().meta.get(markKey(deviceId)))?.value
  if (!value) return NO_MARK
  try {
    const parsed = JSON.parse(value) as Partial<ExchangeMark>
    return { mine: String(parsed.mine ?? ''), theirs: String(parsed.theirs ?? '') }
  } catch {
    return NO_MARK
  }
}

function emptyTables(): ExchangeTables {
  return Object.fromEntries(EXCHANGE_TABLES.map((name) => [name, []])) as unknown as ExchangeTables
}

async function byIds(table: ExchangeTable, ids: Iterable<string>): Promise<Row[]> {
  const list = [...new Set(ids)].filter((id) => id !== '')
  if (list.length === 0) return []
  const rows = (await getDb().table(table).bulkGet(list)) as (Row | undefined)[]
  return rows.filter((row): row is Row => row !== undefined)
}

async function whereAnyOf(table: ExchangeTable, index: string, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return []
  return (await getDb().table(table).where(index).anyOf(ids).toArray()) as Row[]
}

/**
 * The records of one org's package, read in one transaction:
 * - the org and every org under it, their party groups, members, the members' transfers and
 *   dues, meetings with their photos, study records;
 * - for each joint committee among them: its constituents, joint meetings and issues;
 * - for reference, so the records land whole on a device that lacks them: the orgs above
 *   the root (the parentId chain), the orgs the constituents name, the firms the orgs are
 *   set up in and the members work at, and every area those orgs and firms lie in with the
 *   areas above it.
 */
export async function readExchangeTables(
  rootId: string,
): Promise<{ root: Org; tables: ExchangeTables }> {
  const db = getDb()
  return db.transaction(
    'r',
    EXCHANGE_TABLES.map((name) => db.table(name)),
    async () => {
      const root = await db.orgs.get(rootId)
      if (!root) throw new Error(`orgs ${rootId} not found`)
      const tables = emptyTables()
      const subtree = await listSubtreeOrgIds(rootId)
      const orgs = (await byIds('orgs', subtree)) as unknown as Org[]
      const committeeIds = orgs.filter((org) => org.type === 'jointCommittee').map((org) => org.id)
      tables.partyGroups = await whereAnyOf('partyGroups', 'orgId', subtree)
      tables.members = await whereAnyOf('members', 'orgId', subtree)
      const memberIds = tables.members.map((row) => String(row.id))
      tables.transfers = await whereAnyOf('transfers', 'memberId', memberIds)
      tables.dues = await whereAnyOf('dues', 'memberId', memberIds)
      tables.meetings = await whereAnyOf('meetings', 'orgId', subtree)
      tables.photos = await whereAnyOf(
        'photos',
        'meetingId',
        tables.meetings.map((row) => String(row.id)),
      )
      tables.studyRecords = await whereAnyOf('studyRecords', 'orgId', subtree)
      tables.constituents = await whereAnyOf('constituents', 'committeeId', committeeIds)
      tables.jointMeetings = await whereAnyOf('jointMeetings', 'committeeId', committeeIds)
      tables.issues = await whereAnyOf('issues', 'committeeId', committeeIds)

      const referenced = new Set<string>()
      for (let id = root.parentId, hops = 0; id !== '' && hops < 50; hops++) {
        const parent = await db.orgs.get(id)
        if (!parent || referenced.has(parent.id)) break
        referenced.add(parent.id)
        id = parent.parentId
      }
      for (const row of tables.constituents) if (row.orgId) referenced.add(String(row.orgId))
      const inTree = new Set(subtree)
      const extraOrgs = await byIds(
        'orgs',
        [...referenced].filter((id) => !inTree.has(id)),
      )
      tables.orgs = [...(orgs as unknown as Row[]), ...extraOrgs]
      const firmIds = new Set<string>()
      for (const org of tables.orgs)
        for (const id of (org.hostFirmIds as string[]) ?? []) firmIds.add(id)
      for (const member of tables.members) if (member.firmId) firmIds.add(String(member.firmId))
      tables.firms = await byIds('firms', firmIds)
      const areaIds = new Set<string>()
      for (const row of [...tables.orgs, ...tables.firms]) {
        for (const id of areaIdsOfPath(row.areaPath)) areaIds.add(id)
        if (row.areaId) areaIds.add(String(row.areaId))
      }
      const areas = await byIds('areas', areaIds)
      for (const area of areas) for (const id of areaIdsOfPath(area.path)) areaIds.add(id)
      tables.areas = await byIds('areas', areaIds)
      return { root, tables }
    },
  )
}

export interface PreparedMerge {
  /** The package's rows with firms already here under another id remapped to ours. */
  incoming: Record<string, Row[]>
  plan: ExchangePlan
  /** Firms of the package matched to firms here by credit code. */
  matchedFirms: number
}

/** Compare a package with what is here; reads only (call it inside a transaction to write). */
export async function prepareMerge(
  incoming: Readonly<Record<string, readonly Row[]>>,
  sourceDeviceId: string,
): Promise<PreparedMerge> {
  const db = getDb()
  const firmIdMap = new Map<string, string>()
  const firms = incoming.firms ?? []
  if (firms.length > 0) {
    const here = await db.firms.bulkGet(firms.map((row) => String(row.id)))
    const codes = firms.filter((_, i) => !here[i]).map((row) => String(row.creditCode ?? ''))
    const byCode = await db.firms.where('creditCode').anyOf(codes.filter(Boolean)).toArray()
    const local = new Map(byCode.map((firm) => [firm.creditCode, firm.id]))
    firms.forEach((row, i) => {
      const match = !here[i] ? local.get(String(row.creditCode ?? '')) : undefined
      if (match && match !== row.id) firmIdMap.set(String(row.id), match)
    })
  }
  const remapped = remapFirmIds(incoming, firmIdMap)
  const here: Record<string, (Row | undefined)[]> = {}
  const deletedAt: Record<string, string[]> = {}
  for (const table of EXCHANGE_TABLES) {
    const rows = remapped[table] ?? []
    const ids = rows.map((row) => String(row.id))
    here[table] =
      ids.length > 0 ? ((await db.table(table).bulkGet(ids)) as (Row | undefined)[]) : []
    const missing = ids.filter((_, i) => !here[table]![i])
    const bin =
      missing.length > 0 ? await db.recycleBin.where('recordId').anyOf(missing).toArray() : []
    const last = new Map<string, string>()
    for (const entry of bin) {
      if (entry.table !== table) continue
      if (entry.deletedAt > (last.get(entry.recordId) ?? ''))
        last.set(entry.recordId, entry.deletedAt)
    }
    deletedAt[table] = ids.map((id) => last.get(id) ?? '')
  }
  const mark = await readExchangeMark(sourceDeviceId)
  const plan = planMerge({ incoming: remapped, here, deletedAt, mark })
  return { incoming: remapped, plan, matchedFirms: firmIdMap.size }
}

function latest(a: string, b: unknown): string {
  return typeof b === 'string' && b > a ? b : a
}

export interface ExchangeResult {
  added: number
  updated: number
  /** Records here kept: older or the same in the package, conflicts kept as mine, deleted here. */
  kept: number
  conflicts: number
  snapshotTaken: boolean
}

/**
 * Merge a checked package in ONE transaction. The comparison is made again inside it, so a
 * record changed here after the preview is not overwritten unseen (a conflict that has no
 * choice keeps mine). Overwriting anything first keeps the data as it was as one snapshot
 * in the recycle bin. Derived fields are recomputed for what moved; the mark of this
 * exchange is kept; one audit entry.
 */
export async function writeExchange(
  incoming: Readonly<Record<string, readonly Row[]>>,
  source: { deviceId: string; createdAt: string; orgName: string },
  choices: Readonly<Record<string, Choice>>,
  today: string = todayIso(),
): Promise<ExchangeResult> {
  const db = getDb()
  const result: ExchangeResult = {
    added: 0,
    updated: 0,
    kept: 0,
    conflicts: 0,
    snapshotTaken: false,
  }
  await db.transaction('rw', db.tables, async () => {
    const prepared = await prepareMerge(incoming, source.deviceId)
    const writes = mergeWrites(prepared, prepared.plan, choices, nowIso())
    const totals = prepared.plan.totals ?? emptyCounts()
    result.conflicts = totals.conflict
    let touched = 0
    for (const table of EXCHANGE_TABLES) {
      result.added += writes.add[table]!.length
      result.updated += writes.put[table]!.length
      touched += writes.touch[table]!.length
    }
    result.kept = totals.same + totals.older + totals.deletedHere + touched
    if (result.updated + touched > 0) {
      if (await keepSnapshot('exchangeMerge')) result.snapshotTaken = true
    }
    const firmIds = new Set<string>()
    const memberIds = new Set<string>()
    for (const table of EXCHANGE_TABLES) {
      const { [table]: add = [] } = writes.add
      const { [table]: put = [] } = writes.put
      const before =
        put.length > 0 && (table === 'orgs' || table === 'meetings')
          ? ((await db.table(table).bulkGet(put.map((row) => String(row.id)))) as (
              Row | undefined
            )[])
          : []
      if (add.length > 0) await db.table(table).bulkAdd(add)
      if (put.length > 0) await db.table(table).bulkPut(put)
      for (const row of [...add, ...put, ...before.filter((r): r is Row => !!r)]) {
        if (table === 'firms') firmIds.add(String(row.id))
        if (table === 'orgs') for (const id of (row.hostFirmIds as string[]) ?? []) firmIds.add(id)
        if (table === 'members') memberIds.add(String(row.id))
        if (table === 'meetings')
          for (const id of (row.attendeeIds as string[]) ?? []) memberIds.add(id)
      }
      for (const { id, updatedAt } of writes.touch[table]!) {
        await db.table(table).update(id, { updatedAt })
      }
    }
    // Derived fields follow the records that moved (tallies follow by themselves).
    await refreshFirmStatuses(firmIds, today)
    await refreshLastAttended(memberIds)
    // Everything the package held has been seen, and everything written here is part of
    // this exchange: the marks cover both even when a clock was off.
    let theirs = source.createdAt
    let mine = nowIso()
    for (const table of EXCHANGE_TABLES) {
      for (const row of incoming[table] ?? []) theirs = latest(theirs, row.updatedAt)
      for (const row of [...writes.add[table]!, ...writes.put[table]!, ...writes.touch[table]!]) {
        mine = latest(mine, row.updatedAt)
      }
    }
    const mark = nextMark(await readExchangeMark(source.deviceId), mine, theirs)
    await db.meta.put({ key: markKey(source.deviceId), value: JSON.stringify(mark) })
    if (result.added + result.updated + touched > 0) {
      if (!(await db.meta.get('firstRunDone')))
        await db.meta.put({ key: 'firstRunDone', value: nowIso() })
      await db.auditLog.add(auditEntry('import', '*', '', `exchange:${source.orgName}`))
    }
  })
  return result
}
