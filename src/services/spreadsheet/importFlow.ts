import {
  firmIdsByCreditCode,
  firmsByCreditCode,
  importFirms,
  importMembers,
  importOrgs,
  listAreas,
  listOrgsForImport,
  membersByIdNumber,
} from '@/db'
import type { ImportCounts, ImportOptions } from '@/db'
import type { FirmInput, MemberInput } from '@/domain/validation'
import { areaLookup } from './areas'
import type { SheetData, SheetRow } from './cells'
import type { ImportKind } from './columns'
import { createFirmRowParser } from './firmRows'
import { detectHeader, missingRequired, type ColumnMapping, type DetectedHeader } from './header'
import { createMemberRowParser, memberContext } from './membersRows'
import { createOrgRowParser, hostCreditCodes, type OrgImportRow } from './orgRows'
import type { PlannedRows } from './plan'
import { SpreadsheetError } from './problems'
import { feedRows, type OnProgress } from './slices'
import { checkDuesImport, writeDuesImport, type DuesImportPlan } from './duesImport'
import { checkStudyImport, writeStudyImport, type StudyImportPlan } from './studyImport'
import { createValueReader, reviewValues, type ValueChoices, type ValueReviewItem } from './values'
import { checkFileSize, readFirstSheet } from './workbook'

/**
 * An import in four steps, nothing written before the last: open (read the first sheet or
 * the CSV, find the header), values (what the enumerated columns' words mean), check (map,
 * lay every row over the record it matches, validate, list the changes), write (one
 * transaction, refused if a previewed record has changed meanwhile).
 */
export interface ImportFile {
  kind: ImportKind
  sheet: SheetData
  header: DetectedHeader
}

export type ParsedImport =
  | { kind: 'firms'; parsed: PlannedRows<FirmInput> }
  | { kind: 'orgs'; parsed: PlannedRows<OrgImportRow> }
  | { kind: 'members'; parsed: PlannedRows<MemberInput> }
  | { kind: 'study'; parsed: StudyImportPlan }
  | { kind: 'dues'; parsed: DuesImportPlan }

/** 'validRows' writes the rows without problems; 'allOrNothing' refuses a file with any. */
export type ImportMode = 'validRows' | 'allOrNothing'

/**
 * Where an import lands beyond the sheet itself: the org of a study sheet; for a dues sheet
 * the page's org and month (rows without those columns) and the secretary's org (its subtree
 * is what they may write; '' = the department).
 */
export interface ImportTarget {
  orgId?: string
  month?: string
  scopeOrgId?: string
}

/** What the write takes beyond the rows: a dues sheet's accepted warnings and its reason. */
export type WriteOptions = ImportOptions & { acceptWarnings?: boolean; reason?: string }

export async function openImportFile(
  kind: ImportKind,
  file: Blob | ArrayBuffer,
): Promise<ImportFile> {
  const size = file instanceof ArrayBuffer ? file.byteLength : file.size
  checkFileSize(size)
  const data = file instanceof ArrayBuffer ? file : await file.arrayBuffer()
  const sheet = await readFirstSheet(data)
  const header = detectHeader(kind, sheet)
  if (!header) throw new SpreadsheetError('noHeader')
  return { kind, sheet, header }
}

export function dataRows(file: ImportFile): SheetRow[] {
  return file.sheet.rows.slice(file.header.rowIndex + 1)
}

/** The value step's list for this file and mapping (writes nothing, reads nothing stored). */
export function reviewImportValues(
  file: ImportFile,
  mapping: ColumnMapping,
  choices: ValueChoices,
): ValueReviewItem[] {
  return reviewValues(file.kind, dataRows(file), mapping, choices)
}

/**
 * Parse every row under the header with `mapping` and the value step's `choices`, lay each
 * over the record it matches, validate it and list what changes. Writes nothing.
 */
export async function checkImport(
  file: ImportFile,
  mapping: ColumnMapping,
  onProgress: OnProgress = () => {},
  choices: ValueChoices = {},
  target: ImportTarget = {},
): Promise<ParsedImport> {
  const missing = missingRequired(mapping, file.kind)
  if (missing.length > 0)
    throw new SpreadsheetError('missingColumns', { fields: missing.join(',') })
  const rows = dataRows(file)
  const values = createValueReader(file.kind, choices)
  if (file.kind === 'dues') {
    const parsed = await checkDuesImport(
      rows,
      mapping,
      values,
      { orgId: target.orgId ?? '', month: target.month ?? '', scopeOrgId: target.scopeOrgId ?? '' },
      onProgress,
    )
    return { kind: 'dues', parsed }
  }
  if (file.kind === 'study') {
    const parsed = await checkStudyImport(rows, mapping, values, target.orgId ?? '', onProgress)
    return { kind: 'study', parsed }
  }
  if (file.kind === 'members') {
    const parser = createMemberRowParser(mapping, memberContext(await listOrgsForImport(), values))
    await feedRows(rows, parser.add, onProgress, 0, 0.4)
    const existing = await membersByIdNumber(parser.keys())
    await feedRows(parser.pending, (item) => parser.plan(item, existing), onProgress, 0.5, 1)
    return { kind: 'members', parsed: parser.result() }
  }
  const areas = areaLookup(await listAreas())
  if (file.kind === 'orgs') {
    const context = {
      areas,
      values,
      orgs: await listOrgsForImport(),
      firmIdByCreditCode: await firmIdsByCreditCode(hostCreditCodes(rows, mapping)),
    }
    const parser = createOrgRowParser(mapping, context)
    // The parents are linked once every row is in: the last tenth.
    await feedRows(rows, parser.add, onProgress, 0, 0.9)
    const parsed = parser.result()
    onProgress(1)
    return { kind: 'orgs', parsed }
  }
  const parser = createFirmRowParser(mapping, { areas, values })
  await feedRows(rows, parser.add, onProgress, 0, 0.4)
  const existing = await firmsByCreditCode(parser.keys())
  await feedRows(parser.pending, (item) => parser.plan(item, existing), onProgress, 0.5, 1)
  return { kind: 'firms', parsed: parser.result() }
}

/** Write the checked rows in one transaction; refuses an all-or-nothing file with problems. */
export async function writeImport(
  result: ParsedImport,
  mode: ImportMode,
  options: WriteOptions = {},
): Promise<ImportCounts> {
  if (mode === 'allOrNothing' && result.parsed.invalidCount > 0) {
    throw new SpreadsheetError('hasErrors', { rows: result.parsed.invalidCount })
  }
  if (result.kind === 'dues' && result.parsed.warnings.length > 0 && !options.acceptWarnings) {
    throw new SpreadsheetError('unacceptedWarnings', { rows: result.parsed.warnings.length })
  }
  if (result.parsed.valid.length === 0) return { created: 0, updated: 0, unchanged: 0 }
  const { acceptWarnings: _accept, reason, ...rest } = options
  const withExpected = { ...rest, expected: result.parsed.expected }
  if (result.kind === 'dues') return writeDuesImport(result.parsed, { ...withExpected, reason })
  if (result.kind === 'study') return writeStudyImport(result.parsed, withExpected)
  if (result.kind === 'members') {
    return importMembers(
      result.parsed.valid.map((row) => row.value),
      withExpected,
    )
  }
  if (result.kind === 'firms') {
    return importFirms(
      result.parsed.valid.map((row) => row.value),
      withExpected,
    )
  }
  return importOrgs(
    result.parsed.valid.map((row) => row.value),
    withExpected,
  )
}
