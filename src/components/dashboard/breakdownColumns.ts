import type { FirmFigures } from '@/domain/dashboard'

/** Figures a breakdown row carries: the firm tallies, and members where an area counts them. */
export type BreakdownFigures = FirmFigures & { members?: number }

export interface BreakdownColumn {
  /** Message key of the heading (dashboardX.col.*). */
  label: string
  width: number
  value: (figures: BreakdownFigures) => number
  percent?: boolean
}

/** The figure columns the breakdown tables can show, in the words of the coverage report. */
export const BREAKDOWN_COLUMNS = {
  firms: { label: 'firms', width: 90, value: (f) => f.operatingFirms },
  withOrg: { label: 'withOrg', width: 100, value: (f) => f.firmsWithOrg },
  own: { label: 'own', width: 90, value: (f) => f.firmsWithOwnOrg },
  joint: { label: 'joint', width: 90, value: (f) => f.firmsInJointBranch },
  instructorOnly: { label: 'instructorOnly', width: 100, value: (f) => f.firmsInstructorOnly },
  none: { label: 'none', width: 80, value: (f) => f.firmsUncovered },
  orgRate: { label: 'orgRate', width: 100, value: (f) => f.orgCoverageRate, percent: true },
  ownRate: { label: 'ownRate', width: 100, value: (f) => f.ownOrgRate, percent: true },
  members: { label: 'members', width: 80, value: (f) => f.members ?? 0 },
} satisfies Record<string, BreakdownColumn>

export type BreakdownColumnKey = keyof typeof BREAKDOWN_COLUMNS
