import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, loadDemo, screenshot, test } from './fixtures'

/** Registers written by other tools: tests/fixtures/import/make_fixtures.py (openpyxl, csv/gbk). */
const fixture = (name: string) => resolve('tests/fixtures/import', name)

async function pickOption(page: Page, select: Locator, name: string): Promise<void> {
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
  await select.click()
  await page
    .locator('.el-select-dropdown:visible')
    .getByRole('option', { name, exact: true })
    .click()
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
}

/** The value step's select of the row that shows `text`. */
function valueSelect(page: Page, text: string): Locator {
  return page.getByTestId('import-values').locator('tr', { hasText: text }).locator('.el-select')
}

function firmRow(page: Page, name: string): Locator {
  return page.getByTestId('firm-table').locator('tr', { hasText: name })
}

/** A study sheet as a branch keeps it by hand: 姓名, 学习日期, 学时, 学习内容, 学习形式. */
async function studySheet(rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('学习台账')
  sheet.addRow(['姓名', '学习日期', '学时', '学习内容', '学习形式'])
  for (const row of rows) sheet.addRow(row)
  const path = join(mkdtempSync(join(tmpdir(), 'zhibu-study-')), '学习台账.xlsx')
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()))
  return path
}

/** A day a month back, as 2026年11月4日: the sheet's own way of writing it. */
function monthAgo(): string {
  const day = new Date(Date.now() - 30 * 86_400_000)
  return `${day.getFullYear()}年${day.getMonth() + 1}月${day.getDate()}日`
}

test('a register from another tool imports with its own headers and words; a two-column update changes nothing else; a study sheet takes the same steps', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await loadDemo(page)
  await page.getByTestId('nav-firms').click()
  await expect(page.getByTestId('pager')).toContainText('共 881 条')

  // A banner's register: merged title, header on row 2, 所在旗县（市、区）, 从业人员数（人）.
  await page.getByTestId('firm-import').click()
  await page.getByTestId('import-file').setInputFiles(fixture('firm-register.xlsx'))
  await expect(page.getByTestId('import-header-row')).toContainText('表头在第 2 行')
  await expect(page.getByTestId('import-map-areaId')).toContainText('D · 所在旗县（市、区）')
  await expect(page.getByTestId('import-map-employees')).toContainText('F · 从业人员数（人）')
  await expect(page.getByTestId('import-matched-areaId')).toHaveText('按含义')
  await screenshot(page, 'import-foreign-mapping')
  await page.getByTestId('import-next').click()

  // The words no table knows, and the national names with a translation worth a look.
  const values = page.getByTestId('import-values')
  await expect(values).toContainText('网络直播')
  await expect(values).toContainText('网络安全')
  await expect(values.locator('tr', { hasText: '互联网信息服务' })).toContainText(
    'GB/T 4754-2017 642',
  )
  await expect(page.getByTestId('import-values-unresolved')).toContainText('还有 2 个取值没有对应')
  await pickOption(page, valueSelect(page, '网络直播'), '生活服务')
  await pickOption(page, valueSelect(page, '网络安全'), '软件和信息技术服务')
  await expect(page.getByTestId('import-values-unresolved')).toHaveCount(0)
  await screenshot(page, 'import-foreign-values')
  await page.getByTestId('import-next').click()

  // Every good row lands; the wrong check character is named with its Excel row.
  await expect(page.getByTestId('import-valid-count')).toContainText('8 行可以导入')
  await expect(page.getByTestId('import-actions')).toContainText('新增 8')
  const errors = page.getByTestId('import-error-table')
  await expect(errors).toContainText('11')
  await expect(errors).toContainText('统一社会信用代码的校验位不正确')
  await screenshot(page, 'import-foreign-preview')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('pager')).toContainText('共 889 条')
  await page.getByTestId('firm-search').fill('草原直播')
  await expect(page.getByTestId('pager')).toContainText('共 1 条')
  await expect(firmRow(page, '草原直播文化传媒有限公司')).toContainText('生活服务')
  await expect(firmRow(page, '草原直播文化传媒有限公司')).toContainText('35')

  // A yearly update of two columns: only the employees change, and the preview says so.
  await page.getByTestId('firm-search').fill('北方云数')
  const before = firmRow(page, '北方云数科技有限公司')
  await expect(before).toContainText('软件和信息技术服务')
  await expect(before).toContainText('120')
  await expect(before.getByTestId('firm-status')).toHaveText('仅工作覆盖')
  await page.getByTestId('firm-import').click()
  await page.getByTestId('import-file').setInputFiles(fixture('firm-update-two-columns.xlsx'))
  await expect(page.getByTestId('import-new-record-gaps')).toContainText('企业名称')
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-actions')).toContainText('更新 1')
  await expect(page.getByTestId('import-actions')).toContainText('无变化 1')
  const changes = page.getByTestId('import-changes')
  await expect(changes.locator('tbody tr')).toHaveCount(1)
  await expect(changes).toContainText('北方云数科技有限公司')
  await expect(changes).toContainText('从业人员')
  await expect(changes).toContainText('120')
  await expect(changes).toContainText('135')
  await screenshot(page, 'import-update-preview')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByText('导入完成：新增 0 条，更新 1 条，无变化 1 条')).toBeVisible()
  const after = firmRow(page, '北方云数科技有限公司')
  await expect(after).toContainText('135')
  await expect(after).toContainText('软件和信息技术服务')
  await expect(after.getByTestId('firm-status')).toHaveText('仅工作覆盖')

  // The GBK CSV of the same register: read as such, and the words chosen above remembered.
  await page.getByTestId('firm-import').click()
  await page.getByTestId('import-file').setInputFiles(fixture('firm-register-gbk.csv'))
  await expect(page.getByTestId('import-header-row')).toContainText('CSV 文件（GB18030 编码）')
  await page.getByTestId('import-next').click()
  await expect(values.locator('tr', { hasText: '网络直播' })).toContainText('上次的选择')
  await expect(valueSelect(page, '网络直播')).toContainText('生活服务')
  await page.getByTestId('import-next').click()
  // The update above gave 北方云数 135 employees; the CSV still says 120.
  await expect(page.getByTestId('import-actions')).toContainText('更新 1')
  await expect(page.getByTestId('import-actions')).toContainText('无变化 7')
  await page.getByTestId('import-back').click()
  await page.getByTestId('import-back').click()
  await page.getByTestId('import-back').click()

  // An old .xls: told to save it as .xlsx.
  await page.getByTestId('import-file').setInputFiles(fixture('old-register.xls'))
  await expect(page.getByTestId('import-failure')).toContainText('另存为')
  await expect(page.getByTestId('import-failure')).toContainText('.xls / .et')

  await page.keyboard.press('Escape')

  // A study sheet for a branch, through the same steps: the unknown 形式 mapped, both rows land.
  await page.getByTestId('nav-study').click()
  await page.getByTestId('study-org').click()
  await page.getByTestId('study-org').locator('input').fill('信达')
  await page.getByRole('option', { name: '信达中小企业服务有限公司党支部' }).click()
  await page.getByRole('tab', { name: '学时进度' }).click()
  const bars = page.getByTestId('study-progress').locator('.el-table__body .el-table__row')
  await expect(bars.first()).toBeVisible()
  const names = (await bars.locator('td:first-child').allInnerTexts()).map((text) => text.trim())
  const [first, second] = [names[0] ?? '', names[1] ?? '']
  const topic = '学习《中国共产党支部工作条例》（导入）'
  await page.getByTestId('study-import').click()
  await page.getByTestId('import-file').setInputFiles(
    await studySheet([
      [first, monthAgo(), 2, topic, '打卡学习'],
      [second, monthAgo(), 1.5, topic, '学习强国'],
    ]),
  )
  await expect(page.getByTestId('import-map-studiedOn')).toContainText('学习日期')
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-values')).toContainText('打卡学习')
  await pickOption(page, valueSelect(page, '打卡学习'), '线上学习')
  await screenshot(page, 'import-study-values')
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-actions')).toContainText('新增 2')
  await screenshot(page, 'import-study-preview')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByText('导入完成：新增 2 条，更新 0 条，无变化 0 条')).toBeVisible()
  await page.getByRole('tab', { name: '学习记录' }).click()
  await expect(page.getByTestId('study-table')).toContainText(topic)
})
