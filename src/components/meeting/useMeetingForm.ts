import { ElMessage } from 'element-plus'
import { computed, reactive, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  meetingWrites,
  useMeetingRoster,
  PhotoRefused,
  usePhotoUrls,
  type NewPhoto,
} from '@/composables/useMeetings'
import { useSettings } from '@/composables/useSettings'
import { todayIso } from '@/domain/dates'
import { checkAppraisalCap, checkQuorum } from '@/domain/meetings'
import type { AbsenceReason, AppraisalGrade, Meeting, Photo } from '@/domain/types'
import { fieldRules } from '@/components/base/fieldRules'
import { validateMeeting, type FieldProblem, type MeetingInput } from '@/domain/validation'
import type { PhotoThumb } from './MeetingFormPhotos.vue'

// Lives beside the meeting form (not in composables/) because only MeetingFormDialog uses it.

export type Absence = Record<string, { reason: AbsenceReason; note: string }>

function blank(orgId: string): MeetingInput {
  return {
    orgId,
    type: 'branchAssembly',
    heldOn: todayIso(),
    startTime: '',
    place: '',
    host: '',
    recorder: '',
    lecturer: '',
    partyGroupId: '',
    topic: '',
    attendeeIds: [],
    absentees: [],
    minutes: '',
    resolutions: '',
    status: 'final',
    photoIds: [],
  }
}

/**
 * The meeting form's state: the fields, attendance picked from the org's roster (everyone
 * present unless marked absent), 民主评议 grades, and the quorum and grade-cap checks.
 */
export function useMeetingForm(serverProblems: () => FieldProblem[]) {
  const { t, te } = useI18n()
  const settings = useSettings()
  const model = reactive<MeetingInput>(blank(''))
  const absence = ref<Absence>({})
  const grades = ref<Record<string, AppraisalGrade>>({})

  function reset(meeting: Meeting | null, defaultOrgId: string): void {
    const source = meeting ?? { ...blank(defaultOrgId), id: '', createdAt: '', updatedAt: '' }
    const { id: _i, createdAt: _c, updatedAt: _u, ...input } = source
    Object.assign(model, input)
    absence.value = Object.fromEntries(
      input.absentees.map((a) => [a.memberId, { reason: a.reason, note: a.note }]),
    )
    grades.value = {}
  }

  const roster = useMeetingRoster(() => model.orgId)
  const members = computed(() => roster.data.value?.members ?? [])
  const attendeeIds = computed(() =>
    members.value.filter((m) => !absence.value[m.id]).map((m) => m.id),
  )
  const absentees = computed(() =>
    members.value
      .filter((m) => absence.value[m.id])
      .map((m) => ({
        memberId: m.id,
        reason: absence.value[m.id]!.reason,
        note: absence.value[m.id]!.note,
      })),
  )
  const quorum = computed(() =>
    settings.data.value
      ? checkQuorum(
          { type: model.type, attendeeIds: attendeeIds.value },
          members.value,
          roster.data.value?.org?.committee ?? [],
          settings.data.value,
        )
      : null,
  )
  const gradeList = computed(() =>
    model.type === 'appraisal'
      ? attendeeIds.value.map((id) => ({
          memberId: id,
          grade: grades.value[id] ?? ('qualified' as const),
        }))
      : [],
  )
  const cap = computed(() =>
    settings.data.value && gradeList.value.length
      ? checkAppraisalCap(
          gradeList.value.map((g) => g.grade),
          settings.data.value,
        )
      : null,
  )

  function normalized(status: 'draft' | 'final'): MeetingInput {
    return {
      ...model,
      heldOn: model.heldOn ?? '',
      startTime: model.startTime ?? '',
      attendeeIds: attendeeIds.value,
      absentees: absentees.value,
      status,
    }
  }
  function message(problem: FieldProblem): string {
    const key = `meetings.field.${problem.field}`
    return t(`validation.${problem.code}`, {
      ...problem.params,
      field: te(key) ? t(key) : problem.field,
    })
  }
  const problems = computed(() => {
    const result = validateMeeting(normalized('final'))
    const out: Record<string, string> = {}
    if (!result.ok) for (const p of result.problems) out[p.field] ??= message(p)
    if (!model.topic.trim())
      out.topic ??= t('validation.required', { field: t('meetings.field.topic') })
    return out
  })
  const serverErrors = computed(() => {
    const out: Record<string, string> = {}
    for (const p of serverProblems()) out[p.field] ??= message(p)
    return out
  })
  const rules = fieldRules(problems, ['orgId', 'heldOn', 'topic', 'startTime'])
  return {
    model,
    absence,
    grades,
    reset,
    roster,
    members,
    quorum,
    gradeList,
    cap,
    normalized,
    serverErrors,
    rules,
  }
}

/** Photos on the record minus those removed, plus those just picked (resized first). */
export function useMeetingFormPhotos(photos: () => Photo[]) {
  const { t } = useI18n()
  const added = shallowRef<(NewPhoto & { key: string })[]>([])
  const removed: Ref<string[]> = ref([])
  const resizing = ref(false)
  const addedUrls = usePhotoUrls(() => added.value.map((p) => ({ id: p.key, blob: p.blob })))
  const existingUrls = usePhotoUrls(photos)

  const thumbs = computed<PhotoThumb[]>(() => [
    ...photos()
      .filter((p) => !removed.value.includes(p.id))
      .map((p) => ({ key: p.id, url: existingUrls.value[p.id] ?? '', name: p.name })),
    ...added.value.map((p) => ({ key: p.key, url: addedUrls.value[p.key] ?? '', name: p.name })),
  ])
  function reset(): void {
    added.value = []
    removed.value = []
  }
  async function add(files: File[]): Promise<void> {
    resizing.value = true
    try {
      for (const file of files) {
        try {
          const photo = await meetingWrites.resizePhoto(file)
          added.value = [...added.value, { ...photo, key: `new-${crypto.randomUUID()}` }]
        } catch (error) {
          const key =
            error instanceof PhotoRefused
              ? 'meetings.form.photoRefused'
              : 'meetings.form.resizeFailed'
          ElMessage.error(t(key, { name: file.name }))
        }
      }
    } finally {
      resizing.value = false
    }
  }
  function remove(key: string): void {
    if (key.startsWith('new-')) added.value = added.value.filter((p) => p.key !== key)
    else removed.value = [...removed.value, key]
  }
  /** Photos from a kept draft (already resized), as if just added. */
  function restore(kept: NewPhoto[]): void {
    added.value = kept.map((photo) => ({ ...photo, key: `new-${crypto.randomUUID()}` }))
  }
  /** What the save writes: the new photos without their keys, the ids to drop. */
  function extras(): { addPhotos: NewPhoto[]; removePhotoIds: string[] } {
    return {
      addPhotos: added.value.map(({ key: _k, ...photo }) => photo),
      removePhotoIds: removed.value,
    }
  }
  return { thumbs, resizing, reset, add, remove, restore, extras }
}
