// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { lintAs } from './lint'

const restricted = (messages: string[]) =>
  messages.filter((m) => m.startsWith('no-restricted-imports'))
const script = (line: string, name: string) =>
  `<script setup lang="ts">\n${line}\nvoid ${name}\n</script>\n`

describe(
  'the data boundary: components write only through use…Actions',
  { timeout: 60_000 },
  () => {
    it('a component may not import a raw …Writes object, by alias or relative path', async () => {
      const aliased = script(
        `import { memberWrites } from '@/composables/useMembers'`,
        'memberWrites',
      )
      const messages = restricted(await lintAs('src/components/member/Bad.vue', aliased))
      expect(messages).toHaveLength(1)
      expect(messages[0]).toContain('use…Actions')
      const relative = `import { jointWrites } from '../../composables/useJoint'\nvoid jointWrites\n`
      expect(restricted(await lintAs('src/components/joint/bad.ts', relative))).toHaveLength(1)
    })

    it('a component may import the use…Actions composable and the reads beside it', async () => {
      const ok = script(
        `import { useMemberActions, useMemberProfile } from '@/composables/useMembers'`,
        'useMemberActions, useMemberProfile',
      )
      expect(restricted(await lintAs('src/components/member/Ok.vue', ok))).toEqual([])
    })

    it('a view and a composable may still import the …Writes objects', async () => {
      const line = `import { memberWrites } from '@/composables/useMembers'`
      expect(
        restricted(await lintAs('src/views/OkView.vue', script(line, 'memberWrites'))),
      ).toEqual([])
      const relative = `import { memberWrites } from './useMembers'\nvoid memberWrites\n`
      expect(restricted(await lintAs('src/composables/useOk.ts', relative))).toEqual([])
    })

    it('the layer rules still apply to components beside it', async () => {
      const db = script(`import { listAreas } from '@/db'`, 'listAreas')
      expect(restricted(await lintAs('src/components/area/Bad.vue', db))).toHaveLength(1)
    })
  },
)
