/**
 * The columns of a dues sheet (党费收缴登记): who (身份证号, or 姓名 with the org), which month,
 * the base, what the month owes, what was paid, when, the receipt. The first header of each is
 * the one the register's own export writes (duesExport.ts), so an exported file reads back
 * unchanged; 状态 is written for the reader and never read (it is derived).
 */
export type DuesField =
  | 'name'
  | 'idNumber'
  | 'orgName'
  | 'month'
  | 'category'
  | 'base'
  | 'due'
  | 'paid'
  | 'paidOn'
  | 'receiptNo'
  | 'note'

export const DUES_COLUMNS: readonly { field: DuesField; headers: readonly string[] }[] = [
  { field: 'name', headers: ['姓名', '党员姓名', '党员', 'name'] },
  {
    field: 'idNumber',
    headers: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'idnumber', 'id number'],
  },
  {
    field: 'orgName',
    headers: ['所在党组织', '党组织', '党支部', '所在支部', '支部', 'branch', 'organisation'],
  },
  { field: 'month', headers: ['月份', '交纳月份', '所属月份', '党费月份', '年月', 'month'] },
  { field: 'category', headers: ['类别', '党员类别', '交纳类别', 'category'] },
  {
    field: 'base',
    headers: ['交纳基数', '党费基数', '基数', '计缴基数', '月工资收入', 'base'],
  },
  { field: 'due', headers: ['应交', '应交金额', '应缴', '应缴党费', '应交党费', 'due'] },
  {
    field: 'paid',
    headers: ['实交', '实交金额', '实缴', '实缴党费', '交纳金额', '已交金额', 'paid'],
  },
  { field: 'paidOn', headers: ['交纳日期', '缴纳日期', '交费日期', '实交日期', 'paid on'] },
  { field: 'receiptNo', headers: ['收据号', '收据编号', '票据号', '收据', 'receipt'] },
  { field: 'note', headers: ['备注', 'note'] },
]
