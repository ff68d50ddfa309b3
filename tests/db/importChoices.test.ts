import { describe, expect, it } from 'vitest'
import { readImportChoices, rememberImportChoices, writeMeta } from '@/db'
import { useFreshDb } from './helpers'

useFreshDb()

describe('value choices remembered on this device', () => {
  it('keeps each kind apart, adds word by word, and forgets a word chosen as blank', async () => {
    expect(await readImportChoices('firms')).toEqual({})
    await rememberImportChoices('firms', { industry: { 网络直播: 'lifeService' } })
    await rememberImportChoices('firms', {
      industry: { 网络安全: 'software' },
      sizeClass: { 大型: 'above' },
    })
    await rememberImportChoices('members', { ethnicity: { 壮族: 'other' } })
    expect(await readImportChoices('firms')).toEqual({
      industry: { 网络直播: 'lifeService', 网络安全: 'software' },
      sizeClass: { 大型: 'above' },
    })
    await rememberImportChoices('firms', { industry: { 网络直播: '' } })
    expect((await readImportChoices('firms')).industry).toEqual({ 网络安全: 'software' })
    expect(await readImportChoices('members')).toEqual({ ethnicity: { 壮族: 'other' } })
  })

  it('forgets what is not of the expected shape rather than trusting it', async () => {
    await writeMeta('importValueChoices', '{not json')
    expect(await readImportChoices('firms')).toEqual({})
    await writeMeta(
      'importValueChoices',
      JSON.stringify({ firms: { industry: { a: 1 } }, orgs: { type: { 支部: 'branch' } } }),
    )
    expect(await readImportChoices('firms')).toEqual({})
    expect(await readImportChoices('orgs')).toEqual({ type: { 支部: 'branch' } })
  })
})
