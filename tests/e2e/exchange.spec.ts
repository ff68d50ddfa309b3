import type { Browser, BrowserContext, Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

/** Straight from IndexedDB, so the check does not depend on any page of the app. */
async function idb<T>(page: Page, body: string, arg: unknown = null): Promise<T> {
  return page.evaluate(
    async ({ body, arg }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhibu')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const all = (store: string) =>
        new Promise<Record<string, unknown>[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll()
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[])
        })
      const put = (store: string, row: unknown) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite')
          tx.objectStore(store).put(row)
          tx.oncomplete = () => resolve()
          tx.onerror = () => reject(tx.error)
        })
      const run = new Function('all', 'put', 'arg', `return (async () => { ${body} })()`) as (
        ...args: unknown[]
      ) => Promise<unknown>
      try {
        return await run(all, put, arg)
      } finally {
        db.close()
      }
    },
    { body, arg },
  ) as Promise<T>
}

/** A fresh browser profile with the demo loaded. */
async function profileWithDemo(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  return { context, page }
}

const TOPIC = '交换测试：学习新修订的支部工作条例'

test('a branch package from one profile lands in another once, however often it is imported', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000)
  const errors: string[] = []

  // Profile A: the demo and one new meeting of a branch under a committee.
  const a = await profileWithDemo(browser)
  a.page.on('pageerror', (error) => errors.push(error.message))
  const branch = await idb<{ id: string; name: string }>(
    a.page,
    `const orgs = await all('orgs')
     const branch = orgs.find((o) => o.type === 'branch' && o.parentId !== '')
     const meeting = (await all('meetings')).find((m) => m.orgId === branch.id)
     await put('meetings', { ...meeting, id: 'e2e-exchange-meeting', topic: arg, heldOn: '2026-11-20',
       attendeeIds: [], absentees: [], photoIds: [], createdAt: new Date().toISOString(),
       updatedAt: new Date().toISOString() })
     return { id: branch.id, name: branch.name }`,
    TOPIC,
  )
  await a.page.getByTestId('nav-data').click()
  const card = a.page.getByTestId('exchange-card')
  await card.getByTestId('exchange-org').click()
  await a.page.keyboard.type(branch.name.slice(0, 6))
  await a.page.locator('.el-select-dropdown__item', { hasText: branch.name }).first().click()
  await screenshot(a.page, 'data-exchange')
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    card.getByTestId('exchange-download').click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.zhibupkg$/)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)

  // Profile B: the demo only; the meeting is not there yet.
  const b = await profileWithDemo(browser)
  b.page.on('pageerror', (error) => errors.push(error.message))
  const count = () => idb<number>(b.page, `return (await all('meetings')).length`)
  const before = await count()
  const members = await idb<number>(b.page, `return (await all('members')).length`)
  await b.page.getByTestId('nav-data').click()
  await b.page.getByTestId('exchange-file').setInputFiles(file)
  const preview = b.page.getByTestId('exchange-preview')
  await expect(preview).toBeVisible({ timeout: 30_000 })
  await expect(preview.getByTestId('exchange-preview-org')).toContainText(branch.name)
  await expect(preview.getByTestId('exchange-new-meetings')).toHaveText('1')
  await expect(preview.getByTestId('exchange-conflicts')).toContainText('没有冲突')
  await screenshot(b.page, 'data-exchange-preview')
  await preview.getByTestId('exchange-merge').click()
  await expect(preview).toBeHidden({ timeout: 60_000 })
  // Earlier success messages may still be fading: look for this import's own.
  await expect(b.page.locator('.el-message--success', { hasText: '新增 1 条' })).toBeVisible()
  expect(await count()).toBe(before + 1)

  // The meeting is there, on its page.
  await b.page.goto('/meetings/e2e-exchange-meeting')
  await expect(b.page.getByText(TOPIC).first()).toBeVisible({ timeout: 30_000 })

  // Import the same package again: nothing doubles, nothing changes.
  await b.page.goto('/data')
  await b.page.getByTestId('exchange-file').setInputFiles(file)
  await expect(preview).toBeVisible({ timeout: 30_000 })
  await expect(preview.getByTestId('exchange-new-meetings')).toHaveText('0')
  await preview.getByTestId('exchange-merge').click()
  await expect(preview).toBeHidden({ timeout: 60_000 })
  await expect(b.page.locator('.el-message--success', { hasText: '没有变化' })).toBeVisible()
  expect(await count()).toBe(before + 1)
  expect(await idb<number>(b.page, `return (await all('members')).length`)).toBe(members)

  await a.context.close()
  await b.context.close()
  expect(errors).toEqual([])
})
