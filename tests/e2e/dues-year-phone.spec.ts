import { mkdirSync } from 'node:fs'
import { expect, loadDemo, SCREENS_DIR, test } from './fixtures'

// An ordinary phone: 390 × 844 CSS pixels, touch, a mobile viewport (docs/phone.md).
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
test.setTimeout(180_000)

test('the yearly dues sheet reads on a phone: a card a month, the totals, nothing sideways', async ({
  page,
}) => {
  await loadDemo(page)
  // A member with payments this year, read straight from IndexedDB (the demo is seeded by date).
  const year = new Date().getFullYear()
  const memberId = await page.evaluate(async (year) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const records = await new Promise<{ memberId: string; month: string; paid: number }[]>(
      (resolve) => {
        const request = db.transaction('dues').objectStore('dues').getAll()
        request.onsuccess = () => resolve(request.result as never)
      },
    )
    db.close()
    return records.find((r) => r.month === `${year}-01` && r.paid > 0)?.memberId ?? ''
  }, year)
  expect(memberId).not.toBe('')
  await page.goto(`/dues/year/${memberId}?year=${year}`)
  const cards = page.getByTestId('dues-year-cards')
  await expect(cards.locator('[data-testid^="dues-year-card-"]')).toHaveCount(12)
  await expect(page.getByTestId('dues-year-table')).toHaveCount(0)
  const january = page.getByTestId(`dues-year-card-${year}-01`)
  await expect(january).toContainText('已交')
  await expect(january).toContainText('交纳日期')
  await expect(page.getByTestId('dues-year-card-total')).toContainText('全年合计')
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(390)
  mkdirSync(SCREENS_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENS_DIR}/phone-dues-year.png` })
  await page.screenshot({ path: `${SCREENS_DIR}/phone-dues-year-full.png`, fullPage: true })
})
