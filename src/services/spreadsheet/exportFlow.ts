import {
  getFirms,
  listAreas,
  listFirmsPage,
  listOrgs,
  type FirmCursor,
  type FirmFilter,
} from '@/db'
import type { Firm, Org } from '@/domain/types'
import { areaLookup, type AreaLookup } from './areas'
import { FIRM_COLUMNS, FIRM_STATUS_HEADER, ORG_COLUMNS } from './columns'
import { downloadFile, fileDate } from './download'
import { INDUSTRY_LABELS, ORG_STATUS_LABELS, ORG_TYPE_LABELS, SIZE_LABELS } from './labels'
import { writeWorkbook } from './workbook'

/** Export writes the first header of each column, the one import knows best. */
const firstHeaders = (columns: readonly { headers: readonly string[] }[]) =>
  columns.map((column) => column.headers[0] ?? '')

const PAGE = 1000

export interface ExportResult {
  rows: number
  fileName: string
}

/** Every firm matching `filter`, read page by page in the table's order. */
async function firmsMatching(filter: FirmFilter, onRows: (count: number) => void): Promise<Firm[]> {
  const firms: Firm[] = []
  let after: FirmCursor = null
  do {
    const page = await listFirmsPage(filter, after, PAGE)
    firms.push(...page.rows)
    onRows(firms.length)
    after = page.next
  } while (after)
  return firms
}

/** A firm as the cells of FIRM_COLUMNS, in the words import reads back. */
export function firmSheetRow(firm: Firm, areas: AreaLookup): (string | number)[] {
  return [
    firm.name,
    firm.creditCode,
    areas.label(firm.areaId),
    INDUSTRY_LABELS[firm.industry] ?? firm.industry,
    SIZE_LABELS[firm.sizeClass] ?? firm.sizeClass,
    firm.employees,
    firm.registeredOn,
    firm.closedOn,
    firm.instructor,
    firm.liaison,
    firm.address,
    firm.note,
  ]
}

/**
 * The firms the table shows (its filters) as an .xlsx with the headers import reads back;
 * 党组织状态 is written for the reader and ignored on import. `onRows` hears how many rows are read.
 */
export async function buildFirmsWorkbook(
  filter: FirmFilter,
  onRows: (count: number) => void = () => {},
): Promise<{ data: ArrayBuffer; rows: number }> {
  const areas = areaLookup(await listAreas())
  const firms = await firmsMatching(filter, onRows)
  const rows = firms.map((firm) => [
    ...firmSheetRow(firm, areas),
    ORG_STATUS_LABELS[firm.orgStatus] ?? firm.orgStatus,
  ])
  const data = await writeWorkbook({
    sheetName: '企业名录',
    headers: [...firstHeaders(FIRM_COLUMNS), FIRM_STATUS_HEADER],
    rows,
    widths: [36, 24, 16, 16, 10, 10, 12, 12, 12, 12, 30, 30, 12],
  })
  return { data, rows: rows.length }
}

/** Every org, parents by name and host firms by credit code (joined by 、). */
export async function buildOrgsWorkbook(): Promise<{ data: ArrayBuffer; rows: number }> {
  const areas = areaLookup(await listAreas())
  const orgs = await listOrgs()
  const byId = new Map(orgs.map((org) => [org.id, org]))
  const firms = await getFirms([...new Set(orgs.flatMap((org) => org.hostFirmIds))])
  const codeOf = new Map(firms.map((firm) => [firm.id, firm.creditCode]))
  const rows = orgs.map((org: Org) => [
    org.name,
    ORG_TYPE_LABELS[org.type] ?? org.type,
    byId.get(org.parentId)?.name ?? '',
    areas.label(org.areaId),
    org.hostFirmIds
      .map((id) => codeOf.get(id) ?? '')
      .filter((code) => code !== '')
      .join('、'),
    org.foundedOn,
    org.dissolvedOn,
    org.termStartOn,
    org.termYears,
    org.note,
  ])
  const data = await writeWorkbook({
    sheetName: '党组织',
    headers: firstHeaders(ORG_COLUMNS),
    rows,
    widths: [36, 14, 36, 16, 44, 12, 12, 14, 10, 30],
  })
  return { data, rows: rows.length }
}

/** Download `企业名录-YYYYMMDD.xlsx` of what the firm table shows. */
export async function exportFirms(
  filter: FirmFilter,
  onRows?: (count: number) => void,
): Promise<ExportResult> {
  const { data, rows } = await buildFirmsWorkbook(filter, onRows)
  const fileName = `企业名录-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return { rows, fileName }
}

/** Download `党组织-YYYYMMDD.xlsx` of every org. */
export async function exportOrgs(): Promise<ExportResult> {
  const { data, rows } = await buildOrgsWorkbook()
  const fileName = `党组织-${fileDate()}.xlsx`
  downloadFile(data, fileName)
  return { rows, fileName }
}
