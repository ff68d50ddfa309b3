import { computed, reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { lastOf, useProblems } from './useProblems'
import {
  confirmStudyRecords,
  countStudy,
  createStudyRecord,
  creditMeetingStudy,
  getMember,
  getOrg,
  listStudyMeetingsOfOrg,
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
import { isOnRoll } from '@/domain/memberStatus'
import {
  committeeMemberIds,
  progressByShortfall,
  studyProgress,
  studyYearOf,
  type StudyProgress,
} from '@/domain/study'
import type { Id, Member, StudyRecord } from '@/domain/types'
import { exportStudyFile } from '@/services/spreadsheet/studyFlow'
import type { StudyRecordInput } from '@/domain/validation'
import { useKeysetPages } from './useKeysetPages'

export type { StudyFilter, StudySession } from '@/db'
import { useLiveQuery } from './useLiveQuery'
import { useWriteActions } from './useWrite'

/** The calendar year the pages show by default: the device's today. */
export function currentStudyYear(): number {
  return studyYearOf(todayIso())
}

/** One member's hours this year against the target, live. */
export function useMemberStudySummary(memberId: () => Id, year: () => number = currentStudyYear) {
  return useLiveQuery(async () => {
    const id = memberId()
    if (!id) return null
    const [hours, settings, member] = await Promise.all([
      studyHoursOfMember(id, year()),
      readSettings(),
      getMember(id),
    ])
    const org = member ? await getOrg(member.orgId) : undefined
    const onCommittee = !!org?.committee.some((seat) => seat.memberId === id)
    return studyProgress(hours, settings, onCommittee)
  }, [memberId, year])
}

/** One member's records of a year, newest first, live. */
export function useMemberStudyRecords(memberId: () => Id, year: () => number = currentStudyYear) {
  return useLiveQuery(async () => {
    const id = memberId()
    return id ? listStudyOfMember(id, year()) : []
  }, [memberId, year])
}

/** The member of the "我的" pages with their org, live. */
export function useMe(memberId: () => Id) {
  return useLiveQuery(async () => {
    const id = memberId()
    if (!id) return null
    const member = await getMember(id)
    const org = member ? await getOrg(member.orgId) : undefined
    return member ? { member, org: org ?? null } : null
  }, [memberId])
}

/** 党课 and 主题党日 of an org in a year, newest first, for crediting. */
export function useStudyMeetings(orgId: Ref<Id>, year: Ref<number>) {
  return useLiveQuery(
    async () => (orgId.value ? listStudyMeetingsOfOrg(orgId.value, year.value) : []),
    [orgId, year],
  )
}

/** Validation codes as messages naming the field: '请填写学习内容'. */
export function useStudyProblems() {
  return useProblems((field) => `study.fields.${lastOf(field)}`)
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
    return members.filter(isOnRoll)
  }, [orgId])
}

export type StudyProgressRow = StudyProgress & { name: string }

/** Progress per member of an org this year, largest shortfall first. */
export function useStudyProgress(orgId: Ref<Id>, year: Ref<number>) {
  const roster = useStudyRoster(orgId)
  const totals = useLiveQuery(async () => {
    if (!orgId.value) return null
    const [hours, settings, org] = await Promise.all([
      studyHoursOfOrgs([orgId.value], year.value),
      readSettings(),
      getOrg(orgId.value),
    ])
    return { hours, settings, onCommittee: committeeMemberIds(org ? [org] : []) }
  }, [orgId, year])
  const rows = computed<StudyProgressRow[]>(() => {
    const members = roster.data.value ?? []
    const data = totals.data.value
    if (!data) return []
    const names = new Map(members.map((m) => [m.id, m.name]))
    return progressByShortfall(
      members.map((m) => m.id),
      data.hours,
      data.settings,
      data.onCommittee,
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
  update: (id: Id, input: StudyRecordInput, expectedRev?: string) =>
    updateStudyRecord(id, input, undefined, expectedRev),
  remove: (id: Id) => removeStudyRecord(id),
  recordSession: (session: StudySession, memberIds: Id[]) => recordStudySession(session, memberIds),
  creditMeeting: (meetingId: Id, hours: number) => creditMeetingStudy(meetingId, hours),
  confirm: (ids: Id[]) => confirmStudyRecords(ids),
}

/** The study records' writes for components, each run by useWrite. */
export function useStudyActions() {
  return useWriteActions(studyWrites)
}

/** Excel export of an org's records, with the sheet's labels translated (import: ImportDialog). */
export function useStudySheets() {
  const { t } = useI18n()
  const HEADER_KEYS = [
    'name',
    'idNumber',
    'studiedOn',
    'hours',
    'topic',
    'kind',
    'place',
    'confirmed',
    'note',
  ]
  function exportYear(orgId: Id, year: number, members: readonly Member[]): Promise<string> {
    return exportStudyFile(orgId, year, new Map(members.map((m) => [m.id, m])), {
      headers: HEADER_KEYS.map((key) => t(`study.fields.${key}`)),
      kind: (kind) => t(`study.kind.${kind}`),
      confirmed: (confirmed) => t(`study.confirmed.${confirmed}`),
      sheetName: t('study.title'),
      fileName: year > 0 ? `${t('study.title')}-${year}` : t('study.title'),
    })
  }
  return { exportYear }
}
