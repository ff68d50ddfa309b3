// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findCycles, loadTimeImports } from '../../scripts/check-cycles.mjs'

const roots: string[] = []
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })))

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cycles-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('the import-cycle check (scripts/check-cycles.mjs, run by npm run lint)', () => {
  it('finds the cycle an `export *` shim makes, through the @/ alias and a .vue file', () => {
    const root = tree({
      'db/orgs.ts': `export * from './orgWrites'\nexport const list = 1\n`,
      'db/orgWrites.ts': `import { list } from '@/db/orgs'\nexport const write = list\n`,
      'components/A.vue': `<script setup lang="ts">\nimport { b } from './b'\n</script>\n`,
      'components/b.ts': `import A from './A.vue'\nexport const b = A\n`,
      'domain/ok.ts': `export const ok = 1\n`,
    })
    const cycles = findCycles(root)
    expect(cycles).toEqual([
      ['components/A.vue', 'components/b.ts'],
      ['db/orgWrites.ts', 'db/orgs.ts'],
    ])
  })

  it('does not count type-only imports or import(): they do not run at load time', () => {
    const root = tree({
      'a.ts': `import type { B } from './b'\nexport type A = B\nexport const a = () => import('./b')\n`,
      'b.ts': `import { type A } from './a'\nexport type B = A | 1\n`,
    })
    expect(findCycles(root)).toEqual([])
    expect(loadTimeImports(`import { type X, y } from './x'\nexport const z = 1\n`)).toEqual([
      './x',
    ])
  })

  it('finds none in src/ as it stands', () => {
    expect(findCycles(join(__dirname, '..', '..', 'src'))).toEqual([])
  })
})
