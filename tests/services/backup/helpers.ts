import { readAllTables, saveSetting, SCHEMA_VERSION } from '@/db'
import { getDb } from '@/db/connection'
import { canonicalJson } from '@/domain/backupFormat'
import { BackupLineWriter, canonicalPayload } from '@/services/backup'
import { meeting, member, org } from '../../db/helpers'

/** A PNG's signature and a few bytes: photos are judged by their first bytes. */
export const PHOTO_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 128, 7, 1, 2, 3,
])

/**
 * fake-indexeddb clones values with the global structuredClone, which in Node turns a
 * (happy-dom) Blob into an empty object; a browser stores Blobs as they are. Blobs are
 * immutable, so sharing them keeps the semantics the tests rely on.
 */
export function keepBlobsInFakeIndexedDb(): void {
  const original = globalThis.structuredClone
  const clone = (value: unknown): unknown => {
    if (value instanceof Blob) return value
    if (Array.isArray(value)) return value.map(clone)
    if (typeof value === 'object' && value !== null) {
      const proto = Object.getPrototypeOf(value) as unknown
      if (proto !== Object.prototype && proto !== null) return original(value)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]))
    }
    return value
  }
  globalThis.structuredClone = ((value: unknown) => clone(value)) as typeof structuredClone
}

/** Everything in the database as canonical text per table (Blobs as their bytes). */
export async function digestAll(): Promise<Record<string, string>> {
  const tables = await readAllTables()
  const out: Record<string, string> = {}
  for (const [name, rows] of Object.entries(tables)) {
    const encoded = await Promise.all(rows.map(encodeForDigest))
    out[name] = canonicalJson(encoded)
  }
  return out
}

async function encodeForDigest(value: unknown): Promise<unknown> {
  if (value instanceof Blob) {
    return { blob: [...new Uint8Array(await value.arrayBuffer())].join(','), type: value.type }
  }
  if (Array.isArray(value)) return Promise.all(value.map(encodeForDigest))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = await encodeForDigest(v)
    return out
  }
  return value
}

/** The text inside a .zhibu file (JSON Lines for format 2, one document for format 1). */
export async function inflateText(blob: Blob): Promise<string> {
  const stream = blob.stream().pipeThrough(new DecompressionStream('gzip'))
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks))
}

export async function gzipText(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  return new Blob([Buffer.concat(chunks)])
}

/**
 * A backup file as one object, whatever its format: format 1's document as it is; format 2's
 * lines gathered (head fields, the end line's counts and checksums, `payload` per table).
 */
export async function readJson(blob: Blob): Promise<Record<string, unknown>> {
  const text = await inflateText(blob)
  const lines = text.split('\n').filter((line) => line !== '')
  if (lines.length === 1) return JSON.parse(lines[0]!) as Record<string, unknown>
  const file: Record<string, unknown> = JSON.parse(lines[0]!) as Record<string, unknown>
  const payload: Record<string, unknown[]> = {}
  let table = ''
  for (const line of lines.slice(1)) {
    const value = JSON.parse(line) as unknown
    if (Array.isArray(value) && value[0] === 'table') payload[(table = value[1] as string)] = []
    else if (Array.isArray(value) && value[0] === 'end') Object.assign(file, value[1])
    else payload[table]!.push(value)
  }
  file.payload = payload
  return file
}

export type BackupObject = Record<string, unknown> & { payload: Record<string, unknown[]> }

/** A format-2 file of an object as readJson gives it; `rehash` computes the end line anew. */
export function writeV2(file: BackupObject, rehash = true): Blob {
  const { payload, counts, checksum, dataChecksum, ...head } = file
  const writer = new BackupLineWriter(head as never)
  if (typeof payload === 'object' && payload !== null) {
    for (const name of Object.keys(payload).sort()) {
      const rows = payload[name]
      writer.table(name)
      // A mutation may have made a table something else: then it is one odd line.
      const list = Array.isArray(rows) ? [...rows] : rows === undefined ? [] : [rows]
      // A hole left by `delete` is null, as JSON has it.
      writer.rows(
        name,
        list.map((row: unknown) => row ?? null),
      )
    }
  }
  const override = rehash ? { counts } : { counts, checksum, dataChecksum }
  return writer.finish(override as never).blob
}

/** A format-1 file (one JSON document), as the app wrote them before format 2. */
export async function writeV1(file: BackupObject): Promise<Blob> {
  const { payload, ...rest } = file
  const { text, checksum, dataChecksum } = await canonicalPayload(payload)
  const header = { ...rest, formatVersion: 1, checksum, dataChecksum }
  return gzipText(`${JSON.stringify(header).slice(0, -1)},"payload":${text}}`)
}

/** Unpack a backup, change it, pack it again (format 2); `rehash` makes the checksums match. */
export async function rebuild(
  blob: Blob,
  mutate: (file: BackupObject) => void,
  rehash = true,
): Promise<Blob> {
  const file = (await readJson(blob)) as BackupObject
  mutate(file)
  return writeV2(file, rehash)
}

export const CURRENT_SCHEMA = SCHEMA_VERSION
export { getDb }

/**
 * A few records of several tables and a photo: the bad-file cases start from this small
 * set's backup (fast), and "nothing written" is checked against a database that is not empty.
 */
export async function loadSmallSet(): Promise<void> {
  const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }
  await getDb().areas.bulkPut(
    ['a', 'b', 'c'].map((id, i) => ({
      id,
      name: `地区${id}`,
      parentId: '',
      level: 'city' as const,
      path: `/${id}/`,
      code: '',
      retired: 'no' as const,
      sortOrder: i,
      ...stamp,
    })),
  )
  await getDb().firms.bulkPut(
    ['f1', 'f2'].map((id, i) => ({
      ...stamp,
      id,
      name: `企业${id}`,
      creditCode: ['91350100M000100Y43', '91110108MA01AB2C3T'][i]!,
      areaId: 'a',
      areaPath: '/a/',
      orgStatus: 'none' as const,
      nameTokens: ['企业'],
      industry: 'software' as const,
      sizeClass: 'below' as const,
      employees: 10,
      registeredOn: '2020-01-01',
      closedOn: '',
      instructor: '',
      liaison: '',
      address: '',
      note: '',
    })),
  )
  // What the member and the photo stand on: references resolve, or a restore refuses them.
  await getDb().orgs.put({ ...stamp, ...org('a'), id: 'o1', areaPath: '/a/' } as never)
  await getDb().meetings.put({ ...stamp, ...meeting('o1'), id: 'x' } as never)
  await getDb().members.put({
    ...stamp,
    ...member('o1', { name: '王芳' }),
    id: 'm1',
    lastAttendedOn: '',
  } as never)
  await getDb().photos.put({
    ...stamp,
    id: 'p1',
    meetingId: 'x',
    name: 'a.png',
    type: 'image/png',
    width: 1,
    height: 1,
    blob: new Blob([PHOTO_BYTES], { type: 'image/png' }),
  })
  await saveSetting('meeting.quorumRatio', 0.6)
}
