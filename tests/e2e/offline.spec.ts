import { expect, screenshot, test } from './fixtures'

test('after one visit the app works offline: reload, every page, add a meeting, all there online', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The dashboard opens once the demo is written (its figures are another spec's business).
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  // The service worker has installed (precached every chunk) once it is active.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
  expect(scope).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  await page.reload()
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true)
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json())
  expect(manifest).toMatchObject({ name: '支部', display: 'standalone' })

  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('count-firms')).not.toHaveText('0')
  const firms = await page.getByTestId('count-firms').textContent()

  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  const paths = await page
    .locator('[data-testid^="nav-"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('data-testid')!.slice(4)))
  expect(paths.length).toBeGreaterThanOrEqual(8)
  for (const path of paths) {
    await page.getByTestId(`nav-${path}`).click()
    await expect(page).toHaveURL(new RegExp(`/${path}$`))
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('.el-loading-mask:visible')).toHaveCount(0, { timeout: 30_000 })
  }
  // A page opened directly (not through the app's links) comes from the cache too.
  await page.goto('/data')
  await expect(page.getByTestId('count-firms')).toHaveText(firms!)
  await screenshot(page, 'offline-data')

  // Still offline: a secretary logs a meeting (the role dialog's chunk is precached too).
  const branch = '信达中小企业服务有限公司党支部'
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-secretary').click()
  await page.getByTestId('role-org').click()
  await page.keyboard.type(branch.slice(0, 4))
  await page.getByRole('option', { name: branch, exact: true }).click()
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(branch)
  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  await expect(page.getByTestId('meeting-form').getByTestId('meeting-org')).toContainText(branch)
  const topic = '断网时登记的主题党日'
  await page.getByTestId('meeting-topic').fill(topic)
  await page.getByTestId('meeting-place').fill('党员活动室')
  await page.getByTestId('meeting-host').fill('张书记')
  await page.getByTestId('meeting-recorder').fill('李委员')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByText('会议已登记')).toBeVisible()

  // Back online: everything is still there after a reload.
  await context.setOffline(false)
  await page.reload()
  await expect(page.getByTestId('meeting-table')).toContainText(topic)
  await page.goto('/data')
  await expect(page.getByTestId('count-firms')).toHaveText(firms!)
  expect(errors).toEqual([])
})
