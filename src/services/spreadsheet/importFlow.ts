import {
  firmIdsByCreditCode,
  importFirms,
  importMembers,
  importOrgs,
  listAreas,
  listOrgsForImport,
} from '@/db'
import type { ImportCounts, ImportOptions } from '@/db'
import type { FirmInput, MemberInput } from '@/domain/validation'
import { areaLookup } from './areas'
import type { SheetData, SheetRow } from './cells'
import { REQUIRED_FIELDS, type ImportKind } from './columns'
import { createFirmRowParser } from './firmRows'
import { detectHeader, missingRequired, type ColumnMapping, type DetectedHeader } from './header'
import { createMemberRowParser } from './membersRows'
import { createOrgRowParser, hostCreditCodes, type OrgImportRow } from './orgRows'
import { SpreadsheetError, type ParsedRows } from './problems'
import { checkFileSize, readFirstSheet } from './workbook'

/**
 * An import in three steps, nothing written before the last: open (read the first sheet,
 * find the header), check (map, parse and validate every row), write (one transaction).
 */
export interface ImportFile {
  kind: ImportKind
  sheet: SheetData
  header: DetectedHeader
}

export type ParsedImport =
  | { kind: 'firms'; parsed: ParsedRows<FirmInput> }
  | { kind: 'orgs'; parsed: ParsedRows<OrgImportRow> }
  | { kind: 'members'; parsed: ParsedRows<MemberInput> }

/** 'validRows' writes the rows without problems; 'allOrNothing' refuses a file with any. */
export type ImportMode = 'validRows' | 'allOrNothing'

/** Progress from 0 to 1. */
export type OnProgress = (fraction: number) => void

/**
 * Synchronous work runs in slices of at most this many ms, then yields to the page
 * (issue 3: no task over 200 ms; a slice counted in rows ran 4× longer on a busy machine).
 */
const SLICE_MS = 30

/** Let the browser paint (the progress bar) between slices of synchronous work. */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Feed `rows` to `add` a time slice at a time, reporting progress from `from` to `to`. */
async function feedRows(
  rows: readonly SheetRow[],
  add: (row: SheetRow) => void,
  onProgress: OnProgress,
  from = 0,
  to = 1,
): Promise<void> {
  let sliceStart = performance.now()
  for (let index = 0; index < rows.length; index++) {
    add(rows[index] as SheetRow)
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress(from + ((to - from) * (index + 1)) / rows.length)
      await yieldToUi()
      sliceStart = performance.now()
    }
  }
  onProgress(to)
}

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

function dataRows(file: ImportFile): SheetRow[] {
  return file.sheet.rows.slice(file.header.rowIndex + 1)
}

/** Parse and validate every row under the header with `mapping`. Writes nothing. */
export async function checkImport(
  file: ImportFile,
  mapping: ColumnMapping,
  onProgress: OnProgress = () => {},
): Promise<ParsedImport> {
  const missing = missingRequired(mapping, REQUIRED_FIELDS[file.kind])
  if (missing.length > 0)
    throw new SpreadsheetError('missingColumns', { fields: missing.join(',') })
  const rows = dataRows(file)
  if (file.kind === 'members') {
    const parser = createMemberRowParser(mapping, await listOrgsForImport())
    await feedRows(rows, parser.add, onProgress)
    onProgress(1)
    return { kind: 'members', parsed: parser.result() }
  }
  const areas = areaLookup(await listAreas())
  if (file.kind === 'orgs') {
    const context = {
      areas,
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
  const parser = createFirmRowParser(mapping, areas)
  await feedRows(rows, parser.add, onProgress)
  onProgress(1)
  return { kind: 'firms', parsed: parser.result() }
}

/** Write the checked rows in one transaction; refuses an all-or-nothing file with problems. */
export async function writeImport(
  result: ParsedImport,
  mode: ImportMode,
  options: ImportOptions = {},
): Promise<ImportCounts> {
  if (mode === 'allOrNothing' && result.parsed.invalidCount > 0) {
    throw new SpreadsheetError('hasErrors', { rows: result.parsed.invalidCount })
  }
  if (result.parsed.valid.length === 0) return { created: 0, updated: 0 }
  if (result.kind === 'members') {
    return importMembers(
      result.parsed.valid.map((row) => row.value),
      options,
    )
  }
  if (result.kind === 'firms') {
    return importFirms(
      result.parsed.valid.map((row) => row.value),
      options,
    )
  }
  return importOrgs(
    result.parsed.valid.map((row) => row.value),
    options,
  )
}
