import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { meetingDrafts, type MeetingDraft } from '@/composables/useMeetingDraft'
import type { NewPhoto } from '@/composables/useMeetings'
import type { AppraisalGrade } from '@/domain/types'
import type { MeetingInput } from '@/domain/validation'
import type { Absence } from './useMeetingForm'

// Lives beside the meeting form (not in composables/) because only MeetingFormDialog uses it.

interface FormState {
  model: MeetingInput
  absence: Ref<Absence>
  grades: Ref<Record<string, AppraisalGrade>>
}
interface DraftPhotos {
  extras: () => { addPhotos: NewPhoto[] }
  restore: (kept: NewPhoto[]) => void
}

/** Typing is kept this long after the last change (and at once when the page is hidden). */
const KEEP_AFTER_MS = 400

/**
 * A new meeting's draft saved as it is typed: restored when the form opens again (after a
 * reload, a call, a locked screen), kept when the form is closed unsaved, dropped once the
 * meeting is saved (by the page, after the save).
 */
export function useMeetingFormDraft(
  form: FormState,
  photos: DraftPhotos,
  hooks: { blank: () => void; saving: () => boolean },
) {
  const savedAt = ref('')
  const restoredAt = ref('')
  /** Keeping changes: from start() until the form closes or a save is under way. */
  let active = false
  /** Between settle() and the save's answer: a save that fails resumes keeping. */
  let settled = false
  /** Each opening and closing of the form: a draft read for an earlier one is dropped. */
  let session = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  function snapshot(): MeetingDraft {
    // Plain copies: IndexedDB cannot store Vue proxies; the photos' Blobs go as they are.
    const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
    return {
      model: plain(form.model),
      absence: plain(form.absence.value),
      grades: plain(form.grades.value),
      photos: photos.extras().addPhotos,
    }
  }
  /** Keep what is typed now (a pending change first). */
  async function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    if (!active) return
    savedAt.value = await meetingDrafts.write(snapshot())
  }
  function schedule(): void {
    if (!active) return
    clearTimeout(timer)
    timer = setTimeout(() => void flush(), KEEP_AFTER_MS)
  }
  watch([() => form.model, form.absence, form.grades], schedule, { deep: true })
  // A new array each time a photo is added or removed (the Blobs are not walked).
  watch(() => photos.extras(), schedule)

  /** Changes the draft makes itself reach the watchers first; keeping resumes after them. */
  async function keepAfterOwnChanges(keep: boolean): Promise<void> {
    const mine = session
    await Promise.resolve()
    setTimeout(() => mine === session && (active = keep))
  }

  /** The form opened on a new meeting: bring back a kept draft, then keep each change. */
  async function start(): Promise<void> {
    const mine = ++session
    active = false
    settled = false
    savedAt.value = ''
    restoredAt.value = ''
    const kept = await meetingDrafts.read()
    if (mine !== session) return
    if (kept) {
      Object.assign(form.model, kept.value.model)
      form.absence.value = kept.value.absence
      form.grades.value = kept.value.grades
      photos.restore(kept.value.photos)
      restoredAt.value = kept.savedAt
    }
    await keepAfterOwnChanges(true)
  }
  /** The form closes: a change still pending is kept, then nothing more until it opens. */
  async function stop(): Promise<void> {
    session++
    if (timer !== undefined) await flush()
    active = false
    settled = false
  }
  /** Before a save: keep the last state (if the save fails, nothing is lost), then stop. */
  async function settle(): Promise<void> {
    await flush()
    active = false
    settled = true
  }
  // The page answers the save: closed (saved; it drops the draft) or still open (it failed).
  watch(hooks.saving, (now, before) => {
    if (before && !now && settled) void Promise.resolve().then(() => settled && (active = true))
  })
  /**
   * The page saved the new meeting: keeping ends at once and the draft goes. Said by the page
   * (the form closes later, through the address), so a live read that changes the form right
   * after the save (the roster's attendance) cannot write the saved meeting back as a draft.
   */
  async function saved(): Promise<void> {
    session++
    clearTimeout(timer)
    timer = undefined
    active = false
    settled = false
    await meetingDrafts.discard()
    savedAt.value = ''
    restoredAt.value = ''
  }
  /** Start again from a blank form: the kept draft goes (the note asked first). */
  async function discard(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    await meetingDrafts.discard()
    savedAt.value = ''
    restoredAt.value = ''
    const was = active
    active = false
    hooks.blank()
    await keepAfterOwnChanges(was)
  }

  // A call, the lock button or another app: the page may be frozen or dropped next.
  function onHidden(): void {
    if (timer !== undefined) void flush()
  }
  const onVisibility = () => document.visibilityState === 'hidden' && onHidden()
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('pagehide', onHidden)
  onScopeDispose(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    window.removeEventListener('pagehide', onHidden)
    void stop()
  })

  return { savedAt, restoredAt, start, stop, settle, saved, discard }
}
