/** Excel import and export of the register: the API views and composables use. */
export { FIRM_COLUMNS, ORG_COLUMNS, REQUIRED_FIELDS, columnsOf, type ImportKind } from './columns'
export type { CellValue, SheetData, SheetRow } from './cells'
export {
  columnLetter,
  detectHeader,
  missingRequired,
  type ColumnMapping,
  type DetectedHeader,
  type HeaderCell,
} from './header'
export { parseFirmRows } from './firmRows'
export { parseOrgRows, type OrgImportRow } from './orgRows'
export {
  SpreadsheetError,
  type ImportProblemCode,
  type ParsedRows,
  type RowProblem,
  type SpreadsheetErrorCode,
} from './problems'
export { MAX_FILE_BYTES, MAX_ROWS, readFirstSheet, writeWorkbook } from './workbook'
export {
  checkImport,
  openImportFile,
  writeImport,
  type ImportFile,
  type ImportMode,
  type OnProgress,
  type ParsedImport,
} from './importFlow'
export { parseMemberRows } from './membersRows'
export { buildMembersWorkbook, exportMembers } from './membersExport'
export {
  buildFirmsWorkbook,
  buildOrgsWorkbook,
  exportFirms,
  exportOrgs,
  type ExportResult,
} from './exportFlow'
