import { importStudyRecords, listStudyForExport, ValidationError, type ImportCounts } from '@/db'
import { maskIdNumber } from '@/domain/mask'
import type { StudyKind } from '@/domain/types'
import { downloadFile, fileDate } from './download'
import { SpreadsheetError } from './problems'
import { detectStudyHeader, parseStudyRows, type StudyRowProblem } from './studyRows'
import { checkFileSize, readFirstSheet, writeWorkbook } from './workbook'

export type StudyImportResult =
  | { ok: true; counts: ImportCounts; rowCount: number }
  | { ok: false; problems: StudyRowProblem[]; rowCount: number }

/**
 * Import a study sheet into one org: all rows or none. Problems carry the Excel row number
 * (the repository reports row indexes, mapped back here).
 */
export async function importStudyFile(orgId: string, file: Blob): Promise<StudyImportResult> {
  checkFileSize(file.size)
  const sheet = await readFirstSheet(await file.arrayBuffer())
  const header = detectStudyHeader(sheet)
  if (!header) throw new SpreadsheetError('noHeader')
  const { rows, problems } = parseStudyRows(sheet, header)
  if (rows.length === 0) throw new SpreadsheetError('empty')
  if (problems.length > 0) return { ok: false, problems, rowCount: rows.length }
  try {
    const counts = await importStudyRecords(orgId, rows)
    return { ok: true, counts, rowCount: rows.length }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    const mapped = error.problems.map((problem): StudyRowProblem => {
      const [index, ...field] = problem.field.split('.')
      const row = rows[Number(index)]?.row ?? 0
      return {
        row,
        field: field.join('.') || problem.field,
        code: problem.code,
        ...(problem.params ? { params: problem.params } : {}),
      }
    })
    return { ok: false, problems: mapped, rowCount: rows.length }
  }
}

export interface StudyExportLabels {
  headers: readonly string[]
  kind: (kind: StudyKind) => string
  confirmed: (confirmed: 'yes' | 'no') => string
  sheetName: string
  fileName: string
}

/** The org's records of a year (0 = all) as a sheet; ID numbers masked, as in lists. */
export async function exportStudyFile(
  orgId: string,
  year: number,
  members: ReadonlyMap<string, { name: string; idNumber: string }>,
  labels: StudyExportLabels,
): Promise<string> {
  const records = await listStudyForExport([orgId], year)
  const rows = records.map((r) => {
    const member = members.get(r.memberId)
    return [
      member?.name ?? '',
      maskIdNumber(member?.idNumber ?? ''),
      r.studiedOn,
      r.hours,
      r.topic,
      labels.kind(r.kind),
      r.place,
      labels.confirmed(r.confirmed),
      r.note,
    ]
  })
  const data = await writeWorkbook({
    sheetName: labels.sheetName,
    headers: labels.headers,
    rows,
    widths: [10, 22, 12, 8, 40, 12, 20, 10, 30],
  })
  const fileName = `${labels.fileName}-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return fileName
}
