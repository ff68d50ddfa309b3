import { describe, expect, it } from 'vitest'
import { messages } from '@/i18n/messages'
import { SYNC_ERROR_CODES, type SyncState } from '@/services/sync'

const STATES: SyncState[] = [
  'starting',
  'syncing',
  'idle',
  'offline',
  'signedOut',
  'failed',
  'stopped',
]

describe('sync messages', () => {
  it.each(['zh-CN', 'en'] as const)('every sync error code and state has words in %s', (locale) => {
    const sync = messages[locale].sync
    for (const code of SYNC_ERROR_CODES) expect(sync.errors[code], code).toMatch(/\S/)
    for (const state of STATES) expect(sync.state[state], state).toMatch(/\S/)
  })

  it('a refused database is named in the message, so the user sees which branch and why', () => {
    expect(messages['zh-CN'].sync.errors.forbidden).toContain('{database}')
    expect(messages.en.sync.errors.forbidden).toContain('{database}')
  })
})
