import { readFileSync } from 'node:fs'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { answerSealDialog, expect, loadDemo, screenshot, test } from './fixtures'

const PASSPHRASE = '党支部 备份口令 2026'

/** Every record of every object store of the profile's database, as text (Blobs as bytes). */
async function storeTexts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const text = async (value: unknown): Promise<string> => {
      if (value instanceof Blob) return new TextDecoder().decode(await value.arrayBuffer())
      if (Array.isArray(value)) return (await Promise.all(value.map(text))).join(',')
      if (value !== null && typeof value === 'object') {
        const parts = await Promise.all(
          Object.entries(value as Record<string, unknown>).map(
            async ([k, v]) => `${k}:${await text(v)}`,
          ),
        )
        return `{${parts.join(',')}}`
      }
      return String(value)
    }
    const out: Record<string, string> = {}
    for (const name of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll()
        request.onsuccess = () => resolve(request.result as unknown[])
      })
      out[name] = (await Promise.all(rows.map(text))).join('\n')
    }
    db.close()
    return out
  })
}

/** The ID number in the file's bytes: plain, UTF-16 either way, base64, or gzip-compressed. */
function findInBytes(bytes: Buffer, needle: string): string[] {
  const found: string[] = []
  const latin = bytes.toString('latin1')
  const has = (form: Buffer | string) =>
    latin.includes(typeof form === 'string' ? form : form.toString('latin1'))
  if (has(Buffer.from(needle, 'utf8'))) found.push('utf-8')
  if (has(Buffer.from(needle, 'utf16le'))) found.push('utf-16le')
  if (has(Buffer.from(needle, 'utf16le').swap16())) found.push('utf-16be')
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from(`${'"'.repeat(shift)}${needle}`).toString('base64')
    if (has(encoded.slice(4 + shift * 2, -4))) found.push(`base64@${shift}`)
  }
  // A gzip or raw deflate stream anywhere in the file would hide the text from the scans above.
  for (let at = 0; at < bytes.length - 2; at++) {
    if (bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b) continue
    try {
      if (gunzipSync(bytes.subarray(at)).toString('utf8').includes(needle)) found.push('gzip')
    } catch {
      // not a gzip stream here
    }
  }
  try {
    if (inflateRawSync(bytes).toString('utf8').includes(needle)) found.push('deflate')
  } catch {
    // not a deflate stream
  }
  return found
}

test('a sealed backup restores into a fresh profile; its bytes hold no ID number', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await loadDemo(page)
  const idNumber = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('zhibu')
      request.onsuccess = () => resolve(request.result)
    })
    const members = await new Promise<{ idNumber: string }[]>((resolve) => {
      const request = db.transaction('members').objectStore('members').getAll()
      request.onsuccess = () => resolve(request.result as { idNumber: string }[])
    })
    db.close()
    return members.find((m) => m.idNumber)!.idNumber
  })
  expect(idNumber).toMatch(/^\d{17}[\dX]$/)

  // An SVG with script offered as a photo is refused by its bytes, whatever it calls itself.
  await page.goto('/meetings')
  await page.getByTestId('meeting-add').click()
  await expect(page.getByTestId('meeting-form')).toBeVisible()
  await page.getByTestId('meeting-photo-input').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  })
  await expect(page.locator('.el-message--error')).toContainText('不是 JPEG、PNG 或 WebP')
  await expect(page.getByTestId('meeting-photo-thumb')).toHaveCount(0)
  await screenshot(page, 'photo-refused')

  await page.goto('/data')
  await expect(page.getByTestId('count-firms')).not.toHaveText('0')
  const firms = (await page.getByTestId('count-firms').textContent())!
  await page.getByTestId('backup-download').click()
  const dialog = page.getByTestId('seal-dialog')
  await dialog.getByTestId('seal-passphrase').fill('123')
  await expect(dialog.getByTestId('seal-strength')).toContainText('太短')
  await dialog.getByTestId('seal-passphrase').fill(PASSPHRASE)
  await dialog.getByTestId('seal-confirm').fill('不一样的口令')
  await dialog.getByTestId('seal-submit').click()
  await expect(dialog).toContainText('两次输入的口令不一致')
  await expect(dialog.getByTestId('seal-strength')).toContainText('强度：强')
  await screenshot(page, 'seal-dialog')
  await dialog.getByTestId('seal-plain').click()
  await expect(dialog.getByTestId('seal-plain-warning')).toContainText('身份证号')
  await screenshot(page, 'seal-dialog-plain')
  await dialog.getByTestId('seal-plain').click()
  const download = await answerSealDialog(page, PASSPHRASE)
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 200).toString('utf8')).toContain('"format":"zhibu-sealed"')
  expect(findInBytes(bytes, idNumber)).toEqual([])
  // The scan itself finds what it looks for: the open file holds the number.
  await page.getByTestId('backup-download').click()
  const open = await answerSealDialog(page, null)
  const openFile = testInfo.outputPath('open.zhibu')
  await open.saveAs(openFile)
  expect(findInBytes(readFileSync(openFile), idNumber)).toContain('gzip')

  // A fresh profile: another computer, nothing on it.
  const context = await browser.newContext({ acceptDownloads: true })
  const fresh = await context.newPage()
  fresh.on('pageerror', (error) => errors.push(error.message))
  await fresh.goto('/')
  await fresh.getByTestId('start-empty').click()
  await expect(fresh).toHaveURL(/\/dashboard$/)
  await fresh.goto('/data')
  await fresh.getByTestId('backup-file').setInputFiles(file)
  const unseal = fresh.getByTestId('unseal-dialog')
  await expect(unseal).toBeVisible()
  await unseal.getByTestId('unseal-passphrase').fill('wrong passphrase')
  await unseal.getByTestId('unseal-submit').click()
  await expect(unseal).toContainText('口令不正确', { timeout: 30_000 })
  await screenshot(fresh, 'unseal-dialog-wrong')
  expect((await storeTexts(fresh)).members).toBe('')
  await unseal.getByTestId('unseal-passphrase').fill(PASSPHRASE)
  await unseal.getByTestId('unseal-submit').click()
  const preview = fresh.getByTestId('backup-preview')
  await expect(preview).toBeVisible({ timeout: 60_000 })
  await preview.getByTestId('backup-restore').click()
  await fresh.locator('.el-message-box').getByRole('button', { name: '恢复' }).click()
  await expect(preview).toBeHidden({ timeout: 100_000 })
  await expect(fresh.getByTestId('count-firms')).toHaveText(firms, { timeout: 60_000 })
  expect((await storeTexts(fresh)).members).toContain(idNumber)
  await context.close()
  expect(errors).toEqual([])
})
