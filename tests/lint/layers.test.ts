// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { lintAs } from './lint'

const restricted = (messages: string[]) =>
  messages.filter((m) => m.startsWith('no-restricted-imports'))

describe('lint blocks for stores, router, i18n and the db boundary', { timeout: 60_000 }, () => {
  it('a store may not import db or services', async () => {
    expect(
      restricted(
        await lintAs('src/stores/bad.ts', `import { listAreas } from '@/db'\nvoid listAreas\n`),
      ),
    ).toHaveLength(1)
    expect(
      restricted(
        await lintAs(
          'src/stores/bad.ts',
          `import { isFirstRun } from '@/services/firstRun'\nvoid isFirstRun\n`,
        ),
      ),
    ).toHaveLength(1)
    expect(
      restricted(
        await lintAs('src/stores/ok.ts', `import { isLocale } from '@/i18n'\nvoid isLocale\n`),
      ),
    ).toEqual([])
  })

  it('the router may not import db or components', async () => {
    expect(
      restricted(
        await lintAs('src/router/bad.ts', `import { listAreas } from '@/db'\nvoid listAreas\n`),
      ),
    ).toHaveLength(1)
    expect(
      restricted(
        await lintAs(
          'src/router/bad.ts',
          `import X from '@/components/base/PageHeader.vue'\nvoid X\n`,
        ),
      ),
    ).toHaveLength(1)
  })

  it('i18n imports nothing from the app', async () => {
    expect(
      restricted(
        await lintAs('src/i18n/bad.ts', `import { LIMITS } from '@/domain/limits'\nvoid LIMITS\n`),
      ),
    ).toHaveLength(1)
  })

  it('a service reaches the data only through the @/db barrel, which has no getDb', async () => {
    expect(
      restricted(
        await lintAs(
          'src/services/bad.ts',
          `import { getDb } from '@/db/connection'\nvoid getDb\n`,
        ),
      ),
    ).toHaveLength(1)
    expect(
      restricted(
        await lintAs('src/services/ok.ts', `import { getMembers } from '@/db'\nvoid getMembers\n`),
      ),
    ).toEqual([])
    const barrel = await import('@/db')
    expect('getDb' in barrel).toBe(false)
  })
})
