import { expect, screenshot, test } from './fixtures'

const PAGES = [
  ['dashboard', '覆盖统计', 'Coverage'],
  ['todo', '待办', 'To do'],
  ['firms', '企业名录', 'Firms'],
  ['orgs', '党组织', 'Organisations'],
  ['members', '党员', 'Members'],
  ['meetings', '三会一课', 'Meetings'],
  ['joint', '联合党委', 'Joint committees'],
  ['study', '学习记录', 'Study'],
  ['data', '数据管理', 'Data'],
  ['settings', '规则设置', 'Rules'],
] as const

test('every page renders in Chinese, then in English after the language switch', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))

  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 }) // the demo load is slow on a busy machine

  for (const [path, zh] of PAGES) {
    await page.getByTestId(`nav-${path}`).click()
    await expect(page).toHaveURL(new RegExp(`/${path}$`))
    await expect(page.getByRole('heading', { level: 1, name: zh, exact: true })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await screenshot(page, `${path}-zh`)
  }

  await page.getByTestId('locale-select').click()
  await page.getByRole('option', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rules', exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  for (const [path, , en] of PAGES) {
    await page.getByTestId(`nav-${path}`).click()
    await expect(page.getByRole('heading', { level: 1, name: en, exact: true })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await screenshot(page, `${path}-en`)
  }
  // The sync page and the import dialog in English too (their words are in their own files).
  await page.goto('/data/sync')
  await expect(page.getByRole('heading', { level: 1, name: 'Sync', exact: true })).toBeVisible()
  await expect(page.getByText('Server address')).toBeVisible()
  await screenshot(page, 'sync-en')
  await page.getByTestId('nav-firms').click()
  await page.getByTestId('firm-import').click()
  const dialog = page.getByTestId('import-dialog')
  await expect(dialog.getByText('Choose an Excel file (.xlsx)', { exact: false })).toBeVisible()
  await screenshot(page, 'import-dialog-en')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.goto('/areas')
  await expect(page.getByRole('heading', { level: 1, name: 'Areas', exact: true })).toBeVisible()
  await screenshot(page, 'areas-en')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Areas', exact: true })).toBeVisible()
  expect(errors).toEqual([])
})

test('the data page replaces data only after confirmation, and the recycle bin brings it back', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 }) // the demo load is slow on a busy machine
  await page.getByTestId('nav-data').click()
  // 875 operating firms plus 6 closed ones the register keeps for history.
  await expect(page.getByTestId('count-firms')).toHaveText('881')

  await page.getByTestId('data-clear').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('移入回收站')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(page.getByTestId('count-firms')).toHaveText('881')

  await page.getByTestId('data-clear').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('count-firms')).toHaveText('0')
  await expect(page.getByTestId('recycle-bin')).toContainText('清空前的全部数据')
  await expect(page.getByTestId('audit-log')).toContainText('清空数据')
  await screenshot(page, 'data-after-clear-zh')

  await page.getByTestId('restore').first().click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('count-firms')).toHaveText('881', { timeout: 60_000 }) // a whole-database restore, slow on a busy machine
  await page.getByTestId('nav-dashboard').click()
  await expect(page.getByTestId('stat-members')).toHaveText('546')
})

test('a changed rule is kept and marked', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('start-empty').click()
  await page.getByTestId('nav-settings').click()
  await page.getByRole('tab', { name: '学习' }).click()
  const input = page.getByTestId('setting-study.hoursPerYear').locator('input')
  await input.fill('40')
  await input.press('Enter')
  await expect(page.getByText('已调整')).toBeVisible()
  await page.reload()
  await page.getByRole('tab', { name: '学习' }).click()
  await expect(page.getByTestId('setting-study.hoursPerYear').locator('input')).toHaveValue('40')
})

test('the 待办 list of the demo reads one kind at a time', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 })
  await page.getByTestId('nav-todo').click()
  const kinds = page.getByTestId('todo-kinds')
  await expect(kinds).toBeVisible({ timeout: 30_000 })
  const rows = page.getByTestId('todo-table').locator('.el-table__body tr')
  await kinds.getByText(/^\s*组织生活 \d+/).click()
  await expect(rows.first()).toBeVisible()
  const kindCells = page.getByTestId('todo-table').locator('.el-table__body tr td:nth-child(2)')
  expect(new Set(await kindCells.allInnerTexts())).toEqual(new Set(['组织生活']))
  await screenshot(page, 'todo-meetings-zh')
})
