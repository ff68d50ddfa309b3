import { lastAttendedOn } from '@/domain/attendance'
import { getDb } from '../connection'

/**
 * Member.lastAttendedOn is derived from the meetings (attendance.ts). Every write that can
 * change it calls this inside its own transaction, which must include members and meetings.
 */
export async function refreshLastAttended(memberIds: Iterable<string>): Promise<void> {
  const db = getDb()
  const ids = [...new Set(memberIds)].filter((id) => id !== '')
  for (const id of ids) {
    const member = await db.members.get(id)
    if (!member) continue
    const meetings = await db.meetings.where('attendeeIds').equals(id).toArray()
    const last = lastAttendedOn(id, meetings)
    // Derived, not edited: updatedAt stays, so a device exchange does not see a change.
    if (last !== member.lastAttendedOn) await db.members.update(id, { lastAttendedOn: last })
  }
}

/** The value a member about to be written will have, from the meetings already stored. */
export async function lastAttendedFor(memberId: string): Promise<string> {
  const meetings = await getDb().meetings.where('attendeeIds').equals(memberId).toArray()
  return lastAttendedOn(memberId, meetings)
}
