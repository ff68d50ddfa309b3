import { ElMessage } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { headOf, useProblems } from './useProblems'
import {
  addConstituent,
  addIssueProgress,
  changeIssueStatus,
  ConflictError,
  createJointMeeting,
  deleteConstituent,
  getOrg,
  listConstituents,
  listIssues,
  listJointCommitteeIdsFor,
  listJointCommittees,
  listJointMeetings,
  raiseIssue,
  readJointRecords,
  removeConstituent,
  removeIssue,
  removeJointMeeting,
  updateConstituent,
  updateIssue,
  updateJointMeeting,
} from '@/db'
import { todayIso } from '@/domain/dates'
import type { IssueStatus } from '@/domain/types'
import { jointFigures, jointFiguresByCommittee, type StatusChange } from '@/domain/joint'
import type { ConstituentInput, IssueInput, JointMeetingInput } from '@/domain/validation'
import { exportIssues, exportMinutes } from '@/services/spreadsheet/joint'
import { useLiveQuery } from './useLiveQuery'
import { useWrite, useWriteActions, type WriteOptions } from './useWrite'

/**
 * The joint committee pages: the committees a scope sees with their figures, one committee
 * with everything under it, the writes, and Excel export. Figures come from domain/joint.
 */

/** The committees of the scope (null = all), each with its figures, and the figures of all. */
export function useJointCommittees(orgIds: Ref<string[] | null>) {
  return useLiveQuery(async () => {
    const today = todayIso()
    const ids = await listJointCommitteeIdsFor(orgIds.value)
    const wanted = new Set(ids)
    const committees = (await listJointCommittees()).filter((c) => wanted.has(c.id))
    const records = await readJointRecords(ids)
    const byCommittee = jointFiguresByCommittee({ ...records, today })
    const empty = jointFigures({ constituents: [], meetings: [], issues: [], today })
    return {
      rows: committees.map((committee) => ({
        committee,
        figures: byCommittee.get(committee.id) ?? empty,
      })),
      overall: jointFigures({ ...records, today }),
    }
  }, [orgIds])
}

/** One committee with its constituents, meetings, problems and figures, live. */
export function useJointCommittee(id: Ref<string>) {
  return useLiveQuery(async () => {
    if (!id.value) return null
    const committee = await getOrg(id.value)
    if (!committee || committee.type !== 'jointCommittee') return null
    const [constituents, meetings, issues] = await Promise.all([
      listConstituents(id.value),
      listJointMeetings(id.value),
      listIssues(id.value),
    ])
    const today = todayIso()
    return {
      committee,
      constituents,
      meetings,
      issues,
      today,
      figures: jointFigures({ constituents, meetings, issues, today }),
    }
  }, [id])
}

export type JointCommitteeData = NonNullable<ReturnType<typeof useJointCommittee>['data']['value']>

export const jointWrites = {
  addConstituent: (input: ConstituentInput) => addConstituent(input),
  updateConstituent: (id: string, input: ConstituentInput, expectedRev?: string) =>
    updateConstituent(id, input, expectedRev),
  leave: (id: string, leftOn: string) => removeConstituent(id, leftOn),
  deleteConstituent: (id: string) => deleteConstituent(id),
  createMeeting: (input: JointMeetingInput, followed: string[]) =>
    createJointMeeting(input, followed),
  updateMeeting: (id: string, input: JointMeetingInput, followed: string[], expectedRev?: string) =>
    updateJointMeeting(id, input, followed, expectedRev),
  removeMeeting: (id: string) => removeJointMeeting(id),
  raiseIssue: (input: IssueInput) => raiseIssue(input),
  updateIssue: (id: string, input: IssueInput, expectedRev?: string) =>
    updateIssue(id, input, expectedRev),
  removeIssue: (id: string) => removeIssue(id),
  changeStatus: (id: string, change: StatusChange) => changeIssueStatus(id, change, todayIso()),
  addProgress: (id: string, note: { on: string; note: string }) =>
    addIssueProgress(id, note, todayIso()),
}

/** useWrite, plus the joint conflicts (a constituent still named …) as their own messages. */
export function useJointWrite() {
  const { t } = useI18n()
  const write = useWrite()
  async function run<T>(work: () => Promise<T>, options?: WriteOptions): Promise<T | null> {
    return write.run(async () => {
      try {
        return await work()
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error
        ElMessage.error(t(`joint.conflict.${error.code}`))
        return null
      }
    }, options)
  }
  return { ...write, run }
}

/** The joint committee's writes for its tabs, each run by useJointWrite. */
export function useJointActions() {
  return useWriteActions(jointWrites, useJointWrite())
}

/** What the status dialog does: move to a status, or only add a progress note. */
export type StatusAction = IssueStatus | 'progress'

export type JointEntity = 'constituent' | 'meeting' | 'issue' | 'status'

/**
 * Validation codes as messages naming the field, with labels from `joint.fields.<entity>`; a
 * list's entries ('responsibleConstituentIds.1') are labelled by, and shown under, their list.
 */
export function useJointProblems(entity: JointEntity) {
  return useProblems((field) => `joint.fields.${entity}.${headOf(field)}`, { itemOf: headOf })
}

/** Excel downloads of a problem list or a meeting's minutes. */
export function useJointExport() {
  const { t } = useI18n()
  const busy = ref(false)
  async function run(work: () => Promise<{ fileName: string }>): Promise<void> {
    busy.value = true
    try {
      const result = await work()
      ElMessage.success(t('joint.exported', { file: result.fileName }))
    } catch (error) {
      console.error(error)
      ElMessage.error(t('joint.exportFailed'))
    } finally {
      busy.value = false
    }
  }
  return {
    busy: computed(() => busy.value),
    exportIssues: (committeeId: string) => run(() => exportIssues(committeeId, todayIso())),
    exportMinutes: (meetingId: string) => run(() => exportMinutes(meetingId)),
  }
}
