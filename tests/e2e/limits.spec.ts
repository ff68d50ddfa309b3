import { expect, loadDemo, screenshot, test } from './fixtures'

/**
 * One home per rule, seen from the forms: a field stops where the domain's limit is (the
 * committee holder 50, the org note 2000 — they were 30 and 500), and a meeting without a
 * topic is refused with the field named, as the repository now refuses it too.
 */
test('forms stop at the domain limits; a meeting needs its topic', async ({ page }) => {
  test.setTimeout(150_000)
  await loadDemo(page)

  await page.getByTestId('nav-orgs').click()
  await page.getByTestId('org-add').click()
  const form = page.getByTestId('org-form')
  await expect(form).toBeVisible()
  await form.getByRole('button', { name: '添加职务' }).click()
  const holder = page.getByTestId('org-committee').locator('.seat__holder input')
  await expect(holder).toHaveAttribute('maxlength', '50')
  await holder.pressSequentially('张'.repeat(55))
  await expect(holder).toHaveValue('张'.repeat(50))
  await expect(form.locator('textarea')).toHaveAttribute('maxlength', '2000')
  await screenshot(page, 'limits-org-form')
  await page.keyboard.press('Escape')

  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  const meeting = page.getByTestId('meeting-form')
  await expect(page.getByTestId('meeting-topic')).toHaveAttribute('maxlength', '200')
  await page.getByTestId('meeting-topic').fill('')
  await page.getByTestId('meeting-save').click()
  await expect(meeting).toContainText('请填写议题')
  await screenshot(page, 'limits-meeting-topic-required')
})
