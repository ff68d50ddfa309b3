import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      reporters: process.env.CI
        ? ['default', ['json', { outputFile: 'reports/vitest.json' }]]
        : ['default'],
      projects: [
        {
          extends: true,
          test: {
            name: 'app',
            sequence: { groupOrder: 0 },
            include: ['tests/**/*.test.ts'],
            exclude: ['tests/e2e/**', 'tests/sync/**', 'node_modules/**'],
            environment: 'happy-dom',
            // fake-indexeddb must be global before any db module loads.
            setupFiles: ['tests/setup.ts'],
            server: { deps: { inline: ['element-plus'] } },
          },
        },
        {
          extends: true,
          test: {
            // The sync protocol against a real server process: Node's own fetch, no DOM.
            name: 'sync',
            // After the app's tests and one file at a time: the fault runs load both cores.
            sequence: { groupOrder: 1 },
            fileParallelism: false,
            include: ['tests/sync/**/*.test.ts'],
            environment: 'node',
            // Starts the in-memory server on a free loopback port (5990–5999), stops it by pid.
            globalSetup: ['tests/sync/globalSetup.ts'],
          },
        },
      ],
    },
  }),
)
