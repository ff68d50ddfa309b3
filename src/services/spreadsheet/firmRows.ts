import { normalizeCreditCode } from '@/domain/creditCode'
import { validateFirm, type FirmInput } from '@/domain/validation'
import type { AreaLookup } from './areas'
import { cellDate, cellNumber, cellText, isEmptyRow, type SheetRow } from './cells'
import type { ColumnMapping } from './header'
import { industryOf, sizeClassOf } from './labels'
import { atRow, type ParsedRows, type RowProblem } from './problems'

/** Stands in for an area the sheet names wrongly, so the row's other fields still validate. */
const UNRESOLVED = '?'

function reader(row: SheetRow, mapping: ColumnMapping) {
  const cell = (field: string) => {
    const column = mapping[field]
    return column === null || column === undefined ? null : (row.cells[column] ?? null)
  }
  return { cell, text: (field: string) => cellText(cell(field)) }
}

/** One sheet row as the repository's input (not yet validated) plus the area's problem. */
export function firmFromRow(
  row: SheetRow,
  mapping: ColumnMapping,
  areas: AreaLookup,
): {
  // 工会 / 共青团 have no column: an import keeps what the register records (imports.ts).
  input: Record<Exclude<keyof FirmInput, 'tradeUnion' | 'youthLeague'>, unknown>
  areaProblem: RowProblem | null
} {
  const { cell, text } = reader(row, mapping)
  const area = areas.find(text('areaId'))
  return {
    input: {
      name: text('name'),
      creditCode: normalizeCreditCode(text('creditCode').replace(/\s/g, '')),
      areaId: area.ok ? area.id : UNRESOLVED,
      industry: industryOf(text('industry')),
      sizeClass: sizeClassOf(text('sizeClass')),
      employees: cellNumber(cell('employees')),
      registeredOn: cellDate(cell('registeredOn')),
      closedOn: cellDate(cell('closedOn')),
      instructor: text('instructor'),
      liaison: text('liaison'),
      address: text('address'),
      note: text('note'),
    },
    areaProblem: area.ok ? null : { row: row.number, field: 'areaId', code: area.code },
  }
}

/**
 * Reads firm rows one at a time (so a caller can yield to the UI between chunks) and
 * collects valid inputs and row-numbered problems: validateFirm, the area lookup, and a
 * credit code repeated within the file.
 */
export function createFirmRowParser(mapping: ColumnMapping, areas: AreaLookup) {
  const result: ParsedRows<FirmInput> = { valid: [], problems: [], rowCount: 0, invalidCount: 0 }
  const firstRowOfCode = new Map<string, number>()
  return {
    add(row: SheetRow): void {
      if (isEmptyRow(row)) return
      result.rowCount++
      const { input, areaProblem } = firmFromRow(row, mapping, areas)
      const checked = validateFirm(input)
      const problems: RowProblem[] = checked.ok ? [] : atRow(row.number, checked.problems)
      if (areaProblem) problems.push(areaProblem)
      const code = String(input.creditCode)
      const first = firstRowOfCode.get(code)
      if (code !== '' && first !== undefined) {
        problems.push({
          row: row.number,
          field: 'creditCode',
          code: 'duplicate',
          params: { row: first },
        })
      } else if (code !== '') {
        firstRowOfCode.set(code, row.number)
      }
      if (problems.length > 0) {
        result.problems.push(...problems)
        result.invalidCount++
      } else if (checked.ok) {
        result.valid.push({ row: row.number, value: checked.value })
      }
    },
    result: (): ParsedRows<FirmInput> => result,
  }
}

export function parseFirmRows(
  rows: readonly SheetRow[],
  mapping: ColumnMapping,
  areas: AreaLookup,
): ParsedRows<FirmInput> {
  const parser = createFirmRowParser(mapping, areas)
  for (const row of rows) parser.add(row)
  return parser.result()
}
