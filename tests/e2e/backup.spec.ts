import { answerSealDialog, expect, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/** Tables whose content must come back exactly (the restore adds to the others). */
const EXACT = [
  'areas',
  'firms',
  'orgs',
  'partyGroups',
  'members',
  'transfers',
  'dues',
  'meetings',
  'photos',
  'constituents',
  'jointMeetings',
  'issues',
  'studyRecords',
  'settings',
]

type Digest = Record<string, { count: number; hashes: string[] }>

/**
 * Straight from IndexedDB: each table's count and a SHA-256 of every record (keys sorted,
 * Blobs as their type and bytes), sorted, so the comparison ignores nothing but order.
 */
async function digest(page: Page): Promise<Digest> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const canonical = async (value: unknown): Promise<string> => {
      if (value instanceof Blob) {
        const bytes = new Uint8Array(await value.arrayBuffer())
        return JSON.stringify({ blob: Array.from(bytes).join(','), type: value.type })
      }
      if (Array.isArray(value)) return `[${(await Promise.all(value.map(canonical))).join(',')}]`
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : 1,
        )
        const parts = await Promise.all(
          entries.map(async ([k, v]) => `${JSON.stringify(k)}:${await canonical(v)}`),
        )
        return `{${parts.join(',')}}`
      }
      return JSON.stringify(value)
    }
    const sha = async (text: string) =>
      Array.from(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))),
      )
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')
    const out: Record<string, { count: number; hashes: string[] }> = {}
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll()
        request.onsuccess = () => resolve(request.result as unknown[])
      })
      const hashes = await Promise.all(rows.map(async (row) => sha(await canonical(row))))
      out[name] = { count: rows.length, hashes: hashes.sort() }
    }
    db.close()
    return out
  })
}

/** A photo with real bytes, so the backup carries a Blob through the file and back. */
async function addPhoto(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
    })
    // A PNG by its first bytes, on a meeting that exists: a restore refuses anything else.
    const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256)
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const meetingId = await new Promise<string>((resolve) => {
      const request = db.transaction('meetings').objectStore('meetings').openCursor()
      request.onsuccess = () => resolve(String(request.result!.key))
    })
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('photos', 'readwrite')
      tx.objectStore('photos').put({
        id: 'e2e-photo',
        meetingId,
        name: '合影.png',
        type: 'image/png',
        width: 64,
        height: 64,
        blob: new Blob([bytes], { type: 'image/png' }),
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      })
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  })
}

test('demo → back up → clear → restore: every table and record as before', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The dashboard opens once the demo is written (its figures are another spec's business).
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  await addPhoto(page)
  const before = await digest(page)
  const firms = before.firms!.count.toLocaleString('zh-CN')
  expect(before.firms!.count).toBeGreaterThanOrEqual(875)
  expect(before.photos!.count).toBe(1)

  // Never backed up: the 待办 list says so, and /data shows the reminder.
  await page.getByTestId('nav-todo').click()
  await expect(page.getByTestId('todo-table')).toContainText('还没有备份过', { timeout: 30_000 })
  await screenshot(page, 'todo-backup')
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('backup-reminder')).toBeVisible()
  await expect(page.getByTestId('storage-persisted')).toBeVisible()
  await page.waitForLoadState('networkidle')
  await screenshot(page, 'data-backup')

  const started = Date.now()
  await page.getByTestId('backup-download').click()
  // This path takes the open file, after the warning (the sealed one has a spec of its own).
  const download = await answerSealDialog(page, null)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const { size } = await import('node:fs').then((fs) => fs.statSync(file))
  console.log(`backup of the demo: ${size} bytes in ${Date.now() - started} ms`)
  expect(download.suggestedFilename()).toMatch(/\.zhibu$/)
  // The reminder goes once the backup is made.
  await expect(page.getByTestId('backup-reminder')).toBeHidden({ timeout: 30_000 })

  await page.getByTestId('data-clear').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  // Clearing keeps everything as one snapshot first: seconds on a busy machine.
  await expect(page.getByTestId('count-firms')).toHaveText('0', { timeout: 60_000 })
  expect((await digest(page)).firms!.count).toBe(0)

  const restoreStarted = Date.now()
  await page.getByTestId('backup-file').setInputFiles(file)
  const preview = page.getByTestId('backup-preview')
  await expect(preview).toBeVisible()
  await expect(preview.getByTestId('preview-count-firms')).toHaveText(firms)
  console.log(`read and check the file: ${Date.now() - restoreStarted} ms`)
  await expect(preview.getByTestId('backup-preview-checks').locator('li')).toHaveCount(5)
  await screenshot(page, 'data-backup-preview')
  await preview.getByTestId('backup-restore').click()
  await page.locator('.el-message-box').getByRole('button', { name: '恢复' }).click()
  const writeStarted = Date.now()
  await expect(preview).toBeHidden({ timeout: 100_000 })
  await expect(page.getByTestId('count-firms')).toHaveText(firms, { timeout: 60_000 })
  console.log(`write (replace, one transaction): ${Date.now() - writeStarted} ms`)

  const after = await digest(page)
  for (const name of EXACT) expect(after[name], name).toEqual(before[name])
  // The history is kept, never replaced: everything from before is still there.
  for (const name of ['auditLog', 'recycleBin']) {
    expect(after[name]!.hashes).toEqual(expect.arrayContaining(before[name]!.hashes))
  }
  expect(errors).toEqual([])
})

test('a damaged file is refused with a clear message and changes nothing', async ({
  page,
}, testInfo) => {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  // The dashboard opens once the demo is written (its figures are another spec's business).
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 })
  await page.getByTestId('nav-data').click()
  const before = await digest(page)
  const file = testInfo.outputPath('damaged.zhibu')
  const { writeFileSync } = await import('node:fs')
  // A gzip header and then nothing useful: a download cut short.
  writeFileSync(
    file,
    Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  )
  await page.getByTestId('backup-file').setInputFiles(file)
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('无法使用这个备份文件')
  await expect(box).toContainText('文件不完整或已损坏')
  await box.getByRole('button', { name: '确定' }).click()
  expect(await digest(page)).toEqual(before)
})
