import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { DEV_ADMIN, findFreePort, startServer } from '../../server/launch.mjs'
import { expect, loadDemo, screenshot, test } from './fixtures'

/**
 * Live sync end to end: one CouchDB-compatible server (pouchdb-server, data in a temporary
 * folder so it survives being killed), started here and stopped by its process id; two
 * browser profiles (the department and a branch secretary, both with the demo, whose ids are
 * seeded) and a third, empty department device for the first pull under a server crash.
 */

type ServerHandle = Awaited<ReturnType<typeof startServer>>
let server: ServerHandle
let dataDir = ''
let port = 0

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-sync-'))
  port = await findFreePort(5985, 5989)
  server = await startServer({ port, dir: dataDir, admin: DEV_ADMIN })
})

test.afterAll(async () => {
  const pid = server?.pid
  await server?.stop()
  if (pid) expect(() => process.kill(pid, 0)).toThrow()
  rmSync(dataDir, { recursive: true, force: true })
})

async function idb<T>(page: Page, body: string, arg: unknown = null): Promise<T> {
  return page.evaluate(
    async ({ body, arg }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhibu')
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      const all = (store: string) =>
        new Promise<Record<string, unknown>[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll()
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[])
        })
      const run = new Function('all', 'arg', `return (async () => { ${body} })()`) as (
        ...args: unknown[]
      ) => Promise<unknown>
      try {
        return await run(all, arg)
      } finally {
        db.close()
      }
    },
    { body, arg },
  ) as Promise<T>
}

/**
 * Per table: how many records, and a SHA-256 of each as its revision sees it (with `_rev`, but
 * not `updatedAt`, which is information for people, nor the fields each device derives).
 */
const HASHES = `
  const derived = { members: ['lastAttendedOn'], firms: ['orgStatus'] }
  const out = {}
  for (const table of ['areas', 'firms', 'orgs', 'partyGroups', 'members', 'transfers', 'meetings', 'photos', 'constituents', 'jointMeetings', 'issues', 'studyRecords', 'dues']) {
    const rows = await all(table)
    const hashes = {}
    for (const row of rows) {
      const copy = { ...row }
      for (const field of [...(derived[table] ?? []), 'updatedAt']) delete copy[field]
      if (copy.blob) copy.blob = copy.blob.size
      const text = JSON.stringify(copy, Object.keys(copy).sort())
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
      hashes[row.id] = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
    }
    out[table] = { count: rows.length, hashes }
  }
  return out`

interface Profile {
  context: BrowserContext
  page: Page
}

async function profile(browser: Browser, errors: string[]): Promise<Profile> {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  return { context, page }
}

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      const cells: string[] = []
      for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
        const cell = match[1] ?? ''
        cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell)
        if (match[2] === '') break
      }
      return cells
    })
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto('/data/sync')
  await page.getByTestId('sync-url').fill(server.url)
  await page.getByTestId('sync-name').fill(name)
  await page.getByTestId('sync-password').fill(password)
  await page.getByTestId('sync-sign-in').click()
  await expect(page.getByTestId('sync-signed-in')).toContainText(name)
}

async function whenSynced(page: Page, timeout = 60_000): Promise<void> {
  await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'idle', { timeout })
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0', { timeout })
}

async function editMeetingTopic(page: Page, id: string, topic: string) {
  await page.goto(`/meetings/${id}`)
  await page.getByTestId('meeting-edit').click()
  await page.getByTestId('meeting-topic').fill(topic)
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('meeting-record')).toContainText(topic)
}

/** The sync server unreachable from this profile (the app's own pages still load). */
async function cutServer(context: BrowserContext, cut: boolean): Promise<void> {
  const pattern = `${server.url}**`
  if (cut) await context.route(pattern, (route) => route.abort('connectionrefused'))
  else await context.unroute(pattern)
}

test('two profiles sync through one server: offline meeting, conflict, deletion, refusal, crash', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(480_000)
  const errors: string[] = []
  const dept = await profile(browser, errors)
  await loadDemo(dept.page)

  // ── The department's server from its register ──
  const tree = await idb<{
    orgs: { id: string; name: string; parentId: string; dissolvedOn: string }[]
    branch: { id: string; name: string; meetings: string[] }
    sibling: { id: string; name: string }
  }>(
    dept.page,
    `const orgs = await all('orgs')
     const meetings = await all('meetings')
     const branches = orgs.filter((o) => o.type === 'branch' && o.parentId !== '' && !o.dissolvedOn)
     const branch = branches.find((o) => meetings.filter((m) => m.orgId === o.id).length >= 2 &&
       branches.some((s) => s.parentId === o.parentId && s.id !== o.id))
     const sibling = branches.find((s) => s.parentId === branch.parentId && s.id !== branch.id)
     return {
       orgs: orgs.map((o) => ({ id: o.id, name: o.name, parentId: o.parentId, dissolvedOn: o.dissolvedOn ?? '' })),
       branch: { id: branch.id, name: branch.name,
         meetings: meetings.filter((m) => m.orgId === branch.id).map((m) => m.id) },
       sibling: { id: sibling.id, name: sibling.name },
     }`,
  )
  const register = testInfo.outputPath('register.json')
  const accounts = testInfo.outputPath('accounts.csv')
  writeFileSync(register, JSON.stringify({ orgs: tree.orgs }))
  const setup = spawnSync(
    process.execPath,
    [
      'server/setup.mjs',
      '--url',
      server.url,
      '--register',
      register,
      '--accounts',
      accounts,
      '--origin',
      baseURL!,
    ],
    {
      env: { ...process.env, COUCHDB_USER: DEV_ADMIN.name, COUCHDB_PASSWORD: DEV_ADMIN.password },
      encoding: 'utf8',
    },
  )
  expect(setup.status, setup.stderr).toBe(0)
  const rows = parseCsv(readFileSync(accounts, 'utf8'))
  const account = (orgId: string) => {
    const row = rows.find((cells) => cells[1] === orgId)!
    return { name: row[2]!, password: row[3]! }
  }
  const department = rows.find((cells) => cells[2] === 'zb-department')!

  // ── The department signs in: its first sync uploads the demo to every org's database ──
  await signIn(dept.page, department[2]!, department[3]!)
  // The first sync shows its progress while changes wait; on a fast run it may be done
  // before a frame shows the bar, so either is the page at work.
  await expect(
    dept.page
      .getByTestId('sync-progress')
      .or(dept.page.getByTestId('sync-status').getByText('已同步')),
  ).toBeVisible({ timeout: 30_000 })
  await screenshot(dept.page, 'sync-first')
  await whenSynced(dept.page, 240_000)
  await screenshot(dept.page, 'sync-department')

  // ── The branch secretary: the same demo here, its own database only ──
  const branch = await profile(browser, errors)
  await loadDemo(branch.page)
  const own = account(tree.branch.id)
  await signIn(branch.page, own.name, own.password)
  await whenSynced(branch.page)
  const ownDb = `zhibu-org-${tree.branch.id}`
  await expect(branch.page.getByTestId(`sync-target-${ownDb}`)).toContainText('已同步')
  // A sibling's database: the server refuses, and the page says why.
  await branch.page.getByTestId('sync-extra-org').click()
  await branch.page.keyboard.type(tree.sibling.name.slice(0, 6))
  await branch.page
    .locator('.el-select-dropdown__item:visible', { hasText: tree.sibling.name })
    .first()
    .click()
  await branch.page.getByTestId('sync-extra-add').click()
  const refused = branch.page.getByTestId(`sync-target-zhibu-org-${tree.sibling.id}`)
  await expect(refused).toContainText('无权访问', { timeout: 20_000 })
  await expect(refused).toContainText(tree.sibling.name)
  await screenshot(branch.page, 'sync-branch-refused')
  await branch.page.setViewportSize({ width: 390, height: 844 })
  await screenshot(branch.page, 'sync-phone')
  await branch.page.setViewportSize({ width: 1440, height: 900 })

  // ── A meeting logged offline at the branch reaches the department within 5 s of reconnecting ──
  await branch.page.goto('/data') // the page's code is here before the network goes
  await branch.page.getByTestId('role-switch').click()
  await branch.page.getByTestId('role-secretary').click()
  await branch.page.getByTestId('role-org').click()
  await branch.page.keyboard.type(tree.branch.name.slice(0, 6))
  await branch.page.getByRole('option', { name: tree.branch.name, exact: true }).click()
  await branch.page.getByTestId('role-apply').click()
  await branch.page.goto('/meetings')
  await branch.page.getByTestId('meeting-add').click()
  await branch.page.getByTestId('meeting-topic').fill('离线登记的支部委员会')
  await branch.page.getByTestId('meeting-place').fill('党员活动室')
  await branch.page.getByTestId('meeting-host').fill('张书记')
  await branch.page.getByTestId('meeting-recorder').fill('李委员')
  await branch.context.setOffline(true)
  await branch.page.getByTestId('meeting-save').click()
  await expect(branch.page.getByText('会议已登记')).toBeVisible()
  await branch.page.getByTestId('nav-data').click()
  await branch.page.getByTestId('sync-open').click()
  await expect(branch.page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline', {
    timeout: 20_000,
  })
  await expect(branch.page.getByTestId('sync-waiting')).not.toHaveAttribute('data-count', '0')
  await screenshot(branch.page, 'sync-offline')
  const findMeeting = `return (await all('meetings')).find((m) => m.topic === arg)?.id ?? null`
  expect(await idb(dept.page, findMeeting, '离线登记的支部委员会')).toBeNull()
  await branch.context.setOffline(false)
  const reconnected = Date.now()
  await expect
    .poll(() => idb(dept.page, findMeeting, '离线登记的支部委员会'), {
      timeout: 5_000,
      intervals: [100],
    })
    .not.toBeNull()
  const latency = Date.now() - reconnected
  testInfo.annotations.push({ type: 'offline meeting → department', description: `${latency} ms` })
  await whenSynced(branch.page)

  // ── A concurrent edit: a conflict on both sides; one resolution settles both ──
  const [edited, deleted] = tree.branch.meetings
  await cutServer(dept.context, true)
  await cutServer(branch.context, true)
  await editMeetingTopic(branch.page, edited!, '支部改的主题')
  await editMeetingTopic(dept.page, edited!, '部门改的主题')
  await cutServer(dept.context, false)
  await cutServer(branch.context, false)
  for (const page of [branch.page, dept.page]) {
    await page.goto('/data/sync')
    await whenSynced(page)
  }
  // The other side's edit may arrive a round later: each shows the conflict.
  for (const page of [branch.page, dept.page]) {
    await expect(async () => {
      await page.goto('/data/conflicts')
      await expect(
        page.getByTestId('conflict-list').getByTestId(`conflict-row-${edited}`),
      ).toBeVisible({
        timeout: 2_000,
      })
    }).toPass({ timeout: 30_000 })
  }
  const list = dept.page.getByTestId('conflict-list')
  await list.getByTestId(`conflict-row-${edited}`).click()
  const dialog = dept.page.getByTestId('conflict-dialog')
  await expect(dialog).toContainText('支部改的主题')
  await expect(dialog).toContainText('部门改的主题')
  const theirs = await dialog.getByTestId('compare-theirs-topic').textContent()
  await dialog.getByTestId(theirs?.includes('支部') ? 'conflict-theirs' : 'conflict-mine').click()
  await expect(dialog).toBeHidden()
  await expect(list).toContainText('没有待处理的冲突')
  await expect(async () => {
    await branch.page.goto('/data/conflicts')
    await expect(branch.page.getByTestId('conflict-list')).toContainText('没有待处理的冲突', {
      timeout: 2_000,
    })
  }).toPass({ timeout: 30_000 })
  const topicOf = `return (await all('meetings')).find((m) => m.id === arg)?.topic`
  expect(await idb(branch.page, topicOf, edited)).toBe('支部改的主题')
  expect(await idb(dept.page, topicOf, edited)).toBe('支部改的主题')

  // ── A deletion at the branch reaches the department ──
  await branch.page.goto(`/meetings/${deleted}`)
  await branch.page.getByTestId('meeting-remove').click()
  await branch.page.locator('.el-message-box__btns .el-button--primary').click()
  await expect(branch.page).toHaveURL(/\/meetings$/)
  await expect
    .poll(
      () => idb(dept.page, `return (await all('meetings')).some((m) => m.id === arg)`, deleted),
      {
        timeout: 15_000,
      },
    )
    .toBe(false)

  // ── The session ends: the page asks to sign in again, and nothing made meanwhile is lost ──
  await branch.context.clearCookies()
  await editMeetingTopic(branch.page, edited!, '会后补记的主题')
  await branch.page.goto('/data/sync')
  await expect(branch.page.getByTestId('sync-session-ended')).toBeVisible({ timeout: 20_000 })
  await expect(branch.page.getByTestId('sync-name')).toHaveValue(own.name)
  await expect(branch.page.getByTestId('sync-state')).toHaveAttribute('data-state', 'signedOut')
  await screenshot(branch.page, 'sync-session-ended')
  await branch.page.getByTestId('sync-password').fill(own.password)
  await branch.page.getByTestId('sync-sign-in').click()
  await expect(branch.page.getByTestId('sync-signed-in')).toBeVisible()
  await expect
    .poll(() => idb(dept.page, topicOf, edited), { timeout: 15_000 })
    .toBe('会后补记的主题')

  // ── A new department device pulls everything; the server is killed mid-sync, restarted ──
  const fresh = await profile(browser, errors)
  await fresh.page.goto('/')
  await fresh.page.getByTestId('start-empty').click()
  await expect(fresh.page).toHaveURL(/\/dashboard$/)
  await signIn(fresh.page, department[2]!, department[3]!)
  await expect
    .poll(() => idb<number>(fresh.page, `return (await all('members')).length`), {
      timeout: 120_000,
      intervals: [200],
    })
    .toBeGreaterThan(0)
  await server.kill()
  await expect(fresh.page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline', {
    timeout: 30_000,
  })
  server = await startServer({ port, dir: dataDir, admin: DEV_ADMIN })
  await whenSynced(fresh.page, 240_000)
  await dept.page.goto('/data/sync')
  await whenSynced(dept.page)
  type Hashes = Record<string, { count: number; hashes: Record<string, string> }>
  const expected = await idb<Hashes>(dept.page, HASHES)
  const got = await idb<Hashes>(fresh.page, HASHES)
  expect(got.members!.count).toBeGreaterThan(100)
  // A record that differs is shown field by field before the whole comparison.
  const rowOf = `const [table, id] = arg; return (await all(table)).find((r) => r.id === id)`
  for (const [table, { hashes }] of Object.entries(expected)) {
    for (const [id, hash] of Object.entries(hashes)) {
      if (got[table]?.hashes[id] === hash) continue
      expect(await idb(fresh.page, rowOf, [table, id]), `${table} ${id}`).toEqual(
        await idb(dept.page, rowOf, [table, id]),
      )
    }
  }
  expect(got).toEqual(expected)
  expect(errors).toEqual([])
  for (const each of [dept, branch, fresh]) await each.context.close()
})
