import type { FirmInput, OrgInput } from '@/domain/validation'
import { MEMBER_COLUMNS, MEMBER_REQUIRED_FIELDS } from './membersColumns'

/**
 * The columns of the firm and org sheets. The first header is the one export writes; the
 * others are synonyms that registers in the field use. Headers are compared after
 * `normalizeHeader`, so spaces, a required-mark '*' and bracketed units do not matter.
 */
export interface ColumnSpec<F extends string> {
  field: F
  headers: readonly string[]
}

export type FirmField = keyof FirmInput
export type OrgField = Exclude<keyof OrgInput, 'committee' | 'parentId'> | 'parentName'
export type ImportKind = 'firms' | 'orgs' | 'members'

export const FIRM_COLUMNS: readonly ColumnSpec<FirmField>[] = [
  { field: 'name', headers: ['企业名称', '单位名称', '名称', '企业全称'] },
  { field: 'creditCode', headers: ['统一社会信用代码', '信用代码', '社会信用代码'] },
  { field: 'areaId', headers: ['所属地区', '地区', '旗县区', '所在地区', '区域'] },
  { field: 'industry', headers: ['行业', '所属行业', '行业类别'] },
  { field: 'sizeClass', headers: ['规模', '是否规模以上', '企业规模', '规模以上'] },
  { field: 'employees', headers: ['从业人员', '职工人数', '员工人数', '从业人数', '职工数'] },
  { field: 'registeredOn', headers: ['成立日期', '注册日期', '成立时间'] },
  { field: 'closedOn', headers: ['注销日期', '注销时间'] },
  { field: 'instructor', headers: ['党建指导员', '指导员'] },
  { field: 'liaison', headers: ['联络员', '党建联络员'] },
  { field: 'address', headers: ['地址', '企业地址', '住所', '注册地址'] },
  { field: 'note', headers: ['备注', '说明'] },
]

/** Written by export for the reader; never read back (the status is derived). */
export const FIRM_STATUS_HEADER = '党组织状态'

export const ORG_COLUMNS: readonly ColumnSpec<OrgField>[] = [
  { field: 'name', headers: ['党组织名称', '组织名称', '名称', '党组织全称'] },
  { field: 'type', headers: ['组织类型', '党组织类型', '类型'] },
  { field: 'parentName', headers: ['上级党组织', '上级组织', '上级党组织名称'] },
  { field: 'areaId', headers: ['所属地区', '地区', '旗县区', '所在地区'] },
  {
    field: 'hostFirmIds',
    headers: ['所在企业信用代码', '覆盖企业信用代码', '所在企业', '覆盖企业', '依托企业'],
  },
  { field: 'foundedOn', headers: ['成立日期', '建立日期', '成立时间'] },
  { field: 'dissolvedOn', headers: ['撤销日期', '撤销时间'] },
  { field: 'termStartOn', headers: ['本届任期开始', '换届日期', '任期开始'] },
  { field: 'termYears', headers: ['任期年限', '任期（年）', '任期'] },
  { field: 'note', headers: ['备注', '说明'] },
]

export function columnsOf(kind: ImportKind): readonly ColumnSpec<string>[] {
  if (kind === 'members') return MEMBER_COLUMNS
  return kind === 'firms' ? FIRM_COLUMNS : ORG_COLUMNS
}

/** Fields a row cannot do without: the mapping step insists on them. */
export const REQUIRED_FIELDS: Record<ImportKind, readonly string[]> = {
  firms: ['name', 'creditCode', 'areaId'],
  orgs: ['name', 'type', 'areaId'],
  members: MEMBER_REQUIRED_FIELDS,
}

/**
 * Header text as compared: no whitespace (full-width too), no '*' marks, no bracketed
 * notes such as '（人）' or '(必填)', full-width letters folded by NFKC.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\(.*?\)|【.*?】/g, '')
    .replace(/[\s*:：]/g, '')
    .toLowerCase()
}

/** Normalised header → field; a Map, so a header such as '__proto__' is just a miss. */
export function headerIndex(kind: ImportKind): Map<string, string> {
  const index = new Map<string, string>()
  for (const column of columnsOf(kind)) {
    for (const header of column.headers) index.set(normalizeHeader(header), column.field)
  }
  return index
}
