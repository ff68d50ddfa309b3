import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['tests/**/*.test.ts'],
      exclude: ['tests/e2e/**', 'node_modules/**'],
      environment: 'happy-dom',
      // fake-indexeddb must be global before any db module loads (TOOLCHAIN.md).
      setupFiles: ['tests/setup.ts'],
      server: { deps: { inline: ['element-plus'] } },
      reporters: process.env.CI
        ? ['default', ['json', { outputFile: 'reports/vitest.json' }]]
        : ['default'],
    },
  }),
)
