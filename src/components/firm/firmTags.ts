import type { FirmOrgStatus } from '@/domain/types'

/** The tag colour of each org status, in the register's table and its phone cards. */
export const FIRM_STATUS_TAG: Record<FirmOrgStatus, 'success' | 'primary' | 'warning' | 'info'> = {
  ownOrg: 'success',
  jointBranch: 'primary',
  instructorOnly: 'warning',
  none: 'info',
}
