import { mkdirSync } from 'node:fs'
import { expect, loadDemo, makePng, SCREENS_DIR, test } from './fixtures'
import type { Page } from '@playwright/test'

// An ordinary phone: 390 × 844 CSS pixels, touch, a mobile viewport (meta viewport honoured).
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

/** What the phone's screen shows now (a full-page shot of a sheet over the page says little). */
async function screen(page: Page, name: string): Promise<void> {
  // After the sheets' and drawers' own animations (Vue's *-enter-active classes).
  await page.waitForFunction(() => !document.querySelector('[class*="-enter-active"]'))
  mkdirSync(SCREENS_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENS_DIR}/${name}.png` })
}

/** Nothing scrolls sideways: the page is no wider than the phone. */
async function expectFits(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(390)
}

/** What the test needs from the demo, read straight from IndexedDB (the demo is seeded by date). */
async function pickPeople(page: Page) {
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
    const orgs = await all<{ id: string; name: string; type: string; dissolvedOn: string }>('orgs')
    const members = await all<{
      id: string
      name: string
      orgId: string
      stage: string
      status: string
    }>('members')
    const study = await all<{
      memberId: string
      studiedOn: string
      hours: number
      confirmed: string
      kind: string
    }>('studyRecords')
    db.close()
    const onRoll = (orgId: string) =>
      members.filter(
        (m) =>
          m.orgId === orgId &&
          (m.stage === 'full' || m.stage === 'probationary') &&
          m.status !== 'transferredOut',
      )
    // A branch of 8–20 on the roll: two absences still leave a quorum, the list fits a screen or two.
    const branch = orgs
      .filter((o) => o.type === 'branch' && !o.dissolvedOn)
      .map((o) => ({ ...o, roll: onRoll(o.id) }))
      .filter((o) => o.roll.length >= 8 && o.roll.length <= 20)
      .sort((a, b) => a.name.localeCompare(b.name))[0]!
    const year = String(new Date().getFullYear())
    const hoursOf = (id: string) =>
      study
        .filter(
          (s) =>
            s.memberId === id &&
            s.confirmed === 'yes' &&
            // The kinds the yearly target counts (domain/study.ts COUNTED_STUDY_KINDS); 自学 is apart.
            ['collective', 'lesson', 'training'].includes(s.kind) &&
            s.studiedOn.startsWith(year),
        )
        .reduce((sum, s) => sum + s.hours, 0)
    const member = branch.roll.find((m) => m.stage === 'full' && hoursOf(m.id) > 0)!
    return {
      branch: { name: branch.name, roll: branch.roll.map((m) => m.name) },
      member: { name: member.name, hours: Math.round(hoursOf(member.id) * 10) / 10 },
    }
  })
}

/** Switch role from the phone header's menu (the desktop's role button is not there). */
async function switchRole(page: Page, role: 'department' | 'secretary' | 'member', pick = '') {
  await page.getByTestId('phone-account').click()
  await page.getByTestId('phone-switch-role').click()
  await page.getByTestId(`role-${role}`).click()
  if (role !== 'department') {
    const select = page.getByTestId(role === 'secretary' ? 'role-org' : 'role-member-select')
    await select.click()
    await page.keyboard.type(pick)
    await page.getByRole('option', { name: pick }).first().click()
  }
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('phone-role')).toContainText(pick || '组织部门')
}

test('on a phone: a secretary logs a meeting offline, a member reads 我的, the department its figures', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // The first page a new phone sees.
  await page.goto('/')
  await expect(page.getByTestId('load-demo')).toBeVisible()
  await expectFits(page)
  await screen(page, 'phone-welcome')
  await loadDemo(page)
  await expectFits(page)
  await expect(page.getByTestId('phone-tabbar')).toBeVisible()
  // The service worker has precached the app: reload once under its control.
  await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
  await page.reload()
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true)
  // Installable from Chromium on a phone: Chromium itself finds nothing missing in the app (a
  // test browser's context is incognito, which no app can change).
  const cdp = await context.newCDPSession(page)
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  expect(installabilityErrors.map((error) => error.errorId)).toEqual(['in-incognito'])
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json())
  expect(manifest).toMatchObject({
    short_name: '支部',
    display: 'standalone',
    start_url: '/',
    theme_color: '#c8102e',
  })
  const sizes = (manifest.icons as { sizes: string; purpose?: string }[]).map(
    (icon) => `${icon.sizes}${icon.purpose ? ` ${icon.purpose}` : ''}`,
  )
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']))
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#c8102e')
  const people = await pickPeople(page)
  const [absentA, absentB] = people.branch.roll.slice(-2) as [string, string]

  // ── The secretary, offline, logs a meeting with two absences and a photo ──
  await switchRole(page, 'secretary', people.branch.name)
  await page.getByTestId('tab-meetings').click()
  await expect(page.getByTestId('meeting-card').first()).toBeVisible()
  await expectFits(page)
  await screen(page, 'phone-meetings')
  // The filters are one sheet from the bottom: pick a type, see only those meetings.
  await page.getByTestId('filter-open').click()
  await page.getByTestId('meeting-filter-type').click()
  await page.getByRole('option', { name: '支部党员大会' }).click()
  await screen(page, 'phone-meetings-filter')
  await page.getByTestId('filter-done').click()
  await expect(page.getByTestId('filter-open')).toHaveText('筛选（1）')
  await expect(page.getByTestId('meeting-card').first()).toContainText('支部党员大会')
  const types = await page.getByTestId('meeting-card').allInnerTexts()
  expect(types.every((text) => text.includes('支部党员大会'))).toBe(true)
  await page.getByTestId('filter-open').click()
  await page.getByRole('button', { name: '清除筛选' }).click()
  await page.getByTestId('filter-done').click()
  await expect(page.getByTestId('filter-open')).toHaveText('筛选')
  await context.setOffline(true)

  await page.getByTestId('meeting-add').click()
  await expect(page).toHaveURL(/form=new/)
  const form = page.getByTestId('meeting-form')
  await expect(form.getByTestId('meeting-org')).toContainText(people.branch.name)
  await expect(page.locator('.el-dialog.is-fullscreen')).toBeVisible()
  await screen(page, 'phone-meeting-form')
  await expect(page.getByTestId(`attendee-${absentB}`)).toBeVisible()
  const topic = '手机上登记的支部党员大会'
  await page.getByTestId('meeting-topic').fill(topic)
  await page.getByTestId('meeting-place').fill('公司会议室')
  for (const name of [absentA, absentB]) {
    await page.getByTestId(`attendee-${name}`).locator('.el-checkbox').tap()
    await expect(page.getByTestId(`attendee-${name}`)).toContainText('缺席')
  }
  // The second absence has a reason of its own: 因病.
  await page.getByTestId(`attendee-${absentB}`).getByTestId('absence-reason').click()
  await page.getByRole('option', { name: '因病' }).click()
  const roll = people.branch.roll.length
  await expect(page.getByTestId('attendees-count')).toHaveText(`出席 ${roll - 2} 人，缺席 2 人`)
  // Straight from the camera: the capture input (Chromium hands it the file as a picker would).
  await page
    .getByTestId('meeting-photo-capture')
    .setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: makePng() })
  await expect(page.getByTestId('meeting-photo-thumb')).toHaveCount(1)
  await expect(page.getByTestId('meeting-draft-saved')).toBeVisible()
  await expectFits(page)
  await page.getByTestId('meeting-attendees').scrollIntoViewIfNeeded()
  await screen(page, 'phone-meeting-form-attendance')
  await page.getByTestId('meeting-photos').scrollIntoViewIfNeeded()
  await screen(page, 'phone-meeting-form-photos')

  // A call or the lock screen drops the page: it comes back (offline) with everything typed.
  // Kept on this device a moment after the last change: the photo and the reason are in it.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const request = indexedDB.open('zhibu-drafts')
          request.onsuccess = () => resolve(request.result)
        })
        const draft = await new Promise<{
          value: { photos: unknown[]; absence: Record<string, { reason: string }> }
        }>((resolve) => {
          const request = db.transaction('drafts').objectStore('drafts').get('meeting:new')
          request.onsuccess = () => resolve(request.result)
        })
        db.close()
        const reasons = Object.values(draft?.value.absence ?? {}).map((a) => a.reason)
        return `${draft?.value.photos.length} ${reasons.sort().join(',')}`
      }),
    )
    .toBe('1 sick,work')
  await page.reload()
  await expect(page.getByTestId('meeting-draft-note')).toContainText('已恢复')
  await expect(page.getByTestId('meeting-topic')).toHaveValue(topic)
  await expect(page.getByTestId('attendees-count')).toHaveText(`出席 ${roll - 2} 人，缺席 2 人`)
  await expect(page.getByTestId(`attendee-${absentB}`).getByTestId('absence-reason')).toContainText(
    '因病',
  )
  await expect(page.getByTestId('meeting-photo-thumb')).toHaveCount(1)
  await page.getByTestId('meeting-save').click()
  await expect(page.getByText('会议已登记')).toBeVisible()
  await expect(page).not.toHaveURL(/form=new/)
  await expect(page.getByTestId('meeting-cards')).toContainText(topic)
  await expect(page.getByTestId('meeting-draft-banner')).toHaveCount(0)

  // Online again: after a reload the meeting is in the list, with its attendance.
  await context.setOffline(false)
  await page.reload()
  const card = page.getByTestId('meeting-card').filter({ hasText: topic })
  await expect(card).toContainText(`实到/应到 ${roll - 2}/${roll}`)
  await expectFits(page)
  await card.getByRole('link').click()
  await expect(page.getByTestId('record-absentees')).toContainText(absentB)
  await expect(page.getByTestId('detail-photo')).toHaveCount(1)
  await expectFits(page)
  await screen(page, 'phone-meeting-record')

  // ── A member opens 我的 and reads this year's hours ──
  await switchRole(page, 'member', people.member.name)
  await page.getByTestId('tab-me').click()
  await expect(page.getByTestId('study-summary-hours')).toContainText(
    `${people.member.hours} / 32 学时`,
  )
  await expect(page.getByTestId('me-study-cards')).toBeVisible()
  await expectFits(page)
  await screen(page, 'phone-me')
  await page.getByRole('tab', { name: '组织生活' }).click()
  await expect(page.getByTestId('member-meetings-year')).toContainText('出席')
  await expectFits(page)
  await screen(page, 'phone-me-meetings')

  // ── The department opens the dashboard and 待办 ──
  await switchRole(page, 'department')
  await page.getByTestId('tab-dashboard').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875')
  await expectFits(page)
  await screen(page, 'phone-dashboard')
  await page.getByTestId('tab-todo').click()
  await expect(page.getByTestId('todo-card').first()).toBeVisible()
  await expect(page.getByTestId('todo-reading')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('todo-cards')).toContainText('期限')
  await expectFits(page)
  await screen(page, 'phone-todo')
  // Everything else is one tap away in the menu drawer.
  await page.getByTestId('tab-more').click()
  await expect(page.getByTestId('nav-firms')).toBeVisible()
  await expect.poll(async () => (await page.locator('.phone-menu').boundingBox())?.x).toBe(0)
  await screen(page, 'phone-menu')
  await page.getByTestId('nav-firms').click()
  await expect(page.getByTestId('firm-card').first()).toBeVisible()
  await expectFits(page)
  expect(errors).toEqual([])
})
