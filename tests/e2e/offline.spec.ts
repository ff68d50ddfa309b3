import { expect, screenshot, test } from './fixtures'

test('after one visit the app works offline: reload, every page, the data there', async ({
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
  await context.setOffline(false)
  expect(errors).toEqual([])
})
