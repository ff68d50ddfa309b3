import type { Register } from '@/db'
import { formatYuan } from '@/domain/dues'
import { maskIdNumber } from '@/domain/mask'
import { downloadFile, fileDate } from './download'
import { writeWorkbook } from './workbook'

export interface DuesExportLabels {
  /** 姓名, 身份证号, 类别, 应交, 实交, 交纳日期, 收据号, 状态, 备注 (the base goes after 类别). */
  headers: readonly string[]
  /** The base column's header, used only when the user asks for the bases. */
  baseHeader: string
  category: (row: Register['rows'][number]) => string
  state: (row: Register['rows'][number]) => string
  sheetName: string
  fileName: string
}

/**
 * The month's register as a sheet. The base is private: it goes into the file only when the
 * user ticks "include the bases". The dues import reads the file back unchanged (its headers
 * are the first of duesColumns.ts; the month is the page's).
 */
export async function buildDuesRegisterWorkbook(
  register: Register,
  labels: DuesExportLabels,
  includeBase: boolean,
): Promise<ArrayBuffer> {
  const rows = register.rows.map((row) => {
    const base = row.terms ? formatYuan(row.terms.base) : ''
    return [
      row.member.name,
      // Masked as in lists; enough for the import to tell two members of one name apart.
      maskIdNumber(row.member.idNumber),
      labels.category(row),
      ...(includeBase ? [base] : []),
      row.due === null ? '' : formatYuan(row.due),
      row.record ? formatYuan(row.record.paid) : '',
      row.record?.paidOn ?? '',
      row.record?.receiptNo ?? '',
      labels.state(row),
      row.record?.note ?? '',
    ]
  })
  const headers = includeBase
    ? [...labels.headers.slice(0, 3), labels.baseHeader, ...labels.headers.slice(3)]
    : labels.headers
  return writeWorkbook({
    sheetName: labels.sheetName,
    headers,
    rows,
    widths: headers.map((_, index) => (index === 0 ? 12 : 14)),
  })
}

/** The month's register downloaded as an .xlsx; its file name. */
export async function exportDuesRegister(
  register: Register,
  labels: DuesExportLabels,
  includeBase: boolean,
): Promise<string> {
  const data = await buildDuesRegisterWorkbook(register, labels, includeBase)
  const fileName = `${labels.fileName}-${register.month}-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return fileName
}
