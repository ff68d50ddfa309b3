import type { Page } from '@playwright/test'
import { expect, loadDemo, screenshot, test } from './fixtures'

/** Screenshot once the message box has faded in (its text is there before it shows). */
async function settledScreenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  )
  await screenshot(page, name)
}

test('a recycle-bin snapshot is deleted for good after confirmation, then the bin is emptied', async ({
  page,
}) => {
  test.setTimeout(240_000) // two demo loads on a busy 2-core machine
  await loadDemo(page)
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('count-firms')).toHaveText('881')
  const bin = page.getByTestId('recycle-bin')
  const count = page.getByTestId('recycle-count')
  await expect(count).toHaveText('共 0 项')
  await expect(page.getByTestId('recycle-empty')).toBeDisabled()

  // Loading the demo again keeps the demo loaded first as a snapshot in the bin.
  await page.getByTestId('data-load-demo').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(bin).toContainText('载入示例数据前的全部数据', { timeout: 90_000 })
  await expect(count).toHaveText('共 1 项')
  await expect(page.getByTestId('count-firms')).toHaveText('881')
  await screenshot(page, 'recycle-bin-zh')

  // Cancelled: nothing goes.
  await bin.getByTestId('purge').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(
    /^彻底删除彻底删除“载入示例数据前的全部数据”（共 \d{1,3}(,\d{3})+ 条记录）？删除后无法恢复。/,
  )
  await settledScreenshot(page, 'recycle-purge-confirm-zh')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(dialog).toBeHidden()
  await expect(count).toHaveText('共 1 项')

  await bin.getByTestId('purge').click()
  await page.getByRole('dialog').getByRole('button', { name: '彻底删除' }).click()
  await expect(page.getByText('已彻底删除')).toBeVisible()
  await expect(bin).toContainText('回收站是空的')
  await expect(count).toHaveText('共 0 项')
  await expect(page.getByTestId('audit-log')).toContainText('彻底删除：载入示例数据前的全部数据')
  // The data itself is untouched.
  await expect(page.getByTestId('count-firms')).toHaveText('881')
  await screenshot(page, 'recycle-after-purge-zh')

  // Clearing leaves a snapshot again; 清空回收站 takes it.
  await page.getByTestId('data-clear').click()
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click()
  await expect(bin).toContainText('清空前的全部数据')
  await expect(count).toHaveText('共 1 项')
  await page.getByTestId('recycle-empty').click()
  const emptyDialog = page.getByRole('dialog')
  await expect(emptyDialog).toContainText('彻底删除回收站中的全部 1 项')
  await expect(emptyDialog).toContainText('删除后无法恢复')
  await settledScreenshot(page, 'recycle-empty-confirm-zh')
  await emptyDialog.getByRole('button', { name: '清空回收站' }).click()
  await expect(page.getByText('回收站已清空，彻底删除了 1 项')).toBeVisible()
  await expect(bin).toContainText('回收站是空的')
  await expect(page.getByTestId('audit-log')).toContainText('清空回收站（1 项）')

  // Gone for good: a reload shows the same.
  await page.reload()
  await expect(page.getByTestId('recycle-count')).toHaveText('共 0 项')
  await expect(page.getByTestId('recycle-bin')).toContainText('回收站是空的')
  await expect(page.getByTestId('count-firms')).toHaveText('0')
})
