import ExcelJS from 'exceljs'
import { actAsSecretary, expect, loadDemo, screenshot, test } from './fixtures'

const BRANCH = '信达中小企业服务有限公司党支部'

test.setTimeout(240_000)

/** A treasurer's sheet (exceljs on the Node side): 姓名, 月份 as 2026年12月, amounts, receipts. */
async function duesSheet(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('党费')
  sheet.addRow(['姓名', '交纳月份', '实缴党费（元）', '缴纳日期', '收据编号'])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

test('a secretary imports a month of dues from Excel: preview, problems, warning accepted, register paid', async ({
  page,
}) => {
  await loadDemo(page)
  await actAsSecretary(page, BRANCH)
  await page.goto('/dues')
  const table = page.getByTestId('dues-table')
  const lines = table.locator('tbody tr')
  await expect(lines.first()).toBeVisible()
  // The page opens on this month.
  const today = new Date()
  const year = today.getFullYear()
  const monthNumber = today.getMonth() + 1
  // The first two members of this month's register, with what each owes.
  const line = async (index: number) => {
    const cells = lines.nth(index).locator('td')
    return {
      name: (await cells.nth(0).innerText()).split('\n')[0]!.trim(),
      due: Number((await cells.nth(3).innerText()).trim()),
    }
  }
  const first = await line(0)
  const second = await line(1)
  expect(first.due).toBeGreaterThan(0)
  const paidOn = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-01`
  const file = await duesSheet([
    [first.name, `${year}年${monthNumber}月`, first.due, paidOn, 'DF-IMP-1'],
    // Paid one yuan more than the bracket's due: a warning to accept, not an error.
    [second.name, `${year}年${monthNumber}月`, second.due + 1, paidOn, 'DF-IMP-2'],
    ['查无此人', `${year}年${monthNumber}月`, 10, paidOn, 'DF-IMP-3'],
  ])

  await page.getByTestId('dues-import').click()
  const dialog = page.getByTestId('import-dialog')
  await expect(dialog).toBeVisible()
  await page.getByTestId('import-file').setInputFiles({
    name: '党费.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file,
  })
  // The columns found by meaning: 交纳月份 → 月份, 实缴党费（元） → 实交, 收据编号 → 收据号.
  await expect(page.getByTestId('import-next')).toBeEnabled()
  await screenshot(page, 'dues-import-mapping')
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-valid-count')).toHaveAttribute('data-count', '2')
  await expect(page.getByTestId('import-actions')).toContainText('新增 2')
  await expect(page.getByTestId('import-invalid-count')).toContainText('1 行有问题')
  await expect(page.getByTestId('import-warning-count')).toHaveAttribute('data-count', '1')
  // The problems come first; the warnings say what was paid against what the month owes.
  await expect(page.getByTestId('import-error-table')).toBeVisible()
  await dialog.getByRole('tab', { name: /提醒/ }).click()
  const warnings = page.getByTestId('import-warning-table')
  await expect(warnings).toBeVisible()
  await expect(warnings).toContainText('与本月应交')
  await expect(warnings).toContainText(`${(second.due + 1).toFixed(2)} 元`)
  await expect(page.getByTestId('import-confirm')).toBeDisabled()
  await screenshot(page, 'dues-import-preview')

  await dialog.getByRole('tab', { name: /问题/ }).click()
  const problems = page.getByTestId('import-error-table')
  await expect(problems).toContainText('4')
  await expect(problems).toContainText('姓名中的“查无此人”不存在')
  await screenshot(page, 'dues-import-problems')

  await page.getByTestId('import-accept-warnings').click()
  await expect(page.getByTestId('import-confirm')).toBeEnabled()
  await page.getByTestId('import-confirm').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('导入完成：新增 2 条')).toBeVisible()

  // The register shows both months paid, with the receipts from the sheet.
  const row = (name: string) => lines.filter({ hasText: name }).first()
  await expect(row(first.name)).toContainText('DF-IMP-1')
  await expect(row(first.name)).toContainText('已交')
  await expect(row(second.name)).toContainText('DF-IMP-2')
  await expect(row(second.name)).toContainText((second.due + 1).toFixed(2))
  await screenshot(page, 'dues-import-register')

  // The page's own export reads back unchanged: every row found, nothing to change.
  const download = page.waitForEvent('download')
  await page.getByTestId('dues-export').click()
  const exported = await (await download).path()
  const count = await lines.count()
  await page.getByTestId('dues-import').click()
  await page.getByTestId('import-file').setInputFiles(exported)
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-valid-count')).toHaveAttribute('data-count', String(count))
  await expect(page.getByTestId('import-actions')).toContainText(`无变化 ${count}`)
  await expect(page.getByTestId('import-invalid-count')).toHaveCount(0)
  await expect(page.getByTestId('import-warning-count')).toHaveCount(0)
  await screenshot(page, 'dues-import-roundtrip')
})
