import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick, reactive, ref } from 'vue'
import type { Absence } from '@/components/meeting/useMeetingForm'
import { useMeetingFormDraft } from '@/components/meeting/useMeetingFormDraft'
import { meetingDrafts } from '@/composables/useMeetingDraft'
import type { NewPhoto } from '@/composables/useMeetings'
import type { AppraisalGrade } from '@/domain/types'
import { meeting, useFreshDb } from '../db/helpers'

useFreshDb()

/** Past the draft's keeping delay (400 ms after the last change). */
const pastKeepingDelay = () => new Promise((resolve) => setTimeout(resolve, 600))
/** start() resumes keeping a task after its own changes. */
const afterStart = async () => {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 10))
}

/** The draft of a new meeting's form, as MeetingFormDialog wires it, outside a component. */
function formDraft() {
  const form = {
    model: reactive(meeting('o1', { topic: '' })),
    absence: ref<Absence>({}),
    grades: ref<Record<string, AppraisalGrade>>({}),
  }
  const saving = ref(false)
  const photos = { extras: () => ({ addPhotos: [] as NewPhoto[] }), restore: () => undefined }
  const scope = effectScope()
  const draft = scope.run(() =>
    useMeetingFormDraft(form, photos, { blank: () => undefined, saving: () => saving.value }),
  )
  if (!draft) throw new Error('not set up')
  scopes.push(scope)
  return { form, saving, draft }
}

let scopes: ReturnType<typeof effectScope>[] = []
afterEach(async () => {
  for (const scope of scopes) scope.stop()
  scopes = []
  await meetingDrafts.discard()
})

describe('useMeetingFormDraft', () => {
  it('keeps what is typed, and brings it back when the form opens again', async () => {
    const { form, draft } = formDraft()
    await draft.start()
    await afterStart()
    form.model.topic = '党员大会'
    await pastKeepingDelay()
    expect((await meetingDrafts.read())?.value.model.topic).toBe('党员大会')

    await draft.stop()
    form.model.topic = ''
    await draft.start()
    expect(form.model.topic).toBe('党员大会')
    expect(draft.restoredAt.value).not.toBe('')
  })

  it(
    'drops a saved meeting for good: a change after the save keeps no draft to reopen',
    { timeout: 10_000 },
    async () => {
      const { form, saving, draft } = formDraft()
      await draft.start()
      await afterStart()
      form.model.topic = '党员大会'
      await pastKeepingDelay()
      // The form's save: the draft settles, the page writes, says saved, then stops saving.
      await draft.settle()
      saving.value = true
      await nextTick()
      await draft.saved()
      saving.value = false
      await nextTick()
      // A live read changes the still-open form right after (the roster's attendance).
      form.absence.value = { m1: { reason: 'sick', note: '' } }
      await pastKeepingDelay()
      expect(await meetingDrafts.read()).toBeUndefined()
      expect(draft.savedAt.value).toBe('')

      // The form closes and opens on a new meeting: blank, nothing restored.
      await draft.stop()
      form.model.topic = ''
      await draft.start()
      await afterStart()
      expect(form.model.topic).toBe('')
      expect(draft.restoredAt.value).toBe('')
    },
  )

  it('keeps on after a save that failed: the form is still open with the typing', async () => {
    const { form, saving, draft } = formDraft()
    await draft.start()
    await afterStart()
    await draft.settle()
    saving.value = true
    await nextTick()
    saving.value = false
    await nextTick()
    await afterStart()
    form.model.topic = '改过的议题'
    await pastKeepingDelay()
    expect((await meetingDrafts.read())?.value.model.topic).toBe('改过的议题')
  })
})
