import type { Locator, Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

const COMMITTEE = '巴林右旗非公企业和社会组织联合党委'
const VILLAGE = '大板镇巴彦汉嘎查党支部'

/** An Element Plus date picker: type the date and confirm it. */
async function fillDate(field: Locator, value: string): Promise<void> {
  const isInput = (await field.evaluate((el) => el.tagName)) === 'INPUT'
  const input = isInput ? field : field.locator('input').first()
  await input.fill(value)
  await input.press('Enter')
}

/** A date n days from today on the browser's calendar (Asia/Shanghai in the config). */
async function dayFromToday(page: Page, days: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date()
    d.setDate(d.getDate() + n)
    const pad = (x: number) => String(x).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }, days)
}

/** Pick from a select; waits until no other dropdown is showing, so the option is this one's. */
async function pickOption(page: Page, select: Locator, name: string): Promise<void> {
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
  await select.click()
  await page.locator('.el-select-dropdown:visible').getByRole('option', { name }).first().click()
}

async function clearSelect(select: Locator): Promise<void> {
  await select.hover()
  await select.locator('.el-select__clear').click()
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
}

test('the demo joint committee; a meeting raises a village problem, it is resolved, the figures move by one', async ({
  page,
}) => {
  // A whole user path of some twenty steps: beyond the 60 s default on a busy 2-core machine.
  test.setTimeout(180_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // window.print() would open the system dialog: count the calls instead.
  await page.addInitScript(() => {
    ;(window as unknown as { printCalls: number }).printCalls = 0
    window.print = () => {
      ;(window as unknown as { printCalls: number }).printCalls++
    }
  })
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The demo load writes ~10k records: slow on a busy 2-core machine.
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 30_000 })
  await expect(page.getByTestId('joint-summary-line')).toContainText('联席会议 6 次')
  await expect(page.getByTestId('joint-summary-line')).toContainText('解决 28 个')

  // The list: one committee with the article's figures.
  await page.getByTestId('nav-joint').click()
  const row = page.getByTestId('joint-committee-table').locator('tbody tr')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(COMMITTEE)
  const cells = row.locator('td')
  await expect(cells.nth(1)).toHaveText('14')
  await expect(cells.nth(2)).toHaveText('6')
  await expect(cells.nth(4)).toHaveText('28')
  await screenshot(page, 'joint-list')

  // The detail, tab by tab.
  await page.getByTestId('joint-committee-link').click()
  await expect(page.getByRole('heading', { level: 1, name: COMMITTEE })).toBeVisible()
  await expect(page.getByTestId('constituent-count')).toHaveText('在册 14 个')
  await expect(page.getByTestId('constituent-table').locator('tbody tr')).toHaveCount(14)
  await screenshot(page, 'joint-constituents')

  await openTab(page, '联席会议')
  await expect(page.getByTestId('meeting-table').locator('tbody tr')).toHaveCount(6)
  await screenshot(page, 'joint-meetings')

  await openTab(page, '问题清单')
  await pickOption(page, page.getByTestId('issue-filter-status'), '已解决')
  await expect(page.getByText('共 28 条')).toBeVisible()
  await clearSelect(page.getByTestId('issue-filter-status'))
  await expect(page.getByText('共 30 条')).toBeVisible()
  await screenshot(page, 'joint-issues')

  await openTab(page, '统计')
  await expect(page.getByTestId('joint-figure-meetings')).toHaveText('6')
  await expect(page.getByTestId('joint-figure-resolved')).toHaveText('28')
  await expect(page.getByTestId('joint-figure-constituents')).toHaveText('14')
  await screenshot(page, 'joint-figures')

  // A seventh joint meeting, today.
  await openTab(page, '联席会议')
  await page.getByTestId('meeting-add').click()
  await page.getByTestId('meeting-place').fill('巴林右旗商务局会议室')
  await page.getByTestId('meeting-host').fill('王建国')
  const present = page.getByTestId('meeting-present').locator('.el-checkbox')
  await expect(present).toHaveCount(14)
  for (const index of [0, 1, 6, 7]) await present.nth(index).click()
  await page.getByTestId('meeting-topics').fill('第7次联席会议：嘎查电商服务点')
  await page.getByTestId('meeting-minutes').fill('研究嘎查电商服务点冬季取暖问题，明确牵头单位。')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByText('联席会议已保存')).toBeVisible()
  await expect(page.getByTestId('meeting-table').locator('tbody tr')).toHaveCount(7)

  // A problem raised at it, assigned to a village constituent.
  await openTab(page, '问题清单')
  await page.getByTestId('issue-add').click()
  await page.getByTestId('issue-title').fill('嘎查电商服务点冬季取暖')
  await page.getByTestId('issue-description').fill('服务点冬季无取暖，影响收发快递。')
  await expect(page.getByTestId('issue-meeting')).toContainText('第 7 次联席会议')
  await pickOption(page, page.getByTestId('issue-raised-by'), '信达')
  await pickOption(page, page.getByTestId('issue-responsible'), VILLAGE)
  await page.keyboard.press('Escape')
  await fillDate(page.getByTestId('issue-due-on'), await dayFromToday(page, 30))
  await page.getByTestId('issue-save').click()
  await expect(page.getByText('问题已保存')).toBeVisible()
  await page.getByTestId('issue-search').fill('冬季取暖')
  const issueRow = page.getByTestId('issue-table').locator('tbody tr').first()
  await expect(issueRow).toContainText(VILLAGE)
  await expect(issueRow.getByTestId('issue-status')).toHaveText('待办')

  // Resolving needs the resolution text.
  await issueRow.getByTestId('issue-handle').click()
  await expect(page.getByTestId('status-form')).toBeVisible()
  await page.getByTestId('status-save').click()
  await expect(page.getByTestId('status-form')).toContainText('请填写解决情况')
  await page.getByTestId('status-text').fill('协调供暖公司为服务点接通暖气')
  await screenshot(page, 'joint-status-dialog')
  await page.getByTestId('status-save').click()
  await expect(page.getByText('已更新')).toBeVisible()
  await expect(issueRow.getByTestId('issue-status')).toHaveText('已解决')

  // The figures moved by one.
  await openTab(page, '统计')
  await expect(page.getByTestId('joint-figure-meetings')).toHaveText('7')
  await expect(page.getByTestId('joint-figure-resolved')).toHaveText('29')
  await expect(page.getByTestId('joint-figure-raised')).toHaveText('31')
  await expect(page.getByTestId('joint-by-sector')).toContainText('嘎查村/社区')
  await screenshot(page, 'joint-figures-after')

  // Print previews: the problem list and the new meeting's minutes, on paper only.
  await openTab(page, '问题清单')
  await page.getByTestId('issue-search').fill('')
  await page.getByTestId('issue-print').click()
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(
    1,
  )
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('issues-print')).toBeVisible()
  await expect(page.getByTestId('issues-print').locator('tbody tr')).toHaveCount(31)
  await expect(page.getByTestId('joint-tabs')).toBeHidden()
  await screenshot(page, 'joint-print-issues')
  await page.emulateMedia({ media: 'screen' })
  await expect(page.getByTestId('issues-print')).toBeHidden()

  await openTab(page, '联席会议')
  await page.getByTestId('meeting-print').first().click()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('minutes-print')).toContainText('第 7 次联席会议')
  await expect(page.getByTestId('minutes-print')).toContainText('嘎查电商服务点冬季取暖')
  await screenshot(page, 'joint-print-minutes')
  await page.emulateMedia({ media: 'screen' })

  // The dashboard follows.
  await page.getByTestId('nav-dashboard').click()
  await expect(page.getByTestId('joint-summary-line')).toContainText('联席会议 7 次')
  await expect(page.getByTestId('joint-summary-line')).toContainText('解决 29 个')
  await screenshot(page, 'joint-dashboard')
  expect(errors).toEqual([])
})

test('an overdue problem shows on 待办 and links to the problem list; the list exports to Excel', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The demo load writes ~10k records: slow on a busy 2-core machine.
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 30_000 })
  await page.getByTestId('nav-joint').click()
  await page.getByTestId('joint-committee-link').click()
  await openTab(page, '问题清单')

  // Raised two months ago, due a month ago, still open.
  await page.getByTestId('issue-add').click()
  await page.getByTestId('issue-title').fill('社区快递驿站消防改造')
  await clearSelect(page.getByTestId('issue-meeting'))
  await fillDate(page.getByTestId('issue-raised-on'), await dayFromToday(page, -60))
  await pickOption(page, page.getByTestId('issue-raised-by'), '大板镇巴林社区党支部')
  await pickOption(page, page.getByTestId('issue-responsible'), VILLAGE)
  await page.keyboard.press('Escape')
  await fillDate(page.getByTestId('issue-due-on'), await dayFromToday(page, -30))
  await page.getByTestId('issue-save').click()
  await expect(page.getByText('问题已保存')).toBeVisible()
  await page.getByTestId('issue-filter-overdue').click()
  await expect(page.getByTestId('issue-table')).toContainText('社区快递驿站消防改造')

  const download = page.waitForEvent('download')
  await page.getByTestId('issue-export').click()
  expect((await download).suggestedFilename()).toMatch(/^巴林右旗.*问题清单-\d{8}\.xlsx$/)

  await page.getByTestId('nav-todo').click()
  const todo = page.getByTestId('todo-table')
  await expect(todo.locator('tbody tr').first()).toBeVisible()
  // The 问题清单 kind holds it, whatever the other features' items before it.
  await page
    .getByTestId('todo-kinds')
    .getByText(/问题清单/)
    .click()
  const ours = todo.getByText('问题“社区快递驿站消防改造”')
  await expect(ours).toBeVisible()
  await screenshot(page, 'joint-todo')
  await todo.getByRole('link', { name: '社区快递驿站消防改造' }).click()
  await expect(page.getByRole('heading', { level: 1, name: COMMITTEE })).toBeVisible()
  await expect(page.getByTestId('issue-table')).toBeVisible()
})
