import { expect, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/** Count party members of one org straight from IndexedDB, bypassing the app's code. */
async function countMembersInDb(page: Page, orgName: string): Promise<number> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => resolve(request.result as T[])
      })
    const orgs = await all<{ id: string; name: string; parentId: string }>('orgs')
    const root = orgs.find((org) => org.name === name)
    const ids = new Set([root?.id])
    let grew = true
    while (grew) {
      grew = false
      for (const org of orgs) {
        if (ids.has(org.parentId) && !ids.has(org.id)) {
          ids.add(org.id)
          grew = true
        }
      }
    }
    const members = await all<{ orgId: string; stage: string; status: string }>('members')
    db.close()
    return members.filter((m) => ids.has(m.orgId) && ['full', 'probationary'].includes(m.stage))
      .length
  }, orgName)
}

test('first run → demo → the article figures → reload → secretary scope', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/welcome$/)
  await expect(page.getByRole('heading', { name: '欢迎使用支部' })).toBeVisible()
  // The party red, not Element Plus's blue: the theme must outrank the lazily loaded styles.
  await expect(page.getByTestId('load-demo')).toHaveCSS('background-color', 'rgb(200, 16, 46)')
  await screenshot(page, 'welcome-zh')

  const started = Date.now()
  await page.getByTestId('load-demo').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByTestId('stat-firms')).toHaveText('875')
  console.log(`demo load to dashboard: ${Date.now() - started} ms`)
  await expect(page.getByTestId('stat-firms-with-org')).toHaveText('121')
  await expect(page.getByTestId('stat-org-coverage')).toHaveText('13.8%')
  await expect(page.getByTestId('stat-members')).toHaveText('546')
  await expect(page.getByTestId('coverage-by-area')).toContainText('包头市')
  await screenshot(page, 'dashboard-zh')

  await page.reload()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByTestId('stat-firms')).toHaveText('875')
  await expect(page.getByTestId('stat-members')).toHaveText('546')

  const branch = '信达中小企业服务有限公司党支部'
  const expected = await countMembersInDb(page, branch)
  expect(expected).toBeGreaterThan(0)
  expect(expected).toBeLessThan(546)
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-secretary').click()
  await page.getByTestId('role-org').click()
  await page.keyboard.type('信达')
  await page.getByRole('option', { name: branch }).click()
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(`支部书记：${branch}`)
  await expect(page.getByTestId('stat-members')).toHaveText(String(expected))

  // The choice survives a reload.
  await page.reload()
  await expect(page.getByTestId('role-switch')).toContainText(branch)
  await expect(page.getByTestId('stat-members')).toHaveText(String(expected))
})

test('a member sees their own organisation only', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-members')).toHaveText('546', { timeout: 60_000 }) // the demo load is slow on a busy machine
  // The first party member by name, and the size of their org, read straight from IndexedDB.
  const { name, orgName, count } = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
    })
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll()
        request.onsuccess = () => resolve(request.result as T[])
      })
    type M = { name: string; orgId: string; stage: string }
    const members = (await all<M>('members')).filter((m) =>
      ['full', 'probationary'].includes(m.stage),
    )
    const first = members.sort((a, b) => (a.name < b.name ? -1 : 1))[0]!
    const orgs = await all<{ id: string; name: string }>('orgs')
    db.close()
    return {
      name: first.name,
      orgName: orgs.find((o) => o.id === first.orgId)!.name,
      count: members.filter((m) => m.orgId === first.orgId).length,
    }
  })
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-member').click()
  await page.getByTestId('role-member-select').click()
  await page.getByRole('option', { name }).first().click()
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(`党员：${name}`)
  await expect(page.getByText(orgName).first()).toBeVisible()
  await expect(page.getByTestId('stat-members')).toHaveText(String(count))
})

test('an empty start opens the dashboard with a way to the data page', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('start-empty').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByText('还没有数据')).toBeVisible()
  await page.reload()
  await expect(page).toHaveURL(/\/dashboard$/) // the welcome page does not come back
})
