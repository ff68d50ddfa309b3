import type { Page } from '@playwright/test'
import { actAsSecretary, expect, loadDemo, screenshot, test } from './fixtures'

const BRANCH = '信达中小企业服务有限公司党支部'

test.setTimeout(240_000)

const field = (page: Page, testid: string) =>
  page
    .getByRole('dialog')
    .locator(
      `[data-testid="${testid}"] input, input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`,
    )
    .first()

/** Today in the app's time zone (Asia/Shanghai), moved by whole months. */
function monthsAgo(months: number): string {
  const now = new Date(Date.now() + 8 * 3600_000)
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`
}

/** The first member of the branch's register (a name link to their yearly sheet). */
async function firstRegisterMember(page: Page): Promise<{ id: string; name: string }> {
  await page.goto('/dues')
  const link = page.locator('[data-testid^="dues-year-"]').first()
  await expect(link).toBeVisible({ timeout: 30_000 })
  const testid = (await link.getAttribute('data-testid')) ?? ''
  return { id: testid.replace('dues-year-', ''), name: (await link.innerText()).trim() }
}

test('a secretary flags work not done; 待办 names the trigger and takes the talk', async ({
  page,
}) => {
  await loadDemo(page)
  await actAsSecretary(page, BRANCH)
  const person = await firstRegisterMember(page)
  await page.goto(`/members/${person.id}`)
  await expect(page.getByTestId('member-work-flag')).toHaveText('未标记')
  await page.getByTestId('member-work-flag-open').click()
  // By name: the date picker's popper is a dialog too while it is open.
  const dialog = page.getByRole('dialog', { name: '未做党组织分配的工作' })
  await expect(dialog).toContainText('连续六个月不做党所分配的工作')
  // The note is required: the message names the field.
  await field(page, 'work-flag-note').fill('')
  await page.getByTestId('work-flag-save').click()
  await expect(dialog.getByText('请填写未做分配工作的说明')).toBeVisible()
  const since = monthsAgo(7)
  const sinceInput = field(page, 'work-flag-since')
  await sinceInput.fill(since)
  await sinceInput.press('Enter')
  await field(page, 'work-flag-note').fill('未完成支部分配的社区宣讲任务，三次催办未回复')
  await screenshot(page, 'work-flag-dialog')
  await page.getByTestId('work-flag-save').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('member-work-flag')).toContainText(
    `自 ${since}：未完成支部分配的社区宣讲任务`,
  )

  // 待办: the alarm names the trigger and what follows, and offers to record the step.
  await page.goto('/todo')
  const row = page.locator('.el-table__row', { hasText: '未做党组织分配的工作' }).filter({
    hasText: person.name,
  })
  await expect(row).toBeVisible({ timeout: 30_000 })
  await expect(row).toContainText('由支部大会决定除名，并报上级党组织批准')
  await expect(row).toContainText('党章第九条')
  await screenshot(page, 'work-flag-todo')
  await row.getByTestId('todo-six-month-record').click()
  const stepDialog = page.getByRole('dialog', { name: `记录处理：${person.name}` })
  await expect(stepDialog).toContainText(`记录处理：${person.name}`)
  await expect(page.getByTestId('six-month-step-trigger')).toContainText('不做党所分配的工作')
  await page.getByTestId('six-month-step-save').click()
  await expect(stepDialog.getByText('请填写处理记录')).toBeVisible()
  await field(page, 'six-month-step-note').fill('支部书记谈话，本人表示本月内完成宣讲')
  await screenshot(page, 'six-month-step-dialog')
  await page.getByTestId('six-month-step-save').click()
  await expect(stepDialog).toBeHidden()
  await expect(row).toContainText('已记录：谈话')
  await screenshot(page, 'work-flag-todo-recorded')

  // On a phone the alarm's card carries the same line and button.
  await page.setViewportSize({ width: 390, height: 844 })
  const card = page.getByTestId('todo-card').filter({ hasText: '未做党组织分配的工作' })
  await expect(card).toContainText('已记录：谈话')
  await expect(card.getByTestId('todo-six-month-record')).toBeVisible()
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({
    path: 'reports/screens/work-flag-todo-phone.png',
    animations: 'disabled',
  })
  await page.setViewportSize({ width: 1440, height: 900 })

  // The profile keeps the step with the flag.
  await page.goto(`/members/${person.id}`)
  await expect(page.getByTestId('member-six-month-steps')).toContainText(
    '支部书记谈话，本人表示本月内完成宣讲',
  )
})

test('a secretary opens a member’s yearly dues sheet from the register and prints it', async ({
  page,
}) => {
  await page.addInitScript(() => {
    ;(window as unknown as { printCalls: number }).printCalls = 0
    window.print = () => {
      ;(window as unknown as { printCalls: number }).printCalls++
    }
  })
  await loadDemo(page)
  await actAsSecretary(page, BRANCH)
  await page.goto('/dues')
  const link = page.locator('[data-testid^="dues-year-"]').first()
  await expect(link).toBeVisible({ timeout: 30_000 })
  const name = (await link.innerText()).trim()
  await link.click()
  await expect(page).toHaveURL(/\/dues\/year\//)
  const table = page.getByTestId('dues-year-table')
  await expect(table.locator('tbody tr')).toHaveCount(12)
  await expect(page.locator('.zb-page')).toContainText(name)
  // The demo holds twelve months of payments: last month's line is paid, with its receipt.
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
  await expect(table).toContainText(`${year}-01`)
  await expect(table.getByText('已交').first()).toBeVisible()
  await expect(table).toContainText('全年合计')
  await screenshot(page, 'dues-year-sheet')

  await page.getByTestId('dues-year-print').click()
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(
    1,
  )
  await page.emulateMedia({ media: 'print' })
  const paper = page.getByTestId('dues-year-paper')
  await expect(paper).toBeVisible()
  await expect(paper).toContainText(`${name} ${year} 年党费交纳表`)
  await expect(paper).toContainText(`所在党组织：${BRANCH}`)
  await screenshot(page, 'dues-year-print')
  await page.emulateMedia({ media: 'screen' })

  // From the member profile too.
  const memberId = page.url().split('/dues/year/')[1]!.split('?')[0]!
  await page.goto(`/members/${memberId}`)
  await page.getByTestId('member-dues-year').click()
  await expect(page).toHaveURL(new RegExp(`/dues/year/${memberId}`))
  await expect(page.getByTestId('dues-year-table').locator('tbody tr')).toHaveCount(12)
})
