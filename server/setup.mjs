#!/usr/bin/env node
/**
 * `npm run server:setup -- --url <server> --register <file>`: makes the department's server
 * from the org tree of a backup, an exchange package or a JSON file (server/register.mjs):
 * databases, roles, accounts and `_security` (server/department.mjs). Run it again whenever
 * the tree changed. The admin comes from COUCHDB_USER / COUCHDB_PASSWORD (never the command
 * line); new accounts' first passwords go to a CSV file readable by its owner only.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { applyDepartment, planDepartment, SetupError } from './department.mjs'
import { DEV_ADMIN, isLoopback } from './launch.mjs'
import { readRegister, RegisterError } from './register.mjs'

const MESSAGES = {
  zh: {
    usage: `用法：npm run server:setup -- --url <服务器地址> --register <文件> [选项]
  --register <文件>    组织树来源：数据备份（.zhibu）、交换数据包（.zhibupkg）或 JSON（{"orgs":[…]}）
  --accounts <文件>    新账号初始密码写入的 CSV（默认 zhibu-accounts-<日期>.csv）
  --reset-passwords    为所有已有账号重新生成密码
  --narrow-missing     名册中已没有的组织，其数据库只留给组织部门访问（数据保留）
  --origin <地址>      应用的网址（如 https://zhibu.example.org），为浏览器开启跨域访问
  --dry-run            只显示将要做的变更，不写入
  管理员账号取自环境变量 COUCHDB_USER 和 COUCHDB_PASSWORD。`,
    needUrl: '缺少 --url（或环境变量 COUCHDB_URL）：要设置的服务器地址',
    needRegister: '缺少 --register：组织树来自哪个文件',
    needAdmin:
      '请设置环境变量 COUCHDB_USER 和 COUCHDB_PASSWORD（服务器管理员）；开发用默认账号只用于本机地址',
    plainHttp: (url) =>
      `警告：${url} 不是 HTTPS，密码将以明文经过网络。请在 CouchDB 前放置 HTTPS 反向代理（见 docs/sync.md）。`,
    read: (n, kind, file) =>
      `从${{ backup: '数据备份', package: '交换数据包', json: 'JSON 文件' }[kind]} ${file} 读到 ${n} 个组织`,
    leftOut: (n, names) => `${n} 个组织的上级不在文件中，未设置：${names}`,
    dryRun: '（试运行：没有写入任何内容）',
    progress: (done, total) => `  进度 ${done}/${total}`,
    server: (s) => `服务器：${s}`,
    databases: (created, kept) => `数据库：新建 ${created} 个，已存在 ${kept} 个`,
    security: (n) => `访问权限（_security）：更新 ${n} 个数据库`,
    users: (created, updated, kept) =>
      `账号：新建 ${created} 个，更新 ${updated} 个，未变 ${kept} 个`,
    missing: (n, narrowed) =>
      narrowed
        ? `名册中没有的组织数据库 ${n} 个：已改为只有组织部门可访问（数据保留）`
        : `名册中没有的组织数据库 ${n} 个（保留原有权限；加 --narrow-missing 只留给组织部门）`,
    validate: (names) =>
      `警告：这些数据库有 validate_doc_update 函数，pouchdb-server 会丢弃同步来的冲突版本：${names}`,
    cors: (origin) => `已为 ${origin} 开启跨域访问（含登录 Cookie）`,
    accounts: (n, file) =>
      `${n} 个账号的初始密码已写入 ${file}（仅本人可读）。请安全地交给各组织，并提醒首次登录后修改。`,
    noAccounts: '没有新密码需要分发。',
    accountsExist: (file) => `${file} 已存在：为免覆盖已分发的密码，请用 --accounts 指定另一个文件`,
    csvHead: ['组织', '组织 ID', '用户名', '初始密码', '状态'],
    states: { created: '新建', reset: '重设' },
    department: '组织部门',
    errors: {
      unreadable: (d) => `无法读取文件 ${d.file}`,
      notGzip: (d) => `${d.file} 不是有效的压缩文件`,
      notRegister: (d) => `${d.file} 不是数据备份、交换数据包或组织 JSON`,
      badRow: (d) => `orgs 第 ${d.row} 条不是一条组织记录`,
      badField: (d) =>
        `orgs 第 ${d.row} 条${d.id ? `（${d.id}）` : ''}：字段 ${d.field} 缺失或不是文字`,
      duplicateId: (d) => `orgs 第 ${d.row} 条：组织 ID ${d.id} 重复`,
      noOrgs: (d) => `${d.file} 中没有组织`,
      cycle: (d) => `组织“${d.name}”（${d.id}）的上级关系形成循环`,
      offline: (d) => `连接不到服务器 ${d.url}（${d.reason}）`,
      notCouch: (d) => `${d.url} 的回答不是 CouchDB（HTTP ${d.status}）`,
      notAdmin: (d) => `“${d.name}” 不是服务器管理员，或密码不对`,
      refused: (d) =>
        `服务器拒绝了 ${d.what}（HTTP ${d.status}${d.reason ? `：${d.reason}` : ''}）`,
    },
  },
  en: {
    usage: `Usage: npm run server:setup -- --url <server> --register <file> [options]
  --register <file>    where the org tree comes from: a backup (.zhibu), an exchange package (.zhibupkg) or JSON ({"orgs":[…]})
  --accounts <file>    the CSV new accounts' first passwords go to (default zhibu-accounts-<date>.csv)
  --reset-passwords    new passwords for every existing account
  --narrow-missing     databases of orgs no longer in the register: the department's only (records kept)
  --origin <address>   the app's address (e.g. https://zhibu.example.org): CORS for browsers
  --dry-run            show what would change, write nothing
  The admin is read from COUCHDB_USER and COUCHDB_PASSWORD.`,
    needUrl: 'Missing --url (or COUCHDB_URL): the server to set up',
    needRegister: 'Missing --register: the file the org tree comes from',
    needAdmin:
      'Set COUCHDB_USER and COUCHDB_PASSWORD (a server admin); the development default is for loopback only',
    plainHttp: (url) =>
      `Warning: ${url} is not HTTPS; passwords would cross the network in clear. Put an HTTPS reverse proxy in front of CouchDB (docs/sync.md).`,
    read: (n, kind, file) =>
      `Read ${n} orgs from the ${{ backup: 'backup', package: 'exchange package', json: 'JSON file' }[kind]} ${file}`,
    leftOut: (n, names) => `${n} orgs whose parent is not in the file were left out: ${names}`,
    dryRun: '(dry run: nothing was written)',
    progress: (done, total) => `  ${done}/${total}`,
    server: (s) => `Server: ${s}`,
    databases: (created, kept) => `Databases: ${created} created, ${kept} already there`,
    security: (n) => `Access (_security): ${n} databases updated`,
    users: (created, updated, kept) =>
      `Accounts: ${created} created, ${updated} updated, ${kept} unchanged`,
    missing: (n, narrowed) =>
      narrowed
        ? `${n} org databases not in the register: now the department's only (records kept)`
        : `${n} org databases not in the register (access unchanged; --narrow-missing leaves them to the department)`,
    validate: (names) =>
      `Warning: these databases have a validate_doc_update; pouchdb-server drops replicated conflicting revisions there: ${names}`,
    cors: (origin) => `CORS with credentials enabled for ${origin}`,
    accounts: (n, file) =>
      `First passwords of ${n} accounts written to ${file} (readable by you only). Hand them over safely; ask for a change at first sign-in.`,
    noAccounts: 'No new passwords to hand out.',
    accountsExist: (file) =>
      `${file} exists: choose another file with --accounts so that passwords already handed out are not overwritten`,
    csvHead: ['Org', 'Org id', 'User name', 'First password', 'State'],
    states: { created: 'created', reset: 'reset' },
    department: 'Organisation department',
    errors: {
      unreadable: (d) => `Cannot read ${d.file}`,
      notGzip: (d) => `${d.file} is not a valid compressed file`,
      notRegister: (d) => `${d.file} is not a backup, an exchange package or an org JSON`,
      badRow: (d) => `orgs row ${d.row} is not an org`,
      badField: (d) =>
        `orgs row ${d.row}${d.id ? ` (${d.id})` : ''}: field ${d.field} missing or not text`,
      duplicateId: (d) => `orgs row ${d.row}: org id ${d.id} appears twice`,
      noOrgs: (d) => `${d.file} holds no orgs`,
      cycle: (d) => `The parents of "${d.name}" (${d.id}) form a cycle`,
      offline: (d) => `No answer from ${d.url} (${d.reason})`,
      notCouch: (d) => `${d.url} does not answer as CouchDB (HTTP ${d.status})`,
      notAdmin: (d) => `"${d.name}" is not a server admin, or the password is wrong`,
      refused: (d) =>
        `The server refused ${d.what} (HTTP ${d.status}${d.reason ? `: ${d.reason}` : ''})`,
    },
  },
}

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.COUCHDB_URL ?? '' },
    register: { type: 'string', default: '' },
    accounts: { type: 'string', default: '' },
    'reset-passwords': { type: 'boolean', default: false },
    'narrow-missing': { type: 'boolean', default: false },
    origin: { type: 'string', default: '' },
    'dry-run': { type: 'boolean', default: false },
    lang: { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
const locale =
  values.lang || process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || ''
const m = /^en/i.test(locale) ? MESSAGES.en : MESSAGES.zh

function fail(text, code = 1) {
  console.error(text)
  process.exit(code)
}

if (values.help) {
  console.log(m.usage)
  process.exit(0)
}
if (!values.url) fail(`${m.needUrl}\n\n${m.usage}`, 2)
if (!values.register) fail(`${m.needRegister}\n\n${m.usage}`, 2)

const host = new URL(values.url).hostname.replace(/^\[|\]$/g, '')
const loopback = isLoopback(host)
if (!process.env.COUCHDB_PASSWORD && !loopback) fail(m.needAdmin, 2)
const admin = {
  name: process.env.COUCHDB_USER || DEV_ADMIN.name,
  password: process.env.COUCHDB_PASSWORD || DEV_ADMIN.password,
}
if (new URL(values.url).protocol === 'http:' && !loopback) console.warn(m.plainHttp(values.url))

const csvCell = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

try {
  const register = await readRegister(values.register)
  console.log(m.read(register.orgs.length, register.kind, values.register))
  if (register.leftOut.length > 0) {
    const names = register.leftOut
      .slice(0, 5)
      .map((org) => org.name || org.id)
      .join('、')
    console.warn(
      m.leftOut(register.leftOut.length, register.leftOut.length > 5 ? `${names}…` : names),
    )
  }
  const accountsFile =
    values.accounts || `zhibu-accounts-${new Date().toISOString().slice(0, 10)}.csv`
  if (!values['dry-run'] && existsSync(accountsFile)) fail(m.accountsExist(accountsFile))
  const plan = planDepartment(register.orgs)
  let shown = 0
  const report = await applyDepartment(values.url, admin, plan, {
    resetPasswords: values['reset-passwords'],
    narrowMissing: values['narrow-missing'],
    origin: values.origin,
    dryRun: values['dry-run'],
    onStep(done, total) {
      const tenth = Math.floor((done * 10) / total)
      if (total >= 200 && tenth > shown) {
        shown = tenth
        console.log(m.progress(done, total))
      }
    },
  })
  console.log(m.server(report.server))
  console.log(m.databases(report.databasesCreated.length, report.databasesKept))
  console.log(m.security(report.securityUpdated.length))
  console.log(m.users(report.usersCreated.length, report.usersUpdated.length, report.usersKept))
  if (report.missing.length > 0)
    console.log(m.missing(report.missing.length, values['narrow-missing']))
  if (report.validateFunctions.length > 0)
    console.warn(m.validate(report.validateFunctions.join(', ')))
  if (report.cors) console.log(m.cors(values.origin))
  if (values['dry-run']) console.log(m.dryRun)
  else if (report.passwords.length > 0) {
    const rows = report.passwords
      .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh'))
      .map((p) => [p.orgName || m.department, p.orgId, p.name, p.password, m.states[p.state]])
    const text = [m.csvHead, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')
    writeFileSync(accountsFile, `\uFEFF${text}\r\n`, { mode: 0o600, flag: 'wx' })
    console.log(m.accounts(report.passwords.length, accountsFile))
  } else console.log(m.noAccounts)
} catch (error) {
  if (error instanceof RegisterError || error instanceof SetupError) {
    const explain = m.errors[error.code]
    fail(explain ? explain(error.detail) : error.message)
  }
  throw error
}
