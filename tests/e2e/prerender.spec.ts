import { expect, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

// index.html carries the welcome page rendered from WelcomeView at build time: a device the app
// has not taken past it sees it before any script runs; a returning device sees the shell.

/** Every layout shift the page reports from its start (PerformanceObserver, buffered). */
async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = []
    Object.assign(window, { zbShifts: shifts })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        shifts.push((entry as unknown as { value: number }).value)
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

const shifts = (page: Page) =>
  page.evaluate(() => (window as unknown as { zbShifts: number[] }).zbShifts)

for (const width of [390, 1440]) {
  test(`the welcome page paints with every script blocked (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 768 ? 844 : 900 })
    await page.route('**/*.js', (route) => route.abort())
    await page.goto('/')
    await expect(page.getByRole('heading', { name: '欢迎使用支部', level: 1 })).toBeVisible()
    await expect(page.getByRole('heading', { name: '载入示例数据', level: 2 })).toBeVisible()
    await expect(page.getByRole('heading', { name: '从空白开始', level: 2 })).toBeVisible()
    await expect(page.locator('.el-card')).toHaveCount(2)
    // Styled from the inline CSS alone: the party red button, the cards side by side or stacked.
    await expect(page.getByTestId('load-demo')).toHaveCSS('background-color', 'rgb(200, 16, 46)')
    const [first, second] = await page
      .locator('.el-card')
      .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().top))
    if (width < 768) expect(second).toBeGreaterThan(first! + 100)
    else expect(second).toBe(first)
    await expect(page.locator('.zb-shell')).toHaveCount(0)
    await screenshot(page, `prerender-welcome-${width}`)
  })
}

test('English saved: the English welcome page paints before any script', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('zhibu.session', JSON.stringify({ role: 'department', locale: 'en' })),
  )
  await page.route('**/*.js', (route) => route.abort())
  await page.goto('/welcome')
  await expect(page.getByRole('heading', { name: 'Welcome to Zhibu', level: 1 })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('mounting over the painted welcome page shifts nothing', async ({ page }) => {
  await watchLayoutShifts(page)
  // The painted page, measured before the app's scripts may run.
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/assets/index-*.js', async (route) => {
    await held
    await route.continue()
  })
  // Not waiting for "load": the held script holds it.
  await page.goto('/', { waitUntil: 'commit' })
  await expect(page.getByRole('heading', { name: '欢迎使用支部' })).toBeVisible()
  const boxesOf = () =>
    page.locator('h1, .welcome__lead, .el-card, .el-card p, .el-button').evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect()
        return [node.textContent?.trim(), box.x, box.y, box.width, box.height]
      }),
    )
  const painted = await boxesOf()
  expect(painted.length).toBe(8)
  release()
  // Mounted: the inline CSS is gone once Vue has taken over.
  await expect(page.locator('#zb-welcome-css')).toHaveCount(0)
  await expect(page.getByTestId('load-demo')).toBeVisible()
  expect(await boxesOf()).toEqual(painted)
  expect(await shifts(page)).toEqual([])
})

test('a click before the app mounts is carried out once it has', async ({ page }) => {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/assets/index-*.js', async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/', { waitUntil: 'commit' })
  await page.getByTestId('start-empty').click()
  release()
  await expect(page).toHaveURL(/\/dashboard$/)
})

test('the buttons work after mount; a returning device then sees the shell', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('#zb-welcome-css')).toHaveCount(0)
  await page.getByTestId('start-empty').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  expect(await page.evaluate(() => localStorage.getItem('zhibu.returning'))).toBe('1')

  await page.route('**/*.js', (route) => route.abort())
  await page.goto('/')
  await expect(page.locator('.zb-shell')).toBeVisible()
  await expect(page.getByRole('heading', { name: '欢迎使用支部' })).toHaveCount(0)
})
