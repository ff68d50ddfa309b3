import type { SheetValueField } from '@/domain/sheetValues'
import type { FirmInput, OrgInput } from '@/domain/validation'
import { DUES_COLUMNS } from './duesColumns'
import { MEMBER_COLUMNS } from './membersColumns'
import { STUDY_COLUMNS } from './studyColumns'

/**
 * The columns of the firm and org sheets. The first header is the one export writes; the
 * others are synonyms that registers in the field use. Headers are matched by meaning
 * (domain/headerMatch.ts): bracketed notes, spaces and '*' marks do not matter, a header
 * that contains a synonym counts, and so does one that is close to it.
 */
export interface ColumnSpec<F extends string> {
  field: F
  headers: readonly string[]
}

export type FirmField = keyof FirmInput
export type OrgField = Exclude<keyof OrgInput, 'committee' | 'parentId'> | 'parentName'
export type ImportKind = 'firms' | 'orgs' | 'members' | 'study' | 'dues'
/** The area split over columns: 盟市 + 旗县区 (areaId) [+ 街道/园区], joined into a path. */
export type AreaPartField = 'areaCity' | 'areaPark'

/** The area column of firm and org sheets: a name, a path of names, or the 旗县区 part. */
const AREA_HEADERS = [
  '所属地区',
  '地区',
  '旗县区',
  '所在地区',
  '区域',
  '旗县',
  '县区',
  '区县',
  '旗县市区',
]

export const FIRM_COLUMNS: readonly ColumnSpec<FirmField>[] = [
  { field: 'name', headers: ['企业名称', '单位名称', '名称', '企业全称', '企业（单位）名称'] },
  { field: 'creditCode', headers: ['统一社会信用代码', '信用代码', '社会信用代码'] },
  { field: 'areaId', headers: AREA_HEADERS },
  { field: 'industry', headers: ['行业', '所属行业', '行业类别', '行业门类', '国民经济行业'] },
  { field: 'sizeClass', headers: ['规模', '是否规模以上', '企业规模', '规模以上'] },
  { field: 'employees', headers: ['从业人员', '职工人数', '员工人数', '从业人数', '职工数'] },
  { field: 'registeredOn', headers: ['成立日期', '注册日期', '成立时间', '登记日期'] },
  { field: 'closedOn', headers: ['注销日期', '注销时间'] },
  { field: 'instructor', headers: ['党建指导员', '指导员'] },
  { field: 'liaison', headers: ['联络员', '党建联络员'] },
  { field: 'address', headers: ['地址', '企业地址', '住所', '注册地址', '经营地址'] },
  { field: 'note', headers: ['备注', '说明'] },
]

export const AREA_PART_COLUMNS: readonly ColumnSpec<AreaPartField>[] = [
  { field: 'areaCity', headers: ['盟市', '所属盟市', '所在盟市', '地市', '市', '所属市', '城市'] },
  {
    field: 'areaPark',
    headers: ['街道园区', '街道', '园区', '乡镇街道', '苏木乡镇', '乡镇', '所在园区', '街道办事处'],
  },
]

/** Written by export for the reader; never read back (the status is derived). */
export const FIRM_STATUS_HEADER = '党组织状态'

export const ORG_COLUMNS: readonly ColumnSpec<OrgField>[] = [
  { field: 'name', headers: ['党组织名称', '组织名称', '名称', '党组织全称'] },
  { field: 'type', headers: ['组织类型', '党组织类型', '类型', '组织类别'] },
  { field: 'parentName', headers: ['上级党组织', '上级组织', '上级党组织名称'] },
  { field: 'areaId', headers: AREA_HEADERS },
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

/** Every column an import can map, the area parts included (export writes the plain lists). */
export function columnsOf(kind: ImportKind): readonly ColumnSpec<string>[] {
  if (kind === 'members') return MEMBER_COLUMNS
  if (kind === 'study') return STUDY_COLUMNS
  if (kind === 'dues') return DUES_COLUMNS
  return [...(kind === 'firms' ? FIRM_COLUMNS : ORG_COLUMNS), ...AREA_PART_COLUMNS]
}

/**
 * What the mapping step insists on: each group needs one of its fields mapped. Only what
 * finds the record: a sheet of credit codes and employee numbers updates firms already in
 * the register; the fields a new record needs are checked row by row (NEW_RECORD_FIELDS).
 */
export const REQUIRED_FIELDS: Record<ImportKind, readonly (readonly string[])[]> = {
  firms: [['creditCode']],
  orgs: [['name'], ['areaId', 'areaCity', 'areaPark']],
  members: [['name', 'idNumber']],
  study: [['name', 'idNumber'], ['studiedOn'], ['topic']],
  // The month may come from the page (the register's own export has no month column).
  dues: [['name', 'idNumber']],
}

/** Fields a new record cannot do without; left unmapped, only updates can land. */
export const NEW_RECORD_FIELDS: Record<ImportKind, readonly (readonly string[])[]> = {
  firms: [['name'], ['areaId', 'areaCity', 'areaPark']],
  orgs: [['type']],
  members: [['name'], ['orgId']],
  study: [['hours']],
  dues: [['paid', 'base']],
}

/** The enumerated fields of each sheet and the value table each is read through. */
export const VALUE_FIELDS: Record<ImportKind, Readonly<Record<string, SheetValueField>>> = {
  firms: { industry: 'industry', sizeClass: 'sizeClass' },
  orgs: { type: 'orgType' },
  members: { gender: 'gender', ethnicity: 'ethnicity', education: 'education', stage: 'stage' },
  study: { kind: 'studyKind' },
  dues: { category: 'duesCategory' },
}

/** Header text as compared (domain/headerMatch.ts). */
export { normalizeHeader } from '@/domain/headerMatch'
