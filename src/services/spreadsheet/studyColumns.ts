/**
 * The columns of a study sheet (姓名/身份证号 + 日期 + 学时 + 内容), with the synonyms
 * branches' sheets use. The first header is the one a sheet made by hand most often has.
 */
export type StudyField =
  'name' | 'idNumber' | 'studiedOn' | 'hours' | 'topic' | 'kind' | 'place' | 'note'

export const STUDY_COLUMNS: readonly { field: StudyField; headers: readonly string[] }[] = [
  { field: 'name', headers: ['姓名', '党员姓名', '党员', '名字', 'name'] },
  {
    field: 'idNumber',
    headers: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'idnumber', 'id number'],
  },
  { field: 'studiedOn', headers: ['日期', '学习日期', '学习时间', '时间', 'date'] },
  { field: 'hours', headers: ['学时', '学时数', '时长', '小时', '学习时长', 'hours'] },
  { field: 'topic', headers: ['内容', '学习内容', '主题', '学习主题', '课程', 'topic'] },
  { field: 'kind', headers: ['形式', '学习形式', '类型', '学习类型', 'kind'] },
  { field: 'place', headers: ['地点', '学习地点', 'place'] },
  { field: 'note', headers: ['备注', 'note'] },
]
