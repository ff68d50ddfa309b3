import { describe, expect, it } from 'vitest'
import { lastAttendedByMember } from '@/domain/attendance'
import type { Meeting, Member } from '@/domain/types'
import { createProvince } from '@/services/demo/province'

describe('province generator (benchmark data)', () => {
  const province = createProvince({ today: '2026-11-23' })

  it('gives members the last attendance the meeting writes would derive', () => {
    // The first 300 orgs hold 34 meetings and 7 members each, in index order.
    const meetings = province.rows('meetings', 0, 300 * 34) as Meeting[]
    const members = province.rows('members', 0, 300 * 7) as Member[]
    const expected = lastAttendedByMember(meetings)
    expect(members.filter((m) => m.lastAttendedOn !== '').length).toBeGreaterThan(2_000)
    for (const member of members) {
      expect(member.orgId).toBe(meetings.find((m) => m.orgId === member.orgId)?.orgId)
      expect(member.lastAttendedOn, member.id).toBe(expected.get(member.id) ?? '')
    }
  })
})
