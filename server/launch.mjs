/**
 * Starts the CouchDB-compatible test server (pouchdb-server, pinned in server/package.json)
 * as a child process, for `npm run server`, the test setup, the fault-injection test and the
 * sync bench. Its dependencies live in server/node_modules, installed on first use, so the
 * app's own `npm install` stays as quick as it is.
 *
 * It is for trying out and testing: a department runs Apache CouchDB 3.x (docs/sync.md).
 */
import { spawn, spawnSync } from 'node:child_process'
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SERVER_DIR = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_PORT = 5984
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_DATA_DIR = resolve(SERVER_DIR, '..', '.couch-data')
/** The development default, printed when used; never accepted beyond loopback. */
export const DEV_ADMIN = { name: 'admin', password: 'zhibu-dev-only' }

const BIN = join(SERVER_DIR, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server')
const LOCK_DIR = join(SERVER_DIR, '.install-lock')

function pinnedVersion() {
  const lock = JSON.parse(readFileSync(join(SERVER_DIR, 'package-lock.json'), 'utf8'))
  return lock.packages['node_modules/pouchdb-server'].version
}

function installedVersion() {
  const file = join(SERVER_DIR, 'node_modules', 'pouchdb-server', 'package.json')
  if (!existsSync(file)) return null
  return JSON.parse(readFileSync(file, 'utf8')).version
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Installs server/ from its lockfile when pouchdb-server is missing or not the pinned version.
 * `--ignore-scripts`: LevelDB loads the prebuilt binary the package ships, and the optional
 * sqlite3 would otherwise try a download. A lock folder keeps two runs from installing at once.
 */
export function ensureInstalled({ log = console.error } = {}) {
  const pinned = pinnedVersion()
  if (installedVersion() === pinned) return
  let locked = false
  for (let waited = 0; waited < 180_000; waited += 500) {
    try {
      mkdirSync(LOCK_DIR)
      locked = true
      break
    } catch {
      if (installedVersion() === pinned) return
      sleepSync(500)
    }
  }
  if (!locked) throw new Error(`server/: another install holds ${LOCK_DIR}; remove it if stale`)
  try {
    if (installedVersion() === pinned) return
    log(`Installing the sync server's dependencies (pouchdb-server ${pinned}) into server/ …`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const result = spawnSync(
      npm,
      ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: SERVER_DIR, stdio: ['ignore', 'inherit', 'inherit'] },
    )
    if (result.status !== 0) throw new Error(`npm ci in server/ failed (exit ${result.status})`)
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true })
  }
}

export function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

/** Whether nothing listens on host:port yet (pouchdb-server only logs EADDRINUSE and keeps running). */
export function portIsFree(port, host = DEFAULT_HOST) {
  return new Promise((done) => {
    const probe = createServer()
    probe.once('error', () => done(false))
    probe.listen(port, host, () => probe.close(() => done(true)))
  })
}

/** A free port in [from, to], checked by binding it. */
export async function findFreePort(from, to, host = DEFAULT_HOST) {
  const span = to - from + 1
  const start = Math.floor(Math.random() * span)
  for (let step = 0; step < span; step++) {
    const port = from + ((start + step) % span)
    if (await portIsFree(port, host)) return port
  }
  throw new Error(`No free port in ${from}–${to} on ${host}`)
}

/**
 * The server's config file (it backs /_config): the admin (hashed by the server when it
 * loads the file), a cookie secret kept with the data so sessions survive a restart as on
 * CouchDB, and the log file in the data folder.
 */
function writeConfig(dir, host, admin) {
  const file = join(dir, 'config.json')
  const config = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  // Keep the stored hash (and its salt) when the password is unchanged: admin sessions then
  // survive a restart, as on CouchDB. A new password is stored in clear; the server hashes it.
  const stored = config.admins?.[admin.name]
  const same = typeof stored === 'string' && hashMatches(stored, admin.password)
  config.admins = { ...config.admins, [admin.name]: same ? stored : admin.password }
  config.couch_httpd_auth = {
    ...config.couch_httpd_auth,
    secret: config.couch_httpd_auth?.secret ?? randomBytes(16).toString('hex'),
  }
  config.httpd = { ...config.httpd, bind_address: host }
  config.log = { ...config.log, file: join(dir, 'log.txt'), level: config.log?.level ?? 'warning' }
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
  return file
}

/** Whether `-pbkdf2-<key>,<salt>,<iterations>` (CouchDB's admin hash) is of this password. */
function hashMatches(stored, password) {
  const match = /^-pbkdf2-([\da-f]+),([\da-f]+),(\d+)$/.exec(stored)
  if (!match) return false
  const [, key, salt, iterations] = match
  const derived = pbkdf2Sync(password, salt, Number(iterations), key.length / 2, 'sha1')
  return timingSafeEqual(derived, Buffer.from(key, 'hex'))
}

async function waitUntilServing(url, child, stderr, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`pouchdb-server exited (${child.exitCode ?? child.signalCode}): ${stderr()}`)
    }
    // It logs a taken port and keeps running: never mistake another server for ours.
    if (stderr().includes('already in use')) {
      child.kill('SIGKILL')
      throw new Error(`Port taken while starting: ${stderr()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
      const body = await response.json()
      if (body['express-pouchdb'] || body.couchdb) return
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`pouchdb-server did not answer on ${url} within ${timeoutMs} ms: ${stderr()}`)
}

/**
 * Starts the server and resolves once `GET /` answers. `inMemory` keeps databases in memory
 * (the config and log go to a temporary folder removed on stop); otherwise they are in `dir`.
 */
export async function startServer({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  dir = DEFAULT_DATA_DIR,
  inMemory = false,
  admin = DEV_ADMIN,
  timeoutMs = 30_000,
} = {}) {
  if (!isLoopback(host) && admin.password === DEV_ADMIN.password) {
    throw new Error(
      `Refusing to listen on ${host} with the development admin password: set COUCHDB_PASSWORD`,
    )
  }
  ensureInstalled()
  if (!(await portIsFree(port, host))) throw new Error(`Port ${port} on ${host} is already in use`)
  const workDir = inMemory ? mkdtempSync(join(tmpdir(), 'zhibu-couch-')) : resolve(dir)
  mkdirSync(workDir, { recursive: true })
  const config = writeConfig(workDir, host, admin)
  const args = [BIN, '--port', String(port), '--host', host, '--dir', workDir, '--config', config]
  args.push('--no-stdout-logs')
  if (inMemory) args.push('--in-memory')
  const child = spawn(process.execPath, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] })
  let errText = ''
  child.stderr.on('data', (chunk) => {
    errText = (errText + chunk).slice(-4000)
  })
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })))
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
  try {
    await waitUntilServing(url, child, () => errText, timeoutMs)
  } catch (error) {
    if (inMemory) rmSync(workDir, { recursive: true, force: true })
    throw error
  }

  let stopping = null
  /** SIGTERM, then SIGKILL if it has not gone within 5 s; resolves when it has exited. */
  function stop() {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      if (inMemory) rmSync(workDir, { recursive: true, force: true })
    })()
    return stopping
  }
  /** A crash: SIGKILL, no chance to flush anything. */
  async function kill() {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  /** The end of what it wrote to stderr, for a failure's message. */
  const errors = () => errText
  return {
    url,
    port,
    host,
    pid: child.pid,
    dir: workDir,
    inMemory,
    admin,
    exited,
    stop,
    kill,
    errors,
  }
}

/** The admin from COUCHDB_USER / COUCHDB_PASSWORD (the names Apache CouchDB's image reads). */
export function adminFromEnv(env = process.env) {
  return {
    name: env.COUCHDB_USER || DEV_ADMIN.name,
    password: env.COUCHDB_PASSWORD || DEV_ADMIN.password,
  }
}
