import { ElMessage } from 'element-plus'
import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  resizePhoto,
  useMeetingRoster,
  PhotoRefused,
  usePhotoUrls,
  type NewPhoto,
} from '@/composables/useMeetings'
import { headOf, useProblems } from '@/composables/useProblems'
import { useSettings } from '@/composables/useSettings'
import { todayIso } from '@/domain/dates'
import { checkAppraisalCap, gradedMemberIds } from '@/domain/appraisal'
import { checkQuorum } from '@/domain/meetings'
import type { AbsenceReason, AppraisalGrade, Meeting, Photo } from '@/domain/types'
import { fieldRules } from '@/components/base/fieldRules'
import { validateMeeting, type FieldProblem, type MeetingInput } from '@/domain/validation'
import type { PhotoThumb } from './MeetingFormPhotos.vue'

// Lives beside the meeting form (not in composables/) because only MeetingFormDialog uses it.

/**
 * Who was not present, by member id. `unrecorded`: a meeting opened again lists the member
 * neither as present nor as absent; they stay out of both lists unless someone decides.
 */
export type Absence = Record<string, { reason: AbsenceReason; note: string; unrecorded?: boolean }>

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
    votes: [],
    excellentReason: '',
  }
}

/**
 * The meeting form's state: the fields, attendance picked from the org's roll on the
 * meeting's date (everyone present unless marked absent), 民主评议 grades for the 正式党员
 * present, and the quorum and the 优秀 share checked against that roll.
 */
export function useMeetingForm(serverProblems: () => FieldProblem[]) {
  const { t } = useI18n()
  const settings = useSettings()
  const model = reactive<MeetingInput>(blank(''))
  const absence = ref<Absence>({})
  const grades = ref<Record<string, AppraisalGrade>>({})
  // A meeting opened again keeps its recorded attendance: who came stays present even if the
  // roll no longer lists them, and a member of the roll the record lists neither way shows as
  // not recorded, never silently present. Null for a new meeting.
  let recorded: ReadonlySet<string> | null = null
  const storedMeeting = shallowRef<Meeting | null>(null)
  const offRoll = ref<string[]>([])
  const seen = new Set<string>()

  function reset(meeting: Meeting | null, defaultOrgId: string): void {
    const source = meeting ?? { ...blank(defaultOrgId), id: '', createdAt: '', updatedAt: '' }
    const { id: _i, createdAt: _c, updatedAt: _u, ...input } = source
    Object.assign(model, { votes: [], excellentReason: '', ...input })
    absence.value = Object.fromEntries(
      input.absentees.map((a) => [a.memberId, { reason: a.reason, note: a.note }]),
    )
    recorded = meeting ? new Set(meeting.attendeeIds) : null
    storedMeeting.value = meeting
    seen.clear()
    grades.value = {}
    keepRecordedAttendance()
    fillRecordedGrades()
  }

  const roster = useMeetingRoster(
    () => model.orgId,
    () => model.heldOn ?? '',
    () => storedMeeting.value,
  )
  const members = computed(() => roster.data.value?.members ?? [])
  const roll = computed(() => roster.data.value?.roll ?? null)
  /** 预备党员 take part in 民主评议 but are not graded. */
  const gradable = computed(() => new Set(roll.value?.fullIds ?? []))
  // An appraisal opened again shows the grades on record for its year, so saving it (to mend
  // the minutes, say) does not turn them all back to 合格.
  function fillRecordedGrades(): void {
    if (model.type !== 'appraisal') return
    const year = Number((model.heldOn ?? '').slice(0, 4))
    const recorded: Record<string, AppraisalGrade> = {}
    for (const member of members.value) {
      const grade = member.appraisals.find((entry) => entry.year === year)?.grade
      if (grade && !grades.value[member.id]) recorded[member.id] = grade
    }
    if (Object.keys(recorded).length > 0) grades.value = { ...recorded, ...grades.value }
  }
  function keepRecordedAttendance(): void {
    const onRoll = new Set(members.value.map((m) => m.id))
    offRoll.value = recorded ? [...recorded].filter((id) => !onRoll.has(id)) : []
    if (!recorded || members.value.length === 0) return
    const next = { ...absence.value }
    for (const member of members.value) {
      if (seen.has(member.id)) continue
      seen.add(member.id)
      if (!recorded.has(member.id) && !next[member.id])
        next[member.id] = { reason: 'other', note: '', unrecorded: true }
    }
    absence.value = next
  }
  watch(members, () => {
    keepRecordedAttendance()
    fillRecordedGrades()
  })
  const attendeeIds = computed(() => [
    ...members.value.filter((m) => !absence.value[m.id]).map((m) => m.id),
    ...offRoll.value,
  ])
  const absentees = computed(() =>
    members.value
      .filter((m) => absence.value[m.id] && !absence.value[m.id]!.unrecorded)
      .map((m) => ({
        memberId: m.id,
        reason: absence.value[m.id]!.reason,
        note: absence.value[m.id]!.note,
      })),
  )
  const quorum = computed(() =>
    settings.data.value && roll.value
      ? checkQuorum(
          { type: model.type, attendeeIds: attendeeIds.value },
          roll.value,
          settings.data.value,
        )
      : null,
  )
  const gradeList = computed(() =>
    model.type === 'appraisal' && roll.value
      ? gradedMemberIds(roll.value, attendeeIds.value).map((id) => ({
          memberId: id,
          grade: grades.value[id] ?? ('qualified' as const),
        }))
      : [],
  )
  const cap = computed(() =>
    settings.data.value && roll.value && gradeList.value.length
      ? checkAppraisalCap(
          gradeList.value.map((g) => g.grade),
          roll.value.fullIds.length,
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
      excellentReason: cap.value && !cap.value.ok ? (model.excellentReason ?? '').trim() : '',
      status,
    }
  }
  /** 'attendeeIds.3' and 'grades.0.memberId' are about the attendance list: one place. */
  function fieldOf(field: string): string {
    const head = headOf(field)
    return ['attendeeIds', 'absentees', 'grades'].includes(head) ? 'attendeeIds' : head
  }
  const meetingLabel = (field: string) => `meetings.field.${headOf(field)}`
  const typed = useProblems(meetingLabel)
  const saved = useProblems(meetingLabel, { itemOf: fieldOf })
  const problems = computed(() => {
    const result = validateMeeting(normalized('final'))
    const out = typed.byField(result.ok ? [] : result.problems)
    if (!model.topic.trim())
      out.topic ??= t('validation.required', { field: t('meetings.field.topic') })
    return out
  })
  const serverErrors = computed(() => saved.byField(serverProblems()))
  const rules = fieldRules(problems, ['orgId', 'heldOn', 'topic', 'startTime'])
  return {
    model,
    absence,
    grades,
    reset,
    roster,
    members,
    gradable,
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
          const photo = await resizePhoto(file)
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
