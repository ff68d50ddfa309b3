#!/usr/bin/env node
/**
 * `npm run server [-- --in-memory] [-- --dir <folder>]`: the CouchDB-compatible server for
 * trying out sync and for tests, on 127.0.0.1:5984 (PORT and HOST from the environment).
 * Ctrl+C (SIGINT) or SIGTERM stops it.
 */
import { parseArgs } from 'node:util'
import {
  adminFromEnv,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEV_ADMIN,
  startServer,
} from './launch.mjs'

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    dir: { type: 'string', default: DEFAULT_DATA_DIR },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log(`Usage: npm run server [-- --in-memory] [-- --dir <folder>] [-- --port <n>]
  PORT, HOST             where to listen (default ${DEFAULT_HOST}:${DEFAULT_PORT})
  COUCHDB_USER/PASSWORD  the admin for setup (default ${DEV_ADMIN.name} / ${DEV_ADMIN.password}, loopback only)
For trying out and testing only; a department runs Apache CouchDB 3.x (docs/sync.md).`)
  process.exit(0)
}

const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT)
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${values.port ?? process.env.PORT}"`)
  process.exit(2)
}
const admin = adminFromEnv()

let server
try {
  server = await startServer({
    port,
    host: process.env.HOST || DEFAULT_HOST,
    dir: values.dir,
    inMemory: values['in-memory'],
    admin,
  })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const isDevAdmin = admin.password === DEV_ADMIN.password
console.log(`Sync server (pouchdb-server, for trying out and testing): ${server.url}`)
console.log(server.inMemory ? 'Data: in memory, gone when it stops' : `Data: ${server.dir}`)
console.log(
  isDevAdmin
    ? `Admin: ${admin.name} / ${admin.password} (development default; set COUCHDB_USER and COUCHDB_PASSWORD)`
    : `Admin: ${admin.name} (password from COUCHDB_PASSWORD)`,
)
console.log(`Set up a department: npm run server:setup -- --url ${server.url} --register <file>`)
console.log('Ctrl+C stops it.')

let stopping = false
async function shutdown(signal) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping the sync server …`)
  await server.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
server.exited.then(({ code, signal }) => {
  if (stopping) return
  console.error(`The sync server exited on its own (${code ?? signal}); see ${server.dir}/log.txt`)
  process.exit(1)
})
