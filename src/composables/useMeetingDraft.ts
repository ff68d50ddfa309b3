import { computed } from 'vue'
import { discardDraft, nowIso, readDraft, writeDraft, type NewPhoto } from '@/db'
import type { AbsenceReason, AppraisalGrade } from '@/domain/types'
import type { MeetingInput } from '@/domain/validation'
import { useLiveQuery } from './useLiveQuery'

/** One draft of a new meeting per device: the one being logged. */
const NEW_MEETING = 'meeting:new'

/** What a half-typed new meeting holds: the fields, attendance, grades and the photos taken. */
export interface MeetingDraft {
  model: MeetingInput
  absence: Record<string, { reason: AbsenceReason; note: string }>
  grades: Record<string, AppraisalGrade>
  photos: NewPhoto[]
}

/**
 * The new-meeting draft, kept on this device (db/drafts.ts says why not a meeting record).
 * `write` returns when it was kept.
 */
export const meetingDrafts = {
  read: () => readDraft<MeetingDraft>(NEW_MEETING),
  write: async (draft: MeetingDraft): Promise<string> => {
    const savedAt = nowIso()
    await writeDraft(NEW_MEETING, draft, savedAt)
    return savedAt
  },
  discard: () => discardDraft(NEW_MEETING),
}

/** When the new-meeting draft was last kept, '' when there is none; live. */
export function useMeetingDraftSavedAt() {
  const query = useLiveQuery(async () => (await meetingDrafts.read())?.savedAt ?? '', [])
  return computed(() => query.data.value ?? '')
}
