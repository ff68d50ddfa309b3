// Writes tests/fixtures/db-v<N>.json for every released schema version that has none yet,
// and never rewrites one (tests/fixtures/freeze.ts says how each is made). Run it once,
// right after adding a schema version: `node scripts/freeze-fixture.mjs`, then commit the file.
import 'fake-indexeddb/auto'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
// Vite only to load the TypeScript modules (the `@/` paths); no config, plugins or server.
const vite = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false },
  resolve: { alias: { '@': `${root}src` } },
  optimizeDeps: { noDiscovery: true },
})
try {
  const { freezeMissingFixtures } = await vite.ssrLoadModule('/tests/fixtures/freeze.ts')
  const written = await freezeMissingFixtures()
  process.stdout.write(
    written.length === 0 ? 'Every released version has its fixture.\n' : `${written.join('\n')}\n`,
  )
} finally {
  await vite.close()
}
