import { listStudyForExport } from '@/db'
import { maskIdNumber } from '@/domain/mask'
import type { StudyKind } from '@/domain/types'
import { downloadFile, fileDate } from './download'
import { writeWorkbook } from './workbook'

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
