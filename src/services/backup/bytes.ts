import { BackupError } from '@/domain/backupFormat'

/**
 * Bytes in and out of a .zhibu file with what browsers (and Node 20) already have:
 * CompressionStream for gzip, crypto.subtle for SHA-256, btoa/atob for Blobs as text.
 */

const CHUNK = 0x8000

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function collect(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > cap) {
      // Stop inflating now: a gzip bomb never gets the memory it asks for.
      await reader.cancel().catch(() => undefined)
      throw new BackupError('decompressedTooLarge', { expected: cap })
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

export async function gzip(text: string): Promise<Uint8Array> {
  const input = streamOf(new TextEncoder().encode(text))
  return collect(input.pipeThrough(new CompressionStream('gzip')), Number.POSITIVE_INFINITY)
}

/** gzip magic number (RFC 1952): anything else is not a .zhibu file. */
export function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08
}

/**
 * Inflate at most `cap` bytes. A truncated or damaged stream (gzip's CRC-32 and length
 * trailer catch both) is 'corrupt'; more than `cap` is 'decompressedTooLarge'.
 */
export async function gunzipCapped(
  bytes: Uint8Array<ArrayBuffer>,
  cap: number,
): Promise<Uint8Array> {
  if (!looksGzipped(bytes)) throw new BackupError('notGzip')
  try {
    return await collect(streamOf(bytes).pipeThrough(new DecompressionStream('gzip')), cap)
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError('corrupt')
  }
}

/** UTF-8 that refuses bad sequences instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new BackupError('notJson')
  }
}
