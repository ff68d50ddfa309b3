import { listMeetingsOfMember } from '@/db'
export type { MemberMeetingRow } from '@/db'
import { useLiveQuery } from './useLiveQuery'

/** The meetings a member attended or missed (with the reason), newest first, live. */
export function useMemberMeetings(memberId: () => string) {
  return useLiveQuery(async () => {
    const id = memberId()
    return id ? listMeetingsOfMember(id) : []
  }, [memberId])
}
