/**
 * The sync tests' server: a real CouchDB when COUCHDB_URL is set (with COUCHDB_USER and
 * COUCHDB_PASSWORD, so a department can check its own server), otherwise the npm server in
 * memory on a free loopback port in 5990–5999, stopped by its process id afterwards.
 */
import type { TestProject } from 'vitest/node'
import {
  adminFromEnv,
  findFreePort,
  startServer,
  type RunningServer,
} from '../../server/launch.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    couchUrl: string
    couchAdmin: { name: string; password: string }
    /** pouchdb-server's quirks are tested only where they exist. */
    couchIsPouchServer: boolean
  }
}

let server: RunningServer | null = null

export async function setup(project: TestProject): Promise<void> {
  const admin = adminFromEnv()
  if (process.env.COUCHDB_URL) {
    project.provide('couchUrl', process.env.COUCHDB_URL)
    project.provide('couchAdmin', admin)
    project.provide('couchIsPouchServer', false)
    return
  }
  for (let attempt = 0; attempt < 3 && !server; attempt++) {
    const port = await findFreePort(5990, 5999)
    try {
      server = await startServer({ port, inMemory: true, admin })
    } catch (error) {
      if (attempt === 2) throw error
    }
  }
  project.provide('couchUrl', server!.url)
  project.provide('couchAdmin', admin)
  project.provide('couchIsPouchServer', true)
}

export async function teardown(): Promise<void> {
  if (!server) return
  const { pid } = server
  await server.stop()
  // Stopped by its id, and checked: nothing of ours keeps listening after the tests.
  try {
    process.kill(pid, 0)
    throw new Error(`sync server ${pid} still running after stop`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}
