import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
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
