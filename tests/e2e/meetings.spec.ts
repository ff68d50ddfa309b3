import { expect, makePng, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/**
 * A branch with a committee, at least six full members and no 支委会 last month, read
 * straight from IndexedDB: the demo is seeded by date, so the test picks rather than assumes.
 */
async function pickBranch(page: Page): Promise<{ name: string; lastMonth: string }> {
  return page.evaluate(async () => {
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
    const now = new Date()
    const last = new Date(now.getFullYear(), now.getMonth() - 1, 1)
    const lastMonth = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`
    const orgs = await all<{
      id: string
      name: string
      type: string
      committee: unknown[]
      foundedOn: string
      dissolvedOn: string
    }>('orgs')
    const members = await all<{ orgId: string; stage: string; status: string }>('members')
    const meetings = await all<{ orgId: string; type: string; heldOn: string; status: string }>(
      'meetings',
    )
    db.close()
    const held = new Set(
      meetings
        .filter((m) => m.type === 'committeeMeeting' && m.heldOn.startsWith(lastMonth))
        .map((m) => m.orgId),
    )
    const org = orgs
      .filter(
        (o) =>
          o.type === 'branch' &&
          o.committee.length >= 3 &&
          o.dissolvedOn === '' &&
          o.foundedOn < `${lastMonth}-01` &&
          !held.has(o.id) &&
          members.filter((m) => m.orgId === o.id && m.stage === 'full' && m.status === 'normal')
            .length >= 6,
      )
      .sort((a, b) => a.name.localeCompare(b.name))[0]
    return { name: org?.name ?? '', lastMonth }
  })
}

test('a secretary logs a branch assembly with absentees and a photo; list, calendar, print, board, 待办', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  await expect(page.getByTestId('coverage-by-area')).toContainText('包头市')

  // The department sees the demo's branches behind on the board.
  await page.goto('/meetings/board')
  await expect(page.getByTestId('meeting-board').locator('[data-state]').first()).toBeVisible()
  expect(await page.locator('[data-state="missed"]').count()).toBeGreaterThan(0)
  expect(await page.locator('[data-state="met"]').count()).toBeGreaterThan(0)
  await screenshot(page, 'meetings-board-department')

  const { name: branch, lastMonth } = await pickBranch(page)
  expect(branch).not.toBe('')
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-secretary').click()
  await page.getByTestId('role-org').click()
  await page.keyboard.type(branch.slice(0, 6))
  await page.getByRole('option', { name: branch, exact: true }).click()
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(`支部书记：${branch}`)

  // No 支委会 last month: overdue on the 待办 page.
  await page.goto('/todo')
  const [year, month] = lastMonth.split('-').map(Number)
  await expect(page.getByTestId('todo-table')).toContainText(`${year}年${month}月未召开支委会`)
  await screenshot(page, 'meetings-todo')

  // Log a 支部党员大会: two absentees with reasons, one photo.
  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  const form = page.getByTestId('meeting-form')
  await expect(form.getByTestId('meeting-org')).toContainText(branch)
  await page.getByTestId('meeting-topic').fill('学习贯彻党的二十届四中全会精神专题会议')
  await page.getByTestId('meeting-place').fill('党员活动室')
  await page.getByTestId('meeting-host').fill('张书记')
  await page.getByTestId('meeting-recorder').fill('李委员')
  await page.getByTestId('meeting-minutes').fill('传达学习全会精神，与会党员逐一发言。')
  const rows = page.getByTestId('meeting-attendees').locator('[data-testid^="attendee-"]')
  await expect(rows.first()).toBeVisible()
  const absentNames: string[] = []
  for (const index of [0, 1]) {
    const row = rows.nth(index)
    absentNames.push(((await row.getAttribute('data-testid')) ?? '').replace('attendee-', ''))
    await row.locator('.el-checkbox').click()
  }
  await rows.nth(1).getByTestId('absence-reason').click()
  await page.getByRole('option', { name: '因病' }).click()
  await expect(page.getByTestId('meeting-quorum')).toContainText('达到法定人数')
  await page.getByTestId('meeting-photo-input').setInputFiles({
    name: 'meeting.png',
    mimeType: 'image/png',
    buffer: makePng(),
  })
  await expect(page.getByTestId('meeting-photo-thumb')).toHaveCount(1)
  await screenshot(page, 'meetings-form')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByText('会议已登记')).toBeVisible()

  await page.reload()
  await expect(page.getByTestId('meeting-table')).toContainText(
    '学习贯彻党的二十届四中全会精神专题会议',
  )
  await screenshot(page, 'meetings-list')

  await page.getByRole('tab', { name: '会议日历' }).click()
  await expect(page.getByTestId('calendar-org')).toContainText(branch)
  await expect(page.getByTestId('meeting-calendar').getByText('支部党员大会').first()).toBeVisible()
  await screenshot(page, 'meetings-calendar')

  await page.getByRole('tab', { name: '会议列表' }).click()
  await page
    .getByTestId('meeting-table')
    .getByRole('row', { name: /学习贯彻党的二十届四中全会精神专题会议/ })
    .getByTestId('meeting-link')
    .click()
  const record = page.getByTestId('meeting-record')
  await expect(record).toContainText(`${branch}会议记录`)
  await expect(page.getByTestId('record-absentees')).toContainText(`${absentNames[0]}（因公）`)
  await expect(page.getByTestId('record-absentees')).toContainText(`${absentNames[1]}（因病）`)
  await expect(page.getByTestId('record-held-on')).toContainText('录入于')
  await expect(page.getByTestId('detail-photo')).toHaveCount(1)
  await expect(page.getByTestId('audit-trail')).toContainText('新增')
  await screenshot(page, 'meetings-detail')

  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('detail-photo')).toBeHidden()
  await expect(record).toBeVisible()
  await expect(record).toContainText('主持人签字')
  await screenshot(page, 'meetings-print')
  await page.emulateMedia({ media: 'screen' })

  // The board marks this quarter as met for 支部党员大会.
  await page.goto('/meetings/board')
  await page.getByTestId('board-type').click()
  await page.getByRole('option', { name: '支部党员大会' }).click()
  const now = new Date()
  const thisMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
  const cell = page.getByTestId(`board-row-${branch}`).locator(`[data-month="${thisMonth}"]`)
  await expect(cell).toHaveAttribute('data-state', 'met')
  await screenshot(page, 'meetings-board')
  await cell.click()
  await expect(page.getByTestId('board-drill')).toContainText('支部党员大会')
})
