import type { Browser, BrowserContext, Page } from '@playwright/test'
import { answerSealDialog, expect, loadDemo, screenshot, test } from './fixtures'

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
      const run = new Function('all', 'arg', `return (async () => { ${body} })()`) as (
        ...args: unknown[]
      ) => Promise<unknown>
      try {
        return await run(all, arg)
      } finally {
        db.close()
      }
    },
    { body, arg },
  ) as Promise<T>
}

interface Profile {
  context: BrowserContext
  page: Page
}

async function profile(browser: Browser, errors: string[]): Promise<Profile> {
  // A browser context of its own: its own IndexedDB, like a second computer.
  const context = await browser.newContext({ acceptDownloads: true })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  return { context, page }
}

/** Download the package of `org` from /data and return the file's path. */
async function downloadPackage(page: Page, org: string, path: (name: string) => string) {
  await page.goto('/data')
  const card = page.getByTestId('exchange-card')
  await card.getByTestId('exchange-org').click()
  await page.keyboard.type(org.slice(0, 6))
  await page.locator('.el-select-dropdown__item:visible', { hasText: org }).first().click()
  await card.getByTestId('exchange-download').click()
  const download = await answerSealDialog(page, null)
  expect(download.suggestedFilename()).toMatch(/\.zhibupkg$/)
  const file = path(download.suggestedFilename())
  await download.saveAs(file)
  return file
}

async function openPackage(page: Page, file: string) {
  await page.goto('/data')
  await page.getByTestId('exchange-file').setInputFiles(file)
  const preview = page.getByTestId('exchange-preview')
  await expect(preview).toBeVisible({ timeout: 30_000 })
  return preview
}

async function editMeetingTopic(page: Page, id: string, topic: string) {
  await page.goto(`/meetings/${id}`)
  await page.getByTestId('meeting-edit').click()
  await page.getByTestId('meeting-topic').fill(topic)
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('meeting-record')).toContainText(topic)
}

test('a stale save is refused and compared; two profiles exchange, conflict resolved in the UI', async ({
  browser,
}, testInfo) => {
  test.setTimeout(420_000)
  const errors: string[] = []
  const dept = await profile(browser, errors)
  await loadDemo(dept.page)

  // ── A stale save in a second tab is refused, compared, and the form reloaded ──
  const firm = await idb<{ id: string; name: string }>(
    dept.page,
    `const f = (await all('firms')).find((f) => f.name.length > 6); return { id: f.id, name: f.name }`,
  )
  const openFirmForm = async (page: Page) => {
    await page.goto('/firms')
    await page.getByTestId('firm-search').fill(firm.name)
    await page.getByTestId('firm-table').locator('tbody tr').first().locator('.el-link').click()
    await page.getByTestId('firm-edit').click()
    await expect(page.getByTestId('firm-form')).toBeVisible()
  }
  const second = await dept.context.newPage()
  await openFirmForm(dept.page)
  await openFirmForm(second)
  await second.getByTestId('firm-name').fill(`${firm.name}（另一标签页改）`)
  await second.getByTestId('firm-save').click()
  await expect(second.getByTestId('firm-form')).toBeHidden()
  await dept.page.getByTestId('firm-name').fill(`${firm.name}（本页改）`)
  await dept.page.getByTestId('firm-save').click()
  const stale = dept.page.getByTestId('stale-dialog')
  await expect(stale).toBeVisible()
  await expect(stale).toContainText('已经被修改')
  await stale.getByTestId('stale-compare').click()
  await expect(stale.getByTestId('compare-theirs-name')).toHaveText(`${firm.name}（另一标签页改）`)
  await screenshot(dept.page, 'stale-save-compare')
  await stale.getByTestId('stale-reload').click()
  await expect(dept.page.getByTestId('firm-form')).toBeVisible()
  await expect(dept.page.getByTestId('firm-name')).toHaveValue(`${firm.name}（另一标签页改）`)
  await second.close()
  expect(
    await idb<string>(
      dept.page,
      `return (await all('firms')).find((f) => f.id === arg).name`,
      firm.id,
    ),
  ).toBe(`${firm.name}（另一标签页改）`)
  await dept.page.keyboard.press('Escape')

  // ── The department sends a branch its package; the branch starts empty ──
  const target = await idb<{ id: string; name: string; meetings: string[] }>(
    dept.page,
    `const orgs = await all('orgs')
     const meetings = await all('meetings')
     const branch = orgs.find((o) => o.type === 'branch' && o.parentId !== '' &&
       meetings.filter((m) => m.orgId === o.id).length >= 2)
     return { id: branch.id, name: branch.name,
       meetings: meetings.filter((m) => m.orgId === branch.id).map((m) => m.id) }`,
  )
  const [edited, deleted] = target.meetings
  const toBranch = await downloadPackage(dept.page, target.name, (n) =>
    testInfo.outputPath(`dept-${n}`),
  )
  const branch = await profile(browser, errors)
  await branch.page.goto('/')
  await branch.page.getByTestId('start-empty').click()
  await expect(branch.page).toHaveURL(/\/dashboard$/)
  const first = await openPackage(branch.page, toBranch)
  await expect(first.getByTestId('exchange-preview-org')).toContainText(target.name)
  await expect(first.getByTestId('exchange-refused')).toHaveCount(0)
  await first.getByTestId('exchange-merge').click()
  await expect(first).toBeHidden({ timeout: 60_000 })
  expect(await idb<number>(branch.page, `return (await all('meetings')).length`)).toBe(
    target.meetings.length,
  )

  // ── Both edit the same meeting; the branch deletes another ──
  await editMeetingTopic(branch.page, edited!, '支部改的主题')
  await branch.page.goto(`/meetings/${deleted}`)
  await branch.page.getByTestId('meeting-remove').click()
  await branch.page.locator('.el-message-box__btns .el-button--primary').click()
  await expect(branch.page).toHaveURL(/\/meetings$/)
  await editMeetingTopic(dept.page, edited!, '部门改的主题')

  // ── The branch's package at the department: a conflict and a deletion ──
  const toDept = await downloadPackage(branch.page, target.name, (n) =>
    testInfo.outputPath(`branch-${n}`),
  )
  const back = await openPackage(dept.page, toDept)
  await expect(back.getByTestId('exchange-conflict-meetings')).toHaveText('1')
  await expect(back.getByTestId('exchange-deleted-meetings')).toHaveText('1')
  await expect(back.getByTestId('exchange-conflicts')).toBeVisible()
  await dept.page.waitForTimeout(400) // the dialog's fade-in, for the screenshot only
  await screenshot(dept.page, 'exchange-preview-conflict')
  await back.getByTestId('exchange-merge').click()
  await expect(back).toBeHidden({ timeout: 60_000 })
  // The import offers the conflict screen.
  await dept.page.locator('.el-message-box__btns .el-button--primary').click()
  await expect(dept.page).toHaveURL(/\/data\/conflicts$/)
  expect(
    await idb<number>(
      dept.page,
      `return (await all('meetings')).filter((m) => m.id === arg).length`,
      deleted,
    ),
  ).toBe(0)
  const list = dept.page.getByTestId('conflict-list')
  await expect(list.getByTestId(`conflict-row-${edited}`)).toBeVisible()
  await screenshot(dept.page, 'conflicts-list')
  await list.getByTestId(`conflict-row-${edited}`).click()
  const dialog = dept.page.getByTestId('conflict-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('compare-field-topic')).toBeVisible()
  await expect(dialog).toContainText('支部改的主题')
  await expect(dialog).toContainText('部门改的主题')
  await screenshot(dept.page, 'conflict-dialog')
  // Take the branch's topic: whichever side the rules showed, pick the branch's text.
  const theirs = await dialog.getByTestId('compare-theirs-topic').textContent()
  await dialog.getByTestId(theirs?.includes('支部') ? 'conflict-theirs' : 'conflict-mine').click()
  await expect(dialog).toBeHidden()
  await expect(list).toContainText('没有待处理的冲突')

  // ── The resolution reaches the branch ──
  const resolved = await downloadPackage(dept.page, target.name, (n) =>
    testInfo.outputPath(`resolved-${n}`),
  )
  const last = await openPackage(branch.page, resolved)
  await expect(last.getByTestId('exchange-conflicts')).toHaveCount(0)
  await last.getByTestId('exchange-merge').click()
  await expect(last).toBeHidden({ timeout: 60_000 })
  await branch.page.goto('/data/conflicts')
  await expect(branch.page.getByTestId('conflict-list')).toContainText('没有待处理的冲突')
  await branch.page.goto(`/meetings/${edited}`)
  await expect(branch.page.getByTestId('meeting-record')).toContainText('支部改的主题')
  const state = (page: Page) =>
    idb<{ rev: string; leaves: number; deletedThere: number }>(
      page,
      `const m = (await all('meetings')).find((m) => m.id === arg.edited)
       return { rev: m._rev, leaves: (await all('leaves')).filter((l) => l.state === 'open').length,
         deletedThere: (await all('meetings')).filter((m) => m.id === arg.deleted).length }`,
      { edited, deleted },
    )
  expect(await state(branch.page)).toEqual(await state(dept.page))
  expect((await state(branch.page)).deletedThere).toBe(0)

  // The same package again changes nothing.
  const again = await openPackage(branch.page, resolved)
  await expect(again.getByTestId('exchange-new-meetings')).toHaveText('0')
  await expect(again.getByTestId('exchange-updated-meetings')).toHaveText('0')
  await branch.page.keyboard.press('Escape')

  await dept.context.close()
  await branch.context.close()
  expect(errors).toEqual([])
})
