import type { FirmOrgStatus, Industry, SizeClass } from './types'

/** What the firm register can be filtered by; the db layer picks the index for it. */
export interface FirmFilter {
  /** Area subtree: the area's path ('' = everywhere). */
  areaPath: string
  industry: Industry | ''
  sizeClass: SizeClass | ''
  orgStatus: FirmOrgStatus | ''
  /** Name contains it, or the credit code starts with it. */
  text: string
  /** Name order, A→Z unless true. */
  descending?: boolean
}
