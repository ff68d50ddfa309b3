import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium-path.mjs'
import { expect, test } from './fixtures'
import { buildFirmWorkbook } from './xlsx'

/** Rows of a store, counted straight from IndexedDB by a connection of the test's own. */
async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const n = await new Promise<number>((resolve) => {
      const request = db.transaction(store).objectStore(store).count()
      request.onsuccess = () => resolve(request.result)
    })
    db.close()
    return n
  }, store)
}

/** A write through a second connection of the page, while the app holds its own open. */
async function addArea(page: Page, id: string, name: string): Promise<void> {
  await page.evaluate(
    async ({ id, name }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhibu')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const at = new Date().toISOString()
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('areas', 'readwrite')
        tx.objectStore('areas').put({
          id,
          name,
          parentId: '',
          level: 'region',
          path: `/${id}/`,
          code: '',
          retired: 'no',
          sortOrder: 99,
          createdAt: at,
          updatedAt: at,
        })
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { id, name },
  )
}

test('two tabs of one profile both write and see each other after reload', async ({ context }) => {
  const one = await context.newPage()
  const two = await context.newPage()
  await one.goto('/')
  await one.getByTestId('load-demo').click()
  await expect(one).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  await two.goto('/data')
  await expect(two.getByTestId('count-areas')).not.toHaveText('0', { timeout: 30_000 })
  const before = await countRows(one, 'areas')
  await addArea(one, 'tab-one-area', '一号标签页地区')
  await addArea(two, 'tab-two-area', '二号标签页地区')
  await Promise.all([one.goto('/areas'), two.reload()])
  const total = String(before + 2)
  await expect(two.getByTestId('count-areas')).toHaveText(total, { timeout: 30_000 })
  await expect(one.getByText('二号标签页地区').first()).toBeVisible({ timeout: 30_000 })
  await one.goto('/data')
  await expect(one.getByTestId('count-areas')).toHaveText(total, { timeout: 30_000 })
  // Neither tab was told to refresh: the schema is the same in both.
  await expect(one.locator('.el-message-box')).toHaveCount(0)
  await expect(two.locator('.el-message-box')).toHaveCount(0)
})

test('a page killed in the middle of a 10,000-row import leaves all rows or none', async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000)
  const workbook = await buildFirmWorkbook({
    areaNames: ['昆都仑区', '青山区', '稀土高新区'],
    count: 10_000,
    prefix: '断电',
  })
  const file = testInfo.outputPath('firms-10000.xlsx')
  await import('node:fs').then((fs) => fs.writeFileSync(file, workbook.buffer))
  const profile = mkdtempSync(join(tmpdir(), 'zhibu-kill-'))
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
    })
  try {
    let context = await launch()
    let page = await context.newPage()
    await page.goto('/')
    await page.getByTestId('load-demo').click()
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
    await page.getByTestId('nav-firms').click()
    const old = await countRows(page, 'firms')
    await page.getByTestId('firm-import').click()
    await page.getByTestId('import-file').setInputFiles(file)
    await page.getByTestId('import-next').click()
    await expect(page.getByTestId('import-valid-count')).toContainText(
      new RegExp(String(workbook.validCount).replace(/(\d)(?=(\d{3})+$)/g, '$1,?')),
      { timeout: 120_000 },
    )
    await page.getByTestId('import-confirm').click()
    // The write has begun: the dialog says so. Then the page goes, browser and all.
    await expect(page.getByText('正在写入…')).toBeVisible({ timeout: 30_000 })
    await page.waitForTimeout(150)
    await context.close()

    context = await launch()
    page = await context.newPage()
    await page.goto('/data')
    await expect(page.getByTestId('count-firms')).not.toHaveText('', { timeout: 30_000 })
    const after = await countRows(page, 'firms')
    console.log(
      `firms before ${old}, after the kill ${after} (${after === old ? 'none' : 'all'} of ${workbook.validCount} rows)`,
    )
    expect([old, old + workbook.validCount]).toContain(after)
    await context.close()
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
})
