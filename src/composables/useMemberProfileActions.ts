import { ElMessage } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { todayIso } from '@/domain/dates'
import { stageAfter, type StageAdvance } from '@/domain/development'
import type { WorkFlagInput } from '@/domain/sixMonths'
import type { Member, Transfer } from '@/domain/types'
import type { MemberInput } from '@/domain/validation'
import { useConfirmDanger } from './useConfirmDanger'
import {
  memberWrites,
  type AdmissionInput,
  type ProbationDecisionRequest,
  type StatusChange,
  type TransferInput,
} from './useMembers'
import { useOpenedRevision } from './useOpenedRevision'
import { reopenForm } from './useStaleSave'
import { useWrite } from './useWrite'

export type ProfileDialog =
  '' | 'edit' | 'advance' | 'decide' | 'status' | 'transfer' | 'workFlag' | 'erase'

/**
 * The member profile's dialogs and the write each one saves: one dialog open at a time, its
 * problems cleared when it opens, closed with a message when the write went through. The
 * edit form and the work flag save against the member as the dialog opened it (the profile
 * itself is live), so a change made elsewhere meanwhile is refused, not overwritten.
 */
export function useMemberProfileActions(id: Ref<string>, member: () => Member | undefined) {
  const { t } = useI18n()
  const confirmDanger = useConfirmDanger()
  const write = useWrite()
  const dialog = ref<ProfileDialog>('')
  const isOpen = (name: ProfileDialog) =>
    computed({
      get: () => dialog.value === name,
      set: (open: boolean) => (dialog.value = open ? name : ''),
    })
  const open = {
    edit: isOpen('edit'),
    advance: isOpen('advance'),
    decide: isOpen('decide'),
    status: isOpen('status'),
    transfer: isOpen('transfer'),
    erase: isOpen('erase'),
    workFlag: isOpen('workFlag'),
  }
  function openDialog(name: ProfileDialog): void {
    write.problems.value = []
    dialog.value = name
  }

  async function run<T>(work: () => Promise<T>, done: (saved: T) => string): Promise<T | null> {
    const saved = await write.run(work)
    if (saved === null) return null
    dialog.value = ''
    ElMessage.success(done(saved))
    return saved
  }
  const openedRev = useOpenedRevision('members', open.edit, member)
  const workFlagRev = useOpenedRevision('members', open.workFlag, member)

  async function save(input: MemberInput): Promise<void> {
    const saved = await write.run(() => memberWrites.update(id.value, input, openedRev.value), {
      reload: () => reopenForm(open.edit, () => undefined),
    })
    if (saved === null) return
    dialog.value = ''
    ElMessage.success(t('members.saved'))
  }
  async function advance(change: StageAdvance): Promise<void> {
    const current = member()
    const next = current ? stageAfter(current.stage) : null
    const stage = next ? t(`members.stage.${next}`) : ''
    await run(
      () => memberWrites.advance(id.value, change),
      () => t('members.advance.done', { stage }),
    )
  }
  async function admit(input: AdmissionInput): Promise<void> {
    const stage = t('members.stage.probationary')
    await run(
      () => memberWrites.admit(id.value, input),
      () => t('members.advance.done', { stage }),
    )
  }
  async function decide(request: ProbationDecisionRequest): Promise<void> {
    await run(
      () => memberWrites.decide(id.value, request),
      (saved) => t(`members.decide.done.${request.decision}`, { date: saved.fullMemberOn }),
    )
  }
  async function setStatus(change: StatusChange): Promise<void> {
    await run(
      () => memberWrites.setStatus(id.value, change),
      () => t('members.statusDialog.saved'),
    )
  }
  async function setWorkFlag(flag: WorkFlagInput | null): Promise<void> {
    await run(
      () => memberWrites.setWorkNotDone(id.value, flag, workFlagRev.value),
      () => t(flag ? 'members.workFlag.saved' : 'members.workFlag.cleared'),
    )
  }
  async function transfer(input: TransferInput): Promise<void> {
    await run(
      () => memberWrites.recordTransfer(input),
      () => t('members.transfer.saved'),
    )
  }
  /** 彻底删除个人信息: true once erased (the profile has nothing left to show). */
  async function erase(typedName: string): Promise<boolean> {
    const name = member()?.name ?? typedName
    const erased = await run(
      () => memberWrites.erase(id.value, typedName),
      () => t('backup.erase.done', { name }),
    )
    return erased !== null
  }
  async function complete(record: Transfer): Promise<void> {
    await run(
      () => memberWrites.completeTransfer(record.id, todayIso()),
      () => t('members.transfer.completed'),
    )
  }
  async function cancel(record: Transfer): Promise<void> {
    const confirmed = await confirmDanger(t('members.transfer.confirmCancel'), {
      confirm: t('members.transfer.cancel'),
    })
    if (!confirmed) return
    await run(
      () => memberWrites.cancelTransfer(record.id),
      () => t('members.transfer.cancelled'),
    )
  }

  return {
    write,
    open,
    openDialog,
    save,
    advance,
    admit,
    decide,
    setStatus,
    setWorkFlag,
    transfer,
    erase,
    complete,
    cancel,
  }
}
