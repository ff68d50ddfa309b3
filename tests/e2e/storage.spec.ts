import type { Page } from '@playwright/test'
import { answerSealDialog, expect, screenshot, test } from './fixtures'

/**
 * The browser's answer to navigator.storage.persist(), fixed for the test: headless
 * Chromium decides by its own heuristics, and a refusal must be shown in words. `asked`
 * counts the calls in sessionStorage (it survives a reload within the tab).
 */
async function browserAnswers(page: Page, granted: boolean): Promise<void> {
  await page.addInitScript((answer: boolean) => {
    const storage = navigator.storage
    let persisted = sessionStorage.getItem('zb-persisted') === 'yes'
    Object.defineProperty(storage, 'persisted', { value: async () => persisted })
    Object.defineProperty(storage, 'persist', {
      value: async () => {
        sessionStorage.setItem('zb-asked', String(Number(sessionStorage.getItem('zb-asked')) + 1))
        persisted = answer
        if (answer) sessionStorage.setItem('zb-persisted', 'yes')
        return answer
      },
    })
  }, granted)
}

// A page of this origin that is not the app (it must not open the database itself).
test.use({ serviceWorkers: 'block' })
async function blankPageOfOrigin(page: Page): Promise<void> {
  await page.route('**/blank.html', (route) =>
    route.fulfill({ body: '<!doctype html><title>blank</title>', contentType: 'text/html' }),
  )
  await page.goto('/blank.html')
}

const askedCount = (page: Page) =>
  page.evaluate(() => Number(sessionStorage.getItem('zb-asked') ?? 0))

async function saveAnArea(page: Page, name: string): Promise<void> {
  await page.goto('/areas')
  await page.getByTestId('area-add-root').click()
  await page.getByTestId('area-name').fill(name)
  await page.getByTestId('area-save').click()
  await expect(page.getByTestId('area-tree')).toContainText(name)
}

test('the first real save asks for persistent storage once; /data shows a refusal in words', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await browserAnswers(page, false)
  await page.goto('/')
  await page.getByTestId('start-empty').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  expect(await askedCount(page)).toBe(0)

  await saveAnArea(page, '包头市')
  await expect.poll(() => askedCount(page)).toBe(1)
  await saveAnArea(page, '赤峰市')

  await page.goto('/data')
  const card = page.getByTestId('storage-card')
  await expect(card.getByTestId('storage-persisted')).toHaveText('浏览器未同意持久存储')
  await expect(card.getByTestId('storage-hint')).toContainText(
    '浏览器可能不经询问清除本程序的全部数据',
  )
  await expect(card.getByTestId('storage-persist')).toHaveText('再次请求')
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'storage-denied')
  // Kept in meta: the second save asked nothing, and neither does a reload.
  expect(await askedCount(page)).toBe(1)
  await page.reload()
  await expect(card.getByTestId('storage-persisted')).toHaveText('浏览器未同意持久存储')
  expect(await askedCount(page)).toBe(1)
  await card.getByTestId('storage-persist').click()
  await expect.poll(() => askedCount(page)).toBe(2)
  await expect(
    page.getByText('浏览器没有同意持久存储（常用或已安装的网站更容易获准）'),
  ).toBeVisible()
  expect(errors).toEqual([])
})

test('a granted answer shows 已持久化 on /data', async ({ page }) => {
  await browserAnswers(page, true)
  await page.goto('/')
  await page.getByTestId('start-empty').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await saveAnArea(page, '包头市')
  await expect.poll(() => askedCount(page)).toBe(1)
  await page.goto('/data')
  await expect(page.getByTestId('storage-persisted')).toHaveText('已持久化')
  await expect(page.getByTestId('storage-persist')).toHaveCount(0)
  await screenshot(page, 'storage-granted')
})

test('a newer version opened in another tab makes this tab say so and let go', async ({
  context,
}) => {
  const first = await context.newPage()
  await first.goto('/')
  await first.getByTestId('start-empty').click()
  await expect(first).toHaveURL(/\/dashboard$/)
  await saveAnArea(first, '包头市')

  // Another tab of a newer build: the same database at a higher version.
  const second = await context.newPage()
  await blankPageOfOrigin(second)
  const upgraded = await second.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const probe = indexedDB.open('zhibu')
        probe.onsuccess = () => {
          const version = probe.result.version
          probe.result.close()
          const request = indexedDB.open('zhibu', version + 10)
          request.onsuccess = () => {
            request.result.close()
            resolve('upgraded')
          }
          request.onblocked = () => resolve('blocked')
          request.onerror = () => resolve(`error ${String(request.error)}`)
        }
      }),
  )
  // The first tab let go at once: the upgrade was never blocked.
  expect(upgraded).toBe('upgraded')
  const box = first.locator('.el-message-box')
  await expect(box).toContainText('数据库已在新版本中打开，请刷新')
  await expect(box).toContainText('另一个标签页打开了本程序的新版本并升级了数据库')
  await expect(box.getByRole('button', { name: '刷新' })).toBeVisible()
  // A tab in the background is not painted: bring it to the front for the picture.
  await first.bringToFront()
  await screenshot(first, 'storage-version-change')
  // The refresh opens the app again on the upgraded database: nothing saved is lost.
  await second.close()
  await box.getByRole('button', { name: '刷新' }).click()
  await expect(first.getByTestId('area-tree')).toContainText('包头市')
  await expect(first.getByText('数据库已在新版本中打开')).toHaveCount(0)
})

test('an upgrade blocked by an older tab says which tabs to close, then goes on', async ({
  context,
}) => {
  // An older tab holds the database open at an early version and will not let go.
  const old = await context.newPage()
  await blankPageOfOrigin(old)
  await old.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('zhibu', 1)
        request.onsuccess = () => {
          const db = request.result
          db.onversionchange = () => undefined
          ;(window as unknown as { heldDb: IDBDatabase }).heldDb = db
          resolve()
        }
        request.onerror = () => reject(request.error)
      }),
  )
  const page = await context.newPage()
  await page.goto('/')
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('数据库升级在等待')
  await expect(box).toContainText('请关闭其他打开本程序的标签页')
  await screenshot(page, 'storage-upgrade-blocked')
  await old.evaluate(() => (window as unknown as { heldDb: IDBDatabase }).heldDb.close())
  await expect(box).toBeHidden()
  await expect(page.getByText('数据库已升级，可以继续使用')).toBeVisible()
  await expect(page.getByTestId('start-empty')).toBeVisible()
})

test('an old backup with pre-GB-32100 credit codes restores, naming each firm', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByTestId('start-empty').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await saveAnArea(page, '包头市')
  // Two firms as an older version kept them: a 9-character 组织机构代码 (GB 11714), and an
  // 18-character code whose organisation code inside fails its check. No stored revision:
  // the record's first revision is its content's.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const area = await new Promise<{ id: string; path: string }>((resolve) => {
      const request = db.transaction('areas').objectStore('areas').getAll()
      request.onsuccess = () => resolve(request.result[0])
    })
    const stamp = '2014-06-01T00:00:00.000Z'
    const firm = (id: string, name: string, creditCode: string) => ({
      id,
      name,
      creditCode,
      areaId: area.id,
      areaPath: area.path,
      orgStatus: 'none',
      nameTokens: [name],
      industry: 'software',
      sizeClass: 'below',
      employees: 12,
      registeredOn: '2010-03-01',
      closedOn: '',
      instructor: '',
      liaison: '',
      address: '',
      note: '',
      tradeUnion: 'no',
      youthLeague: 'no',
      createdAt: stamp,
      updatedAt: stamp,
    })
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('firms', 'readwrite')
      tx.objectStore('firms').put(firm('old-1', '包头老字号软件有限公司', '12345678-8'))
      tx.objectStore('firms').put(firm('old-2', '包头早年网络有限公司', '91350100M000100Y56'))
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  })
  await page.goto('/data')
  await page.getByTestId('backup-download').click()
  const download = await answerSealDialog(page, null)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)

  await page.getByTestId('backup-file').setInputFiles(file)
  const preview = page.getByTestId('backup-preview')
  await expect(preview).toBeVisible()
  const legacy = preview.getByTestId('backup-preview-legacy')
  await expect(legacy).toContainText('2 家企业的统一社会信用代码是旧格式，可以恢复')
  await expect(legacy).toContainText('包头老字号软件有限公司（12345678-8）：9 位组织机构代码')
  await expect(legacy).toContainText('包头早年网络有限公司（91350100M000100Y56）')
  await screenshot(page, 'storage-legacy-codes-preview')
  await preview.getByTestId('backup-restore').click()
  await page.locator('.el-message-box').getByRole('button', { name: '恢复' }).click()
  await expect(preview).toBeHidden({ timeout: 60_000 })
  await expect(page.getByTestId('count-firms')).toHaveText('2', { timeout: 30_000 })
})
