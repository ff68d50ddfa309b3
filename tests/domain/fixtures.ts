import { emptyDevelopment } from '@/domain/members'
import type { Area, Firm, Member, Org } from '@/domain/types'

/** Whole records built by hand for the pure coverage and dashboard tests. */
export const STAMP = {
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
}

export function firm(id: string, partial: Partial<Firm> = {}): Firm {
  return {
    ...STAMP,
    id,
    name: `企业${id}`,
    creditCode: '',
    areaId: 'c1',
    areaPath: '/r/c1/',
    orgStatus: 'none',
    nameTokens: [],
    industry: 'software',
    sizeClass: 'below',
    employees: 10,
    registeredOn: '2015-01-01',
    closedOn: '',
    instructor: '',
    liaison: '',
    address: '',
    note: '',
    ...partial,
  }
}

export function org(
  id: string,
  type: Org['type'],
  hostFirmIds: string[],
  partial: Partial<Org> = {},
): Org {
  return {
    ...STAMP,
    id,
    name: `党组织${id}`,
    type,
    parentId: '',
    areaId: 'c1',
    areaPath: '/r/c1/',
    hostFirmIds,
    foundedOn: '2018-01-01',
    dissolvedOn: '',
    committee: [],
    termStartOn: '',
    termYears: 0,
    note: '',
    ...partial,
  }
}

export function member(id: string, orgId: string, partial: Partial<Member> = {}): Member {
  return {
    ...STAMP,
    id,
    orgId,
    firmId: '',
    partyGroupId: '',
    name: `党员${id}`,
    gender: 'male',
    ethnicity: 'han',
    birthDate: '',
    idNumber: '',
    phone: '',
    education: 'bachelor',
    jobTitle: '',
    stage: 'full',
    development: emptyDevelopment(),
    fullMemberOn: '',
    status: 'normal',
    statusSince: '',
    statusNote: '',
    appraisals: [],
    lastAttendedOn: '',
    ...partial,
  }
}

export function area(id: string, parentId: string, path: string, sortOrder: number): Area {
  return {
    ...STAMP,
    id,
    name: id,
    parentId,
    level: 'city',
    path,
    code: '',
    retired: 'no',
    sortOrder,
  }
}
