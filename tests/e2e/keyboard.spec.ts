import { expect, loadDemo, screenshot, test } from './fixtures'

/**
 * Keyboard use of a form dialog (FormDialog): the first typed field has the focus when the
 * dialog opens, Enter submits (and a refused submit names the missing field), Esc closes.
 */
test('form dialog keyboard: focus on open, Enter submits (refused with the field named, then saved), Esc closes', async ({
  page,
}) => {
  await loadDemo(page)
  await page.getByTestId('nav-firms').click()

  await page.getByTestId('firm-add').click()
  const name = page.getByTestId('firm-name')
  await expect(name).toBeFocused()
  await page.keyboard.type('包头键盘录入科技有限公司')
  // Enter with the credit code and area still empty: refused, the fields named, nothing saved.
  await page.keyboard.press('Enter')
  await expect(
    page
      .getByTestId('firm-form')
      .locator('.el-form-item__error', { hasText: '请填写统一社会信用代码' }),
  ).toBeVisible()
  await expect(page.getByTestId('firm-form')).toBeVisible()
  await screenshot(page, 'firm-form-refused')

  // The area picked, back in the name field: Enter saves.
  await page.getByTestId('firm-area').filter({ visible: true }).first().click()
  await page
    .locator('.el-tree-select__popper:visible')
    .getByRole('option', { name: '包头市', exact: true })
    .first()
    .click()
  // Tab to the next field, type a valid credit code, Enter saves.
  await name.focus()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('firm-credit-code')).toBeFocused()
  await page.keyboard.type('91150200MA0KB7D23A')
  await page.keyboard.press('Enter')
  await expect(page.getByText('企业已新增')).toBeVisible()
  await expect(page.getByTestId('firm-form')).toBeHidden()
  await page.getByTestId('firm-search').fill('键盘录入')
  await expect(page.getByTestId('firm-table')).toContainText('包头键盘录入科技有限公司')

  // Opened again, typed into, Esc closes without saving.
  await page.getByTestId('firm-add').click()
  await expect(name).toBeFocused()
  await page.keyboard.type('包头不该保存科技有限公司')

  await page.keyboard.press('Escape')
  await expect(page.getByTestId('firm-form')).toBeHidden()
  await page.getByTestId('firm-search').fill('不该保存')
  await expect(page.getByTestId('firm-table')).not.toContainText('包头不该保存科技有限公司')
})
