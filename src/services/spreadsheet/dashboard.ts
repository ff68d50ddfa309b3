/**
 * The dashboard's report as an .xlsx: one sheet per breakdown (overview, by area, by
 * industry, by size, trend), each a title line and a bold header row. The composable passes
 * the sheets already translated (the report follows the UI's language, as the page does);
 * this file only writes them. exceljs loads on demand, as in workbook.ts.
 */
import type { Workbook } from 'exceljs'
import { downloadFile, fileDate } from './download'

export interface ReportSheet {
  name: string
  /** First line of the sheet: what, where, as of when. */
  title: string
  headers: readonly string[]
  rows: readonly (readonly (string | number)[])[]
}

type ExcelModule = typeof import('exceljs')

async function loadExcel(): Promise<ExcelModule> {
  const module = (await import('exceljs')) as ExcelModule & { default?: ExcelModule }
  return module.default ?? module
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31)
}

/** The workbook's bytes; values are written as plain values, never formulas. */
export async function buildDashboardWorkbook(sheets: readonly ReportSheet[]): Promise<ArrayBuffer> {
  const Excel = await loadExcel()
  const workbook: Workbook = new Excel.Workbook()
  workbook.creator = '支部'
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name), {
      views: [{ state: 'frozen', ySplit: 2 }],
    })
    sheet.addRow([spec.title]).font = { bold: true, size: 13 }
    sheet.addRow([...spec.headers]).font = { bold: true }
    for (const row of spec.rows) sheet.addRow([...row])
    spec.headers.forEach((header, index) => {
      sheet.getColumn(index + 1).width = Math.max(10, header.length * 2 + 2)
    })
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}

/** Build and download; the file name gets today's date. */
export async function exportDashboard(
  sheets: readonly ReportSheet[],
  baseName: string,
): Promise<{ fileName: string }> {
  const data = await buildDashboardWorkbook(sheets)
  const fileName = `${baseName}_${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return { fileName }
}
