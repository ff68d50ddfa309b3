import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '@/domain/limits'

const SRC = join(__dirname, '..', '..', 'src')

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return vueFiles(path)
    return entry.name.endsWith('.vue') ? [path] : []
  })
}

/** A maxlength typed as a number: `maxlength="50"`, `:maxlength="50"`, `max-length="50"`. */
const LITERAL = /(?:^|[\s<])(?::|v-bind:)?max-?length\s*=\s*"\s*\d+\s*"/gi
/** A bound maxlength: what it names must be one of the domain's limits. */
const BOUND = /(?::|v-bind:)max-?length\s*=\s*"LIMITS\.(\w+)"/gi

function templates(): { file: string; text: string }[] {
  return vueFiles(SRC).map((path) => ({
    file: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }))
}

describe('field limits live once, in domain/limits.ts', () => {
  it('finds the forms it scans (the scan itself is not empty)', () => {
    const bound = templates().flatMap(({ text }) => [...text.matchAll(BOUND)])
    expect(bound.length).toBeGreaterThan(30)
  })

  it('no template types a maxlength as a number', () => {
    const literals = templates().flatMap(({ file, text }) =>
      [...text.matchAll(LITERAL)].map((match) => `${file}: ${match[0].trim()}`),
    )
    expect(literals).toEqual([])
  })

  it('every bound maxlength names a limit that exists', () => {
    const unknown = templates().flatMap(({ file, text }) =>
      [...text.matchAll(BOUND)]
        .map((match) => match[1]!)
        .filter((name) => !(name in LIMITS))
        .map((name) => `${file}: LIMITS.${name}`),
    )
    expect(unknown).toEqual([])
  })

  it('the pattern catches the literal forms it is meant to refuse', () => {
    const bad = [
      '<el-input v-model="x" maxlength="50" />',
      '<el-input :maxlength="500" />',
      '<el-input\n  maxlength="30"\n/>',
    ]
    for (const snippet of bad) expect(snippet.match(LITERAL), snippet).not.toBeNull()
    expect('<el-input :maxlength="LIMITS.note" />'.match(LITERAL)).toBeNull()
  })
})
