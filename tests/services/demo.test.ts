import { describe, expect, it } from 'vitest'
import type { Org } from '@/domain/types'
import { DEMO_GENERATOR_VERSION, generateDemo, type DemoDataset } from '@/services/demo/generate'

// Figures are computed here from the raw tables, independently of src/domain/coverage.ts.
// Members counted: the statuses that keep the membership (停止党籍, 死亡, 转出 … do not).
const KEEP_MEMBERSHIP = new Set([
  'normal',
  'mobile',
  'lostContact',
  'abroad',
  'disciplinaryProbation',
])
const COVERING_TYPES: Org['type'][] = ['baseCommittee', 'generalBranch', 'branch', 'jointBranch']

function isActive(org: Org, today: string): boolean {
  return (
    org.foundedOn !== '' &&
    org.foundedOn <= today &&
    (org.dissolvedOn === '' || org.dissolvedOn > today)
  )
}

function figures(ds: DemoDataset, today: string) {
  const operating = ds.firms.filter(
    (firm) => firm.registeredOn <= today && (firm.closedOn === '' || firm.closedOn > today),
  )
  const operatingIds = new Set(operating.map((firm) => firm.id))
  const activeOrgs = ds.orgs.filter((org) => isActive(org, today))
  const coveredIds = new Set(
    activeOrgs.filter((org) => COVERING_TYPES.includes(org.type)).flatMap((org) => org.hostFirmIds),
  )
  const activeIds = new Set(activeOrgs.map((org) => org.id))
  const members = ds.members.filter(
    (member) =>
      (member.stage === 'full' || member.stage === 'probationary') &&
      KEEP_MEMBERSHIP.has(member.status) &&
      activeIds.has(member.orgId),
  )
  return {
    operatingFirms: operating.length,
    coveredFirms: [...coveredIds].filter((id) => operatingIds.has(id)).length,
    members: members.length,
  }
}

describe.each(['2026-03-05', '2019-01-10', '2024-12-31'])('demo figures as of %s', (today) => {
  const ds = generateDemo({ today })

  it('reproduces the article: 875 firms, 121 with an org, 546 members', () => {
    expect(figures(ds, today)).toEqual({ operatingFirms: 875, coveredFirms: 121, members: 546 })
  })

  it('puts exactly 8 orgs under the 稀土高新区 internet-firm committee', () => {
    const committee = ds.orgs.find((org) => org.name === '包头稀土高新区互联网企业党委')
    expect(committee?.type).toBe('baseCommittee')
    expect(committee?.hostFirmIds).toEqual([])
    const children = ds.orgs.filter((org) => org.parentId === committee?.id)
    expect(children).toHaveLength(8)
    const area = ds.areas.find((item) => item.id === committee?.areaId)
    expect(area?.name).toBe('稀土高新区')
    for (const child of children) {
      expect(['branch', 'jointBranch']).toContain(child.type)
      for (const firmId of child.hostFirmIds) {
        expect(
          ds.firms.find((firm) => firm.id === firmId)?.areaPath.startsWith(area?.path ?? '-'),
        ).toBe(true)
      }
    }
  })

  it('gives 巴林右旗 a joint committee of 14 constituents, 6 meetings and 28 resolved problems', () => {
    const committee = ds.orgs.find((org) => org.type === 'jointCommittee')
    expect(ds.areas.find((area) => area.id === committee?.areaId)?.name).toBe('巴林右旗')
    const constituents = ds.constituents.filter((item) => item.committeeId === committee?.id)
    const sectors = constituents.reduce<Record<string, number>>((count, item) => {
      count[item.sector] = (count[item.sector] ?? 0) + 1
      return count
    }, {})
    expect(constituents).toHaveLength(14)
    expect(sectors).toEqual({ firm: 1, government: 5, villageCommunity: 5, nonPublicFirm: 3 })
    const firmBranch = ds.orgs.find(
      (org) => org.id === constituents.find((item) => item.sector === 'firm')?.orgId,
    )
    expect(firmBranch?.name).toBe('信达中小企业服务有限公司党支部')
    for (const item of constituents.filter((entry) => entry.sector === 'nonPublicFirm')) {
      expect(ds.orgs.find((org) => org.id === item.orgId)?.type).toBe('branch')
    }
    const meetings = ds.jointMeetings.filter((meeting) => meeting.committeeId === committee?.id)
    expect(meetings).toHaveLength(6)
    const resolved = ds.issues.filter(
      (issue) => issue.committeeId === committee?.id && issue.status === 'resolved',
    )
    expect(resolved).toHaveLength(28)
    const meetingIds = new Set(meetings.map((meeting) => meeting.id))
    const constituentIds = new Set(constituents.map((item) => item.id))
    for (const issue of resolved) {
      expect(issue.resolvedOn >= issue.raisedOn && issue.resolvedOn <= today).toBe(true)
      expect(issue.resolution).not.toBe('')
      expect(issue.meetingIds.every((id) => meetingIds.has(id))).toBe(true)
      expect(constituentIds.has(issue.raisedByConstituentId)).toBe(true)
      expect(issue.responsibleConstituentIds.every((id) => constituentIds.has(id))).toBe(true)
    }
    expect(new Set(resolved.map((issue) => issue.meetingIds[0])).size).toBe(6)
  })

  it('names the article’s secretaries and the 科尔沁 general branch', () => {
    const secretaryOf = (name: string) =>
      ds.orgs.find((org) => org.name === name)?.committee[0]?.holderName
    expect(secretaryOf('内蒙古华讯软件有限公司党支部')).toBe('高强')
    expect(secretaryOf('锡林郭勒盟新丝路电子商务有限公司党支部')).toBe('滕国')
    const horqin = ds.orgs.find((org) => org.name === '科尔沁电子商务产业协会党总支')
    expect(horqin?.type).toBe('generalBranch')
    expect(ds.orgs.filter((org) => org.parentId === horqin?.id).length).toBeGreaterThanOrEqual(2)
  })
})

describe('demo generator', () => {
  const today = '2026-03-05'

  it('is deterministic for the same options', () => {
    expect(generateDemo({ today, seed: 7 })).toEqual(generateDemo({ today, seed: 7 }))
  })

  it('draws different ids from a different seed', () => {
    const first = generateDemo({ today, seed: 1 })
    const second = generateDemo({ today, seed: 2 })
    expect(first.firms[0]?.id).not.toBe(second.firms[0]?.id)
    expect(first.members.map((member) => member.idNumber)).not.toEqual(
      second.members.map((member) => member.idNumber),
    )
  })

  it('multiplies the figures with scale', () => {
    const ds = generateDemo({ today, scale: 3 })
    expect(figures(ds, today)).toEqual({ operatingFirms: 2625, coveredFirms: 363, members: 1638 })
  })

  it('exports a version for stored demo data', () => {
    // Bumped whenever the generated records change: the benchmark's cached profile keys on it.
    expect(Number.isInteger(DEMO_GENERATOR_VERSION) && DEMO_GENERATOR_VERSION > 0).toBe(true)
  })

  it('rejects a malformed day', () => {
    expect(() => generateDemo({ today: '2026/03/05' })).toThrow()
  })
})
