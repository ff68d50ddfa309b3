import { expect, loadDemo, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/** A valid unified social credit code (GB 32100 check character). */
function creditCode(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...first17].reduce((acc, ch, i) => acc + alphabet.indexOf(ch) * weights[i]!, 0)
  return first17 + alphabet[(31 - (sum % 31)) % 31]
}

async function pickTreeOption(page: Page, testid: string, label: string): Promise<void> {
  await page.getByTestId(testid).filter({ visible: true }).first().click()
  // Tree-select nodes are listbox options; the popper is the one showing.
  await page
    .locator('.el-tree-select__popper:visible')
    .getByRole('option', { name: label, exact: true })
    .first()
    .click()
}

test('create an area, a firm and a branch covering it: the firm is covered and the dashboard moves by one', async ({
  page,
}) => {
  await loadDemo(page)
  await expect(page.getByTestId('stat-firms-with-org')).toHaveText('121')

  // A new park under 包头市.
  await page.getByTestId('nav-firms').click()
  await screenshot(page, 'firms-zh')
  await page.getByRole('button', { name: '地区管理' }).click()
  await expect(page.getByRole('heading', { name: '地区管理' })).toBeVisible()
  await page.getByTestId('area-add-包头市').click()
  await page.getByTestId('area-name').fill('包头软件产业园')
  await page.getByTestId('area-save').click()
  await expect(page.getByTestId('area-tree')).toContainText('包头软件产业园')
  await screenshot(page, 'areas-zh')

  // A firm in it; a wrong check character is refused with the field named.
  await page.getByTestId('nav-firms').click()
  await page.getByTestId('firm-add').click()
  await page.getByTestId('firm-name').fill('包头云岭数据科技有限公司')
  const code = creditCode('91150200MA0Q7Y3K4')
  const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0')
  await page.getByTestId('firm-credit-code').fill(wrong)
  await pickTreeOption(page, 'firm-area', '包头软件产业园')
  await page.getByTestId('firm-save').click()
  await expect(page.getByTestId('firm-form')).toContainText('统一社会信用代码的校验位不正确')
  await page.getByTestId('firm-credit-code').fill(code)
  await page.getByTestId('firm-save').click()
  await expect(page.getByText('企业已新增')).toBeVisible()
  await page.getByTestId('firm-search').fill('云岭数据')
  await expect(page.getByTestId('firm-table')).toContainText('包头云岭数据科技有限公司')
  await expect(page.getByTestId('firm-status')).toHaveCount(1)
  await expect(page.getByTestId('firm-status')).toHaveText('未覆盖')

  // A branch covering it.
  await page.getByTestId('nav-orgs').click()
  await page.getByTestId('org-add').click()
  await page.getByTestId('org-name').fill('包头云岭数据科技有限公司党支部')
  await pickTreeOption(page, 'org-area', '包头软件产业园')
  await page.getByTestId('org-firms').click()
  await page.keyboard.type('云岭')
  await page.getByRole('option', { name: '包头云岭数据科技有限公司' }).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('org-save').click()
  await expect(page.getByText('党组织已新增')).toBeVisible()
  await expect(page.getByTestId('org-detail')).toContainText('包头云岭数据科技有限公司党支部')
  // A new branch has no secretary: the rule check says so.
  await expect(page.getByTestId('org-detail')).toContainText('未配备书记')
  await screenshot(page, 'orgs-zh')
  // The tree filtered to the new park shows just that branch.
  await pickTreeOption(page, 'org-filter-area', '包头软件产业园')
  await expect(page.getByTestId('org-tree').locator('.el-tree-node')).toHaveCount(1)
  await expect(page.getByTestId('org-tree')).toContainText('包头云岭数据科技有限公司党支部')

  await page.getByTestId('nav-firms').click()
  await page.getByTestId('firm-search').fill('云岭数据')
  await expect(page.getByTestId('firm-status')).toHaveCount(1)
  await expect(page.getByTestId('firm-status')).toHaveText('单独建立党组织')

  await page.getByTestId('nav-dashboard').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('876')
  await expect(page.getByTestId('stat-firms-with-org')).toHaveText('122')
})

test('the firm list pages through the register and filters by status and area', async ({
  page,
}) => {
  await loadDemo(page)
  // The list's derived status and the dashboard's figure must agree.
  const hint = await page.getByTestId('stat-firms-with-org').locator('..').innerText()
  const ownOrg = /单独组建 (\d+) 家/.exec(hint)?.[1]
  expect(ownOrg).toBeDefined()
  await page.getByTestId('nav-firms').click()
  await expect(page.getByTestId('pager')).toContainText('共 881 条')
  const firstName = page.getByTestId('firm-table').locator('tbody tr').first().locator('.el-link')
  const firstPage = await firstName.innerText()
  await page.getByTestId('pager-next').click()
  await expect(page.getByTestId('pager-page')).toHaveText('第 2 页')
  await expect(firstName).not.toHaveText(firstPage)
  await page.getByTestId('pager-previous').click()
  await expect(firstName).toHaveText(firstPage)
  // Name Z→A and back, read through the same index backwards.
  await page
    .getByTestId('firm-table')
    .locator('thead th')
    .filter({ hasText: '企业名称' })
    .locator('.caret-wrapper')
    .click()
  await expect(firstName).not.toHaveText(firstPage)
  await page
    .getByTestId('firm-table')
    .locator('thead th')
    .filter({ hasText: '企业名称' })
    .locator('.caret-wrapper')
    .click()
  await expect(firstName).toHaveText(firstPage)

  await page.getByTestId('firm-filter-status').click()
  await page.getByRole('option', { name: '单独建立党组织' }).click()
  await expect(page.getByTestId('pager')).toContainText(`共 ${ownOrg} 条`)
  await pickTreeOption(page, 'firm-filter-area', '包头市')
  await expect(page.getByTestId('firm-table').locator('tbody tr').first()).toContainText('包头市')
  await page.getByTestId('firm-table').locator('tbody tr').first().locator('.el-link').click()
  await expect(page.getByTestId('drawer-status')).toHaveText('单独建立党组织')
  await screenshot(page, 'firm-drawer-zh')
})
