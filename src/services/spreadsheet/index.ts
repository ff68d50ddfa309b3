/** Excel and CSV import and export of the register: the API views and composables use. */
export {
  FIRM_COLUMNS,
  NEW_RECORD_FIELDS,
  ORG_COLUMNS,
  REQUIRED_FIELDS,
  VALUE_FIELDS,
  columnsOf,
  type ImportKind,
} from './columns'
export type { CellValue, SheetData, SheetRow, SheetSource } from './cells'
export {
  columnLetter,
  detectHeader,
  missingGroups,
  missingRequired,
  type ColumnMapping,
  type DetectedHeader,
  type HeaderCell,
} from './header'
export { parseFirmRows } from './firmRows'
export { parseOrgRows, type OrgImportRow } from './orgRows'
export {
  SpreadsheetError,
  type FieldChange,
  type ImportProblemCode,
  type ParsedRows,
  type RowAction,
  type RowProblem,
  type SpreadsheetErrorCode,
  type ValidRow,
} from './problems'
export { MAX_FILE_BYTES, MAX_ROWS, readFirstSheet, writeWorkbook } from './workbook'
export type { OnProgress } from './slices'
export {
  checkImport,
  openImportFile,
  reviewImportValues,
  writeImport,
  type ImportFile,
  type ImportMode,
  type ImportTarget,
  type ParsedImport,
  type WriteOptions,
} from './importFlow'
export { planDuesRows, readDuesRow, type DuesImportPlan } from './duesImport'
export { SKIP_ROWS, type ValueChoices, type ValueReviewItem } from './values'
export { parseMemberRows } from './membersRows'
export { buildMembersWorkbook, exportMembers } from './membersExport'
export {
  buildFirmsWorkbook,
  buildOrgsWorkbook,
  exportFirms,
  exportOrgs,
  type ExportResult,
} from './exportFlow'
