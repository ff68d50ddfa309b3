import { actAsSecretary, expect, loadDemo, screenshot, test } from './fixtures'

const BRANCH = '信达中小企业服务有限公司党支部'

test.setTimeout(240_000)

test('a secretary records a month of dues in one action, corrects one, prints; 待办 and the dashboard follow', async ({
  page,
}) => {
  await page.addInitScript(() => {
    ;(window as unknown as { printCalls: number }).printCalls = 0
    window.print = () => {
      ;(window as unknown as { printCalls: number }).printCalls++
    }
  })
  await loadDemo(page)
  await actAsSecretary(page, BRANCH)
  await page.goto('/dues')
  const table = page.getByTestId('dues-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  // This month is not paid yet: every line unpaid, the rate is 0.
  await expect(page.getByTestId('dues-sum-rate')).toHaveText('0.0%')
  await screenshot(page, 'dues-register-before')

  await page.getByTestId('dues-bulk').click()
  await page.getByRole('button', { name: '全部按应交已交' }).last().click()
  await expect(page.getByTestId('dues-sum-rate')).toHaveText('100.0%')
  await expect(page.getByTestId('dues-sum-unpaid')).toHaveText('0')

  // Correct the first member's payment: the reason is required and kept.
  const first = table.locator('tbody tr').first()
  await first.getByRole('button', { name: '更正' }).click()
  const dialog = page.getByRole('dialog')
  await dialog
    .locator('[data-testid="dues-paid"] input, input[data-testid="dues-paid"]')
    .first()
    .fill('0.10')
  await dialog
    .locator('[data-testid="dues-receipt"] input, input[data-testid="dues-receipt"]')
    .first()
    .fill('DF-E2E-1')
  await page.getByTestId('dues-save').click()
  await expect(dialog.getByText('请填写更正原因')).toBeVisible()
  await dialog
    .locator('[data-testid="dues-reason"] input, input[data-testid="dues-reason"]')
    .first()
    .fill('误录金额，按收据更正')
  await screenshot(page, 'dues-correction-dialog')
  await page.getByTestId('dues-save').click()
  await expect(dialog).toBeHidden()
  await expect(first).toContainText('未交足')
  await expect(first).toContainText('DF-E2E-1')
  await first.getByRole('button', { name: '更正' }).click()
  await expect(page.getByTestId('dues-corrections')).toContainText('误录金额，按收据更正')
  await page.keyboard.press('Escape')
  await screenshot(page, 'dues-register-after')

  // The A4 register.
  await page.getByTestId('dues-print').click()
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(
    1,
  )
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('dues-paper')).toBeVisible()
  await expect(page.getByTestId('dues-paper')).toContainText(`${BRANCH} 党费收缴登记表`)
  await screenshot(page, 'dues-print')
  await page.emulateMedia({ media: 'screen' })

  // Phone layout.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload()
  await expect(page.locator('[data-testid^="dues-card-"]').first()).toBeVisible()
  await screenshot(page, 'dues-phone')
  await page.setViewportSize({ width: 1280, height: 900 })

  // The department: the six-month member on 待办 with the dues trigger named, and the rate.
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-department').click()
  await page.getByTestId('role-apply').click()
  await page.goto('/todo')
  await page.locator('.el-radio-button', { hasText: /^\s*党员\s*\d+/ }).click()
  await expect(page.getByText(/连续 6 个月未交纳党费/).first()).toBeVisible({ timeout: 30_000 })
  await screenshot(page, 'dues-todo')
  await page.goto('/dashboard')
  await page.getByRole('tab', { name: '工作质量' }).click()
  const figures = page.getByTestId('quality-dues-table')
  await expect(page.getByTestId('quality-dues-rate')).toHaveText(/%$/)
  // Last month the branch collected everything (the demo's payments).
  await expect(figures).toBeVisible()
  await expect(page.getByTestId('quality-dues-arrears6')).not.toHaveText('0')
  const monthInput = page
    .locator('.el-card', { has: page.getByTestId('quality-dues-table') })
    .locator('.el-date-editor input')
    .first()
  await monthInput.fill(new Date().toISOString().slice(0, 7))
  await page.keyboard.press('Enter')
  await expect(figures.locator('tr', { hasText: BRANCH })).toBeVisible({ timeout: 20_000 })
  await expect(figures.locator('tr', { hasText: BRANCH })).toContainText('%')
  await figures.scrollIntoViewIfNeeded()
  await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 20_000 })
  await page.screenshot({ path: 'reports/screens/dues-dashboard.png', animations: 'disabled' })
})
