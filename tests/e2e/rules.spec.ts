import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { actAsSecretary, expect, loadDemo, screenshot, test } from './fixtures'

const ORG = '华讯测试民主评议党支部'
const FULL = ['评议甲', '评议乙', '评议丙', '评议丁', '评议戊', '评议己']
const PROBATIONARY = ['预备子', '预备丑', '预备寅']
/** 预备子 was admitted on 2025-10-15: probation ended on 2026-10-15. */
const ADMITTED = { 预备子: '2025-10-15', 预备丑: '2026-03-01', 预备寅: '2026-03-01' }

/** The sheet a secretary imports: 6 full and 3 probationary members of the new branch. */
async function memberSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('党员')
  sheet.addRow(['姓名', '性别', '所在党组织', '人员类别', '入党日期', '转正日期'])
  FULL.forEach((name, i) =>
    sheet.addRow([name, i % 2 ? '女' : '男', ORG, '正式党员', '2015-06-01', '2016-06-01']),
  )
  for (const name of PROBATIONARY) {
    sheet.addRow([name, '男', ORG, '预备党员', ADMITTED[name as keyof typeof ADMITTED], ''])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function pick(page: Page, testid: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testid).filter({ visible: true }).first().click()
  await page.getByRole('option', { name: option }).filter({ visible: true }).first().click()
}

async function openMember(page: Page, name: string): Promise<void> {
  await page.goto('/members')
  await page.getByTestId('member-search').fill(name)
  await page.getByTestId('member-link').filter({ hasText: name }).click()
  await expect(page.getByTestId('member-profile')).toContainText(name)
}

// A step that cannot happen fails in seconds, not at the end of the test's five minutes.
test.use({ actionTimeout: 20_000 })

test('rules as the regulations write them: 民主评议, 转正 by vote, 停止党籍, sources', async ({
  page,
}) => {
  test.setTimeout(300_000)
  await loadDemo(page)

  // The rules page shows each setting's corrected source and whose rule it is.
  await page.goto('/settings')
  await page.getByRole('tab', { name: '任期与换届' }).click()
  await expect(page.getByTestId('setting-source-term.branch')).toContainText('第三十一条')
  await expect(page.getByTestId('setting-scope-term.remindMonths')).toHaveText('国家规定')
  await expect(page.getByTestId('settings-table')).not.toContainText('临时党支部任期')
  await screenshot(page, 'rules-settings-terms')
  await page.getByRole('tab', { name: '发展党员' }).click()
  await expect(page.getByTestId('setting-source-development.trainingMinDays')).toContainText(
    '第十七条',
  )
  await expect(page.getByTestId('setting-scope-development.publicityWorkingDays')).toHaveText(
    '地方规定',
  )
  // The dues rates are read by the dues rules now: shown with their source.
  await page.getByRole('tab', { name: '党费' }).click()
  await expect(page.getByTestId('setting-source-dues.flatYuan')).toContainText('0.2 元')
  await screenshot(page, 'rules-settings-development')

  // The demo names what it leaves undone on purpose, above the 待办 list.
  await page.goto('/todo')
  await expect(page.getByTestId('demo-gaps')).toContainText('有意保留')
  await expect(page.getByTestId('demo-gap-studyBehind')).toBeVisible()
  await screenshot(page, 'rules-todo-demo')

  // A new branch, and its 6 full and 3 probationary members from a sheet.
  await page.goto('/orgs')
  await page.getByTestId('org-add').click()
  await page.getByTestId('org-name').fill(ORG)
  await page.getByTestId('org-area').filter({ visible: true }).first().click()
  await page
    .locator('.el-tree-select__popper:visible')
    .getByRole('option', { name: '包头市', exact: true })
    .first()
    .click()
  await screenshot(page, 'rules-org-form')
  await page.getByTestId('org-save').click()
  await expect(page.getByText('党组织已新增')).toBeVisible()
  await page.goto('/members')
  await page.getByTestId('member-import').click()
  await page.getByTestId('import-file').setInputFiles({
    name: '党员.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await memberSheet(),
  })
  await page.getByTestId('import-next').click()
  await expect(page.getByTestId('import-valid-count')).toContainText('9')
  await page.getByTestId('import-confirm').click()
  await expect(page.getByTestId('import-dialog')).toBeHidden({ timeout: 30_000 })
  await page.goto('/dashboard')
  await expect(page.getByTestId('stat-members')).toHaveText('555')

  // 民主评议 with all nine present: grades for the 6 full members only; the third 优秀 warns.
  await actAsSecretary(page, ORG)
  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  await pick(page, 'meeting-type', '民主评议党员')
  await page.getByTestId('meeting-topic').fill('2026年度民主评议党员')
  const attendees = page.getByTestId('meeting-attendees')
  await expect(attendees.locator('[data-testid^="attendee-"]')).toHaveCount(9)
  await expect(attendees.locator('.grades')).toHaveCount(6)
  await expect(attendees.getByTestId('grade-none')).toHaveCount(3)
  for (const name of PROBATIONARY) {
    await expect(page.getByTestId(`attendee-${name}`).locator('.grades')).toHaveCount(0)
  }
  await expect(page.getByTestId('meeting-appraisal-share')).toContainText('正式党员 6 人')
  await expect(page.getByTestId('meeting-appraisal-share')).toContainText('优秀一般不超过 2 人')
  for (const [index, name] of FULL.slice(0, 3).entries()) {
    // From the keyboard: the list opens on 合格, one up is 优秀.
    await page.getByTestId(`attendee-${name}`).locator('.grades').click()
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId(`attendee-${name}`).locator('.grades')).toContainText('优秀')
    await expect(page.getByTestId('meeting-appraisal-over')).toHaveCount(index < 2 ? 0 : 1)
  }
  await expect(page.getByTestId('meeting-appraisal-over')).toContainText('优秀 3 人')
  await screenshot(page, 'rules-appraisal-over')
  // A warning, not a block: the save asks for the reason, then goes ahead.
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('meeting-form')).toContainText('请填写优秀超过三分之一的理由')
  // el-input puts the testid on its own <textarea>.
  await page
    .getByTestId('meeting-excellent-reason')
    .fill('三名同志在抗洪抢险中表现突出，经支部党员大会讨论同意。')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('meeting-form')).toBeHidden()

  // A 支部党员大会 with everyone: 6 with a vote (预备党员 have none).
  await page.getByTestId('meeting-add').click()
  await page.getByTestId('meeting-topic').fill('讨论预备党员转正')
  await expect(page.getByTestId('meeting-quorum')).toContainText('应到 6 人')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('meeting-form')).toBeHidden()
  await expect(page.getByTestId('meeting-table')).toContainText('讨论预备党员转正')

  // 转正 of 预备子: the vote is recorded on that meeting; 党龄 from the probation end.
  await openMember(page, '预备子')
  await page.getByTestId('member-decide').click()
  await pick(page, 'vote-meeting', /讨论预备党员转正/)
  await page.getByTestId('vote-approve').locator('input').fill('3')
  await expect(page.getByTestId('vote-outcome')).toContainText('须 4 票')
  await page.getByTestId('member-decide-save').click()
  await expect(page.getByTestId('member-decide-form')).toContainText('决议未通过')
  await page.getByTestId('vote-approve').locator('input').fill('5')
  await page.getByTestId('vote-abstain').locator('input').fill('1')
  await expect(page.getByTestId('vote-outcome')).toContainText('超过半数，通过')
  await expect(page.getByTestId('decide-party-age')).toContainText('2026-10-15')
  await screenshot(page, 'rules-probation-decision')
  await page.getByTestId('member-decide-save').click()
  await expect(page.getByText('已转为正式党员，党龄自 2026-10-15 起算')).toBeVisible()
  await expect(page.getByTestId('member-profile-stage')).toHaveText('正式党员')
  await expect(page.getByTestId('member-info')).toContainText('2026-10-15')
  await expect(page.getByTestId('member-next-code')).toHaveText('上级党委审批转正')
  await screenshot(page, 'rules-member-full')

  // 停止党籍 of 评议甲: off the roll — out of the quorum and the counts.
  await openMember(page, '评议甲')
  await page.getByTestId('member-set-status').click()
  await pick(page, 'member-status-choice', '停止党籍')
  await expect(page.getByTestId('member-status-effect')).toContainText('不计入党员人数')
  await page.getByTestId('member-status-where').fill('失联满 6 个月，经支部党员大会决定')
  await screenshot(page, 'rules-status-dialog')
  await page.getByTestId('member-status-save').click()
  await expect(page.getByTestId('member-profile-status')).toHaveText('停止党籍')
  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  await expect(page.getByTestId('attendee-评议乙')).toBeVisible()
  await expect(page.getByTestId('attendee-评议甲')).toHaveCount(0)
  // Today 5 with a vote: 评议甲 left; 预备子 votes from the day after the 转正 vote.
  await expect(page.getByTestId('meeting-quorum')).toContainText('应到 5 人')
  await page.keyboard.press('Escape')
  // The meeting held before keeps the roll of its day.
  await page
    .getByTestId('meeting-table')
    .getByRole('row', { name: /讨论预备党员转正/ })
    .getByTestId('meeting-link')
    .click()
  await expect(page.getByTestId('record-quorum')).toContainText('应到 6 人')
  await expect(page.getByTestId('record-votes')).toContainText('预备党员转正：预备子，赞成 5')
  await screenshot(page, 'rules-meeting-record')
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-department').click()
  await page.getByTestId('role-apply').click()
  await page.goto('/dashboard')
  await expect(page.getByTestId('stat-members')).toHaveText('554')
  await page.goto('/orgs')
  await page.getByTestId(`org-node-${ORG}`).click()
  await expect(page.getByTestId('org-detail')).toContainText('正式 6 名，预备 2 名')
  await page.getByTestId('org-renew').click()
  await expect(page.getByTestId('org-renew-form')).toBeVisible()
  await screenshot(page, 'rules-org-renew')
})
