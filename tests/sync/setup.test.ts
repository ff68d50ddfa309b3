/**
 * The department's setup (server/setup.mjs): the register it reads, the plan it makes, and
 * the server it leaves — a branch reads only itself, a committee its subtree, the department
 * everything, a sibling branch is refused; a second run changes nothing; a moved branch's
 * access follows its new parent.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import * as app from '@/services/sync'
import { CouchClient, RemoteDatabase, SyncError } from '@/services/sync'
import * as server from '../../server/department.mjs'
import { applyDepartment, planDepartment, type RegisterOrg } from '../../server/department.mjs'
import { readRegister } from '../../server/register.mjs'
import { admin, couchAdmin, couchUrl, createUser } from './support/server'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'zhibu-setup-'))
const created = { databases: new Set<string>(), users: new Set<string>() }

afterAll(async () => {
  for (const db of created.databases) await admin('DELETE', encodeURIComponent(db))
  for (const user of created.users) {
    const path = `_users/${encodeURIComponent(`org.couchdb.user:${user}`)}`
    const { body } = await admin<{ _rev?: string }>('GET', path)
    if (body?._rev) await admin('DELETE', `${path}?rev=${body._rev}`)
  }
  rmSync(dir, { recursive: true, force: true })
})

function org(id: string, name: string, parentId = '', dissolved = false): RegisterOrg {
  return { id, name, parentId, type: parentId ? 'branch' : 'baseCommittee', dissolved }
}

/** A committee with branches A and B, and a second committee; fresh ids per run. */
function tree() {
  const id = () => crypto.randomUUID()
  const committee = org(id(), '包头稀土高新区互联网企业党委')
  const other = org(id(), '另一个党委')
  const a = org(id(), '甲公司党支部', committee.id)
  const b = org(id(), '乙公司党支部', committee.id)
  const gone = org(id(), '已撤销党支部', committee.id, true)
  return { committee, other, a, b, gone, all: [committee, other, a, b, gone] }
}

function track(plan: ReturnType<typeof planDepartment>) {
  for (const db of plan.databases) if (db.orgId) created.databases.add(db.name)
  for (const user of plan.users) if (user.orgId) created.users.add(user.name)
}

async function signedIn(name: string, password: string): Promise<CouchClient> {
  const client = new CouchClient({ url: couchUrl })
  await client.signIn(name, password)
  return client
}

async function access(client: CouchClient, database: string): Promise<string> {
  try {
    await new RemoteDatabase(client, database).changes(0, 1)
    return 'read'
  } catch (error) {
    return error instanceof SyncError ? error.code : String(error)
  }
}

describe('names', () => {
  it('the setup and the app name databases and roles alike', () => {
    expect(server.ORG_DATABASE_PREFIX).toBe(app.ORG_DATABASE_PREFIX)
    expect(server.ORG_ROLE_PREFIX).toBe(app.ORG_ROLE_PREFIX)
    expect(server.DEPARTMENT_ROLE).toBe(app.DEPARTMENT_ROLE)
    expect(server.DEPARTMENT_DATABASE).toBe(app.DEPARTMENT_DATABASE)
    const ids = [crypto.randomUUID(), 'Org-1', 'a_b', '中文', 'x/y', 'UPPER-case']
    for (const id of ids) {
      expect(server.orgDatabaseName(id)).toBe(app.orgDatabaseName(id))
      expect(server.orgRole(id)).toBe(app.orgRole(id))
      // CouchDB's rule for database names.
      expect(app.orgDatabaseName(id)).toMatch(/^[a-z][a-z0-9_$()+/-]*$/)
    }
    expect(new Set(ids.map(app.orgDatabaseName)).size).toBe(ids.length)
    expect(app.orgIdsOfRoles([app.orgRole('x'), 'other', app.DEPARTMENT_ROLE])).toEqual(['x'])
  })
})

describe('the plan', () => {
  it('opens each database to its own role, every ancestor and the department; accounts only for active orgs', () => {
    const t = tree()
    const plan = planDepartment(t.all)
    const rolesOf = (o: RegisterOrg) => plan.databases.find((db) => db.orgId === o.id)!.roles
    expect(rolesOf(t.a)).toEqual(
      [app.DEPARTMENT_ROLE, app.orgRole(t.committee.id), app.orgRole(t.a.id)].sort(),
    )
    expect(rolesOf(t.committee)).toEqual([app.DEPARTMENT_ROLE, app.orgRole(t.committee.id)].sort())
    expect(rolesOf(t.gone)).toContain(app.orgRole(t.committee.id))
    expect(plan.users.map((u) => u.orgId)).not.toContain(t.gone.id)
    expect(plan.users.filter((u) => u.orgId === '')[0]!.roles).toEqual([app.DEPARTMENT_ROLE])
    expect(plan.databases.map((db) => db.name)).toContain(app.DEPARTMENT_DATABASE)
  })
})

describe('reading the register', () => {
  it('takes a JSON tree, a gzipped package (leaving out orgs whose parent it lacks) and names bad rows', async () => {
    const t = tree()
    const json = join(dir, 'tree.json')
    writeFileSync(
      json,
      JSON.stringify({
        orgs: t.all.map(({ dissolved, ...o }) => ({
          ...o,
          dissolvedOn: dissolved ? '2024-01-01' : '',
        })),
      }),
    )
    const fromJson = await readRegister(json)
    expect(fromJson.kind).toBe('json')
    expect(fromJson.orgs.map((o) => o.id).sort()).toEqual(t.all.map((o) => o.id).sort())
    expect(fromJson.orgs.find((o) => o.id === t.gone.id)?.dissolved).toBe(true)

    const stranger = org(crypto.randomUUID(), '外部组织', crypto.randomUUID())
    const below = org(crypto.randomUUID(), '外部组织下级', stranger.id)
    const pkg = join(dir, 'branch.zhibupkg')
    writeFileSync(
      pkg,
      gzipSync(
        JSON.stringify({
          format: 'zhibu-exchange',
          payload: { orgs: [t.committee, t.a, stranger, below] },
        }),
      ),
    )
    const fromPackage = await readRegister(pkg)
    expect(fromPackage.kind).toBe('package')
    expect(fromPackage.orgs.map((o) => o.id).sort()).toEqual([t.committee.id, t.a.id].sort())
    expect(fromPackage.leftOut.map((o) => o.id).sort()).toEqual([stranger.id, below.id].sort())

    const bad = join(dir, 'bad.json')
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'none',
        (e: { code?: string; detail?: unknown }) => `${e.code} ${JSON.stringify(e.detail)}`,
      )
    writeFileSync(bad, JSON.stringify({ orgs: [t.committee, { ...t.a, id: '' }] }))
    expect(await codeOf(readRegister(bad))).toBe('badField {"row":2,"field":"id"}')
    writeFileSync(bad, JSON.stringify({ orgs: [t.committee, t.committee] }))
    expect(await codeOf(readRegister(bad))).toContain('duplicateId {"row":2')
    writeFileSync(bad, JSON.stringify({ orgs: [{ ...t.committee, parentId: t.a.id }, t.a] }))
    expect(await codeOf(readRegister(bad))).toContain('cycle')
    writeFileSync(bad, 'not json')
    expect(await codeOf(readRegister(bad))).toContain('notRegister')
  })
})

describe('the server after setup', () => {
  it('a branch reads itself only, a committee its subtree, the department everything; a rerun changes nothing; a move moves access', async () => {
    const t = tree()
    const plan = planDepartment(t.all)
    track(plan)
    const first = await applyDepartment(couchUrl, couchAdmin, plan)
    // What this test made beyond its own orgs (on a real CouchDB they may exist already).
    if (first.databasesCreated.includes(app.DEPARTMENT_DATABASE))
      created.databases.add(app.DEPARTMENT_DATABASE)
    if (first.usersCreated.includes(server.DEPARTMENT_USER))
      created.users.add(server.DEPARTMENT_USER)
    expect(first.databasesCreated).toEqual(
      expect.arrayContaining(t.all.map((o) => app.orgDatabaseName(o.id))),
    )
    const password = (o: RegisterOrg) =>
      first.passwords.find((p) => p.orgId === o.id)?.password ?? 'unknown'
    const user = (o: RegisterOrg) => server.orgUserName(o.id)
    const db = (o: RegisterOrg) => app.orgDatabaseName(o.id)

    const asA = await signedIn(user(t.a), password(t.a))
    expect(await asA.session()).toEqual({ name: user(t.a), roles: [app.orgRole(t.a.id)] })
    expect(await access(asA, db(t.a))).toBe('read')
    expect(await access(asA, db(t.b))).toBe('forbidden')
    expect(await access(asA, db(t.committee))).toBe('forbidden')
    const asCommittee = await signedIn(user(t.committee), password(t.committee))
    for (const o of [t.committee, t.a, t.b, t.gone])
      expect(await access(asCommittee, db(o))).toBe('read')
    expect(await access(asCommittee, db(t.other))).toBe('forbidden')
    const tag = crypto.randomUUID().slice(0, 8)
    await createUser(`dept-${tag}`, 'pw', [app.DEPARTMENT_ROLE])
    const asDepartment = await signedIn(`dept-${tag}`, 'pw')
    for (const o of t.all) expect(await access(asDepartment, db(o))).toBe('read')
    expect(await access(asDepartment, app.DEPARTMENT_DATABASE)).toBe('read')
    expect(await access(asA, app.DEPARTMENT_DATABASE)).toBe('forbidden')
    expect(first.passwords.map((p) => p.orgId)).not.toContain(t.gone.id)

    const again = await applyDepartment(couchUrl, couchAdmin, plan)
    expect(again).toMatchObject({
      databasesCreated: [],
      securityUpdated: [],
      usersCreated: [],
      usersUpdated: [],
      passwords: [],
    })

    // B moves under the other committee: its access follows, A's stays as it was.
    const moved = planDepartment(
      t.all.map((o) => (o.id === t.b.id ? { ...o, parentId: t.other.id } : o)),
    )
    const third = await applyDepartment(couchUrl, couchAdmin, moved)
    expect(third.securityUpdated).toEqual([db(t.b)])
    expect(await access(asCommittee, db(t.b))).toBe('forbidden')
    const asOther = await signedIn(user(t.other), password(t.other))
    expect(await access(asOther, db(t.b))).toBe('read')
    expect(await access(asCommittee, db(t.a))).toBe('read')
  })

  it('runs as a command: accounts CSV for Excel, owner-only, and a bad register named by its row', async () => {
    const t = tree()
    track(planDepartment(t.all))
    const register = join(dir, 'cli.json')
    writeFileSync(register, JSON.stringify({ orgs: t.all }))
    const accounts = join(dir, `accounts-${crypto.randomUUID()}.csv`)
    const env = {
      ...process.env,
      COUCHDB_USER: couchAdmin.name,
      COUCHDB_PASSWORD: couchAdmin.password,
      LANG: 'zh_CN.UTF-8',
    }
    const setup = join(__dirname, '../../server/setup.mjs')
    const { stdout } = await run(
      process.execPath,
      [setup, '--url', couchUrl, '--register', register, '--accounts', accounts],
      { env },
    )
    expect(stdout).toContain('读到 5 个组织')
    expect(stdout).toMatch(/账号：新建 [45] 个/)
    const csv = readFileSync(accounts, 'utf8')
    expect(csv.startsWith('\uFEFF组织,组织 ID,用户名,初始密码,状态\r\n')).toBe(true)
    expect(csv).toContain(`甲公司党支部,${t.a.id},${server.orgUserName(t.a.id)},`)
    const { statSync } = await import('node:fs')
    expect(statSync(accounts).mode & 0o777).toBe(0o600)

    const bad = join(dir, 'cli-bad.json')
    writeFileSync(bad, JSON.stringify({ orgs: [t.committee, { ...t.a, name: 7 }] }))
    const failed = await run(process.execPath, [setup, '--url', couchUrl, '--register', bad], {
      env,
    }).catch((error: { code: number; stderr: string }) => error)
    expect((failed as { code: number }).code).toBe(1)
    expect((failed as { stderr: string }).stderr).toContain('orgs 第 2 条')
    expect((failed as { stderr: string }).stderr).toContain('字段 name')
  })
})
