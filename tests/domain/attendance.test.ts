import { describe, expect, it } from 'vitest'
import { lastAttendedByMember, lastAttendedOn } from '@/domain/attendance'
import type { Meeting } from '@/domain/types'

type Facts = Pick<Meeting, 'attendeeIds' | 'heldOn' | 'status'>
const held = (
  heldOn: string,
  attendeeIds: string[],
  status: Meeting['status'] = 'final',
): Facts => ({
  heldOn,
  attendeeIds,
  status,
})

describe('last attendance (党章 §9 six-month rule input)', () => {
  const meetings = [
    held('2026-03-01', ['a', 'b']),
    held('2026-09-30', ['a']),
    held('2026-11-20', ['a', 'b'], 'draft'),
    held('2025-12-31', ['c']),
  ]

  it.each([
    ['a', '2026-09-30'],
    ['b', '2026-03-01'], // the later draft does not count
    ['c', '2025-12-31'],
    ['d', ''],
  ])('member %s last attended on %s', (memberId, expected) => {
    expect(lastAttendedOn(memberId, meetings)).toBe(expected)
    expect(lastAttendedByMember(meetings).get(memberId) ?? '').toBe(expected)
  })

  it('does not depend on the order of the meetings', () => {
    expect([...lastAttendedByMember([...meetings].reverse())].sort()).toEqual(
      [...lastAttendedByMember(meetings)].sort(),
    )
  })
})
