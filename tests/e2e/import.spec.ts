import ExcelJS from 'exceljs'
import { expect, screenshot, test } from './fixtures'
import { saveFirmWorkbook } from './xlsx'

test('import 200 firms with 3 bad rows, then export and re-import gives the same firms', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 }) // the demo load is slow on a busy machine
  await page.getByTestId('nav-firms').click()
  await expect(page.getByTestId('pager')).toContainText('共 881 条')

  const file = await saveFirmWorkbook({ areaNames: ['昆都仑区', '青山区', '稀土高新区'] })
  await page.getByTestId('firm-import').click()
  await page.getByTestId('import-file').setInputFiles(file)
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-valid-count')).toContainText('197')
  const errors = page.getByTestId('import-error-table')
  await expect(errors).toContainText('20')
  await expect(errors).toContainText('91')
  await expect(errors).toContainText('153')
  await expect(errors).toContainText('统一社会信用代码的校验位不正确')
  await expect(errors).toContainText('请填写企业名称')
  await expect(errors).toContainText('所属地区中的“不存在旗”不存在')
  await screenshot(page, 'import-preview-zh')
  // Nothing is written before the user confirms.
  await expect(page.getByTestId('pager')).toContainText('共 881 条')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('pager')).toContainText('共 1078 条')

  // Export what the table shows (filtered to the imported firms) and re-import it.
  await page.getByTestId('firm-search').fill('测试网络科技')
  await expect(page.getByTestId('pager')).toContainText('共 197 条')
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-xlsx').click()
  const download = await downloading
  const exported = await download.path()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(exported)
  const sheet = workbook.worksheets[0]!
  expect(sheet.actualRowCount).toBe(198) // header + 197 firms

  await page.getByTestId('firm-import').click()
  await page.getByTestId('import-file').setInputFiles(exported)
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-valid-count')).toContainText('197')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByText('导入完成：新增 0 条，更新 0 条，无变化 197 条')).toBeVisible()
  await page.getByTestId('firm-search').fill('')
  await expect(page.getByTestId('pager')).toContainText('共 1078 条')
})
