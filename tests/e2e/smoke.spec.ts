import { expect, test } from './fixtures'

test('the app loads with its title', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle(/支部/)
})
