/**
 * The org tree for the department's setup, read from a file the app writes: a backup
 * (`.zhibu`, either format), an exchange package (`.zhibupkg`: a subtree), or a plain JSON
 * `{ "orgs": [{ "id", "name", "parentId", "type"? , "dissolvedOn"? }] }`. Only the orgs are
 * read; a backup is streamed line by line, so a province's photos never sit in memory.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'

export class RegisterError extends Error {
  /** @param {string} code @param {Record<string, unknown>} detail */
  constructor(code, detail = {}) {
    super(`${code} ${JSON.stringify(detail)}`)
    this.name = 'RegisterError'
    this.code = code
    this.detail = detail
  }
}

async function startsWithGzip(file) {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await handle.close()
  }
}

function textStream(file, gzipped) {
  const raw = createReadStream(file)
  if (!gzipped) return raw
  const inflated = raw.pipe(createGunzip())
  inflated.once('close', () => raw.destroy())
  return inflated
}

async function readWhole(file, gzipped) {
  const chunks = []
  for await (const chunk of textStream(file, gzipped)) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/** Streamed backups (formats 2 and 3): `["table","orgs"]`, then one org per line until the next marker. */
async function orgsOfBackupLines(lines) {
  const orgs = []
  let inOrgs = false
  for await (const line of lines) {
    if (line === '') continue
    if (line.startsWith('[')) {
      const marker = JSON.parse(line)
      if (inOrgs) return orgs
      inOrgs = marker[0] === 'table' && marker[1] === 'orgs'
      continue
    }
    if (inOrgs) orgs.push(JSON.parse(line))
  }
  return orgs
}

/**
 * The raw org rows of a register file and what kind of file it was.
 * @returns {Promise<{ kind: 'backup' | 'package' | 'json', orgs: unknown[] }>}
 */
async function readRaw(file) {
  const gzipped = await startsWithGzip(file).catch(() => {
    throw new RegisterError('unreadable', { file })
  })
  if (gzipped) {
    const input = textStream(file, true)
    const lines = createInterface({ input, crlfDelay: Infinity })
    const iterator = lines[Symbol.asyncIterator]()
    const first = await iterator.next().catch(() => {
      throw new RegisterError('notGzip', { file })
    })
    let head = null
    try {
      head = first.done ? null : JSON.parse(first.value)
    } catch {
      head = null
    }
    try {
      if (
        head &&
        head.format === 'zhibu-backup' &&
        (head.formatVersion === 2 || head.formatVersion === 3) &&
        !('payload' in head)
      ) {
        return {
          kind: 'backup',
          orgs: await orgsOfBackupLines({ [Symbol.asyncIterator]: () => iterator }),
        }
      }
    } finally {
      // The orgs table comes early; the rest of a province's file is never inflated.
      lines.close()
      input.destroy()
    }
  }
  let parsed
  try {
    parsed = JSON.parse(await readWhole(file, gzipped))
  } catch {
    throw new RegisterError('notRegister', { file })
  }
  if (Array.isArray(parsed)) return { kind: 'json', orgs: parsed }
  if (parsed && typeof parsed === 'object') {
    if (parsed.format === 'zhibu-exchange')
      return { kind: 'package', orgs: parsed.payload?.orgs ?? [] }
    if (parsed.format === 'zhibu-backup')
      return { kind: 'backup', orgs: parsed.payload?.orgs ?? [] }
    if (Array.isArray(parsed.orgs)) return { kind: 'json', orgs: parsed.orgs }
  }
  throw new RegisterError('notRegister', { file })
}

/**
 * The checked org tree: every org with a string id, a name and a parent that is '' or an org
 * of the file; no id twice; no cycle. An org whose parent is not in the file (an exchange
 * package names some orgs outside its subtree) is left out and listed, since its database's
 * access would lack the orgs above it.
 */
export async function readRegister(file) {
  const { kind, orgs: raw } = await readRaw(file)
  const orgs = []
  const seen = new Set()
  raw.forEach((row, index) => {
    const at = { row: index + 1 }
    if (!row || typeof row !== 'object') throw new RegisterError('badRow', at)
    const { id, name, parentId = '', type = '', dissolvedOn = '' } = row
    if (typeof id !== 'string' || id === '')
      throw new RegisterError('badField', { ...at, field: 'id' })
    if (typeof name !== 'string') throw new RegisterError('badField', { ...at, field: 'name', id })
    if (typeof parentId !== 'string')
      throw new RegisterError('badField', { ...at, field: 'parentId', id })
    if (seen.has(id)) throw new RegisterError('duplicateId', { ...at, id })
    seen.add(id)
    orgs.push({
      id,
      name,
      parentId,
      type: String(type),
      dissolved: dissolvedOn !== '' && dissolvedOn !== null,
    })
  })
  if (orgs.length === 0) throw new RegisterError('noOrgs', { file })
  const byId = new Map(orgs.map((org) => [org.id, org]))
  const outside = orgs.filter((org) => org.parentId !== '' && !byId.has(org.parentId))
  // Orgs under an org left out are left out too.
  const left = new Set(outside.map((org) => org.id))
  for (let grew = true; grew;) {
    grew = false
    for (const org of orgs) {
      if (!left.has(org.id) && left.has(org.parentId)) {
        left.add(org.id)
        grew = true
      }
    }
  }
  const kept = orgs.filter((org) => !left.has(org.id))
  for (const org of kept) {
    const path = new Set()
    for (let at = org; at && at.parentId !== ''; at = byId.get(at.parentId)) {
      if (path.has(at.id)) throw new RegisterError('cycle', { id: org.id, name: org.name })
      path.add(at.id)
    }
  }
  return { kind, orgs: kept, leftOut: orgs.filter((org) => left.has(org.id)) }
}
