/**
 * Study sheets (姓名/身份证号 + 日期 + 学时 + 内容): header detection by synonyms and row
 * parsing into import rows with the Excel row number, pure so Node tests cover them.
 */
import { STUDY_KINDS, type StudyKind } from '@/domain/types'
import { cellDate, cellNumber, cellText, isEmptyRow, type SheetData } from './cells'
import { normalizeHeader } from './columns'
import type { FieldProblem } from '@/domain/validation'

/** A problem of one sheet row; `row` is the number Excel shows. */
export type StudyRowProblem = FieldProblem & { row: number }

export const STUDY_FIELDS = [
  'name',
  'idNumber',
  'studiedOn',
  'hours',
  'topic',
  'kind',
  'place',
  'note',
] as const
export type StudyField = (typeof STUDY_FIELDS)[number]

/** Header synonyms, as sheets of branches actually name the columns. */
export const STUDY_HEADERS: Record<StudyField, readonly string[]> = {
  name: ['姓名', '党员姓名', '党员', '名字', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证', 'idnumber', 'id number'],
  studiedOn: ['日期', '学习日期', '学习时间', '时间', 'date'],
  hours: ['学时', '学时数', '时长', '小时', '学习时长', 'hours'],
  topic: ['内容', '学习内容', '主题', '学习主题', '课程', 'topic'],
  kind: ['形式', '学习形式', '类型', '学习类型', 'kind'],
  place: ['地点', '学习地点', 'place'],
  note: ['备注', 'note'],
}

/** Kind labels as typed in sheets; an empty cell is 集中学习. */
const KIND_LABELS: Record<string, StudyKind> = {
  集中学习: 'collective',
  党课: 'lesson',
  专题培训: 'training',
  培训: 'training',
  自学: 'self',
  线上学习: 'online',
  网络学习: 'online',
  学习强国: 'online',
  其他: 'other',
}

export interface StudyHeader {
  /** Index of the header row in `sheet.rows`. */
  rowIndex: number
  columns: Partial<Record<StudyField, number>>
}

const HEADER_SEARCH_ROWS = 10

/** The first of the top rows that names a person column, a date, hours and a topic. */
export function detectStudyHeader(sheet: SheetData): StudyHeader | null {
  const index = new Map<string, StudyField>()
  for (const field of STUDY_FIELDS)
    for (const header of STUDY_HEADERS[field]) index.set(normalizeHeader(header), field)
  for (const [rowIndex, row] of sheet.rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns: Partial<Record<StudyField, number>> = {}
    row.cells.forEach((cell, column) => {
      const field = index.get(normalizeHeader(cellText(cell)))
      if (field && columns[field] === undefined) columns[field] = column
    })
    const person = columns.name !== undefined || columns.idNumber !== undefined
    if (
      person &&
      columns.studiedOn !== undefined &&
      columns.hours !== undefined &&
      columns.topic !== undefined
    )
      return { rowIndex, columns }
  }
  return null
}

export interface StudySheetRow {
  row: number
  name: string
  idNumber: string
  studiedOn: string
  hours: number
  topic: string
  kind: StudyKind
  place: string
  note: string
}

export function parseStudyKind(text: string): StudyKind | null {
  if (text === '') return 'collective'
  if ((STUDY_KINDS as readonly string[]).includes(text)) return text as StudyKind
  return KIND_LABELS[text] ?? null
}

/** Rows under the header; cell-level problems (a kind not known, hours not a number) by row. */
export function parseStudyRows(
  sheet: SheetData,
  header: StudyHeader,
): { rows: StudySheetRow[]; problems: StudyRowProblem[] } {
  const rows: StudySheetRow[] = []
  const problems: StudyRowProblem[] = []
  const cell = (cells: SheetData['rows'][number]['cells'], field: StudyField) => {
    const column = header.columns[field]
    return column === undefined ? null : (cells[column] ?? null)
  }
  for (const sheetRow of sheet.rows.slice(header.rowIndex + 1)) {
    if (isEmptyRow(sheetRow)) continue
    const hours = cellNumber(cell(sheetRow.cells, 'hours'))
    const kind = parseStudyKind(cellText(cell(sheetRow.cells, 'kind')))
    if (typeof hours !== 'number')
      problems.push({ row: sheetRow.number, field: 'hours', code: 'type' })
    if (kind === null) problems.push({ row: sheetRow.number, field: 'kind', code: 'oneOf' })
    rows.push({
      row: sheetRow.number,
      name: cellText(cell(sheetRow.cells, 'name')),
      idNumber: cellText(cell(sheetRow.cells, 'idNumber')),
      studiedOn: cellDate(cell(sheetRow.cells, 'studiedOn')),
      hours: typeof hours === 'number' ? hours : Number.NaN,
      topic: cellText(cell(sheetRow.cells, 'topic')),
      kind: kind ?? 'other',
      place: cellText(cell(sheetRow.cells, 'place')),
      note: cellText(cell(sheetRow.cells, 'note')),
    })
  }
  return { rows, problems }
}
