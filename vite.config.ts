import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { prerenderWelcome } from './scripts/prerender-welcome.ts'

// Element Plus on demand: ~half the entry bundle of the whole library.
// Off under vitest: Node cannot load the .css side imports the resolver adds.
const isVitest = process.env.VITEST === 'true'

/**
 * The stylesheets Vite links in index.html's head would hold the first paint (the app shell,
 * inline in index.html) until they arrive: load them without blocking (media="print" until
 * loaded); main.ts mounts the app only once they apply.
 */
const nonBlockingStyles: Plugin = {
  name: 'zhibu-non-blocking-styles',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace(
        /<link rel="stylesheet"( crossorigin)? href="([^"]+)">/g,
        `<link rel="stylesheet"$1 href="$2" media="print" onload="this.media='all'">`,
      ),
  },
}

// vue-i18n's esm-bundler feature flags (its "Optimization" guide): the app uses the
// Composition API only (legacy: false) and neither <i18n-t> nor v-t, so their code drops out
// of the first route.
const define = {
  __VUE_I18N_FULL_INSTALL__: false,
  __VUE_I18N_LEGACY_API__: false,
  __INTLIFY_PROD_DEVTOOLS__: false,
}
const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

export default defineConfig({
  plugins: [
    vue(),
    nonBlockingStyles,
    ...(isVitest
      ? []
      : [
          AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
          Components({ resolvers: [ElementPlusResolver()], dts: false }),
          // The build renders WelcomeView itself in Node: no stylesheet imports there (its CSS
          // comes from the client's stylesheets).
          prerenderWelcome({
            vuePlugins: () => [
              vue(),
              Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
            ],
            define,
            alias,
          }),
        ]),
    // Offline after one visit: every chunk precached; a new version waits for the user's
    // "刷新" (registerType 'prompt'), never reloads under them. Under vitest the virtual
    // module still resolves, as a no-op.
    VitePWA({
      disable: isVitest,
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        // Installed from Chromium on a phone: its name under the icon, the red of the app's
        // mark in the status bar, opened like an app (standalone) on the first page.
        id: '/',
        name: '支部',
        short_name: '支部',
        description: '非公企业党建工作台：党组织、党员、三会一课和学习记录，断网也能用',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#c8102e',
        background_color: '#ffffff',
        categories: ['productivity', 'business'],
        icons: [
          { src: 'pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff,woff2,ttf,webmanifest}'],
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The benchmark's own page is served beside the app (dist/bench): never the app shell.
        navigateFallbackDenylist: [/^\/bench\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: { alias },
  define,
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // db/ and domain/ hold declarations only, no top-level effects: a module none of whose
      // exports is used is dropped, so the '@/db' barrel no longer puts every repository (backup,
      // exchange, imports…) in the first route's chunks (-5 kB gzip).
      treeshake: { moduleSideEffects: [{ test: /\/src\/(db|domain)\//, sideEffects: false }] },
    },
  },
})
