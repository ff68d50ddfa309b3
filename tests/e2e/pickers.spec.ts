import type { Page } from '@playwright/test'
import { actAsSecretary, expect, loadDemo, screenshot, test } from './fixtures'

/**
 * The org picker searches by index (name pieces): typing part of a name in the middle
 * finds the org, a name that is nowhere finds nothing, and a branch secretary's list filter
 * offers only the orgs of their own subtree.
 */
const BRANCH = '信达中小企业服务有限公司党支部'

function options(page: Page) {
  return page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
}

async function typeInOrgFilter(page: Page, text: string): Promise<void> {
  const select = page.getByTestId('member-filter-org')
  await select.click()
  await select.locator('input').fill(text)
}

test('the org picker finds an org by part of its name and picks it', async ({ page }) => {
  await loadDemo(page)
  await page.getByTestId('nav-members').click()

  // A piece from the middle of the name: a contained-in match, not only a start.
  await typeInOrgFilter(page, '中小企业')
  await expect(options(page).filter({ hasText: BRANCH })).toBeVisible()
  // Once the search has answered, every option holds the piece typed.
  await expect(options(page).filter({ hasNotText: '中小企业' })).toHaveCount(0)
  await screenshot(page, 'picker-org-search')
  await options(page).filter({ hasText: BRANCH }).click()
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
  await expect(page.getByTestId('member-filter-org')).toContainText(BRANCH)
  await expect(page.getByTestId('member-table')).toBeVisible()

  // A name that is nowhere: no option at all.
  await typeInOrgFilter(page, '不存在的名称')
  await expect(page.locator('.el-select-dropdown:visible')).toContainText(/无匹配数据|无数据/)
  await expect(options(page)).toHaveCount(0)
  await screenshot(page, 'picker-org-no-match')
})

test('a branch secretary’s org filter offers only their own subtree', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-members')).toHaveText('546', { timeout: 60_000 })
  // The role's own picker searches the whole register (two characters: a contained match).
  await actAsSecretary(page, BRANCH, '信达')

  await page.getByTestId('nav-members').click()
  // Every branch is a 党支部; inside this scope only the secretary's own is offered.
  await typeInOrgFilter(page, '党支部')
  await expect(options(page).filter({ hasText: BRANCH })).toBeVisible()
  await expect(options(page)).toHaveCount(1)
  await screenshot(page, 'picker-org-scoped')
})
