import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listJointCommittees, listJointMeetings } from '@/db'
import { loadDemoData } from '@/services/demoLoader'
import { buildIssuesWorkbook, buildMinutesWorkbook } from '@/services/spreadsheet/joint'
import { useFreshDb } from '../db/helpers'

useFreshDb()
const TODAY = '2026-11-23'

async function firstSheet(data: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(data)
  const rows: string[][] = []
  workbook.worksheets[0]!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? '')))
  })
  return rows
}

// The demo load writes ~10k records: seconds on a busy machine.
describe('joint committee spreadsheets', () => {
  it('the demo problem list: a header and 30 problems with names, status and days', async () => {
    await loadDemoData(TODAY)
    const [committee] = await listJointCommittees()
    const { data, rows, name } = await buildIssuesWorkbook(committee!.id, TODAY)
    expect(rows).toBe(30)
    expect(name).toBe('巴林右旗非公企业和社会组织联合党委')
    const sheet = await firstSheet(data)
    expect(sheet[0]?.slice(0, 3)).toEqual(['序号', '问题', '具体情况'])
    expect(sheet).toHaveLength(31)
    const resolved = sheet.filter((row) => row[7]?.startsWith('已解决'))
    expect(resolved).toHaveLength(28)
    // Responsible constituents by name, never by id.
    expect(resolved[0]?.[4]).toMatch(/党(组|委)/)
    expect(Number(resolved[0]?.[11])).toBeGreaterThan(0)
  }, 30_000)

  it("a meeting's minutes: date, those present and the problems it raised", async () => {
    await loadDemoData(TODAY)
    const [committee] = await listJointCommittees()
    const [first] = await listJointMeetings(committee!.id)
    const { data, heldOn } = await buildMinutesWorkbook(first!.id)
    expect(heldOn).toBe(first!.heldOn)
    const sheet = await firstSheet(data)
    expect(sheet).toContainEqual(['会议', '第1次联席会议'])
    expect(sheet).toContainEqual(['日期', first!.heldOn])
    // The first meeting raised 6 problems (demo: 6, 5, 5, 4, 4, 4).
    expect(
      sheet.filter((row) => /^\d+\. /.test(row[1] ?? '') && row[1]?.includes('牵头')),
    ).toHaveLength(6)
  }, 30_000)
})
