// What the benchmark scripts share: serving a build with `vite preview` on 127.0.0.1 (stopped
// when the script exits), waiting for it, building the bench entry, and the median.
import { spawn, spawnSync } from 'node:child_process'

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export async function waitForServer(url, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`server at ${url} did not start`)
}

/** The bench page (bench.html + src/bench) built alone into `outDir`. */
export function buildBenchEntry(outDir) {
  const built = spawnSync(
    'npx',
    [
      'vite',
      'build',
      '-c',
      'scripts/bench-vite.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  )
  if (built.status !== 0) throw new Error('bench build failed')
}

/**
 * `vite preview` of `outDir` on 127.0.0.1:`port` (with `config`, e.g. the bench's), in its own
 * process group, killed when this script exits or is interrupted.
 */
export function servePreview({ outDir, port, config = '' }) {
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      ...(config ? ['-c', config] : []),
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: 'ignore', detached: true },
  )
  const stop = () => {
    try {
      process.kill(-server.pid)
    } catch {
      // already gone
    }
  }
  process.on('exit', stop)
  process.on('SIGINT', () => process.exit(130))
  return stop
}
