/**
 * The test server as an administrator sees it: databases, users, `_security`, and each
 * database's whole state (every document's winner and leaves) to compare with a store.
 * Plain fetch with basic auth, apart from the client under test.
 */
import { afterAll, inject } from 'vitest'
import { CouchClient, RemoteDatabase } from '@/services/sync'
import type { DocState } from './memoryStore'

export const couchUrl = inject('couchUrl')
export const couchAdmin = inject('couchAdmin')
export const isPouchServer = inject('couchIsPouchServer')

const basic = `Basic ${Buffer.from(`${couchAdmin.name}:${couchAdmin.password}`).toString('base64')}`

export async function admin<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  base = couchUrl,
): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      authorization: basic,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
}

const created: string[] = []
const users: string[] = []

// What a test file made is removed after it, so a real CouchDB is left as it was.
afterAll(async () => {
  for (const db of created.splice(0)) await admin('DELETE', encodeURIComponent(db))
  for (const user of users.splice(0)) {
    const { body } = await admin<{ _rev?: string }>('GET', `_users/${user}`)
    if (body?._rev) await admin('DELETE', `_users/${user}?rev=${body._rev}`)
  }
})

/** A new, empty database for one test. */
export async function freshDatabase(label = 'test'): Promise<string> {
  const name = `zhibu-${label}-${crypto.randomUUID().slice(0, 8)}`
  const { status } = await admin('PUT', encodeURIComponent(name))
  if (status !== 201 && status !== 200) throw new Error(`PUT ${name}: ${status}`)
  created.push(name)
  return name
}

export async function createUser(name: string, password: string, roles: string[]): Promise<void> {
  const id = `org.couchdb.user:${name}`
  const { status } = await admin('PUT', `_users/${encodeURIComponent(id)}`, {
    _id: id,
    name,
    password,
    roles,
    type: 'user',
  })
  if (status !== 201 && status !== 200) throw new Error(`user ${name}: ${status}`)
  users.push(encodeURIComponent(id))
}

export async function setMembers(database: string, roles: string[]): Promise<void> {
  const { status } = await admin('PUT', `${encodeURIComponent(database)}/_security`, {
    admins: { names: [], roles: [] },
    members: { names: [], roles },
  })
  if (status !== 200 && status !== 201) throw new Error(`_security ${database}: ${status}`)
}

/** A client signed in as the administrator, and a database through it. */
export async function adminDatabase(database: string, url = couchUrl): Promise<RemoteDatabase> {
  const client = new CouchClient({ url })
  await client.signIn(couchAdmin.name, couchAdmin.password)
  return new RemoteDatabase(client, database)
}

interface AllDocsChange {
  id: string
  deleted?: boolean
  changes: { rev: string }[]
  doc: { _rev: string }
}

/**
 * Every document of a database: its leaves (`_changes?style=all_docs`) and its winner (the
 * revision `include_docs` gives, a tombstone's too), in one read.
 */
export async function remoteState(
  database: string,
  base = couchUrl,
): Promise<Map<string, DocState>> {
  const { body } = await admin<{ results: AllDocsChange[] }>(
    'GET',
    `${encodeURIComponent(database)}/_changes?style=all_docs&include_docs=true&since=0`,
    undefined,
    base,
  )
  const state = new Map<string, DocState>()
  for (const row of body.results) {
    if (row.id.startsWith('_design/')) continue
    const leaves = row.changes.map((change) => change.rev).sort()
    state.set(row.id, { winner: row.doc._rev, deleted: row.deleted === true, leaves })
  }
  return state
}
