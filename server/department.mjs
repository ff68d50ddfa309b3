/**
 * The department's server, made from the org tree: one database per org, one role per org,
 * one account per active org, and each database's `_security` open to its own org's role,
 * to every ancestor's role and to the department's — so the department reads everything,
 * a 党委 its whole subtree, a branch only itself. Applying it twice changes nothing; after
 * the tree changed it moves each database's access to the new ancestors.
 *
 * The names mirror src/services/sync/names.ts (tests/sync/setup.test.ts keeps them equal).
 * Access is `_security` alone: no validate_doc_update in any database, since pouchdb-server
 * drops replicated conflicting revisions where one exists (its issue 419).
 */
import { createHash, randomInt } from 'node:crypto'

export const ORG_DATABASE_PREFIX = 'zhibu-org-'
export const ORG_ROLE_PREFIX = 'zhibu-org-'
export const DEPARTMENT_ROLE = 'zhibu-department'
export const DEPARTMENT_DATABASE = 'zhibu-department'
export const DEPARTMENT_USER = 'zb-department'
/** Roles this setup owns in `_security`; any other name or role put there by hand is kept. */
const OWNED_ROLE = /^zhibu-/

export function orgDatabaseName(orgId) {
  const safe = orgId.toLowerCase() === orgId && /^[a-z0-9-]+$/.test(orgId)
  const escape = (char) => (/[a-z0-9-]/.test(char) ? char : `_${char.codePointAt(0).toString(16)}_`)
  return ORG_DATABASE_PREFIX + (safe ? orgId : [...orgId].map(escape).join(''))
}

export function orgRole(orgId) {
  return ORG_ROLE_PREFIX + orgId
}

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A short, stable account name per org (`zb-` + 10 letters and digits from its id). */
export function orgUserName(orgId) {
  const digest = createHash('sha256').update(orgId).digest()
  let name = ''
  for (let i = 0; i < 10; i++) name += BASE32[digest[i] % BASE32.length]
  return `zb-${name}`
}

/** A first password: 12 characters without look-alikes, in three groups (≈ 60 bits). */
export function newPassword() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''),
  )
  return groups.join('-')
}

/**
 * What the server should hold for this tree: per org its database and the roles it admits
 * (its own, each ancestor's, the department's), and the accounts of the active orgs.
 */
export function planDepartment(orgs) {
  const byId = new Map(orgs.map((org) => [org.id, org]))
  const databases = orgs.map((org) => {
    const roles = [DEPARTMENT_ROLE]
    for (let at = org; at; at = at.parentId ? byId.get(at.parentId) : undefined)
      roles.push(orgRole(at.id))
    return { name: orgDatabaseName(org.id), orgId: org.id, orgName: org.name, roles: roles.sort() }
  })
  databases.push({ name: DEPARTMENT_DATABASE, orgId: '', orgName: '', roles: [DEPARTMENT_ROLE] })
  const users = orgs
    .filter((org) => !org.dissolved)
    .map((org) => ({
      name: orgUserName(org.id),
      orgId: org.id,
      orgName: org.name,
      roles: [orgRole(org.id)],
    }))
  users.push({ name: DEPARTMENT_USER, orgId: '', orgName: '', roles: [DEPARTMENT_ROLE] })
  const names = new Map()
  for (const user of users) {
    const other = names.get(user.name)
    if (other)
      throw new Error(`Two orgs share the account name ${user.name}: ${other} and ${user.orgId}`)
    names.set(user.name, user.orgId)
  }
  return { databases, users }
}

/** `_security` with our roles as planned and whatever else was there kept. */
export function securityFor(current, roles) {
  const members = current?.members ?? {}
  const kept = (members.roles ?? []).filter((role) => !OWNED_ROLE.test(role))
  return {
    admins: { names: current?.admins?.names ?? [], roles: current?.admins?.roles ?? [] },
    members: { names: members.names ?? [], roles: [...kept, ...roles].sort() },
  }
}

const sameSecurity = (a, b) =>
  JSON.stringify([
    a?.admins?.names ?? [],
    a?.admins?.roles ?? [],
    a?.members?.names ?? [],
    [...(a?.members?.roles ?? [])].sort(),
  ]) === JSON.stringify([b.admins.names, b.admins.roles, b.members.names, b.members.roles])

export class SetupError extends Error {
  constructor(code, detail = {}) {
    super(`${code} ${JSON.stringify(detail)}`)
    this.name = 'SetupError'
    this.code = code
    this.detail = detail
  }
}

/** A server admin over HTTP basic auth (setup runs once, from the department's machine). */
function adminClient(url, admin) {
  const base = url.endsWith('/') ? url : `${url}/`
  const authorization = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`
  return async function call(method, path, body) {
    let response
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new SetupError('offline', { url: base, reason: error.cause?.message ?? error.message })
    }
    const text = await response.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      throw new SetupError('notCouch', { url: base, status: response.status })
    }
    return { status: response.status, body: json }
  }
}

async function inParallel(items, limit, work) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

const expect = (result, ok, what) => {
  if (!ok.includes(result.status)) {
    throw new SetupError('refused', {
      what,
      status: result.status,
      reason: result.body?.reason ?? result.body?.error ?? '',
    })
  }
  return result
}

/**
 * Brings the server to the plan. Databases are created, never deleted. Existing accounts keep
 * their passwords unless `resetPasswords`; a first password is made for each new account.
 */
export async function applyDepartment(url, admin, plan, options = {}) {
  const {
    resetPasswords = false,
    narrowMissing = false,
    origin = '',
    dryRun = false,
    onStep = () => {},
  } = options
  const call = adminClient(url, admin)
  const root = expect(await call('GET', ''), [200], 'GET /')
  const isPouchServer = Boolean(root.body?.['express-pouchdb'])
  const session = expect(await call('GET', '_session'), [200], '_session')
  if (!session.body?.userCtx?.roles?.includes('_admin')) {
    throw new SetupError('notAdmin', { name: admin.name })
  }
  const report = {
    server: isPouchServer
      ? `pouchdb-server ${root.body.version}`
      : `CouchDB ${root.body?.version ?? ''}`.trim(),
    databasesCreated: [],
    databasesKept: 0,
    securityUpdated: [],
    usersCreated: [],
    usersUpdated: [],
    usersKept: 0,
    passwords: [],
    missing: [],
    narrowed: [],
    validateFunctions: [],
    cors: false,
  }
  if (!dryRun) expect(await call('PUT', '_users'), [201, 202, 412], 'PUT _users')

  let done = 0
  const total = plan.databases.length + plan.users.length
  await inParallel(plan.databases, 8, async (db) => {
    const path = encodeURIComponent(db.name)
    const exists = (await call('HEAD', path)).status === 200
    if (!exists) {
      report.databasesCreated.push(db.name)
      if (!dryRun) expect(await call('PUT', path), [201, 202, 412], `PUT ${db.name}`)
    } else report.databasesKept++
    const current = exists
      ? expect(await call('GET', `${path}/_security`), [200], `${db.name}/_security`).body
      : {}
    const wanted = securityFor(current, db.roles)
    if (!sameSecurity(current, wanted)) {
      report.securityUpdated.push(db.name)
      if (!dryRun)
        expect(await call('PUT', `${path}/_security`, wanted), [200, 201], `${db.name}/_security`)
    }
    if (exists) {
      const designs = await call(
        'GET',
        `${path}/_all_docs?startkey=%22_design%2F%22&endkey=%22_design0%22&include_docs=true`,
      )
      const guarded = (designs.body?.rows ?? []).filter((row) => row.doc?.validate_doc_update)
      if (guarded.length > 0) report.validateFunctions.push(db.name)
    }
    onStep(++done, total)
  })

  await inParallel(plan.users, 8, async (user) => {
    const path = `_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`
    const found = await call('GET', path)
    const meta = { orgId: user.orgId, orgName: user.orgName }
    if (found.status === 404) {
      const password = newPassword()
      report.usersCreated.push(user.name)
      report.passwords.push({ ...user, password, state: 'created' })
      if (!dryRun) {
        const doc = {
          _id: `org.couchdb.user:${user.name}`,
          name: user.name,
          type: 'user',
          roles: user.roles,
          password,
          zhibu: meta,
        }
        expect(await call('PUT', path, doc), [201, 202], `account ${user.name}`)
      }
    } else {
      const doc = expect(found, [200], `account ${user.name}`).body
      const roles = [
        ...(doc.roles ?? []).filter((role) => !OWNED_ROLE.test(role)),
        ...user.roles,
      ].sort()
      const changed =
        JSON.stringify([...(doc.roles ?? [])].sort()) !== JSON.stringify(roles) ||
        JSON.stringify(doc.zhibu ?? null) !== JSON.stringify(meta)
      if (changed || resetPasswords) {
        const next = { ...doc, roles, zhibu: meta }
        if (resetPasswords) {
          next.password = newPassword()
          report.passwords.push({ ...user, password: next.password, state: 'reset' })
        }
        report.usersUpdated.push(user.name)
        if (!dryRun) expect(await call('PUT', path, next), [201, 202], `account ${user.name}`)
      } else report.usersKept++
    }
    onStep(++done, total)
  })

  // Databases of orgs not in this register: listed; with `narrowMissing` (a whole register),
  // kept with their records and opened to the department only.
  const planned = new Set(plan.databases.map((db) => db.name))
  const all = expect(await call('GET', '_all_dbs'), [200], '_all_dbs').body ?? []
  for (const name of all.filter((db) => db.startsWith(ORG_DATABASE_PREFIX) && !planned.has(db))) {
    report.missing.push(name)
    if (!narrowMissing) continue
    const path = encodeURIComponent(name)
    const current = expect(await call('GET', `${path}/_security`), [200], `${name}/_security`).body
    const wanted = securityFor(current, [DEPARTMENT_ROLE])
    if (!sameSecurity(current, wanted)) {
      report.narrowed.push(name)
      if (!dryRun)
        expect(await call('PUT', `${path}/_security`, wanted), [200, 201], `${name}/_security`)
    }
  }

  if (origin && !dryRun) {
    // The app reaches the server from its own origin with the session cookie: CORS with credentials.
    const section = isPouchServer ? '_config' : '_node/_local/_config'
    const httpd = isPouchServer ? 'httpd' : 'chttpd'
    for (const [key, value] of [
      [`${httpd}/enable_cors`, 'true'],
      ['cors/origins', origin],
      ['cors/credentials', 'true'],
      ['cors/methods', 'GET, PUT, POST, HEAD, DELETE'],
      ['cors/headers', 'accept, authorization, content-type, origin, referer'],
    ]) {
      expect(await call('PUT', `${section}/${key}`, value), [200], `CORS ${key}`)
    }
    report.cors = true
  }
  return report
}
