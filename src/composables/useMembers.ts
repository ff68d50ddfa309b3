import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { lastOf, useProblems, type LabelKeys } from './useProblems'
import {
  admitMember,
  advanceMemberStage,
  decideMemberProbation,
  countMembersMatching,
  createMember,
  eraseMember,
  getMember,
  getMembers,
  getOrg,
  getOrgs,
  listAuditFor,
  listMeetingsOfOrg,
  listMembersPage,
  listPipeline,
  listScopedOrgs,
  listSubtreeOrgIds,
  listTransfersOfMember,
  moveMember,
  readRollOn,
  readSettings,
  recordSixMonthStep,
  recordTransfer,
  removeMember,
  setMemberStatus,
  setWorkNotDone,
  settleTransfer,
  updateMember,
  type AdmissionInput,
  type MemberCursor,
  type ProbationDecisionRequest,
  type StatusChange,
  type TransferInput,
} from '@/db'
import { todayIso } from '@/domain/dates'
import { developmentWarnings, nextStep, type StageAdvance } from '@/domain/development'
import type { SixMonthStepInput, WorkFlagInput } from '@/domain/sixMonths'
import { isLetterExpired } from '@/domain/transfers'
import { emptyMemberFilter, partyYears, type MemberFilter } from '@/domain/memberRules'
import type { MemberInput } from '@/domain/validation'
import { useKeysetPages } from './useKeysetPages'
import { useLiveQuery } from './useLiveQuery'
import { useWriteActions } from './useWrite'

/** The roster's filter plus the org picked in it ('' = the whole scope). */
export interface RosterFilter extends MemberFilter {
  orgId: string
}

export function emptyRosterFilter(): RosterFilter {
  return { ...emptyMemberFilter(), orgId: '' }
}

/** The /members table: the role's scope (null = everything), a filter, keyset pages. */
export function useMemberList(scope: Ref<string[] | null>) {
  const filter = reactive<RosterFilter>(emptyRosterFilter())
  const pageSize = ref(20)
  /** An org picked in the filter narrows to its subtree. */
  /** The org ids the page in force was read for (export writes the same rows). */
  const resolvedScope = shallowRef<string[] | null>(null)
  async function scopeIds(): Promise<string[] | null> {
    const ids = filter.orgId ? await listSubtreeOrgIds(filter.orgId) : scope.value
    resolvedScope.value = ids
    return ids
  }
  const memberFilter = (): MemberFilter => {
    const { orgId: _o, ...rest } = filter
    return rest
  }
  const pages = useKeysetPages(
    async (after: MemberCursor, limit) =>
      listMembersPage(await scopeIds(), memberFilter(), after, limit),
    async () => countMembersMatching(await scopeIds(), memberFilter()),
    [() => JSON.stringify(filter), () => JSON.stringify(scope.value)],
    pageSize,
  )
  /** Names of the orgs on the page shown (a page holds a handful). */
  const orgNames = shallowRef(new Map<string, string>())
  watch(pages.rows, async (rows) => {
    const orgs = await getOrgs([...new Set(rows.map((member) => member.orgId))])
    orgNames.value = new Map(orgs.map((org) => [org.id, org.name]))
  })
  return { filter, pageSize, orgNames, resolvedScope, ...pages }
}

export const memberWrites = {
  create: (input: MemberInput) => createMember(input),
  update: (id: string, input: MemberInput, expectedRev?: string) =>
    updateMember(id, input, expectedRev),
  remove: (id: string) => removeMember(id),
  /** 彻底删除个人信息: `typedName` is the name typed to confirm (db/repositories/erase.ts). */
  erase: (id: string, typedName: string) => eraseMember(id, typedName),
  move: (id: string, orgId: string) => moveMember(id, orgId),
  advance: (id: string, change: StageAdvance) => advanceMemberStage(id, change),
  admit: (id: string, input: AdmissionInput) => admitMember(id, input),
  decide: (id: string, request: ProbationDecisionRequest) => decideMemberProbation(id, request),
  setStatus: (id: string, change: StatusChange) => setMemberStatus(id, change),
  recordTransfer: (input: TransferInput) => recordTransfer(input),
  completeTransfer: (id: string, completedOn: string) =>
    settleTransfer(id, { status: 'completed', completedOn }),
  cancelTransfer: (id: string) => settleTransfer(id, { status: 'cancelled' }),
  setWorkNotDone: (id: string, flag: WorkFlagInput | null, expectedRev?: string) =>
    setWorkNotDone(id, flag, expectedRev),
  recordSixMonthStep: (id: string, step: SixMonthStepInput) => recordSixMonthStep(id, step),
}

/** The members' writes for components, each run by useWrite. */
export function useMemberActions() {
  return useWriteActions(memberWrites)
}

/**
 * One member's profile, live: the record, org, introducers, transfers, audit trail, and
 * the development rules applied (next step, warnings, 党龄).
 */
export function useMemberProfile(id: () => string) {
  const query = useLiveQuery(async () => {
    const memberId = id()
    if (!memberId) return null
    const member = await getMember(memberId)
    if (!member) return null
    const [org, introducers, transfers, trail, settings] = await Promise.all([
      getOrg(member.orgId),
      getMembers(member.development.introducerIds),
      listTransfersOfMember(memberId),
      listAuditFor(memberId),
      readSettings(),
    ])
    const today = todayIso()
    const transferOrgs = await getOrgs([
      ...new Set(transfers.flatMap((x) => [x.fromOrgId, x.toOrgId]).filter(Boolean)),
    ])
    return {
      member,
      orgName: org?.name ?? '',
      transferOrgNames: new Map(transferOrgs.map((o) => [o.id, o.name])),
      expiredTransferIds: new Set(
        transfers.filter((x) => isLetterExpired(x, settings, today)).map((x) => x.id),
      ),
      introducers,
      transfers,
      trail,
      partyYears: partyYears(member.fullMemberOn, today),
      nextStep: nextStep(member, settings),
      warnings: developmentWarnings(member, settings, today),
    }
  }, [id])
  return query
}

/** The pipeline board: people in development by stage, grouped by org, for a scope. */
export function usePipeline(scope: Ref<string[] | null>) {
  const query = useLiveQuery(async () => {
    const [byStage, orgs] = await Promise.all([
      listPipeline(scope.value),
      listScopedOrgs(scope.value),
    ])
    return { byStage, orgNames: new Map(orgs.map((org) => [org.id, org.name])) }
  }, [scope])
  return { ...query, ready: computed(() => query.data.value !== undefined) }
}

export type {
  AdmissionInput,
  MemberCursor,
  ProbationDecisionRequest,
  StatusChange,
  TransferInput,
  VoteCounts,
} from '@/db'

/** A final 支部党员大会 a vote can be recorded on, with the voters of its day. */
export interface AssemblyOption {
  id: string
  heldOn: string
  topic: string
  /** 应到会有表决权 on the day. */
  eligible: number
  /** Of them, present. */
  present: number
}

/**
 * The final 支部党员大会 of an org from a date on, newest first, each with the roll of its
 * day (stored on the record, or taken from the histories for an older one), live.
 */
export function useBranchAssemblies(orgId: () => string, from: () => string) {
  return useLiveQuery(async () => {
    const id = orgId()
    if (!id) return [] as AssemblyOption[]
    const meetings = (await listMeetingsOfOrg(id, from() || '0000-01-01', '9999-12-31')).filter(
      (m) => m.type === 'branchAssembly' && m.status === 'final',
    )
    const options = await Promise.all(
      meetings.map(async (m): Promise<AssemblyOption> => {
        const roll = m.roll ?? (await readRollOn(m.orgId, m.heldOn)).roll
        const attending = new Set(m.attendeeIds)
        return {
          id: m.id,
          heldOn: m.heldOn,
          topic: m.topic,
          eligible: roll.voterIds.length,
          present: roll.voterIds.filter((voter) => attending.has(voter)).length,
        }
      }),
    )
    return options.sort((a, b) => b.heldOn.localeCompare(a.heldOn))
  }, [orgId, from])
}
export type { MemberFilter } from '@/domain/memberRules'

/** A member field's label: the shared `fields.member` first, then `members.fields`. */
export const memberLabel: LabelKeys = (field) => [
  `fields.member.${lastOf(field)}`,
  `members.fields.${lastOf(field)}`,
]

/**
 * Field problems of member forms as sentences naming the field (list indexes dropped); a list
 * entry's problem shows under its list ('development.introducerIds.1' → '….introducerIds').
 */
export function useMemberProblems() {
  return useProblems(memberLabel, { itemOf: (field) => field.replace(/\.\d+$/, '') })
}
