import { describe, expect, it } from 'vitest'
import { RULE_CODES } from '@/domain/orgRules'
import { SETTING_DEFINITIONS } from '@/domain/settings'
import { AUDIT_ACTIONS, INDUSTRIES, ORG_TYPES } from '@/domain/types'
import { VALIDATION_CODES } from '@/domain/validation'
import { RECORD_TABLES } from '@/db/schema'
import { messages } from '@/i18n/messages'

// The shared messages and every feature's, merged as the app merges them page by page.
const { 'zh-CN': zhCN, en } = messages

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, item]) =>
    keys(item, prefix ? `${prefix}.${key}` : key),
  )
}

function lookup(messages: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages)
}

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('no message is empty in zh-CN', () => {
    expect(keys(zhCN).filter((key) => lookup(zhCN, key) === '')).toEqual([])
  })

  it.each([
    ['settingLabels', SETTING_DEFINITIONS.map((d) => d.key)],
    ['validation', [...VALIDATION_CODES]],
    ['orgType', [...ORG_TYPES]],
    ['industry', [...INDUSTRIES]],
    ['data.actions', [...AUDIT_ACTIONS]],
    ['tables', [...RECORD_TABLES]],
    ['todo', [...RULE_CODES]],
  ])('every code the app shows has a %s message in both locales', (section, codes) => {
    for (const messages of [zhCN, en]) {
      const missing = codes.filter(
        (code) => typeof lookup(messages, `${section}.${code}`) !== 'string',
      )
      expect(missing).toEqual([])
    }
  })
})

describe('every key the code names', () => {
  it('exists in zh-CN (static keys in t(…) calls under src/)', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs')
    const { join } = await import('node:path')
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.(vue|ts)$/.test(name) && !path.includes('/i18n/')) files.push(path)
      }
    }
    walk('src')
    const used = new Set<string>()
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.]*)'/g))
        used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(50)
    const missing = [...used].filter((key) => typeof lookup(zhCN, key) !== 'string')
    expect(missing).toEqual([])
  })
})
