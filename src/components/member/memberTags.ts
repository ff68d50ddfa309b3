import type { MemberStage, MemberStatus } from '@/domain/types'

type TagType = 'success' | 'primary' | 'warning' | 'danger' | 'info'

/** The tag colour of each stage and status, in the roster's table and its phone cards. */
export const STAGE_TAG: Record<MemberStage, TagType> = {
  full: 'success',
  probationary: 'primary',
  candidate: 'warning',
  activist: 'info',
  applicant: 'info',
}
const STATUS_TAG: Partial<Record<MemberStatus, TagType>> = {
  normal: 'success',
  mobile: 'warning',
  lostContact: 'danger',
  abroad: 'warning',
  disciplinaryProbation: 'danger',
  suspended: 'danger',
  transferredOut: 'info',
}
/** A status without a colour of its own shows grey. */
export const statusTag = (status: MemberStatus): TagType => STATUS_TAG[status] ?? 'info'
