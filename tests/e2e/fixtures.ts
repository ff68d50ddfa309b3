import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { test as base, expect, type Page } from '@playwright/test'

/** The `test` every e2e spec imports; extend it here when specs need shared fixtures. */
export const test = base
export { expect }

export const SCREENS_DIR = join('reports', 'screens')

/** Save a full-page screenshot to reports/screens/<name>.png and return its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const path = join(SCREENS_DIR, `${name.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}.png`)
  // Transitions finished: a tag or tab caught half faded in reads as a rendering fault.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

/**
 * From the welcome page, load the demo and wait for the dashboard to show it (875 firms). The
 * load takes 10 s and more on a busy machine: a minute is allowed.
 */
export async function loadDemo(page: Page): Promise<void> {
  await page.goto('/')
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('stat-firms')).toHaveText('875', { timeout: 60_000 })
}

/** A small real PNG (a coloured 64×48 rectangle), built here so the test carries no binary. */
export function makePng(width = 64, height = 48): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (data: Buffer) => {
    let c = 0xffffffff
    for (const byte of data) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rows.set([200, 30 + y * 3, 40 + x * 2], y * (width * 3 + 1) + 1 + x * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Answer the export dialog that opens before a backup or package is written: seal it with
 * `passphrase` (typed twice), or take the open file after its warning (null). Returns the
 * download.
 */
export async function answerSealDialog(page: Page, passphrase: string | null) {
  const dialog = page.getByTestId('seal-dialog')
  await expect(dialog).toBeVisible()
  if (passphrase === null) {
    await dialog.getByTestId('seal-plain').click()
    await expect(dialog.getByTestId('seal-plain-warning')).toBeVisible()
  } else {
    await dialog.getByTestId('seal-passphrase').fill(passphrase)
    await dialog.getByTestId('seal-confirm').fill(passphrase)
  }
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    dialog.getByTestId('seal-submit').click(),
  ])
  await expect(dialog).toBeHidden({ timeout: 60_000 })
  return download
}

/**
 * Switch the page to the secretary of `org`, typed as its first characters into the role
 * dialog's org picker. The remote search may redraw the options under the click: retried until
 * the org is chosen.
 */
export async function actAsSecretary(page: Page, org: string, typed = org.slice(0, 6)) {
  await page.getByTestId('role-switch').click()
  await page.getByTestId('role-secretary').click()
  await expect(async () => {
    await page.getByTestId('role-org').click()
    await page
      .locator('input[data-testid="role-org"], [data-testid="role-org"] input')
      .first()
      .fill(typed)
    await page.getByRole('option', { name: org }).click({ timeout: 3_000 })
    await expect(page.getByTestId('role-apply')).toBeEnabled({ timeout: 1_000 })
  }).toPass({ timeout: 30_000 })
  await page.getByTestId('role-apply').click()
  await expect(page.getByTestId('role-switch')).toContainText(`支部书记：${org}`)
}
