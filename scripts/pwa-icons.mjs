// Render the app icon (public/favicon.svg) to the PNG sizes an installable app needs
// (public/pwa-192.png, pwa-512.png, and a maskable 512 with a safe margin), with the same
// Chromium the tests drive. Run once after changing the icon: node scripts/pwa-icons.mjs
import { readFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './chromium-path.mjs'

const svg = readFileSync('public/favicon.svg', 'utf8')
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })
const page = await browser.newPage()
const targets = [
  ['public/pwa-192.png', 192, 0],
  ['public/pwa-512.png', 512, 0],
  // Maskable: the platform may crop to a circle, so the glyph keeps to the middle 80 %.
  ['public/pwa-maskable-512.png', 512, 0.1],
]
for (const [path, size, margin] of targets) {
  const inner = Math.round(size * (1 - 2 * margin))
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(
    `<body style="margin:0;background:#c8102e;display:grid;place-items:center;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  )
  await page.screenshot({ path, omitBackground: margin === 0 })
  console.log(path)
}
await browser.close()
