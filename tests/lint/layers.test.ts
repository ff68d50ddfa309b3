// @vitest-environment node
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintAs } from './lint'

const restricted = (messages: string[]) =>
  messages.filter((m) => m.startsWith('no-restricted-imports'))
const imports = (line: string, name: string) => `${line}\nvoid ${name}\n`

describe('lint blocks for stores, router, i18n and the db boundary', { timeout: 60_000 }, () => {
  it('a store may not import db or services', async () => {
    const db = imports(`import { listAreas } from '@/db'`, 'listAreas')
    expect(restricted(await lintAs('src/stores/bad.ts', db))).toHaveLength(1)
    const service = imports(`import { isFirstRun } from '@/services/firstRun'`, 'isFirstRun')
    expect(restricted(await lintAs('src/stores/bad.ts', service))).toHaveLength(1)
    const i18n = imports(`import { isLocale } from '@/i18n'`, 'isLocale')
    expect(restricted(await lintAs('src/stores/ok.ts', i18n))).toEqual([])
  })

  it('the router may not import db or components', async () => {
    const db = imports(`import { listAreas } from '@/db'`, 'listAreas')
    expect(restricted(await lintAs('src/router/bad.ts', db))).toHaveLength(1)
    const component = imports(`import X from '@/components/base/PageHeader.vue'`, 'X')
    expect(restricted(await lintAs('src/router/bad.ts', component))).toHaveLength(1)
  })

  it('i18n imports nothing from the app', async () => {
    const domain = imports(`import { LIMITS } from '@/domain/limits'`, 'LIMITS')
    expect(restricted(await lintAs('src/i18n/bad.ts', domain))).toHaveLength(1)
  })

  it('a service reaches the data only through the @/db barrel, which has no getDb', async () => {
    const deep = imports(`import { getDb } from '@/db/connection'`, 'getDb')
    expect(restricted(await lintAs('src/services/bad.ts', deep))).toHaveLength(1)
    const barrel = imports(`import { getMembers } from '@/db'`, 'getMembers')
    expect(restricted(await lintAs('src/services/ok.ts', barrel))).toEqual([])
    const index = readFileSync(join(__dirname, '..', '..', 'src', 'db', 'index.ts'), 'utf8')
    expect(index).not.toMatch(/\bgetDb\b\s*,/)
  })
})
