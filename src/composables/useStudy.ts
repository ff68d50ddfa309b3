import { computed, reactive, ref, type Ref } from 'vue'
import {
  confirmStudyRecords,
  countStudy,
  createStudyRecord,
  creditMeetingStudy,
  listMeetingsOfMember,
  listMembersOfOrgs,
  listPendingStudy,
  listStudyOfMember,
  listStudyPage,
  readSettings,
  recordStudySession,
  removeStudyRecord,
  studyHoursOfMember,
  studyHoursOfOrgs,
  updateStudyRecord,
  type StudyCursor,
  type StudyFilter,
  type StudySession,
} from '@/db'
import { todayIso } from '@/domain/dates'
import { progressByShortfall, studyProgress, studyYearOf } from '@/domain/study'
import type { Id, StudyRecord } from '@/domain/types'
import type { StudyRecordInput } from '@/domain/validation'
import { useKeysetPages } from './useKeysetPages'
import { useLiveQuery } from './useLiveQuery'

/** The calendar year the pages show by default: the device's today. */
export function currentStudyYear(): number {
  return studyYearOf(todayIso())
}

/** One member's hours this year against the target, live. */
export function useMemberStudySummary(memberId: () => Id, year: () => number = currentStudyYear) {
  return useLiveQuery(async () => {
    const id = memberId()
    if (!id) return null
    const [hours, settings] = await Promise.all([studyHoursOfMember(id, year()), readSettings()])
    return studyProgress(hours, settings)
  }, [memberId, year])
}

/** One member's records of a year, newest first, live. */
export function useMemberStudyRecords(memberId: () => Id, year: () => number = currentStudyYear) {
  return useLiveQuery(async () => {
    const id = memberId()
    return id ? listStudyOfMember(id, year()) : []
  }, [memberId, year])
}

/** A member's meetings: attended, and missed with the reason. */
export function useMemberMeetings(memberId: () => Id) {
  return useLiveQuery(async () => {
    const id = memberId()
    return id ? listMeetingsOfMember(id) : []
  }, [memberId])
}

export function emptyStudyFilter(orgId: Id = ''): StudyFilter {
  return { orgId, memberId: '', kind: '', confirmed: '', year: currentStudyYear() }
}

/** The records table of one org: keyset pages through '[orgId+studiedOn+id]'. */
export function useStudyList(orgId: Ref<Id>) {
  const filter = reactive<StudyFilter>(emptyStudyFilter(orgId.value))
  const pageSize = ref(20)
  const pages = useKeysetPages(
    (after: StudyCursor, limit) =>
      filter.orgId
        ? listStudyPage({ ...filter, orgId: orgId.value }, after, limit)
        : Promise.resolve({ rows: [] as StudyRecord[], next: null }),
    () => (orgId.value ? countStudy({ ...filter, orgId: orgId.value }) : Promise.resolve(0)),
    [() => JSON.stringify(filter), orgId],
    pageSize,
  )
  return { filter, pageSize, ...pages }
}

/** The roster of an org (full and probationary members), for pickers and progress. */
export function useStudyRoster(orgId: Ref<Id>) {
  return useLiveQuery(async () => {
    if (!orgId.value) return []
    const members = await listMembersOfOrgs([orgId.value])
    return members.filter(
      (m) => (m.stage === 'full' || m.stage === 'probationary') && m.status !== 'transferredOut',
    )
  }, [orgId])
}

/** Progress per member of an org this year, largest shortfall first. */
export function useStudyProgress(orgId: Ref<Id>, year: Ref<number>) {
  const roster = useStudyRoster(orgId)
  const totals = useLiveQuery(async () => {
    if (!orgId.value) return null
    const [hours, settings] = await Promise.all([
      studyHoursOfOrgs([orgId.value], year.value),
      readSettings(),
    ])
    return { hours, settings }
  }, [orgId, year])
  const rows = computed(() => {
    const members = roster.data.value ?? []
    const data = totals.data.value
    if (!data) return []
    const names = new Map(members.map((m) => [m.id, m.name]))
    return progressByShortfall(
      members.map((m) => m.id),
      data.hours,
      data.settings,
    ).map((progress) => ({ ...progress, name: names.get(progress.memberId) ?? '' }))
  })
  const loading = computed(() => roster.loading.value || totals.loading.value)
  return { rows, loading }
}

/** Self-entries of an org waiting for the secretary, live. */
export function usePendingStudy(orgId: Ref<Id>) {
  return useLiveQuery(async () => (orgId.value ? listPendingStudy([orgId.value]) : []), [orgId])
}

export const studyWrites = {
  create: (input: StudyRecordInput) => createStudyRecord(input),
  update: (id: Id, input: StudyRecordInput) => updateStudyRecord(id, input),
  remove: (id: Id) => removeStudyRecord(id),
  recordSession: (session: StudySession, memberIds: Id[]) => recordStudySession(session, memberIds),
  creditMeeting: (meetingId: Id, hours: number) => creditMeetingStudy(meetingId, hours),
  confirm: (ids: Id[]) => confirmStudyRecords(ids),
}
