import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PAST_WELCOME_KEY, rememberPastWelcome } from '@/services/deviceProbe'

describe('rememberPastWelcome', () => {
  it('sets and clears the key index.html reads before the first paint', () => {
    const html = readFileSync('index.html', 'utf8')
    expect(html).toContain(`localStorage.getItem('${PAST_WELCOME_KEY}')`)

    rememberPastWelcome(true, localStorage)
    expect(localStorage.getItem(PAST_WELCOME_KEY)).toBe('1')
    rememberPastWelcome(false, localStorage)
    expect(localStorage.getItem(PAST_WELCOME_KEY)).toBeNull()
  })

  it('says nothing when the storage refuses', () => {
    const refusing = {
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
    } as unknown as Storage
    expect(() => rememberPastWelcome(true, refusing)).not.toThrow()
  })
})
