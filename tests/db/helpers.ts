import { afterEach, beforeEach } from 'vitest'
import { setActor, setClock, setDb, ZhibuDb } from '@/db'
import type { AreaInput, FirmInput, MeetingInput, MemberInput, OrgInput } from '@/domain/validation'
import { emptyDevelopment } from '@/domain/members'

/** A fresh database per test, and a pinned clock so timestamps are predictable. */
export function useFreshDb(): { db: () => ZhibuDb } {
  let current: ZhibuDb
  beforeEach(async () => {
    current = new ZhibuDb(`test-${crypto.randomUUID()}`)
    await current.open()
    setDb(current)
    setActor('测试员')
    setClock(() => new Date('2026-11-23T08:00:00.000Z'))
  })
  afterEach(async () => {
    current.close()
    await current.delete()
  })
  return { db: () => current }
}

export const area = (partial: Partial<AreaInput> = {}): AreaInput => ({
  name: '包头市',
  parentId: '',
  level: 'city',
  code: '150200',
  retired: 'no',
  sortOrder: 1,
  ...partial,
})

export const firm = (areaId: string, partial: Partial<FirmInput> = {}): FirmInput => ({
  name: '内蒙古草原网络科技有限公司',
  creditCode: '91350100M000100Y43',
  areaId,
  industry: 'ecommerce',
  sizeClass: 'below',
  employees: 40,
  registeredOn: '2016-05-01',
  closedOn: '',
  instructor: '',
  liaison: '',
  address: '',
  note: '',
  ...partial,
})

export const org = (areaId: string, partial: Partial<OrgInput> = {}): OrgInput => ({
  name: '草原网络科技党支部',
  type: 'branch',
  parentId: '',
  areaId,
  hostFirmIds: [],
  foundedOn: '2018-06-01',
  dissolvedOn: '',
  committee: [],
  termStartOn: '2024-06-01',
  termYears: 0,
  note: '',
  ...partial,
})

export const member = (orgId: string, partial: Partial<MemberInput> = {}): MemberInput => ({
  orgId,
  firmId: '',
  partyGroupId: '',
  name: '王芳',
  // 11010519491231002X: born 1949-12-31, 17th digit even = female (GB 11643).
  gender: 'female',
  ethnicity: 'han',
  birthDate: '1949-12-31',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  education: 'bachelor',
  jobTitle: '工程师',
  stage: 'full',
  development: emptyDevelopment(),
  fullMemberOn: '',
  status: 'normal',
  statusSince: '',
  statusNote: '',
  appraisals: [],
  ...partial,
})

export const meeting = (orgId: string, partial: Partial<MeetingInput> = {}): MeetingInput => ({
  orgId,
  type: 'branchAssembly',
  heldOn: '2026-10-10',
  startTime: '14:30',
  place: '党员活动室',
  host: '王芳',
  recorder: '李强',
  lecturer: '',
  partyGroupId: '',
  topic: '学习党的二十届四中全会精神',
  attendeeIds: [],
  absentees: [],
  minutes: '',
  resolutions: '',
  status: 'final',
  photoIds: [],
  ...partial,
})

type Stamp = 'id' | 'createdAt' | 'updatedAt' | '_rev' | '_revisions'

/** A stored record's editable fields, as a form holds them: no id, stamps, revision, or `drop`. */
export function fieldsOf<T extends object, K extends keyof T = never>(
  record: T,
  ...drop: K[]
): Omit<T, Stamp | K> {
  const out = { ...record } as Record<string, unknown>
  for (const key of ['id', 'createdAt', 'updatedAt', '_rev', '_revisions', ...drop]) {
    delete out[key as string]
  }
  return out as Omit<T, Stamp | K>
}
