import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './fixtures'

/** A valid ID number (GB 11643 check character, ISO 7064 MOD 11-2). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}

const BRANCH = '信达中小企业服务有限公司党支部'

async function asSecretary(page: Page): Promise<void> {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The demo load is slow on a busy 2-core machine.
  await expect(page.getByTestId('stat-members')).toHaveText('546', { timeout: 60_000 })
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-secretary').click()
  await page.getByTestId('role-org').click()
  await page.keyboard.type('信达')
  await page.getByRole('option', { name: BRANCH }).click()
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(`支部书记：${BRANCH}`)
}

/** The same day three months later, clamped to the month's end (as the deadline is read). */
function threeMonthsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const month = m + 3
  const year = y + Math.floor((month - 1) / 12)
  const target = ((month - 1) % 12) + 1
  const last = new Date(Date.UTC(year, target, 0)).getUTCDate()
  return `${year}-${String(target).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

async function pickDate(page: Page, testid: string, date: string): Promise<void> {
  const input = page.getByTestId(testid).filter({ visible: true }).first().locator('input')
  await input.fill(date)
  await input.press('Enter')
}

test('a secretary adds a member, moves an activist to probationary, and transfers one out', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await asSecretary(page)
  await page.goto('/members')
  await expect(page.getByTestId('member-table')).toBeVisible()
  await expect(page.getByTestId('member-link').first()).toBeVisible()
  await screenshot(page, 'members-roster')

  // A new member: a wrong check character is a field error, the right one saves.
  // Born 1995-06-18, sequence 135 (odd 17th digit: male).
  const good = idNumber('15020319950618135')
  const wrong = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1')
  await page.getByTestId('member-add').click()
  await page.getByTestId('member-name').fill('乌兰巴特尔')
  await page.getByTestId('member-id-input').fill(wrong)
  await page.getByTestId('member-phone').click()
  await expect(page.getByTestId('member-form')).toContainText('身份证号的校验位不正确')
  await page.getByTestId('member-id-input').fill(good)
  await page.getByTestId('member-phone').fill('13912345678')
  await expect(page.getByTestId('member-form')).not.toContainText('校验位不正确')
  await page.getByTestId('member-save').click()
  await expect(page.getByText('已新增')).toBeVisible()
  await page.getByTestId('member-search').fill('乌兰巴特尔')
  const row = page.getByTestId('member-table').locator('tr', { hasText: '乌兰巴特尔' })
  await expect(row).toHaveCount(1)
  const masked = `${good.slice(0, 4)}**********${good.slice(-4)}`
  await expect(row.getByTestId('member-id-number')).toHaveText(masked)
  await expect(row).toContainText('139****5678')
  await expect(row).not.toContainText(good)

  // An activist since 2024-03-10, moved on to candidate and to probationary member.
  // The first save's message must be gone, so the next one is this save's own.
  await expect(page.getByText('已新增')).toHaveCount(0)
  await page.getByTestId('member-add').click()
  await page.getByTestId('member-name').fill('其木格')
  await page.getByTestId('member-gender').getByText('女').click()
  await pickDate(page, 'member-birth', '1998-04-02')
  await page.getByTestId('member-stage-select').click()
  await page.getByRole('option', { name: '入党积极分子' }).click()
  await pickDate(page, 'member-dev-appliedOn', '2024-01-05')
  await pickDate(page, 'member-dev-talkedOn', '2024-01-20')
  await pickDate(page, 'member-dev-activistOn', '2024-03-10')
  await page.getByTestId('member-save').click()
  await expect(page.getByText('已新增')).toBeVisible()
  await page.getByTestId('member-search').fill('其木格')
  await page.getByTestId('member-link').filter({ hasText: '其木格' }).click()
  await expect(page).toHaveURL(/\/members\/.+/)
  await expect(page.getByTestId('member-profile-stage')).toHaveText('入党积极分子')
  await expect(page.getByTestId('member-next-code')).toHaveText('确定为发展对象')
  await expect(page.getByTestId('member-next-earliest')).toHaveText('2025-03-10')

  await page.getByTestId('member-advance').click()
  await pickDate(page, 'member-advance-on', '2025-03-10')
  await page.getByTestId('member-advance-save').click()
  await expect(page.getByTestId('member-profile-stage')).toHaveText('发展对象')
  // 细则 第十六条: the next step of a 发展对象 is the political review.
  await expect(page.getByTestId('member-next-code')).toHaveText('政治审查')

  // 接收为预备党员 is the 支部党员大会's vote: the newest assembly, the votes it needs.
  await page.getByTestId('member-advance').click()
  await page.getByTestId('vote-meeting').click()
  const assembly = page.getByRole('option', { name: /应到会有表决权/ }).first()
  const voteOn = /^\d{4}-\d{2}-\d{2}/.exec(await assembly.innerText())?.[0] ?? ''
  await assembly.click()
  const needed = Number(
    /赞成须达 (\d+) 票/.exec(await page.getByTestId('vote-outcome').innerText())?.[1],
  )
  await page.getByTestId('vote-approve').locator('input').fill(String(needed))
  await expect(page.getByTestId('vote-outcome')).toContainText('通过')
  // The assemblies' list must be gone before the introducers' opens.
  await expect(page.locator('.el-select-dropdown:visible')).toHaveCount(0)
  await page.getByTestId('member-advance-introducers').click()
  const options = page.locator('.el-select-dropdown:visible .el-select-dropdown__item')
  await options.nth(0).click()
  await options.nth(1).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('member-advance-form').getByRole('spinbutton').nth(4).fill('3')
  await page.getByTestId('member-advance-save').click()
  await expect(page.getByTestId('member-profile-stage')).toHaveText('预备党员')
  // 细则 第四章: the upper committee talks with them and approves within three months.
  await expect(page.getByTestId('member-next-code')).toHaveText('上级党委派人谈话')
  await expect(page.getByTestId('member-next-earliest')).toHaveText(voteOn)
  await expect(page.getByTestId('member-next-latest')).toHaveText(threeMonthsAfter(voteOn))
  await expect(page.getByTestId('member-timeline')).toContainText('2025-03-10')
  await screenshot(page, 'members-profile')

  // Transfer out to an organisation outside the register: off the roster, history kept.
  await page.getByTestId('member-transfer').click()
  await page.getByTestId('transfer-name').fill('北京市海淀区中关村某科技公司党支部')
  await page.getByTestId('transfer-letter').fill('内组转〔2026〕15号')
  await page.getByTestId('transfer-save').click()
  await expect(page.getByTestId('member-profile-status')).toHaveText('已转出')
  await page.getByRole('tab', { name: '组织关系转接' }).click()
  await expect(page.getByTestId('member-transfers')).toContainText('内组转〔2026〕15号')
  await expect(page.getByTestId('member-transfers')).toContainText('已办结')

  await page.getByText('返回花名册').click()
  await page.getByTestId('member-search').fill('其木格')
  await expect(page.getByTestId('member-table')).toContainText('没有符合条件的人员')
  await page.getByTestId('member-filter-status').click()
  await page.getByRole('option', { name: '已转出' }).click()
  await expect(page.getByTestId('member-link').filter({ hasText: '其木格' })).toHaveCount(1)

  // The pipeline board of the branch.
  await page.getByTestId('member-search').fill('')
  await page.getByRole('tab', { name: '发展流程' }).click()
  await expect(page.getByTestId('member-pipeline')).toBeVisible()
  await screenshot(page, 'members-pipeline')
})
