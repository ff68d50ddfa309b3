import type { MemberInput } from '@/domain/validation'

/**
 * The columns of the member sheet (the first header is the one export writes; the others
 * are synonyms found in the field). 所在党组织 names the org; 入党日期 is the branch vote
 * (start of probation), 转正日期 the day of becoming a full member.
 */
export type MemberField =
  | keyof Pick<
      MemberInput,
      | 'name'
      | 'gender'
      | 'ethnicity'
      | 'birthDate'
      | 'idNumber'
      | 'phone'
      | 'education'
      | 'jobTitle'
      | 'orgId'
      | 'stage'
    >
  | 'branchVoteOn'
  | 'fullOn'

export const MEMBER_COLUMNS: readonly { field: MemberField; headers: readonly string[] }[] = [
  { field: 'name', headers: ['姓名', '党员姓名', '名字'] },
  { field: 'gender', headers: ['性别'] },
  { field: 'ethnicity', headers: ['民族'] },
  { field: 'birthDate', headers: ['出生日期', '出生年月', '出生年月日', '生日'] },
  {
    field: 'idNumber',
    headers: ['身份证号', '公民身份号码', '身份证号码', '身份证', '证件号码', '公民身份证号'],
  },
  { field: 'phone', headers: ['手机号', '手机号码', '联系电话', '电话', '手机', '联系方式'] },
  { field: 'education', headers: ['学历', '文化程度', '最高学历'] },
  { field: 'branchVoteOn', headers: ['入党日期', '入党时间', '加入党组织日期'] },
  { field: 'fullOn', headers: ['转正日期', '转正时间', '转为正式党员日期'] },
  { field: 'orgId', headers: ['所在党组织', '党组织', '所在支部', '党支部', '所属党组织'] },
  { field: 'stage', headers: ['人员类别', '党员类别', '发展阶段', '类别', '政治面貌'] },
  { field: 'jobTitle', headers: ['职务', '岗位', '职务/岗位', '职务岗位', '工作岗位'] },
]
