import type { Page } from '@playwright/test'
import { expect, loadDemo, screenshot, test } from './fixtures'

/**
 * Every object store of every IndexedDB database of the page, read whole and searched as
 * JSON for each needle: where each one still appears (`database/store`).
 */
async function findEverywhere(page: Page, needles: string[]): Promise<Record<string, string[]>> {
  return page.evaluate(async (wanted) => {
    const found: Record<string, string[]> = Object.fromEntries(wanted.map((n) => [n, []]))
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
    const databases = await indexedDB.databases()
    for (const { name } of databases) {
      if (!name) continue
      const db = await request(indexedDB.open(name))
      for (const store of [...db.objectStoreNames]) {
        const rows = await request(db.transaction(store, 'readonly').objectStore(store).getAll())
        const text = JSON.stringify(rows)
        for (const needle of wanted)
          if (text.includes(needle)) found[needle]!.push(`${name}/${store}`)
      }
      db.close()
    }
    found['*databases'] = databases.map((d) => d.name ?? '')
    return found
  }, needles)
}

/** A member's own record, read from the page's database (the lists mask the ID number). */
async function memberRecord(
  page: Page,
  id: string,
): Promise<{ name: string; idNumber: string; phone: string }> {
  return page.evaluate(async (memberId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('zhibu')
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const row = await new Promise<{ name: string; idNumber: string; phone: string }>(
      (resolve, reject) => {
        const req = db.transaction('members').objectStore('members').get(memberId)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      },
    )
    db.close()
    return { name: row.name, idNumber: row.idNumber, phone: row.phone }
  }, id)
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  )
}

test('erasing members leaves their ID numbers nowhere in IndexedDB: live, bin, snapshot', async ({
  page,
}) => {
  test.setTimeout(300_000) // two demo loads on a busy 2-core machine
  await loadDemo(page)
  await page.goto('/members')
  const links = page.getByTestId('member-table').getByTestId('member-link')
  await expect(links.first()).toBeVisible()
  const idOf = async (index: number) =>
    ((await links.nth(index).getAttribute('href')) ?? '').split('/').at(-1)!
  const profileId = await idOf(0)
  const binId = await idOf(1)
  const inProfile = await memberRecord(page, profileId)
  const inBin = await memberRecord(page, binId)
  expect(inProfile.idNumber).toMatch(/^\d{17}[\dX]$/)
  expect(inBin.idNumber).toMatch(/^\d{17}[\dX]$/)

  // Loading the demo again keeps everything as it was in a snapshot in the recycle bin.
  await page.getByTestId('nav-data').click()
  await page.getByTestId('data-load-demo').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  const bin = page.getByTestId('recycle-bin')
  await expect(bin).toContainText('载入示例数据前的全部数据', { timeout: 120_000 })
  const retention = page.getByTestId('snapshot-retention')
  await expect(retention).toContainText('回收站中有 1 个整库快照')

  // One member goes to the recycle bin from the roster.
  await page.goto('/members')
  const row = page
    .getByTestId('member-table')
    .locator('tr')
    .filter({ has: page.locator(`a[href$="/members/${binId}"]`) })
  await row.getByRole('button', { name: '删除' }).click()
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click()
  await expect(page.getByText('已移入回收站')).toBeVisible()

  const needles = [inProfile.idNumber, inBin.idNumber, inProfile.phone, inBin.phone]
  const before = await findEverywhere(page, needles)
  expect(before['*databases']).toContain('zhibu')
  // The scan does find them: live, in the bin, in the snapshot.
  expect(before[inProfile.idNumber]).toEqual(
    expect.arrayContaining(['zhibu/members', 'zhibu/recycleBin']),
  )
  expect(before[inBin.idNumber]).toEqual(expect.arrayContaining(['zhibu/recycleBin']))

  // Erased from the bin: the dialog names what stays and that old backups hold the data.
  await page.getByTestId('nav-data').click()
  const binRow = bin.locator('tr', { hasText: inBin.name }).first()
  await binRow.getByTestId('erase-member').click()
  const dialog = page.getByTestId('erase-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('此前导出的备份和交换包仍含有此人的信息')
  await expect(page.getByTestId('erase-confirm')).toBeDisabled()
  await settled(page)
  await screenshot(page, 'erase-dialog-bin-zh')
  await page.getByTestId('erase-confirm-name').fill(inBin.name)
  await expect(page.getByTestId('erase-confirm')).toBeEnabled()
  await page.getByTestId('erase-confirm').click()
  await expect(page.getByText(`已彻底删除“${inBin.name}”的个人信息`)).toBeVisible()
  await expect(dialog).toBeHidden()

  // Erased from the profile, by keyboard: the name field has the focus, Enter confirms.
  await page.goto(`/members/${profileId}`)
  await page.getByTestId('member-erase').click()
  await expect(dialog).toBeVisible()
  await settled(page)
  await expect(page.getByTestId('erase-confirm-name')).toBeFocused()
  await page.keyboard.type(inProfile.name.slice(0, 1))
  await page.keyboard.press('Enter')
  // A part of the name erases nothing.
  await expect(dialog).toBeVisible()
  await page.keyboard.type(inProfile.name.slice(1))
  await screenshot(page, 'erase-dialog-profile-zh')
  const started = Date.now()
  await page.keyboard.press('Enter')
  await expect(page.getByText(`已彻底删除“${inProfile.name}”的个人信息`)).toBeVisible()
  // How long one erase takes over the demo register with a whole-database snapshot in the bin.
  console.log(`erase from the profile: ${Date.now() - started} ms`)
  await expect(page).toHaveURL(/\/members$/)

  const after = await findEverywhere(page, needles)
  for (const needle of needles) expect(after[needle], needle).toEqual([])

  // The trail says it happened without naming anyone.
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('audit-log')).toContainText('彻底删除个人信息')
  await expect(page.getByTestId('audit-log')).not.toContainText(inProfile.name)
  await page.getByTestId('audit-log').scrollIntoViewIfNeeded()
  await page.getByTestId('audit-log').screenshot({ path: 'reports/screens/erase-audit-zh.png' })

  // Retention: a second snapshot (start empty), a limit of one on 规则设置, the oldest pruned
  // after a confirmation.
  await page.getByTestId('data-clear').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(bin).toContainText('清空前的全部数据', { timeout: 120_000 })
  await page.goto('/settings')
  await page.getByRole('tab', { name: '数据安全' }).click()
  await expect(page.getByTestId('setting-source-data.snapshotMaxCount')).toContainText('第十九条')
  const limit = page.getByTestId('setting-data.snapshotMaxCount').locator('input')
  await limit.fill('1')
  await limit.press('Enter')
  await limit.blur()
  await expect(page.getByText('已保存').first()).toBeVisible()
  await screenshot(page, 'erase-settings-retention-zh')
  await page.getByTestId('nav-data').click()
  await expect(retention).toContainText('回收站中有 2 个整库快照')
  await expect(retention).toContainText('最早的 1 个快照')
  await retention.scrollIntoViewIfNeeded()
  await page.getByTestId('snapshot-retention').locator('..').screenshot({
    path: 'reports/screens/erase-retention-over-zh.png',
  })
  await page.getByTestId('snapshot-prune').click()
  const confirm = page.getByRole('dialog')
  await expect(confirm).toContainText('彻底删除最早的 1 个快照（载入示例数据前的全部数据）')
  await settled(page)
  await screenshot(page, 'erase-retention-confirm-zh')
  await confirm.getByRole('button', { name: '清理最早的 1 个' }).click()
  await expect(page.getByText('已清理 1 个快照')).toBeVisible()
  await expect(retention).toContainText('回收站中有 1 个整库快照')
  await expect(retention).not.toContainText('可以清理')
  await expect(bin).not.toContainText('载入示例数据前的全部数据')
  await expect(bin).toContainText('清空前的全部数据')
})
