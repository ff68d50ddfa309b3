import ExcelJS from 'exceljs'
import { expect, screenshot, test } from './fixtures'

/** 'YYYY-MM-DD' of the browser's day, a year earlier (the as-of date the test picks). */
function yearEarlier(today: string): string {
  return `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28')
}

/** Every cell's value of a sheet, as text, row by row. */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = []
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1)
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))))
  })
  return rows
}

test('dashboard: the article figures, drill into 包头市 and back, export, charts, an earlier date, print', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 })
  await expect(page.getByTestId('stat-firms-with-org')).toHaveText('121')
  await expect(page.getByTestId('stat-org-coverage')).toHaveText('13.8%')
  await expect(page.getByTestId('stat-members')).toHaveText('546')
  await expect(page.getByTestId('figures-source')).toContainText('今日数据')
  await expect(page.getByTestId('coverage-by-area')).toContainText('包头市')
  await screenshot(page, 'dashboard-cards-zh')

  // Drill into 包头市: its banners/districts, the URL keeps it through a reload.
  await page.getByTestId('drill-包头市').click()
  await expect(page).toHaveURL(/\?area=/)
  await expect(page.getByTestId('trail-current')).toHaveText('包头市')
  await expect(page.getByTestId('stat-firms')).not.toHaveText('875')
  await expect(page.getByTestId('coverage-by-area')).toContainText('稀土高新区')
  const baotouFirms = await page.getByTestId('stat-firms').innerText()
  await page.reload()
  await expect(page.getByTestId('trail-current')).toHaveText('包头市')
  await expect(page.getByTestId('stat-firms')).toHaveText(baotouFirms)
  await screenshot(page, 'dashboard-drill-baotou-zh')
  await page.getByTestId('trail-top').click()
  await expect(page).not.toHaveURL(/\?area=/)
  await expect(page.getByTestId('stat-firms')).toHaveText('875')

  // Export the view and read it back: the same figures, one sheet per breakdown.
  const downloading = page.waitForEvent('download')
  await page.getByTestId('dashboard-export').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(await download.path())
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    '总览',
    '按地区',
    '按行业',
    '按规模',
    '趋势',
  ])
  const overview = new Map(
    sheetRows(workbook.getWorksheet('总览')!)
      .slice(2)
      .map(([label, value]) => [label, value]),
  )
  expect(overview.get('在营企业')).toBe('875')
  expect(overview.get('建立党组织')).toBe('121')
  expect(overview.get('组织覆盖率（%）')).toBe('13.8')
  expect(overview.get('党员')).toBe('546')
  const byArea = sheetRows(workbook.getWorksheet('按地区')!)
  const baotouRow = byArea.find((row) => row[0] === '包头市')
  expect(baotouRow?.[1]).toBe(baotouFirms)
  const industryTotal = sheetRows(workbook.getWorksheet('按行业')!)
    .slice(2)
    .reduce((sum, row) => sum + Number(row[1]), 0)
  expect(industryTotal).toBe(875)
  const trend = sheetRows(workbook.getWorksheet('趋势')!).slice(2)
  expect(trend).toHaveLength(12)
  expect(trend.at(-1)?.[1]).toBe('875')

  // Charts beside the tables.
  await page.getByTestId('area-view').getByText('图表').click()
  await expect(page.getByTestId('area-chart').locator('svg').first()).toBeVisible()
  await screenshot(page, 'dashboard-area-chart-zh')
  await page.getByRole('tab', { name: '按行业' }).click()
  await expect(page.getByTestId('coverage-by-industry')).toContainText('电子商务')
  await page.getByRole('tab', { name: '趋势' }).click()
  await expect(page.getByTestId('trend-chart').locator('svg').first()).toBeVisible({
    timeout: 30_000,
  })
  await screenshot(page, 'dashboard-trend-zh')
  await page.getByRole('tab', { name: '党员结构' }).click()
  await expect(page.getByTestId('member-structure')).toContainText('共 546 名党员', {
    timeout: 30_000,
  })
  await expect(page.getByTestId('member-structure').locator('svg').first()).toBeVisible()
  await page
    .getByTestId('member-structure')
    .getByRole('heading', { name: '学历' })
    .scrollIntoViewIfNeeded()
  await screenshot(page, 'dashboard-structure-zh')
  await page.getByRole('tab', { name: '工作质量' }).click()
  await expect(page.getByTestId('compliance-by-area')).toContainText('合计', { timeout: 30_000 })
  await expect(page.getByTestId('quality-issues')).toBeVisible()
  await page.getByTestId('compliance-by-area').scrollIntoViewIfNeeded()
  await screenshot(page, 'dashboard-quality-zh')

  // A year earlier: computed from the dates, and the figures change.
  await page.getByRole('tab', { name: '按地区' }).click()
  const today = await page.evaluate(() => {
    const now = new Date()
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  })
  const earlier = yearEarlier(today)
  const picker = page.getByRole('combobox', { name: '统计日期' })
  await picker.fill(earlier)
  await picker.press('Enter')
  await expect(page.getByTestId('figures-source')).toContainText(earlier, { timeout: 30_000 })
  await expect(page.getByTestId('stat-firms')).not.toHaveText('875')
  await screenshot(page, 'dashboard-year-earlier-zh')

  // The A4 print: title, date, area, figures, the chart.
  await page.getByTestId('area-view').getByText('图表').click()
  await expect(page.getByTestId('area-chart').locator('svg').first()).toBeVisible()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByText('党组织覆盖统计报告')).toBeVisible()
  await screenshot(page, 'dashboard-print-zh')
  await page.emulateMedia({ media: 'screen' })

  // The charts follow the language.
  await page.getByTestId('locale-select').click()
  await page.getByRole('option', { name: 'English' }).click()
  await expect(page.getByRole('tab', { name: 'By area' })).toBeVisible()
  await expect(page.getByTestId('area-chart').locator('svg').first()).toContainText(
    'Operating firms',
  )
  await screenshot(page, 'dashboard-chart-en')
})
