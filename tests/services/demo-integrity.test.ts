import { describe, expect, it } from 'vitest'
import type { Member } from '@/domain/types'
import { generateDemo } from '@/services/demo/generate'

// Check characters are recomputed here, independently of src/services/demo/ids.ts.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code)) return false
  const sum = CREDIT_WEIGHTS.reduce(
    (total, weight, index) => total + CREDIT_ALPHABET.indexOf(code.charAt(index)) * weight,
    0,
  )
  return CREDIT_ALPHABET.charAt((31 - (sum % 31)) % 31) === code.charAt(17)
}

function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const sum = ID_WEIGHTS.reduce(
    (total, weight, index) => total + Number(id.charAt(index)) * weight,
    0,
  )
  return '10X98765432'.charAt(sum % 11) === id.charAt(17)
}

const today = '2026-03-05'
const ds = generateDemo({ today })
const orgById = new Map(ds.orgs.map((org) => [org.id, org]))
const memberById = new Map(ds.members.map((member) => [member.id, member]))
// On the roll: the statuses that keep the membership (written out here, apart from memberStatus.ts).
const KEEP_MEMBERSHIP = new Set([
  'normal',
  'mobile',
  'lostContact',
  'abroad',
  'disciplinaryProbation',
])
const isPartyMember = (member: Member) =>
  (member.stage === 'full' || member.stage === 'probationary') && KEEP_MEMBERSHIP.has(member.status)

describe('demo identifiers', () => {
  it('gives every firm a valid, unique credit code (GB 32100-2015)', () => {
    expect(
      ds.firms.every(
        (firm) => isValidCreditCode(firm.creditCode) && firm.creditCode.startsWith('91'),
      ),
    ).toBe(true)
    expect(new Set(ds.firms.map((firm) => firm.creditCode)).size).toBe(ds.firms.length)
    expect(new Set(ds.firms.map((firm) => firm.name)).size).toBe(ds.firms.length)
  })

  it('catches a wrong check character in the test helpers', () => {
    const code = ds.firms[0]?.creditCode ?? ''
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0')
    expect(isValidCreditCode(wrong)).toBe(false)
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('110105194912310021')).toBe(false)
  })

  it('gives every person a valid id number that agrees with birth date and gender', () => {
    for (const member of ds.members) {
      expect(isValidIdNumber(member.idNumber), member.idNumber).toBe(true)
      expect(member.idNumber.slice(6, 14)).toBe(member.birthDate.replaceAll('-', ''))
      expect(Number(member.idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female').toBe(member.gender)
      expect(member.phone).toMatch(/^1[358]\d{9}$/)
    }
    expect(new Set(ds.members.map((member) => member.idNumber)).size).toBe(ds.members.length)
  })

  it('keeps ids unique across all tables', () => {
    const ids = Object.values(ds).flatMap((rows: { id: string }[]) => rows.map((row) => row.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(
      ids.every((id) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toBe(true)
  })
})

describe('demo references', () => {
  it('resolves areas, firms and parent orgs', () => {
    const areaById = new Map(ds.areas.map((area) => [area.id, area]))
    const firmIds = new Set(ds.firms.map((firm) => firm.id))
    for (const area of ds.areas) {
      const parent = areaById.get(area.parentId)
      expect(area.path).toBe(`${parent?.path ?? '/'}${area.id}/`)
    }
    expect(ds.areas.filter((area) => area.level === 'city')).toHaveLength(12)
    for (const firm of ds.firms) expect(areaById.get(firm.areaId)?.path).toBe(firm.areaPath)
    for (const org of ds.orgs) {
      expect(areaById.get(org.areaId)?.path).toBe(org.areaPath)
      expect(org.parentId === '' || orgById.has(org.parentId)).toBe(true)
      expect(org.hostFirmIds.every((id) => firmIds.has(id))).toBe(true)
    }
  })

  it('resolves members, groups, meetings, study records and transfers', () => {
    const groupById = new Map(ds.partyGroups.map((group) => [group.id, group]))
    for (const member of ds.members) {
      const org = orgById.get(member.orgId)
      expect(org?.hostFirmIds).toContain(member.firmId)
      if (member.partyGroupId !== '')
        expect(groupById.get(member.partyGroupId)?.orgId).toBe(member.orgId)
      for (const id of member.development.introducerIds) {
        expect(memberById.get(id)?.orgId).toBe(member.orgId)
        expect(memberById.get(id)?.stage).toBe('full')
      }
    }
    for (const meeting of ds.meetings) {
      const ids = [
        ...meeting.attendeeIds,
        ...meeting.absentees.map((absentee) => absentee.memberId),
      ]
      expect(ids.every((id) => memberById.get(id)?.orgId === meeting.orgId)).toBe(true)
      expect(meeting.heldOn <= today).toBe(true)
      if (meeting.partyGroupId !== '')
        expect(groupById.get(meeting.partyGroupId)?.orgId).toBe(meeting.orgId)
    }
    const meetingIds = new Set(ds.meetings.map((meeting) => meeting.id))
    for (const record of ds.studyRecords) {
      expect(memberById.get(record.memberId)?.orgId).toBe(record.orgId)
      expect(record.meetingId === '' || meetingIds.has(record.meetingId)).toBe(true)
    }
    for (const transfer of ds.transfers) expect(memberById.has(transfer.memberId)).toBe(true)
  })

  it('gives each member who transferred out a completed transfer', () => {
    const gone = ds.members.filter((member) => member.status === 'transferredOut')
    expect(gone).toHaveLength(3)
    for (const member of gone) {
      const transfer = ds.transfers.find(
        (item) => item.memberId === member.id && item.direction === 'out',
      )
      expect(transfer?.status).toBe('completed')
      expect(transfer?.fromOrgId).toBe(member.orgId)
    }
  })
})

describe('demo members and orgs', () => {
  it('orders development dates and keeps ages plausible', () => {
    for (const member of ds.members) {
      const d = member.development
      const steps = [d.appliedOn, d.activistOn, d.candidateOn, d.branchVoteOn, d.fullOn].filter(
        (date) => date !== '',
      )
      expect([...steps].sort()).toEqual(steps)
      expect(steps.every((date) => date <= today)).toBe(true)
      const ageAtApplying = Number(d.appliedOn.slice(0, 4)) - Number(member.birthDate.slice(0, 4))
      expect(ageAtApplying).toBeGreaterThanOrEqual(18)
      if (member.stage === 'full') expect(member.fullMemberOn).toBe(d.fullOn)
      else expect(member.fullMemberOn).toBe('')
      if (member.stage === 'probationary') expect(d.branchVoteOn > '2025-03-05').toBe(true)
    }
    const mongol = ds.members.filter((member) => member.ethnicity === 'mongol').length
    expect(mongol / ds.members.length).toBeGreaterThan(0.12)
    expect(ds.members.some((member) => member.status === 'mobile')).toBe(true)
    expect(ds.members.some((member) => member.status === 'lostContact')).toBe(true)
  })

  it('seats a secretary who is a full member in every active branch', () => {
    const branches = ds.orgs.filter(
      (org) => (org.type === 'branch' || org.type === 'jointBranch') && org.dissolvedOn === '',
    )
    expect(branches.length).toBeGreaterThan(50)
    for (const branch of branches) {
      const secretary = branch.committee.find((seat) => seat.post === 'secretary')
      const member = memberById.get(secretary?.memberId ?? '')
      expect(member?.orgId, branch.name).toBe(branch.id)
      expect(member?.stage).toBe('full')
      expect(member?.name).toBe(secretary?.holderName)
      const full = ds.members.filter(
        (item) => item.orgId === branch.id && item.stage === 'full' && isPartyMember(item),
      )
      if (full.length >= 7) expect(branch.committee.length).toBeGreaterThanOrEqual(3)
      if (branch.type === 'jointBranch') {
        for (const firmId of branch.hostFirmIds)
          expect(full.filter((item) => item.firmId === firmId).length).toBeLessThan(3)
      }
    }
  })

  it('has a couple of dissolved orgs that cover no counted firm on their own', () => {
    expect(
      ds.orgs.filter((org) => org.dissolvedOn !== '' && org.dissolvedOn <= today).length,
    ).toBeGreaterThanOrEqual(2)
  })

  it('leaves some branches behind on meetings while most keep up', () => {
    const monthsAgo = (months: number) => {
      const date = new Date(`${today}T00:00:00Z`)
      date.setUTCMonth(date.getUTCMonth() - months)
      return date.toISOString().slice(0, 10)
    }
    const committees = ds.orgs.filter(
      (org) =>
        org.type !== 'jointCommittee' &&
        org.committee.length >= 3 &&
        ds.meetings.some((meeting) => meeting.orgId === org.id),
    )
    const recent = new Set(
      ds.meetings
        .filter((meeting) => meeting.type === 'committeeMeeting' && meeting.heldOn > monthsAgo(3))
        .map((meeting) => meeting.orgId),
    )
    const behind = committees.filter((org) => !recent.has(org.id))
    expect(behind.length).toBeGreaterThanOrEqual(2)
    expect(behind.length).toBeLessThan(committees.length / 3)
  })

  it('records this year’s 集中学习培训 with about a tenth of the members short of their target', () => {
    // As of 2026-12-04 the year is nearly over: most have their 32 (56 for committee members).
    const late = generateDemo({ today: '2026-12-04' })
    const seated = new Set(late.orgs.flatMap((org) => org.committee.map((seat) => seat.memberId)))
    const hours = new Map<string, number>()
    for (const record of late.studyRecords) {
      expect(record.studiedOn >= '2026-01-01' && record.studiedOn <= '2026-12-04').toBe(true)
      if (!['collective', 'lesson', 'training'].includes(record.kind)) continue
      hours.set(record.memberId, (hours.get(record.memberId) ?? 0) + record.hours)
    }
    const counted = late.members.filter(isPartyMember)
    const below = counted.filter(
      (member) => (hours.get(member.id) ?? 0) < (seated.has(member.id) ? 56 : 32),
    )
    expect(below.length).toBeGreaterThan(counted.length * 0.05)
    expect(below.length).toBeLessThan(counted.length * 0.2)
    expect(late.studyRecords.every((record) => record.hours >= 1 && record.hours <= 6)).toBe(true)
    expect(late.studyRecords.some((record) => record.kind === 'self')).toBe(true)
  })
})
