import { BackupError, isEncodedBlob } from '@/domain/backupFormat'
import { base64ToBytes, bytesToBase64 } from './bytes'

/**
 * Photos keep their image as a Blob; JSON cannot, so a Blob becomes
 * `{ "$blob": base64, "type": mime }` wherever it is (a photo, a photo in the recycle bin,
 * a photo inside a snapshot) and comes back as a Blob of the same type and bytes.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function hasBlob(value: unknown): boolean {
  if (value instanceof Blob) return true
  if (Array.isArray(value)) return value.some(hasBlob)
  if (isObject(value)) return Object.values(value).some(hasBlob)
  return false
}

async function encode(value: unknown): Promise<unknown> {
  if (value instanceof Blob) {
    return { $blob: bytesToBase64(new Uint8Array(await value.arrayBuffer())), type: value.type }
  }
  if (Array.isArray(value)) return Promise.all(value.map(encode))
  if (isObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = await encode(item)
    return out
  }
  return value
}

/** Rows with every Blob encoded; rows without a Blob are returned as they are. */
export async function encodeBlobs<T>(rows: readonly T[]): Promise<unknown[]> {
  const out: unknown[] = []
  for (const row of rows) out.push(hasBlob(row) ? await encode(row) : row)
  return out
}

interface FileReaderSyncLike {
  readAsArrayBuffer(blob: Blob): ArrayBuffer
}

const SyncReader = (globalThis as { FileReaderSync?: new () => FileReaderSyncLike }).FileReaderSync

/** Whether Blobs can be read without a promise here (a worker can, a page cannot). */
export const canEncodeBlobsSync = SyncReader !== undefined

function encodeSync(value: unknown, reader: FileReaderSyncLike): unknown {
  if (value instanceof Blob) {
    return {
      $blob: bytesToBase64(new Uint8Array(reader.readAsArrayBuffer(value))),
      type: value.type,
    }
  }
  if (Array.isArray(value)) return value.map((item) => encodeSync(item, reader))
  if (isObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = encodeSync(item, reader)
    return out
  }
  return value
}

/**
 * encodeBlobs without a promise (FileReaderSync), so a backup can encode a photo between
 * two requests of its transaction; rows without a Blob are returned as they are. Only
 * where canEncodeBlobsSync.
 */
export function encodeBlobsSync<T>(rows: readonly T[]): unknown[] {
  if (!SyncReader) throw new Error('FileReaderSync is not available here')
  const reader = new SyncReader()
  return rows.map((row) => (hasBlob(row) ? encodeSync(row, reader) : row))
}

/** Whether any of the rows holds a Blob somewhere. */
export function anyBlob(rows: readonly unknown[]): boolean {
  return rows.some(hasBlob)
}

function decode(value: unknown): unknown {
  if (isEncodedBlob(value)) {
    try {
      return new Blob([base64ToBytes(value.$blob)], { type: value.type })
    } catch {
      throw new BackupError('badBlob')
    }
  }
  if (Array.isArray(value)) return value.map(decode)
  if (isObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = decode(item)
    return out
  }
  return value
}

export function decodeBlobs(rows: readonly unknown[]): Record<string, unknown>[] {
  return rows.map((row) => decode(row) as Record<string, unknown>)
}
