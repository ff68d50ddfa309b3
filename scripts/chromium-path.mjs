// Where is a Chromium we can drive? Shared by scripts/ensure-chromium.mjs and
// playwright.config.ts so both agree. Plain Node ESM, no dependencies.
// We never download Playwright's browser (`npx playwright install` fails here);
// Debian's chromium works with @playwright/test through executablePath.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The Chromium flags used for tests and CI: without them a closed network stalls Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Playwright's own downloads, newest revision first: ~/.cache/ms-playwright/chromium-NNNN/chrome-linux* /chrome */
function playwrightChromiums() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright')
  if (!existsSync(root)) return []
  const found = []
  for (const dir of readdirSync(root)) {
    const m = /^chromium-(\d+)$/.exec(dir)
    if (!m) continue
    let subdirs = []
    try {
      subdirs = readdirSync(join(root, dir))
    } catch {
      continue
    }
    for (const sub of subdirs) {
      if (sub.startsWith('chrome-linux'))
        found.push({ rev: Number(m[1]), path: join(root, dir, sub, 'chrome') })
    }
  }
  return found.sort((a, b) => b.rev - a.rev).map((f) => f.path)
}

/**
 * Candidates in order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser,
 * Playwright's own Chromium.
 * @returns {string[]}
 */
export function chromiumCandidates() {
  const list = []
  if (process.env.CHROMIUM_PATH) list.push(process.env.CHROMIUM_PATH)
  list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', ...playwrightChromiums())
  return list
}

/**
 * The first Chromium found, or undefined.
 * @returns {string | undefined}
 */
export function findChromium() {
  if (process.env.CHROMIUM_PATH && !isExecutableFile(process.env.CHROMIUM_PATH)) {
    console.warn(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file; looking elsewhere.`,
    )
  }
  return chromiumCandidates().find(isExecutableFile)
}
