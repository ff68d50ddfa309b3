import { describe, expect, it } from 'vitest'
import {
  hasAnyRecord,
  readAlarmCandidates,
  readOrgNames,
  readPartyGroupsOf,
  readScopeMembers,
  readStudyStanding,
} from '@/db'
import { alarmCutoff } from '@/domain/memberRules'
import { defaultSettings } from '@/domain/settings'
import { loadDemoData } from '@/services/demoLoader'
import { useFreshDb } from './helpers'

const { db } = useFreshDb()
const today = '2026-11-23'
const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort()
/** Ids that exist nowhere: pushes a scope past the size where one table read is used. */
const padding = Array.from({ length: 600 }, (_, i) => `missing-${i}`)

describe('the 待办 reads shaped for a province', { timeout: 30_000 }, () => {
  it('say whether the device holds any record, without counting', async () => {
    expect(await hasAnyRecord()).toBe(false)
    await loadDemoData(today)
    expect(await hasAnyRecord()).toBe(true)
  })

  it('read the members of a scope the same way small or large', async () => {
    await loadDemoData(today)
    const all = await db().members.toArray()
    const orgIds = [...new Set(all.map((m) => m.orgId))].slice(0, 3)
    const expected = ids(all.filter((m) => orgIds.includes(m.orgId)))
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(await readScopeMembers(orgIds))).toEqual(expected)
    expect(ids(await readScopeMembers([...orgIds, ...padding]))).toEqual(expected)
    expect(ids(await readScopeMembers(null))).toEqual(ids(all))
  })

  it('name orgs from single gets or one read of the table', async () => {
    await loadDemoData(today)
    const orgs = (await db().orgs.toArray()).slice(0, 4)
    const expected = new Map(orgs.map((org) => [org.id, org.name]))
    expect(await readOrgNames(orgs.map((org) => org.id))).toEqual(expected)
    expect(await readOrgNames([...orgs.map((org) => org.id), ...padding])).toEqual(expected)
  })

  it('find the alarm candidates as the lastAttendedOn range filtered to party members in scope', async () => {
    await loadDemoData(today)
    const settings = defaultSettings()
    const cutoff = alarmCutoff(today, settings)
    const all = await db().members.toArray()
    const naive = all.filter(
      (m) => m.lastAttendedOn < cutoff && (m.stage === 'full' || m.stage === 'probationary'),
    )
    expect(naive.length).toBeGreaterThan(0)
    expect(ids(await readAlarmCandidates(null, settings, today))).toEqual(ids(naive))
    const orgId = naive[0]!.orgId
    expect(ids(await readAlarmCandidates([orgId], settings, today))).toEqual(
      ids(naive.filter((m) => m.orgId === orgId)),
    )
  })

  it('read party groups of a scope small or large alike', async () => {
    await loadDemoData(today)
    const groups = await db().partyGroups.toArray()
    expect(groups.length).toBeGreaterThan(0)
    const orgIds = [...new Set(groups.map((g) => g.orgId))]
    expect(ids(await readPartyGroupsOf(orgIds))).toEqual(ids(groups))
    expect(ids(await readPartyGroupsOf([...orgIds, ...padding]))).toEqual(ids(groups))
  })

  it('give the whole register and every org listed the same study standing', async () => {
    await loadDemoData(today)
    const orgIds = (await db().orgs.toArray()).map((org) => org.id)
    const whole = await readStudyStanding(null, 2026)
    const listed = await readStudyStanding(orgIds, 2026)
    expect(ids(whole.members)).toEqual(ids(listed.members))
    expect(whole.members.length).toBeGreaterThan(0)
  })
})
