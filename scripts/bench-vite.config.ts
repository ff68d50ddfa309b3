import { fileURLToPath, URL } from 'node:url'
import { defineConfig, mergeConfig } from 'vite'
import appConfig from '../vite.config.ts'

// The benchmark's entry built apart from the app, into dist/bench/, so the
// app's own build (and its first-route bytes) is exactly what it would be without it.
// `vite preview` serves files added to dist/ after it started, so the e2e smoke spec can
// build this next to an already-built app: `vite build -c scripts/bench-vite.config.ts`.
const root = fileURLToPath(new URL('..', import.meta.url))

export default mergeConfig(
  appConfig,
  defineConfig({
    root,
    base: '/bench/',
    build: {
      // npm run bench builds into its own folder, away from test runs that rebuild dist/.
      // The e2e smoke run builds next to the app its server serves (E2E_OUT_DIR, default dist).
      outDir:
        process.env.BENCH_OUT_DIR ??
        fileURLToPath(new URL(`../${process.env.E2E_OUT_DIR ?? 'dist'}/bench`, import.meta.url)),
      emptyOutDir: true,
      rolldownOptions: { input: fileURLToPath(new URL('../bench.html', import.meta.url)) },
    },
  }),
)
