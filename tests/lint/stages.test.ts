// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { lintAs } from './lint'

const RULE = 'zhibu/no-stage-literal'
const fired = (messages: string[]) => messages.filter((m) => m.startsWith(RULE))

describe('a stage is spelled only in src/domain', { timeout: 60_000 }, () => {
  it('a stage code compared outside domain/ is an error', async () => {
    const code = `import type { Member } from '@/domain/types'
export const isNew = (m: Member) => m.stage === 'probationary'
`
    expect(fired(await lintAs('src/db/repositories/bad.ts', code))).toHaveLength(1)
  })

  it("'full' is caught where it is plainly a stage, and left alone elsewhere", async () => {
    const code = `import type { Member } from '@/domain/types'
export const onRoll = (m: Member) => m.stage === 'full'
export const both = ['full', 'candidate']
export const mode: 'full' | 'partial' = 'full'
`
    // The comparison and both strings of the list; not the unrelated 'full' mode.
    expect(fired(await lintAs('src/services/bad.ts', code))).toHaveLength(3)
  })

  it("a stage's Chinese name as a string is an error outside domain/ and i18n/", async () => {
    const code = `export const label = '预备党员'\n`
    expect(fired(await lintAs('src/components/bad.ts', code))).toHaveLength(1)
    expect(fired(await lintAs('src/i18n/bad.ts', code))).toEqual([])
  })

  it('in a Vue template too', async () => {
    const code = `<script setup lang="ts">
import type { Member } from '@/domain/types'
defineProps<{ member: Member }>()
</script>
<template><span v-if="member.stage === 'candidate'">x</span></template>
`
    expect(fired(await lintAs('src/components/member/Bad.vue', code))).toHaveLength(1)
  })

  it('domain/ spells them, and STAGE elsewhere passes', async () => {
    const inDomain = `export const S = ['applicant', 'full'] as const\n`
    expect(fired(await lintAs('src/domain/bad.ts', inDomain))).toEqual([])
    const named = `import { STAGE, type Member } from '@/domain/types'
export const isNew = (m: Member) => m.stage === STAGE.probationary
`
    expect(await lintAs('src/db/repositories/good.ts', named)).toEqual([])
  })
})
