import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

// Element Plus on demand: ~half the entry bundle of the whole library (TOOLCHAIN.md).
// Off under vitest: Node cannot load the .css side imports the resolver adds.
const isVitest = process.env.VITEST === 'true'

export default defineConfig({
  plugins: [
    vue(),
    ...(isVitest
      ? []
      : [
          AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
          Components({ resolvers: [ElementPlusResolver()], dts: false }),
        ]),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
})
