// Make sure a Chromium (and CJK fonts) is there for Playwright, installing them with
// apt when we may; otherwise fail loudly. Never skips silently. Plain Node ESM, no deps.
//   node scripts/ensure-chromium.mjs
// Env: CHROMIUM_PATH to use a given binary.
import { spawnSync } from 'node:child_process'
import { findChromium } from './chromium-path.mjs'

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }

function ok(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' })
  return !r.error && r.status === 0
}

function hasCommand(name) {
  return ok('sh', ['-c', `command -v ${name}`])
}

/** How to run apt as root: [] if we are root, ['sudo', '-n'] if passwordless sudo works, null if neither. */
function rootPrefix() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return []
  if (hasCommand('sudo') && ok('sudo', ['-n', 'true']))
    return ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive']
  return null
}

let aptUpdated = false
/** apt-get install -y the packages; true on success. */
function aptInstall(packages) {
  if (!hasCommand('apt-get')) {
    console.warn('ensure-chromium: apt-get not found; cannot install ' + packages.join(' '))
    return false
  }
  const prefix = rootPrefix()
  if (!prefix) {
    console.warn(
      'ensure-chromium: not root and `sudo -n` does not work; cannot install ' + packages.join(' '),
    )
    return false
  }
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args]
    console.log(`ensure-chromium: $ ${[cmd, ...rest].join(' ')}`)
    const r = spawnSync(cmd, rest, { stdio: 'inherit', env: APT_ENV })
    return !r.error && r.status === 0
  }
  if (!aptUpdated) {
    if (!run(['update']))
      console.warn('ensure-chromium: apt-get update failed; trying the install anyway')
    aptUpdated = true
  }
  return run(['install', '-y', ...packages])
}

function fontsInstalled() {
  if (!hasCommand('dpkg')) return null // not Debian: cannot tell
  return ok('dpkg', ['-s', 'fonts-noto-cjk'])
}

let chromium = findChromium()
if (!chromium) {
  console.log('ensure-chromium: no Chromium found; installing chromium and fonts-noto-cjk with apt')
  aptInstall(['chromium', 'fonts-noto-cjk'])
  chromium = findChromium()
}
if (!chromium) {
  console.error(
    [
      'ensure-chromium: ERROR: no Chromium found, and it could not be installed.',
      'Looked at: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, ~/.cache/ms-playwright/chromium-*/chrome-linux*/chrome.',
      'Fix: as root run `apt-get install -y chromium fonts-noto-cjk`, or set CHROMIUM_PATH to a Chromium binary.',
      "(Do not run `npx playwright install`; Debian's chromium is used instead.)",
    ].join('\n'),
  )
  process.exit(1)
}

const fonts = fontsInstalled()
if (fonts === false) {
  console.log('ensure-chromium: fonts-noto-cjk is missing; installing it with apt')
  if (!aptInstall(['fonts-noto-cjk']) || !fontsInstalled()) {
    console.warn(
      'ensure-chromium: WARNING: fonts-noto-cjk is not installed; Chinese text will render as boxes in screenshots.',
    )
  }
} else if (fonts === null) {
  console.warn(
    'ensure-chromium: WARNING: cannot check for CJK fonts (no dpkg); install Noto CJK fonts if screenshots show boxes.',
  )
}

const v = spawnSync(chromium, ['--version'], { encoding: 'utf8' })
if (v.error || v.status !== 0) {
  console.error(
    `ensure-chromium: ERROR: ${chromium} --version failed: ${v.error?.message ?? v.stderr}`,
  )
  process.exit(1)
}
console.log(`ensure-chromium: ${chromium}: ${v.stdout.trim()}`)
